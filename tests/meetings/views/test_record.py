"""Pages through the test client. A held meeting's record in public before confirmation: the
decision notice and the draft minutes "subject to confirmation" (page and PDF), exempt ones
still withheld; who may publish; publishing twice or too early."""

import subprocess
from datetime import date

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import Meeting
from shp.roles import Role
from tests.meetings.factories import committee_with_members, published_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    committee, people = committee_with_members()
    meeting, _ = published_meeting(committee, day=date(2030, 6, 14), exempt=True)
    services.meeting_status_set(meeting=meeting, status="held", today=meeting.date)
    minutes = services.minutes_draft(meeting=meeting)
    public = next(m for m in minutes if m.title == "Test strategy")
    secret = next(m for m in minutes if m.title == "Named offenders")
    services.decision_add(minute=public, text="That the Curlew strategy be adopted.")
    services.decision_add(minute=secret, text="That the Magpie names be passed on.")
    return meeting


def urls(meeting):
    return {
        name: reverse(f"meetings:{name}", kwargs={"pk": meeting.pk})
        for name in ("minutes", "minutes-pdf", "decision-notice", "record-publish")
    }


def pdf_text(response) -> str:
    done = subprocess.run(
        ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
    )
    return done.stdout.decode()


def test_the_record_reaches_the_public_in_steps(client, role_user, held):
    url = urls(held)
    for name in ("minutes", "minutes-pdf", "decision-notice"):
        assert client.get(url[name]).status_code == 404, name
    assert "Curlew" not in client.get(reverse("meetings:decision-register")).content.decode()
    clerk = role_user(Role.DEMOCRATIC_SERVICES)
    client.force_login(clerk)
    client.post(url["record-publish"], {"what": "decisions"})
    client.logout()
    notice = client.get(url["decision-notice"]).content.decode()
    assert "Curlew strategy be adopted" in notice and "Magpie" not in notice
    register = client.get(reverse("meetings:decision-register")).content.decode()
    assert "Curlew" in register and "Draft minutes, not yet confirmed" in register
    assert client.get(url["minutes"]).status_code == 404
    client.force_login(clerk)
    client.post(url["record-publish"], {"what": "minutes"})
    client.logout()
    minutes = client.get(url["minutes"]).content.decode()
    assert "Draft, subject to confirmation" in minutes and "Curlew" in minutes
    assert "Magpie" not in minutes and "Named offenders" not in minutes
    text = " ".join(pdf_text(client.get(url["minutes-pdf"])).split())
    assert "Draft, subject to confirmation" in text and "Curlew strategy be adopted" in text
    assert "Magpie" not in text


def test_members_of_the_committee_read_the_exempt_part_of_the_pdf(client, held):
    from tests.meetings.factories import seat_holder

    client.force_login(seat_holder(held.committee, username="holder"))
    text = pdf_text(client.get(urls(held)["minutes-pdf"]))
    assert "Magpie" in text and "Private part" in text


@pytest.mark.parametrize("role", [None, Role.MEMBER, Role.OFFICER])
def test_only_democratic_services_publish_the_record(client, role_user, held, role):
    if role:
        client.force_login(role_user(role))
    response = client.post(urls(held)["record-publish"], {"what": "minutes"})
    assert response.status_code == (302 if role is None else 403)
    held.refresh_from_db()
    assert held.draft_minutes_published_at is None


def test_publishing_twice_or_too_early_is_explained(client, role_user, held):
    client.force_login(role_user(Role.DEMOCRATIC_SERVICES))
    url = urls(held)["record-publish"]
    client.post(url, {"what": "decisions"})
    again = client.post(url, {"what": "decisions"}, follow=True).content.decode()
    assert "already published" in again
    bad = client.post(url, {"what": "<everything>"}, follow=True).content.decode()
    assert "Choose to publish" in bad and "<everything>" not in bad
    committee, _ = committee_with_members("Another Partnership")
    future, _ = published_meeting(committee, day=date(2030, 9, 20))
    early = client.post(urls(future)["record-publish"], {"what": "minutes"}, follow=True)
    assert "Only a meeting that has been held" in early.content.decode()
    assert Meeting.objects.get(pk=future.pk).draft_minutes_published_at is None


def test_the_notice_is_due_a_set_number_of_working_days_after(held, settings):
    settings.MEETINGS_DECISION_NOTICE_WORKING_DAYS = 3
    assert services.decision_notice_due(held) == date(2030, 6, 19)  # Fri 14 → Wed 19 June
