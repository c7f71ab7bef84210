"""factory_boy factories for scenario data; reference data comes from fixtures/."""

import factory
from django.utils.text import slugify

from shp import services
from shp.models import Job, Organisation, Person, User
from shp.roles import Role

TEST_PASSWORD = "correct-horse-battery-staple"  # noqa: S105


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Partner Organisation {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = Organisation.Kind.COUNCIL


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User{n}")
    password = factory.django.Password(TEST_PASSWORD)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    job_title = "Officer"
    organisation = factory.SubFactory(OrganisationFactory)


class JobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Job

    kind = "test"
    title = factory.Sequence(lambda n: f"Job {n}")
    total_steps = 3


def user_with_role(role: Role | None, *, username: str | None = None, organisation=None) -> User:
    """A user holding exactly ``role`` (or none), with a person at ``organisation``."""
    user = UserFactory(username=username or f"{role.value if role else 'norole'}-user")
    services.user_roles_set(user=user, roles={role} if role else set())
    Person.objects.get_or_create(
        user=user,
        defaults={
            "name": user.get_full_name(),
            "organisation": organisation or OrganisationFactory(name="Test Partner Organisation"),
        },
    )
    return user
