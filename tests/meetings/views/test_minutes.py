"""Pages through the test client. Attendance, declarations and minutes pages. Bad, empty, huge,
duplicate and hostile input, and roles."""

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import Minute
from tests.factories import PersonFactory
from tests.meetings.factories import (
    committee_with_members,
    published_meeting,
)
from tests.meetings.views.pages import errors

pytestmark = pytest.mark.django_db


def test_a_substitute_for_a_non_member_is_refused(editor):
    committee, people = committee_with_members()
    meeting, _ = published_meeting(committee)
    outsider, stand_in = PersonFactory(), PersonFactory()
    body = errors(
        editor.post(
            reverse("meetings:attendance", kwargs={"pk": meeting.pk}),
            {"person": stand_in.pk, "status": "substitute", "substitute_for": outsider.pk},
        )
    )
    assert "is not a member" in body
    assert not meeting.attendance.exists()


def test_a_duplicate_minute_number_is_refused_and_the_text_kept(editor):
    committee, _ = committee_with_members()
    meeting, _ = published_meeting(committee)
    services.meeting_status_set(meeting=meeting, status="held", today=meeting.date)
    first, second, *_ = services.minutes_draft(meeting=meeting)
    body = errors(
        editor.post(
            reverse("meetings:minute-edit", kwargs={"pk": first.pk}),
            {"number": second.number, "title": "Apologies", "issues": "Typed text"},
        )
    )
    assert f"Minute {second.number} already exists" in body and "Typed text" in body
    assert Minute.objects.get(pk=first.pk).number == first.number


def test_a_decision_with_an_action_but_no_owner_is_refused(editor):
    committee, _ = committee_with_members()
    meeting, _ = published_meeting(committee)
    services.meeting_status_set(meeting=meeting, status="held", today=meeting.date)
    minute = services.minutes_draft(meeting=meeting)[-1]
    body = errors(
        editor.post(
            reverse("meetings:minute-edit", kwargs={"pk": minute.pk}),
            {"add_decision": "1", "text": "Agreed.", "action_description": "Do it"},
        )
    )
    assert "Choose who owns the action" in body and "Agreed." in body
    assert not minute.decisions.exists()


def test_members_attendance_in_one_form(editor):
    committee, (chair, member, other) = committee_with_members()
    meeting, _ = published_meeting(committee)
    url = reverse("meetings:attendance", kwargs={"pk": meeting.pk})
    body = errors(editor.post(url, {"bulk": "1", f"member_{chair.pk}": "asleep"}))
    assert "Choose present, apologies or absent" in body
    assert not meeting.attendance.exists()
    editor.post(
        url, {"bulk": "1", f"member_{chair.pk}": "present", f"member_{member.pk}": "apologies"}
    )
    assert dict(meeting.attendance.values_list("person", "status")) == {
        chair.pk: "present",
        member.pk: "apologies",
    }
    assert f'name="member_{other.pk}"' in editor.get(url).content.decode()


def test_a_decision_is_removed_from_draft_minutes(editor):
    committee, _ = committee_with_members()
    meeting, _ = published_meeting(committee)
    services.meeting_status_set(meeting=meeting, status="held", today=meeting.date)
    minute = services.minutes_draft(meeting=meeting)[-1]
    decision = services.decision_add(minute=minute, text="Agreed.")
    url = reverse("meetings:minute-edit", kwargs={"pk": minute.pk})
    response = editor.post(url, {"remove_decision": "999999"}, follow=True)
    assert "not part of this minute" in response.content.decode()
    editor.post(url, {"remove_decision": str(decision.pk)})
    assert not minute.decisions.exists()
