"""What the meetings services share."""

from datetime import date

from django.utils import timezone

from meetings.models import Meeting
from shp.errors import ApplicationError


def local_today() -> date:
    """Today in the partnership's time zone."""
    return timezone.localdate()


def require_editable_meeting(meeting: Meeting) -> None:
    """Refuse a change to the agenda of a cancelled meeting or one whose minutes are confirmed."""
    if meeting.status in {Meeting.Status.CANCELLED, Meeting.Status.MINUTES_CONFIRMED}:
        raise ApplicationError(
            f"The meeting's status is {meeting.get_status_display().lower()}: its agenda "
            "can no longer change."
        )
