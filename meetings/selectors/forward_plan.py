"""Reads of a committee's forward plan (the business expected at its meetings to come)."""

from dataclasses import dataclass, field
from datetime import date

from meetings import permissions
from meetings.models import ForwardPlanItem, Meeting


@dataclass
class PlannedMeeting:
    meeting: Meeting
    items: list = field(default_factory=list)


def forward_plan(*, committee, today: date) -> list[PlannedMeeting]:
    """The committee's meetings to come that have planned business, soonest first."""
    items = (
        ForwardPlanItem.objects.filter(committee=committee, meeting__date__gte=today)
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .select_related("meeting", "agenda_item")
        .order_by("meeting__date", "meeting__start_time", "pk")
    )
    grouped: dict[int, PlannedMeeting] = {}
    for item in items:
        grouped.setdefault(item.meeting_id, PlannedMeeting(item.meeting)).items.append(item)
    return list(grouped.values())


def may_read_planned_exempt(user, item: ForwardPlanItem) -> bool:
    """A likely-exempt planned item's real title: for those who would read its papers."""
    return (
        permissions.may_edit(user)
        or permissions.reads_all_papers(user)
        or permissions.sits_on(user, item.meeting)
    )


def planned_for(*, meeting: Meeting) -> list[ForwardPlanItem]:
    """Items planned for the meeting and not yet on its agenda."""
    return list(meeting.forward_plan_items.filter(agenda_item__isnull=True).order_by("pk"))
