"""Pages through the test client. Reading pages and feeds: what the public, members and officers
see. Bad, empty, huge, duplicate and hostile input, and roles."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import Meeting, Section
from shp.roles import Role
from tests.meetings.factories import (
    committee_with_members,
    published_meeting,
    scheduled_meeting,
    seat_holder,
)

pytestmark = pytest.mark.django_db


def test_members_read_exempt_papers_and_the_public_never_does(client, role_user):
    committee, _ = committee_with_members()
    meeting, _ = published_meeting(committee, exempt=True)
    secret = meeting.items.get(title="Named offenders")
    url = reverse("meetings:report-detail", kwargs={"pk": secret.pk})
    assert client.get(url).status_code == 404
    public_page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Named offenders" not in public_page and "Test strategy" in public_page
    assert "Exempt information: paragraph" in public_page  # listed, with its paragraph
    # A partner without a seat on this committee sees what the public sees.
    client.force_login(role_user(Role.MEMBER))
    assert client.get(url).status_code == 404
    assert "Named offenders" not in client.get(meeting.get_absolute_url()).content.decode()
    # A seat holder and a named substitute read it.
    for user in (
        seat_holder(committee, username="holder"),
        seat_holder(committee, username="substitute", substitute=True),
    ):
        client.force_login(user)
        assert client.get(url).status_code == 200
        assert "Named offenders" in client.get(meeting.get_absolute_url()).content.decode()


def test_unpublished_agendas_and_draft_minutes_are_private(client, role_user):
    committee, _ = committee_with_members()
    meeting = scheduled_meeting(
        committee, day=timezone.localdate() + timedelta(days=60), today=timezone.localdate()
    )
    item = services.agenda_item_add(meeting=meeting, section=Section.DECISION, title="Draft plan")
    assert "Draft plan" not in client.get(meeting.get_absolute_url()).content.decode()
    assert client.get(reverse("meetings:report-detail", kwargs={"pk": item.pk})).status_code == 404
    published, _ = published_meeting(committee, day=date(2030, 6, 14))
    services.meeting_status_set(meeting=published, status="held", today=published.date)
    services.minutes_draft(meeting=published)
    minutes_url = reverse("meetings:minutes", kwargs={"pk": published.pk})
    assert client.get(minutes_url).status_code == 404
    client.force_login(role_user(Role.MEMBER))
    assert "Draft" in client.get(minutes_url).content.decode()


def test_ical_and_rss_feeds(client):
    committee, _ = committee_with_members()
    meeting, _ = published_meeting(committee, exempt=True)
    ical = client.get(reverse("meetings:calendar"))
    assert ical["Content-Type"].startswith("text/calendar")
    body = ical.content.decode()
    assert "BEGIN:VEVENT" in body and "DTSTART:20300614T090000Z" in body  # 10:00 BST
    rss = client.get(reverse("meetings:papers-feed")).content.decode()
    assert "Test strategy" in rss and "Named offenders" not in rss


def test_unknown_and_malformed_ids_are_404(editor):
    assert editor.get("/meetings/999999/").status_code == 404
    assert editor.get("/meetings/items/999999/report/").status_code == 404
    assert editor.get("/meetings/not-a-number/").status_code == 404


def test_the_seed_minutes_page_shows_the_record(client):
    from django.core.management import call_command

    call_command(
        "loaddata",
        "partnership.json",
        "meetings/committee.json",
        "meetings/meetings_2016.json",
        verbosity=0,
    )
    march = Meeting.objects.get(date=date(2016, 3, 11))
    body = client.get(reverse("meetings:minutes", kwargs={"pk": march.pk})).content.decode()
    assert "Every responsible authority was represented." in body
    assert "52. Apologies for Absence" in body and "65. Any Other Business" in body
    assert "(iii) That the Police and Crime Commissioner" in body
    assert "Councillor Jim Lindridge, as substitute for Councillor Marjorie James" in body
    assert "The meeting ended at 11.55 a.m." in body


def test_a_cancelled_meeting_stays_in_the_calendar_as_cancelled(client):
    committee, _ = committee_with_members()
    meeting = scheduled_meeting(committee)
    meeting.venue = "Civic Centre\r\nCommittee Room B; 2nd floor"
    meeting.save()
    services.meeting_status_set(meeting=meeting, status="cancelled")
    body = client.get(reverse("meetings:calendar")).content.decode()
    event = body.split("BEGIN:VEVENT")[1]
    assert "STATUS:CANCELLED" in event
    assert "LOCATION:Civic Centre\\nCommittee Room B\\; 2nd floor" in event
    assert "\r" not in event.replace("\r\n", "")  # no bare carriage return inside a line


def test_the_committee_pages_title_is_its_name_alone(client):
    from meetings.models import Committee

    committee, _ = committee_with_members()
    Committee.objects.create(name="Sub-group on <b>reoffending</b>", slug="sub", parent=committee)
    body = client.get(committee.get_absolute_url()).content.decode()
    title = body.split("<title>")[1].split("</title>")[0]
    assert "<h2" not in title and "Sub-groups" not in title and committee.name in title
    assert "Sub-groups" in body.split("<main")[1]
    assert "&lt;b&gt;reoffending&lt;/b&gt;" in body
