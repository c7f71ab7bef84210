"""Reminders the partnership sends by e-mail: each app registers the sources of what is due
(in its ``AppConfig.ready``); ``services.reminders_send`` asks every source and sends each
reminder once (its kind, key and recipient are unique), so running it twice sends nothing new.
The schedule that runs it is declared in ``shp/schedule.py``."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str = ""
    user_id: int | None = None


@dataclass(frozen=True)
class ReminderDue:
    """One reminder to send to each of ``recipients``; ``key`` names what it is about."""

    kind: str
    key: str
    recipients: tuple[Recipient, ...]
    subject: str
    body: str
    link: str = ""  # a path in the app


@dataclass(frozen=True)
class ReminderSource:
    kind: str
    label: str  # what the page of sent reminders calls it
    collect: Callable[[date], Iterable[ReminderDue]]


_SOURCES: list[ReminderSource] = []


def register_reminder_source(*, kind: str, label: str, collect: Callable) -> None:
    """Add a source of reminders (once, however often an app's ready() runs)."""
    if any(source.kind == kind for source in _SOURCES):
        return
    _SOURCES.append(ReminderSource(kind, label, collect))


def reminder_sources() -> list[ReminderSource]:
    return list(_SOURCES)


def kind_labels() -> dict[str, str]:
    return {source.kind: source.label for source in _SOURCES}


def recipients_of(users) -> tuple[Recipient, ...]:
    """The users with an e-mail address (theirs, or their person's), once each."""
    found, seen = [], set()
    for user in users:
        person = getattr(user, "person", None)
        email = (user.email or (person.email if person is not None else "")).strip()
        if email and email.lower() not in seen:
            seen.add(email.lower())
            found.append(Recipient(email, user.get_full_name() or user.username, user.pk))
    return tuple(found)
