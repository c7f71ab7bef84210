"""Role groups, demo data, job progress and audit history."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from shp import services
from shp.errors import ApplicationError
from shp.models import Job, Organisation, Person, User
from shp.roles import Role


@pytest.mark.django_db
def test_role_groups_sync_is_idempotent_and_grants_only_listed_permissions():
    services.role_groups_sync()
    services.role_groups_sync()
    assert set(Group.objects.values_list("name", flat=True)) == set(Role.values)
    member = Group.objects.get(name=Role.MEMBER)
    codenames = set(member.permissions.values_list("codename", flat=True))
    assert codenames == {"view_organisation", "view_person"}
    admin = Group.objects.get(name=Role.ADMINISTRATOR)
    assert admin.permissions.filter(codename="change_user").exists()


@pytest.mark.django_db
def test_user_roles_set_replaces_roles_and_sets_staff_for_administrators(role_user):
    user = role_user(Role.OFFICER)
    services.user_roles_set(user=user, roles={Role.ADMINISTRATOR})
    user = User.objects.get(pk=user.pk)
    assert user.role_set() == {Role.ADMINISTRATOR}
    assert user.is_staff
    services.user_roles_set(user=user, roles=set())
    user = User.objects.get(pk=user.pk)
    assert user.role_set() == frozenset()
    assert not user.is_staff


@pytest.mark.django_db
def test_an_inactive_user_holds_no_role(role_user):
    user = role_user(Role.MEMBER)
    user.is_active = False
    user.save()
    assert User.objects.get(pk=user.pk).role_set() == frozenset()


@pytest.mark.django_db
def test_load_demo_twice_changes_nothing_the_second_time(capsys):
    call_command("load_demo")
    first = (Organisation.objects.count(), Person.objects.count(), User.objects.count())
    call_command("load_demo")
    second = (Organisation.objects.count(), Person.objects.count(), User.objects.count())
    assert first == second
    assert first[0] >= 10
    printed = capsys.readouterr().out
    for role in Role:
        assert role.label in printed
    for user in User.objects.all():
        assert len(user.role_set()) == 1


@pytest.mark.django_db
def test_demo_users_sign_in_with_the_printed_passwords():
    from shp.demo import DEMO_USERS

    call_command("load_demo")
    for demo in DEMO_USERS:
        user = User.objects.get(username=demo.username)
        assert user.check_password(demo.password)
        assert user.role_set() == {demo.role}
        assert user.person.organisation.slug == demo.organisation_slug


@pytest.mark.django_db
def test_changes_to_people_are_kept_with_who_made_them(role_user):
    editor = role_user(Role.ADMINISTRATOR)
    call_command("load_demo", "--no-users")
    person = Person.objects.get(name="Clare Clark")
    person._history_user = editor
    person.job_title = "Head of Community Safety"
    person.save()
    latest = person.history.first()
    assert latest.history_user == editor
    assert latest.job_title == "Head of Community Safety"
    assert latest.prev_record.job_title == "Head of Community Safety and Engagement"


@pytest.mark.django_db
def test_job_progress_and_completion():
    job = services.job_create(kind="t", title="T", total_steps=4, created_by=None)
    assert (job.status, job.percent) == (Job.Status.QUEUED, 0)
    services.job_progress(job_id=job.pk, step=1, message="one")
    job.refresh_from_db()
    assert (job.status, job.percent, job.message) == (Job.Status.RUNNING, 25, "one")
    assert job.started_at is not None
    services.job_succeed(job_id=job.pk, result_url="/x/")
    job.refresh_from_db()
    assert (job.status, job.percent, job.result_url) == (Job.Status.SUCCEEDED, 100, "/x/")


@pytest.mark.django_db
def test_job_failure_keeps_the_reason():
    job = services.job_create(kind="t", title="T", total_steps=2, created_by=None)
    services.job_fail(job_id=job.pk, error="ValueError: bad input")
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.is_finished
    assert job.error == "ValueError: bad input"


@pytest.mark.django_db
@pytest.mark.parametrize("steps", [0, -1, 21])
def test_demo_job_refuses_out_of_range_steps(role_user, steps):
    with pytest.raises(ApplicationError):
        services.demo_job_start(user=role_user(Role.ADMINISTRATOR), steps=steps)
    assert Job.objects.count() == 0
