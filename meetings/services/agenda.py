"""Writes of the meetings app: building and publishing a meeting's agenda. Keyword-only and
atomic; a broken rule raises ApplicationError."""

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from meetings import selectors
from meetings.models import (
    AgendaItem,
    Meeting,
    Section,
)
from meetings.services.common import local_today, require_editable_meeting
from shp.errors import ApplicationError

BUSINESS_SECTIONS = (Section.DECISION, Section.PRESENTATIONS, Section.INFORMATION, Section.URGENT)


@transaction.atomic
def agenda_item_add(
    *,
    meeting: Meeting,
    section: str,
    title: str,
    lead_officer: str = "",
    exempt_paragraph: int | None = None,
    public_title: str = "",
    urgency_reason: str = "",
    today: date | None = None,
) -> AgendaItem:
    """Add an item of business. After the deadline, or once published, it needs a reason for
    urgency; once published it takes the next number in its section and nothing else moves."""
    today = today or local_today()
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    require_editable_meeting(meeting)
    title, urgency_reason = title.strip(), urgency_reason.strip()
    if not title:
        raise ApplicationError("Enter the item's title", field="title")
    if section not in BUSINESS_SECTIONS:
        raise ApplicationError(
            "Choose a section for business: items for decision, presentations, items for "
            "discussion or information, or urgent business",
            field="section",
        )
    late = meeting.is_published or today > meeting.publication_deadline
    if late and not urgency_reason:
        raise ApplicationError(
            "This item is late (the publication deadline has passed or the agenda is "
            "published): enter the reason it is urgent, which will be recorded in the minutes",
            field="urgency_reason",
        )
    items = list(meeting.items.all())
    position = max((i.position for i in items if i.section == section), default=0) + 1
    item = AgendaItem(
        meeting=meeting,
        section=section,
        kind=AgendaItem.Kind.BUSINESS,
        position=position,
        title=title,
        lead_officer=lead_officer.strip(),
        exempt_paragraph=exempt_paragraph or None,
        public_title=public_title.strip() if exempt_paragraph else "",
        is_late=late,
        urgency_reason=urgency_reason if late else "",
    )
    if meeting.is_published:
        item.number = _late_number(items=items, section=section)
    item.save()
    return item


def _late_number(*, items: list[AgendaItem], section: str) -> str:
    """The number a late item takes in a published agenda without renumbering anything."""
    numbered = [i.number for i in items if i.section == section and i.number]
    if not numbered:
        raise ApplicationError(
            "The published agenda has no such section and its numbering is frozen: add the "
            "item under any other business which the chair considers urgent",
            field="section",
        )
    heading = numbered[0].split(".")[0]
    subs = [int(n.split(".")[1]) for n in numbered if "." in n]
    return f"{heading}.{max(subs, default=0) + 1}"


@transaction.atomic
def agenda_item_update(
    *,
    item: AgendaItem,
    title: str,
    lead_officer: str = "",
    exempt_paragraph: int | None = None,
    public_title: str = "",
) -> AgendaItem:
    """Change an item's title, lead officer or exemption (its place and number stay)."""
    require_editable_meeting(item.meeting)
    title = title.strip()
    if not title:
        raise ApplicationError("Enter the item's title", field="title")
    item.title, item.lead_officer = title, lead_officer.strip()
    item.exempt_paragraph = exempt_paragraph or None
    item.public_title = public_title.strip() if exempt_paragraph else ""
    item.save()
    return item


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, direction: str) -> AgendaItem:
    """Move an item up or down within its section, before the agenda is published."""
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    if meeting.is_published:
        raise ApplicationError(
            "The agenda has been published, so its numbering is frozen. Add a late item "
            "instead; nothing has been moved."
        )
    if direction not in {"up", "down"}:
        raise ApplicationError("Choose to move the item up or down.")
    if item.kind != AgendaItem.Kind.BUSINESS:
        raise ApplicationError("Standing items keep their place on the agenda.")
    in_section = list(meeting.items.filter(section=item.section).order_by("position", "pk"))
    standing = [i for i in in_section if i.kind != AgendaItem.Kind.BUSINESS]
    siblings = [i for i in in_section if i.kind == AgendaItem.Kind.BUSINESS]
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(siblings):
        raise ApplicationError(
            f"The item is already at the {'top' if direction == 'up' else 'bottom'} of its section."
        )
    siblings[index], siblings[other] = siblings[other], siblings[index]
    # The section's standing line (its heading, such as "any other business") stays first.
    first = min(i.position for i in in_section)
    for position, sibling in enumerate(standing + siblings, start=first):
        if sibling.position != position:
            sibling.position = position
            sibling.save(update_fields=["position", "updated_at"])
    item.refresh_from_db()
    return item


@transaction.atomic
def agenda_item_remove(*, item: AgendaItem) -> None:
    """Take an item of business off an agenda that is not yet published (history keeps it)."""
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    if meeting.is_published:
        raise ApplicationError(
            "The agenda has been published, so its numbering is frozen: the item stays. "
            "Record in the minutes that it was withdrawn."
        )
    if item.kind != AgendaItem.Kind.BUSINESS:
        raise ApplicationError("Standing items stay on every agenda.")
    if item.minutes.exists() or item.declarations.exists():
        raise ApplicationError("The item has minutes or declarations, so it stays.")
    item.delete()


@transaction.atomic
def agenda_publish(*, meeting: Meeting, now: datetime | None = None) -> Meeting:
    """Check every required paper, freeze the numbers and publish the agenda."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    problems = selectors.publication_problems(meeting=meeting)
    if problems:
        raise ApplicationError("The agenda cannot be published yet: " + " ".join(problems))
    items = list(meeting.items.all())
    numbers, _ = selectors.agenda_numbers(items)
    for item in items:
        item.number = numbers.get(item.pk, "")
        item.save(update_fields=["number", "updated_at"])
    meeting.published_at = now or timezone.now()
    meeting.status = Meeting.Status.AGENDA_PUBLISHED
    meeting.save()
    from meetings.packs.services import packs_remake_on_commit

    packs_remake_on_commit(meeting=meeting)
    return meeting
