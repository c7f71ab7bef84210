"""The meetings as an iCalendar (RFC 5545) feed, written by the icalendar library (which escapes
text, folds long lines and writes CRLF as the standard says)."""

from datetime import UTC, datetime, timedelta

from django.utils import timezone
from icalendar import Calendar, Event

DEFAULT_LENGTH = timedelta(hours=2)


def _one_line_breaks(text: str) -> str:
    """Any kind of line break becomes one newline, which iCalendar writes as ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def meetings_ical(*, meetings, base_url: str) -> str:
    """One VEVENT per meeting, times in UTC, each linking to its page; a cancelled meeting
    stays in the feed as STATUS:CANCELLED, so calendars that copied it take it out."""
    zone = timezone.get_default_timezone()
    stamp = timezone.now()
    calendar = Calendar()
    calendar.add("prodid", "-//Safer Partnership//Meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    for meeting in meetings:
        start = datetime.combine(meeting.date, meeting.start_time, tzinfo=zone)
        end = (
            datetime.combine(meeting.date, meeting.end_time, tzinfo=zone)
            if meeting.end_time
            else start + DEFAULT_LENGTH
        )
        url = f"{base_url}{meeting.get_absolute_url()}"
        cancelled = meeting.status == meeting.Status.CANCELLED
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@safer-partnership")
        event.add("dtstamp", stamp.astimezone(UTC))
        event.add("dtstart", start.astimezone(UTC))
        event.add("dtend", end.astimezone(UTC))
        event.add("summary", _one_line_breaks(str(meeting.committee)))
        event.add("location", _one_line_breaks(meeting.venue))
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        event.add("url", url)
        event.add("description", _one_line_breaks(f"{meeting.get_status_display()}: {url}"))
        calendar.add_component(event)
    return calendar.to_ical().decode()
