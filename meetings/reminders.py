"""The meetings app's reminders (registered in its AppConfig), to democratic services: an agenda
not yet published as its publication deadline nears, and once it has passed; a held meeting's
decision notice as it falls due; reports submitted for clearance."""

from datetime import date, timedelta

from django.conf import settings
from django.urls import reverse

from meetings.models import Meeting
from shp.models import User
from shp.reminders import ReminderDue, recipients_of, register_reminder_source
from shp.roles import Role


def _clerks():
    return recipients_of(
        User.objects.filter(is_active=True, groups__name=Role.DEMOCRATIC_SERVICES).select_related(
            "person"
        )
    )


def decision_notices_due(today: date):
    """A reminder per held meeting whose decision notice is unpublished and due (or overdue)."""
    from meetings.services.publishing import decision_notice_due

    clerks = _clerks()
    if not clerks:
        return
    held = Meeting.objects.filter(
        status=Meeting.Status.HELD, decisions_published_at__isnull=True, date__lte=today
    ).select_related("committee")
    for meeting in held:
        due = decision_notice_due(meeting)
        if today + timedelta(days=settings.REMINDER_DAYS_AHEAD) < due:
            continue
        name = f"{meeting.committee.name}, {meeting.date:%-d %B %Y}"
        yield ReminderDue(
            kind="decision-notice",
            key=f"{meeting.pk}",
            recipients=clerks,
            subject=f"Decision notice due by {due:%-d %B %Y}: {name}",
            body=f"Publish the decisions of {name} by {due:%-d %B %Y}.",
            link=reverse("meetings:meeting-detail", kwargs={"pk": meeting.pk}),
        )


def reports_awaiting_clearance(today: date):
    """A reminder per report submitted for clearance whose agenda is not yet published."""
    from meetings.models import Report

    clerks = _clerks()
    if not clerks:
        return
    submitted = Report.objects.filter(
        status=Report.Status.SUBMITTED, item__meeting__published_at__isnull=True
    ).select_related("item__meeting__committee")
    for report in submitted:
        meeting = report.item.meeting
        yield ReminderDue(
            kind="report-clearance",
            key=f"{report.pk} {report.version}",
            recipients=clerks,
            subject=f"Report to clear: {report.subject}",
            body=(
                f"{report.subject}, for {meeting.committee.name} on {meeting.date:%-d %B %Y}, "
                f"is submitted for clearance. The agenda is due by "
                f"{meeting.publication_deadline:%-d %B %Y}."
            ),
            link=reverse("meetings:report-clearance", kwargs={"pk": report.item_id}),
        )


def agenda_deadlines(today: date, *, missed: bool):
    """A reminder per scheduled meeting whose agenda is unpublished and whose deadline is
    within the days ahead (or, ``missed``, has passed before the meeting)."""
    clerks = _clerks()
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
    register_reminder_source(
        kind="decision-notice", label="Decision notice due", collect=decision_notices_due
    )
    register_reminder_source(
        kind="report-clearance", label="Report to clear", collect=reports_awaiting_clearance
    )
