"""The meetings app's reminders (registered in its AppConfig): an agenda not yet published
as its publication deadline nears, and once it has passed, to democratic services."""

from datetime import date, timedelta

from django.conf import settings
from django.urls import reverse

from meetings.models import Meeting
from shp.models import User
from shp.reminders import ReminderDue, recipients_of, register_reminder_source
from shp.roles import Role


def agenda_deadlines(today: date, *, missed: bool):
    """A reminder per scheduled meeting whose agenda is unpublished and whose deadline is
    within the days ahead (or, ``missed``, has passed before the meeting)."""
    clerks = recipients_of(
        User.objects.filter(is_active=True, groups__name=Role.DEMOCRATIC_SERVICES).select_related(
            "person"
        )
    )
    if not clerks:
        return
    ahead = today + timedelta(days=settings.REMINDER_DAYS_AHEAD)
    for meeting in Meeting.objects.filter(
        status=Meeting.Status.SCHEDULED, date__gte=today
    ).select_related("committee"):
        deadline = meeting.publication_deadline
        if missed and not deadline < today:
            continue
        if not missed and not (today <= deadline <= ahead):
            continue
        when = f"{deadline:%-d %B %Y}"
        name = f"{meeting.committee.name}, {meeting.date:%-d %B %Y}"
        yield ReminderDue(
            kind="agenda-deadline-missed" if missed else "agenda-deadline",
            key=f"{meeting.pk} {deadline:%Y-%m-%d}",
            recipients=clerks,
            subject=(
                f"Deadline passed: publish the agenda for {name}"
                if missed
                else f"Publish by {when}: the agenda for {name}"
            ),
            body=(
                f"The agenda for {name} was due to be published by {when}, five clear working "
                "days before the meeting, and has not been. Publish it, and record why it is late."
                if missed
                else f"The agenda for {name} must be published by {when} to give five clear "
                "working days' notice."
            ),
            link=reverse("meetings:meeting-detail", kwargs={"pk": meeting.pk}),
        )


def register() -> None:
    register_reminder_source(
        kind="agenda-deadline",
        label="Agenda deadline near",
        collect=lambda today: agenda_deadlines(today, missed=False),
    )
    register_reminder_source(
        kind="agenda-deadline-missed",
        label="Agenda deadline passed",
        collect=lambda today: agenda_deadlines(today, missed=True),
    )
