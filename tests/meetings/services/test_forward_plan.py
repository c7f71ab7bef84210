"""Services of the meetings app: the forward plan, its key-decision notice, stale saves, and
building an agenda from it."""

from datetime import date

import pytest

from meetings import services
from meetings.models import ForwardPlanItem, Section
from shp.errors import ApplicationError
from tests.meetings.factories import committee_with_members, scheduled_meeting

pytestmark = pytest.mark.django_db

TODAY = date(2030, 1, 2)


def plan(committee, meeting, **changes):
    values = {
        "committee": committee,
        "meeting": meeting,
        "section": Section.DECISION,
        "title": "Community Safety Plan 2030-33",
        "lead_officer": "Director of Regeneration and Neighbourhoods",
        "is_key_decision": True,
        "today": TODAY,
    }
    return services.forward_plan_item_add(**{**values, **changes})


@pytest.fixture
def committee():
    committee, _ = committee_with_members()
    return committee


def test_a_key_decision_needs_28_clear_days_or_a_published_reason(committee):
    soon = scheduled_meeting(committee, day=date(2030, 1, 30), today=TODAY)  # 27 clear days
    later = scheduled_meeting(committee, day=date(2030, 1, 31), today=TODAY)  # 28
    with pytest.raises(ApplicationError, match="would have 27") as raised:
        plan(committee, soon)
    assert raised.value.field == "urgency_reason"
    assert not ForwardPlanItem.objects.exists()
    item = plan(committee, later, urgency_reason="Not needed")
    assert item.notice_days == 28 and item.urgency_reason == ""
    urgent = plan(committee, soon, urgency_reason="The grant conditions need it by February.")
    assert urgent.urgency_reason.startswith("The grant")
    not_key = plan(committee, soon, is_key_decision=False, title="Update")
    assert not_key.published_on == TODAY


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"title": "  "}, "title"),
        ({"lead_officer": ""}, "lead_officer"),
        ({"section": Section.MINUTES}, "section"),
        ({"exempt_paragraph": 3}, "exempt_reason"),
    ],
)
def test_bad_items_are_refused_and_nothing_is_saved(committee, changes, field):
    meeting = scheduled_meeting(committee, day=date(2030, 6, 14), today=TODAY)
    with pytest.raises(ApplicationError) as raised:
        plan(committee, meeting, **changes)
    assert raised.value.field == field
    assert not ForwardPlanItem.objects.exists()


def test_only_the_committees_meetings_still_to_come_take_planned_items(committee):
    other, _ = committee_with_members("Other Partnership")
    theirs = scheduled_meeting(other, day=date(2030, 6, 14), today=TODAY)
    past = scheduled_meeting(committee, day=date(2029, 6, 14), today=TODAY)
    for meeting in (theirs, past):
        with pytest.raises(ApplicationError) as raised:
            plan(committee, meeting)
        assert raised.value.field == "meeting"


def test_a_stale_change_is_refused_and_the_newer_one_stands(committee):
    meeting = scheduled_meeting(committee, day=date(2030, 6, 14), today=TODAY)
    item = plan(committee, meeting)
    fields = {
        "meeting": meeting,
        "section": Section.DECISION,
        "lead_officer": "Chief Inspector",
        "is_key_decision": True,
        "today": TODAY,
    }
    services.forward_plan_item_update(item=item, read_version=1, title="First change", **fields)
    with pytest.raises(ApplicationError, match="after you opened"):
        services.forward_plan_item_update(
            item=item, read_version=1, title="Second change", **fields
        )
    with pytest.raises(ApplicationError, match="after you opened"):
        services.forward_plan_item_remove(item=item, read_version=1)
    assert ForwardPlanItem.objects.get().title == "First change"


def test_building_the_agenda_adds_the_planned_items_once(committee):
    meeting = scheduled_meeting(committee, day=date(2030, 6, 14), today=TODAY)
    plan(committee, meeting)
    plan(
        committee,
        meeting,
        title="Named offenders",
        section=Section.INFORMATION,
        is_key_decision=False,
        exempt_paragraph=7,
        public_title="Offender management",
        exempt_reason="Information about the prevention of crime.",
    )
    added = services.agenda_from_forward_plan(meeting=meeting, today=TODAY)
    assert [i.title for i in added] == ["Community Safety Plan 2030-33", "Named offenders"]
    assert added[1].exempt_paragraph == 7 and added[1].public_title == "Offender management"
    assert ForwardPlanItem.objects.filter(agenda_item__isnull=True).count() == 0
    with pytest.raises(ApplicationError, match="No items are planned"):
        services.agenda_from_forward_plan(meeting=meeting, today=TODAY)
    item = ForwardPlanItem.objects.first()
    with pytest.raises(ApplicationError, match="on its meeting's agenda"):
        services.forward_plan_item_remove(item=item, read_version=item.version)


def test_a_late_agenda_build_needs_a_reason_and_adds_nothing(committee):
    meeting = scheduled_meeting(committee, day=date(2030, 6, 14), today=TODAY)
    plan(committee, meeting, is_key_decision=False)
    plan(committee, meeting, is_key_decision=False, title="Second")
    with pytest.raises(ApplicationError, match="reason it is urgent"):
        services.agenda_from_forward_plan(meeting=meeting, today=date(2030, 6, 12))
    assert meeting.items.filter(kind="business").count() == 0
