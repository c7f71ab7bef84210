"""Writes of a committee's forward plan: planning business for a future meeting, changing and
removing it, and building a meeting's agenda from it. Keyword-only and atomic; a broken rule
raises ApplicationError and nothing is saved."""

from datetime import date

from django.db import transaction

from meetings.models import KEY_DECISION_NOTICE_DAYS, ForwardPlanItem, Meeting
from meetings.services.agenda import BUSINESS_SECTIONS, agenda_item_add
from meetings.services.common import local_today
from shp.errors import ApplicationError


def _validated(
    *,
    committee,
    meeting: Meeting,
    section: str,
    title: str,
    lead_officer: str,
    is_key_decision: bool,
    exempt_paragraph: int | None,
    public_title: str,
    exempt_reason: str,
    urgency_reason: str,
    published_on: date,
    today: date,
) -> dict:
    """The item's fields, checked; the key-decision notice runs from ``published_on``."""
    if meeting.committee_id != committee.pk:
        raise ApplicationError("Choose one of this committee's meetings", field="meeting")
    if meeting.date <= today or meeting.status != Meeting.Status.SCHEDULED:
        raise ApplicationError(
            "Choose a meeting still to come whose agenda is not yet published", field="meeting"
        )
    if section not in BUSINESS_SECTIONS:
        raise ApplicationError("Choose a section for business", field="section")
    if not title.strip():
        raise ApplicationError("Enter the item's title", field="title")
    if not lead_officer.strip():
        raise ApplicationError("Enter the lead officer", field="lead_officer")
    exempt_reason, urgency_reason = exempt_reason.strip(), urgency_reason.strip()
    if exempt_paragraph and not exempt_reason:
        raise ApplicationError(
            "Say why the item is likely to be exempt: the reason is published",
            field="exempt_reason",
        )
    notice = (meeting.date - published_on).days - 1
    short = notice < KEY_DECISION_NOTICE_DAYS
    if is_key_decision and short and not urgency_reason:
        raise ApplicationError(
            f"A key decision goes on the forward plan {KEY_DECISION_NOTICE_DAYS} clear days "
            f"before its meeting; this one would have {max(notice, 0)}. Choose a later "
            "meeting, or give the reason it cannot wait (it is published with the item)",
            field="urgency_reason",
        )
    return {
        "meeting": meeting,
        "section": section,
        "title": title.strip(),
        "lead_officer": lead_officer.strip(),
        "exempt_paragraph": exempt_paragraph or None,
        "public_title": public_title.strip() if exempt_paragraph else "",
        "exempt_reason": exempt_reason if exempt_paragraph else "",
        "is_key_decision": is_key_decision,
        "urgency_reason": urgency_reason if is_key_decision and short else "",
    }


@transaction.atomic
def forward_plan_item_add(*, committee, today: date | None = None, **values) -> ForwardPlanItem:
    """Put business on the forward plan for one of the committee's meetings still to come.

    ``values``: meeting, section, title, lead_officer, is_key_decision, exempt_paragraph,
    public_title, exempt_reason and urgency_reason (the last five optional)."""
    today = today or local_today()
    fields = _validated(committee=committee, published_on=today, today=today, **_defaults(values))
    return ForwardPlanItem.objects.create(committee=committee, published_on=today, **fields)


def _defaults(values: dict) -> dict:
    optional = {
        "is_key_decision": False,
        "exempt_paragraph": None,
        "public_title": "",
        "exempt_reason": "",
        "urgency_reason": "",
    }
    return {**optional, **values}


def _locked(item: ForwardPlanItem, read_version: int | None) -> ForwardPlanItem:
    locked = ForwardPlanItem.objects.select_for_update().select_related("meeting").get(pk=item.pk)
    if read_version is not None and read_version != locked.version:
        raise ApplicationError(
            "Someone changed this item after you opened the page, so your change was not "
            "saved. Look at it again and make your change once more."
        )
    if locked.agenda_item_id:
        raise ApplicationError("The item is on its meeting's agenda now: change it there.")
    return locked


@transaction.atomic
def forward_plan_item_update(
    *, item: ForwardPlanItem, read_version: int | None, today: date | None = None, **values
) -> ForwardPlanItem:
    """Change a planned item (its first publication date stays: notice runs from it)."""
    today = today or local_today()
    item = _locked(item, read_version)
    fields = _validated(
        committee=item.committee,
        published_on=item.published_on,
        today=today,
        **_defaults(values),
    )
    for name, value in fields.items():
        setattr(item, name, value)
    item.version += 1  # the row is locked, so this cannot race
    item.save()
    return item


@transaction.atomic
def forward_plan_item_remove(*, item: ForwardPlanItem, read_version: int | None) -> None:
    """Take an item off the forward plan (its history keeps it)."""
    _locked(item, read_version).delete()


@transaction.atomic
def agenda_from_forward_plan(*, meeting: Meeting, today: date | None = None) -> list:
    """Add every item planned for the meeting to its agenda, all or none; each keeps a link."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    planned = list(
        meeting.forward_plan_items.select_for_update()
        .filter(agenda_item__isnull=True)
        .order_by("pk")
    )
    if not planned:
        raise ApplicationError("No items are planned for this meeting that are not on it.")
    added = []
    for plan in planned:
        item = agenda_item_add(
            meeting=meeting,
            section=plan.section,
            title=plan.title,
            lead_officer=plan.lead_officer,
            exempt_paragraph=plan.exempt_paragraph,
            public_title=plan.public_title,
            urgency_reason=plan.urgency_reason,
            today=today,
        )
        plan.agenda_item = item
        plan.save(update_fields=["agenda_item", "updated_at"])
        added.append(item)
    return added
