"""Sign-in, sign-out, password reset, error pages and CSRF, through the test client."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from shp.roles import Role
from tests.factories import TEST_PASSWORD


def sign_in(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


@pytest.mark.django_db
def test_wrong_password_is_a_clear_error_in_the_error_summary(client, role_user):
    user = role_user(Role.OFFICER)
    response = sign_in(client, user.username, "wrong-password")
    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in body
    assert "Enter a correct username and password" in body
    assert "<title>Error: Sign in" in body
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_empty_sign_in_form_names_each_missing_field(client):
    body = sign_in(client, "", "").content.decode()
    assert body.count('class="govuk-error-message"') == 2


@pytest.mark.django_db
def test_right_password_signs_in_and_lands_on_home(client, role_user):
    user = role_user(Role.MEMBER)
    response = sign_in(client, user.username, TEST_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_repeated_failures_lock_the_account_for_a_while(client, role_user, settings):
    user = role_user(Role.OFFICER)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, user.username, "wrong-password")
    response = sign_in(client, user.username, TEST_PASSWORD)
    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_one_password_tried_against_many_accounts_locks_the_client(client, role_user, settings):
    victims = [
        role_user(Role.OFFICER, username=f"user{n}") for n in range(settings.AXES_FAILURE_LIMIT)
    ]
    for victim in victims:
        sign_in(client, victim.username, "Summer2026!")
    other = role_user(Role.MEMBER, username="untouched")
    response = sign_in(client, other.username, TEST_PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    elsewhere = Client(REMOTE_ADDR="10.0.0.9")  # another client is not locked out
    assert sign_in(elsewhere, other.username, TEST_PASSWORD).status_code == 302


@pytest.fixture
def fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
def test_password_reset_is_limited_per_address(client, role_user, settings, fresh_cache):
    settings.PASSWORD_RESET_RATE_PER_ADDRESS = "3/h"
    user = role_user(Role.OFFICER)
    for _ in range(3):
        assert client.post(reverse("password_reset"), {"email": user.email}).status_code == 302
    response = client.post(reverse("password_reset"), {"email": user.email.upper()})
    assert response.status_code == 429 and "Too many requests" in response.content.decode()
    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_password_reset_is_limited_per_client(client, settings, fresh_cache):
    settings.PASSWORD_RESET_RATE_PER_CLIENT = "5/h"
    for n in range(5):
        client.post(reverse("password_reset"), {"email": f"probe{n}@example.org"})
    response = client.post(reverse("password_reset"), {"email": "probe9@example.org"})
    assert response.status_code == 429
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.post(reverse("password_reset"), {"email": "probe9@example.org"}).status_code == 302


@pytest.mark.django_db
def test_sign_out_needs_a_post_and_ends_the_session(client, role_user):
    client.force_login(role_user(Role.OFFICER))
    assert client.get(reverse("logout")).status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_forms_refuse_a_post_without_csrf_token(role_user):
    client = Client(enforce_csrf_checks=True)
    user = role_user(Role.OFFICER)
    response = client.post(reverse("login"), {"username": user.username, "password": TEST_PASSWORD})
    assert response.status_code == 403
    assert "Your form has expired" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_password_reset_by_email_end_to_end(client, role_user):
    user = role_user(Role.OFFICER)
    response = client.post(reverse("password_reset"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password-reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    new_password = "a-much-longer-new-passphrase"
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)
    # The link works once.
    assert "This link has expired" in client.get(link, follow=True).content.decode()


@pytest.mark.django_db
def test_password_reset_for_unknown_email_says_the_same_and_sends_nothing(client):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


@pytest.mark.django_db
def test_password_reset_rejects_a_malformed_email(client):
    body = client.post(reverse("password_reset"), {"email": "not an email"}).content.decode()
    assert "govuk-error-summary" in body
    assert mail.outbox == []


@pytest.mark.django_db
def test_password_change_rejects_a_weak_password_and_keeps_the_old_one(client, role_user):
    user = role_user(Role.MEMBER)
    client.force_login(user)
    body = client.post(
        reverse("password_change"),
        {"old_password": TEST_PASSWORD, "new_password1": "short", "new_password2": "short"},
    ).content.decode()
    assert "govuk-error-summary" in body
    user.refresh_from_db()
    assert user.check_password(TEST_PASSWORD)


@pytest.mark.django_db
@pytest.mark.urls("tests.shp.urls_failing")
def test_server_error_page_shows_no_traceback(client):
    client.raise_request_exception = False
    response = client.get("/fail/")
    body = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in body
    assert "secret internal detail" not in body
    assert "Traceback" not in body


@pytest.mark.django_db
def test_home_routes_each_role_to_its_work(client, role_user):
    headings = {
        Role.OFFICER: "Performance officer",
        Role.PERFORMANCE_LEAD: "Performance lead",
        Role.MEMBER: "Partnership member",
        Role.DEMOCRATIC_SERVICES: "Democratic services",
        Role.ADMINISTRATOR: "Administrator",
    }
    for role, heading in headings.items():
        client.force_login(role_user(role))
        body = client.get(reverse("home")).content.decode()
        assert f">{heading}</h2>" in body
        others = [h for r, h in headings.items() if r != role]
        assert not any(f">{h}</h2>" in body for h in others)


@pytest.mark.django_db
def test_a_user_without_a_role_is_told_so(client, role_user):
    client.force_login(role_user(None))
    body = client.get(reverse("home")).content.decode()
    assert "Your account has no role yet" in body
    assert reverse("shp:job-list") not in body


@pytest.mark.django_db
def test_demo_job_form_refuses_bad_step_counts_and_queues_nothing(client, role_user):
    from shp.models import Job

    client.force_login(role_user(Role.PERFORMANCE_LEAD))
    for value, message in [
        ("", "Enter a number of steps"),
        ("12a", "whole number"),
        ("0", "1 or more"),
        ("100000000000000000000", "or fewer"),
        ("-5", "1 or more"),
    ]:
        body = client.post(reverse("shp:job-list"), {"steps": value}).content.decode()
        assert "govuk-error-summary" in body, value
        assert message in body, value
    assert Job.objects.count() == 0


@pytest.mark.django_db
def test_organisation_pages_list_the_partners(client):
    from tests.factories import OrganisationFactory, PersonFactory

    organisation = OrganisationFactory(name="Cleveland Fire Brigade", is_responsible_authority=True)
    PersonFactory(name="Steve Example", organisation=organisation, email="steve@example.org")
    listing = client.get(reverse("shp:organisation-list")).content.decode()
    assert "Cleveland Fire Brigade" in listing
    detail = client.get(organisation.get_absolute_url()).content.decode()
    assert "Steve Example" in detail
    assert "steve@example.org" not in detail  # the public does not see e-mail addresses


@pytest.mark.django_db
def test_private_responses_are_not_cached_and_public_ones_may_be(client, role_user):
    from shp.roles import Role

    public = client.get("/accessibility/")
    assert public["Cache-Control"] == "public, max-age=300"
    client.force_login(role_user(Role.MEMBER))
    for url in ("/accessibility/", "/indicators/dashboard/", "/meetings/"):
        response = client.get(url)
        assert response["Cache-Control"] == "private, no-store", url


@pytest.mark.django_db
def test_a_page_with_a_form_token_is_never_public(client):
    response = client.get("/accounts/sign-in/")
    assert "public" not in response.get("Cache-Control", "")
