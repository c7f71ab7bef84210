"""Writes that put a held meeting's record before the public sooner than confirmation: the
draft minutes, "subject to confirmation", and the decision notice (the list of decisions),
due a set number of working days after the meeting. Exempt minutes and decisions stay with
those entitled (meetings/permissions.py). Keyword-only and atomic."""

from datetime import date, datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from meetings import workdays
from meetings.models import Decision, Meeting
from shp.errors import ApplicationError


def decision_notice_due(meeting: Meeting) -> date:
    """The last day for the decision notice: N working days after the meeting (a setting)."""
    return workdays.working_days_after(meeting.date, settings.MEETINGS_DECISION_NOTICE_WORKING_DAYS)


def _held(meeting: Meeting) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != Meeting.Status.HELD:
        raise ApplicationError(
            "Only a meeting that has been held, with minutes not yet confirmed, publishes its "
            "record early."
        )
    return meeting


@transaction.atomic
def minutes_draft_publish(*, meeting: Meeting, now: datetime | None = None) -> Meeting:
    """Publish the draft minutes as "draft, subject to confirmation"."""
    meeting = _held(meeting)
    if meeting.draft_minutes_published_at:
        raise ApplicationError("The draft minutes are already published.")
    if not meeting.minutes.exists():
        raise ApplicationError("Write the minutes before publishing them.")
    meeting.draft_minutes_published_at = now or timezone.now()
    meeting.save()
    return meeting


@transaction.atomic
def decisions_publish(*, meeting: Meeting, now: datetime | None = None) -> Meeting:
    """Publish the decision notice: the meeting's decisions, before its minutes are confirmed."""
    meeting = _held(meeting)
    if meeting.decisions_published_at:
        raise ApplicationError("The decision notice is already published.")
    if not Decision.objects.filter(minute__meeting=meeting).exists():
        raise ApplicationError("Record the meeting's decisions before publishing the notice.")
    meeting.decisions_published_at = now or timezone.now()
    meeting.save()
    return meeting
