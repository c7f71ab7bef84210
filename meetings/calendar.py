"""The meetings as an iCalendar (RFC 5545) feed, written by hand: a few lines, no dependency."""

from datetime import UTC, datetime, timedelta

from django.utils import timezone

DEFAULT_LENGTH = timedelta(hours=2)


def _escape(text: str) -> str:
    """TEXT as RFC 5545 3.3.11 writes it; a line break of any kind becomes ``\\n``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1)."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode()
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += piece
    parts.append(current.decode())
    return "\r\n ".join(parts)


def _utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def meetings_ical(*, meetings, base_url: str) -> str:
    """One VEVENT per meeting, times in UTC, each linking to its page; a cancelled meeting
    stays in the feed as STATUS:CANCELLED, so calendars that copied it take it out."""
    zone = timezone.get_default_timezone()
    stamp = _utc(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Safer Partnership//Meetings//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for meeting in meetings:
        start = datetime.combine(meeting.date, meeting.start_time, tzinfo=zone)
        end = (
            datetime.combine(meeting.date, meeting.end_time, tzinfo=zone)
            if meeting.end_time
            else start + DEFAULT_LENGTH
        )
        url = f"{base_url}{meeting.get_absolute_url()}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:meeting-{meeting.pk}@safer-partnership",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_utc(start)}",
            f"DTEND:{_utc(end)}",
            f"SUMMARY:{_escape(str(meeting.committee))}",
            f"LOCATION:{_escape(meeting.venue)}",
            f"STATUS:{'CANCELLED' if meeting.status == meeting.Status.CANCELLED else 'CONFIRMED'}",
            f"URL:{url}",
            f"DESCRIPTION:{_escape(meeting.get_status_display() + ': ' + url)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
