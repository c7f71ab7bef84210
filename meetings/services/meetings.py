"""Writes of the meetings app: scheduling a meeting, changing its details and its status.
Keyword-only and atomic; a broken rule raises ApplicationError."""

from datetime import date, time

from django.db import transaction

from meetings import selectors, workdays
from meetings.models import (
    AgendaItem,
    Committee,
    Meeting,
    Section,
    municipal_year_of,
)
from meetings.services.common import local_today
from shp.errors import ApplicationError


@transaction.atomic
def meeting_schedule(
    *,
    committee: Committee,
    day: date,
    start_time: time,
    venue: str,
    today: date | None = None,
) -> tuple[Meeting, list[str]]:
    """Schedule a meeting with its standing agenda items; returns it and any warnings."""
    today = today or local_today()
    venue = venue.strip()
    if not venue:
        raise ApplicationError("Enter where the meeting will be held", field="venue")
    if Meeting.objects.filter(committee=committee, date=day, start_time=start_time).exists():
        raise ApplicationError(
            f"{committee} already has a meeting at that date and time", field="date"
        )
    meeting = Meeting.objects.create(
        committee=committee,
        date=day,
        start_time=start_time,
        venue=venue,
        municipal_year=municipal_year_of(day),
    )
    previous = selectors.previous_meeting(committee=committee, before=day)
    standing = committee.standing_items.order_by("position")
    for position, standing_item in enumerate(standing, start=1):
        section, title, kind = standing_item.section, standing_item.title, standing_item.kind
        item = AgendaItem(
            meeting=meeting, section=section, title=title, kind=kind, position=position
        )
        if section == Section.MINUTES and kind == AgendaItem.Kind.STANDING and previous:
            item.minutes_of = previous
            item.title = f"Minutes of the meeting held on {previous.date:%-d %B %Y}"
        item.save()
    warnings = []
    if day < today:
        warnings.append(
            f"The meeting date, {day:%-d %B %Y}, is in the past. It has been saved, as when "
            "entering the record of an earlier meeting."
        )
    elif not workdays.is_working_day(day):
        warnings.append(
            f"{day:%A %-d %B %Y} is a weekend day or a bank holiday. It has been saved; change "
            "the date if that is a mistake."
        )
    if day >= today and meeting.publication_deadline < today:
        warnings.append(
            f"The deadline to publish the agenda, {meeting.publication_deadline:%-d %B %Y}, "
            "has already passed: items will need a reason for urgency."
        )
    return meeting, warnings


@transaction.atomic
def meeting_update(
    *, meeting: Meeting, day: date, start_time: time, venue: str, end_time: time | None = None
) -> Meeting:
    """Change when or where a meeting is held (the municipal year cannot change under minutes)."""
    venue = venue.strip()
    if not venue:
        raise ApplicationError("Enter where the meeting will be held", field="venue")
    if meeting.status == Meeting.Status.CANCELLED:
        raise ApplicationError("This meeting has been cancelled and cannot be changed.")
    year = municipal_year_of(day)
    if year != meeting.municipal_year and meeting.minutes.exists():
        raise ApplicationError(
            "The meeting has minutes numbered in its municipal year; a date in another "
            "municipal year would break their numbering",
            field="date",
        )
    clash = Meeting.objects.filter(
        committee=meeting.committee, date=day, start_time=start_time
    ).exclude(pk=meeting.pk)
    if clash.exists():
        raise ApplicationError(
            f"{meeting.committee} already has a meeting at that date and time", field="date"
        )
    if end_time is not None and end_time <= start_time:
        raise ApplicationError("The end time must be after the start time", field="end_time")
    meeting.date, meeting.start_time, meeting.venue, meeting.municipal_year = (
        day,
        start_time,
        venue,
        year,
    )
    meeting.end_time = end_time
    meeting.save()
    return meeting


@transaction.atomic
def meeting_status_set(*, meeting: Meeting, status: str, today: date | None = None) -> Meeting:
    """Mark a meeting held (on or after its day) or cancelled (confirmation happens at the
    next meeting)."""
    today = today or local_today()
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    allowed = {
        Meeting.Status.HELD: {Meeting.Status.SCHEDULED, Meeting.Status.AGENDA_PUBLISHED},
        Meeting.Status.CANCELLED: {Meeting.Status.SCHEDULED, Meeting.Status.AGENDA_PUBLISHED},
    }
    if status not in allowed:
        raise ApplicationError("A meeting can only be marked as held or cancelled here.")
    if meeting.status not in allowed[status]:
        raise ApplicationError(
            f"A meeting whose status is {meeting.get_status_display().lower()} cannot be "
            f"marked as {Meeting.Status(status).label.lower()}."
        )
    if status == Meeting.Status.HELD and meeting.date > today:
        raise ApplicationError(
            f"The meeting is on {meeting.date:%-d %B %Y}, which has not come yet: it can be "
            "marked as held on or after that day."
        )
    meeting.status = status
    meeting.save()
    return meeting
