"""Services of the meetings app: scheduling meetings and changing them."""

from datetime import date, time

import pytest

from meetings import services
from shp.errors import ApplicationError
from tests.meetings.factories import (
    committee_with_members,
    scheduled_meeting,
)

pytestmark = pytest.mark.django_db


def test_scheduling_adds_the_standing_items_and_links_the_last_minutes():
    committee, _ = committee_with_members()
    first = scheduled_meeting(committee, day=date(2030, 3, 1), today=date(2030, 1, 1))
    second = scheduled_meeting(committee, day=date(2030, 6, 14))
    titles = [item.title for item in second.items.in_agenda_order()]
    assert titles == [
        "Apologies for absence",
        "Declarations of interest by members",
        "Minutes of the meeting held on 1 March 2030",
        "Matters arising from the minutes",
        "Any other business which the chair considers urgent",
        "Date of next meeting",
    ]
    assert second.items.get(minutes_of__isnull=False).minutes_of == first
    assert second.municipal_year == 2030 and first.municipal_year == 2029


def test_a_meeting_in_the_past_is_saved_with_a_warning():
    committee, _ = committee_with_members()
    meeting, warnings = services.meeting_schedule(
        committee=committee,
        day=date(2016, 3, 11),
        start_time=time(10),
        venue="Civic Centre",
        today=date(2030, 1, 1),
    )
    assert meeting.pk and "in the past" in warnings[0]


def test_the_same_date_and_time_twice_is_refused():
    committee, _ = committee_with_members()
    scheduled_meeting(committee)
    with pytest.raises(ApplicationError, match="already has a meeting"):
        scheduled_meeting(committee)


def test_the_end_time_must_follow_the_start():
    committee, _ = committee_with_members()
    meeting = scheduled_meeting(committee)
    with pytest.raises(ApplicationError, match="after the start"):
        services.meeting_update(
            meeting=meeting, day=meeting.date, start_time=time(10), venue="Hall", end_time=time(9)
        )
    services.meeting_update(
        meeting=meeting, day=meeting.date, start_time=time(10), venue="Hall", end_time=time(11, 55)
    )
    assert meeting.end_time == time(11, 55)


def test_a_meeting_is_marked_held_only_once_its_day_has_come():
    committee, _ = committee_with_members()
    meeting = scheduled_meeting(committee, day=date(2030, 6, 14), today=date(2030, 1, 2))
    with pytest.raises(ApplicationError, match="has not come yet"):
        services.meeting_status_set(meeting=meeting, status="held", today=date(2030, 6, 13))
    meeting.refresh_from_db()
    assert meeting.status == meeting.Status.SCHEDULED
    services.meeting_status_set(meeting=meeting, status="held", today=date(2030, 6, 14))
    meeting.refresh_from_db()
    assert meeting.status == meeting.Status.HELD
