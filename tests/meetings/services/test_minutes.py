"""Services of the meetings app: minutes, decisions and their confirmation."""

from datetime import date

import pytest

from meetings import selectors, services
from meetings.models import Action, Meeting, Minute, Section
from shp.errors import ApplicationError
from tests.meetings.factories import (
    committee_with_members,
    published_meeting,
    scheduled_meeting,
)

pytestmark = pytest.mark.django_db


def test_minutes_continue_the_municipal_years_numbering_and_confirm_at_the_next_meeting():
    committee, (chair, *_) = committee_with_members()
    first, item = published_meeting(committee, day=date(2030, 6, 14))
    services.meeting_status_set(meeting=first, status="held", today=first.date)
    services.declaration_record(
        meeting=first, item=item, person=chair, nature="personal", description="Panel member"
    )
    minutes = services.minutes_draft(meeting=first)
    assert [m.number for m in minutes] == [1, 2, 3, 4, 5]
    assert "Panel member" in minutes[1].issues
    assert minutes[4].purpose == "To agree the strategy."
    decision = services.decision_add(
        minute=minutes[4],
        text="Approved.",
        action_description="Consult",
        owner=chair,
        due_date=date(2030, 9, 1),
    )
    services.decision_add(minute=minutes[4], text="Noted.")
    assert [d.numeral for d in minutes[4].decisions.all()] == ["(i)", "(ii)"]
    with pytest.raises(ApplicationError, match="already exists"):
        services.minute_update(minute=minutes[0], number=2, title="Apologies")
    assert Minute.objects.get(pk=minutes[0].pk).number == 1

    second, _ = published_meeting(committee, day=date(2030, 9, 20))
    assert list(selectors.open_actions_for(meeting=second)) == [decision.actions.get()]
    services.meeting_status_set(meeting=second, status="held", today=second.date)
    second_minutes = services.minutes_draft(meeting=second)
    assert second_minutes[0].number == 6
    services.minutes_confirm(meeting=first, at_meeting=second)
    first.refresh_from_db()
    assert first.status == Meeting.Status.MINUTES_CONFIRMED
    assert first.minutes_confirmed_at_meeting == second
    with pytest.raises(ApplicationError, match="confirmed"):
        services.decision_add(minute=minutes[0], text="Too late")
    action = Action.objects.get()
    services.action_update(action=action, status="done", today=date(2030, 9, 20))
    assert not selectors.open_actions_for(meeting=second).exists()


def test_urgent_business_gets_the_chairs_ruling_minute():
    committee, _ = committee_with_members()
    meeting, _ = published_meeting(committee)
    services.agenda_item_add(
        meeting=meeting,
        section=Section.URGENT,
        title="Youth justice review",
        urgency_reason="Reports in summer.",
    )
    services.meeting_status_set(meeting=meeting, status="held", today=meeting.date)
    minutes = services.minutes_draft(meeting=meeting)
    assert [m.kind for m in minutes[-2:]] == [Minute.Kind.URGENT_RULING, Minute.Kind.ITEM]
    assert "100B(4)(b)" in minutes[-2].issues
    assert "Reports in summer." in minutes[-1].issues


def test_minutes_cannot_be_confirmed_without_a_minutes_item():
    committee, _ = committee_with_members()
    meeting, _ = published_meeting(committee)
    services.meeting_status_set(meeting=meeting, status="held", today=meeting.date)
    services.minutes_draft(meeting=meeting)
    other, _ = committee_with_members("Other Group")
    with pytest.raises(ApplicationError):
        services.minutes_confirm(
            meeting=meeting, at_meeting=scheduled_meeting(other, day=date(2030, 7, 1))
        )


def test_minutes_are_not_confirmed_at_a_meeting_whose_agenda_is_unpublished():
    committee, _ = committee_with_members()
    meeting, _ = published_meeting(committee)
    services.meeting_status_set(meeting=meeting, status="held", today=meeting.date)
    services.minutes_draft(meeting=meeting)
    later = scheduled_meeting(committee, day=date(2030, 9, 20), today=date(2030, 6, 20))
    assert later.items.filter(minutes_of=meeting).exists()  # its standing Minutes item
    with pytest.raises(ApplicationError, match="is not published"):
        services.minutes_confirm(meeting=meeting, at_meeting=later)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD and meeting.minutes_confirmed_at_meeting is None


def test_removing_a_decision_renumbers_the_rest():
    committee, _ = committee_with_members()
    meeting, _ = published_meeting(committee)
    services.meeting_status_set(meeting=meeting, status="held", today=meeting.date)
    minute = services.minutes_draft(meeting=meeting)[-1]
    first = services.decision_add(minute=minute, text="One.")
    services.decision_add(minute=minute, text="Two.")
    services.decision_remove(decision=first)
    assert [(d.numeral, d.text) for d in minute.decisions.all()] == [("(i)", "Two.")]
