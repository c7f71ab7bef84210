"""Democratic services keeps each committee's standing items — what every meeting's agenda
starts with — as data: add, change, remove and reorder them. A new committee starts with the
usual ones. Meetings already scheduled keep the items they were given."""

from django.db import transaction
from django.db.models import Max

from meetings.committee_versions import committee_locked, committee_touched
from meetings.models import Committee, Section, StandingItem
from meetings.permissions import may_edit
from shp.errors import ApplicationError
from shp.ordering import moved, positions_renumber

# What a new committee starts with (section, title, kind).
DEFAULT_STANDING_ITEMS = (
    (Section.APOLOGIES, "Apologies for absence", StandingItem.Kind.STANDING),
    (Section.DECLARATIONS, "Declarations of interest by members", StandingItem.Kind.STANDING),
    (Section.MINUTES, "Minutes of the last meeting", StandingItem.Kind.STANDING),
    (Section.MINUTES, "Matters arising from the minutes", StandingItem.Kind.MATTERS_ARISING),
    (
        Section.URGENT,
        "Any other business which the chair considers urgent",
        StandingItem.Kind.STANDING,
    ),
    (Section.NEXT_MEETING, "Date of next meeting", StandingItem.Kind.STANDING),
)
MAX_STANDING_ITEMS = 20


def require_meeting_editor(user) -> None:
    if not may_edit(user):
        raise ApplicationError("Only democratic services can change a committee's standing items.")


def standing_items_default(*, committee: Committee) -> None:
    """Give a committee that has none the usual standing items."""
    if committee.standing_items.exists():
        return
    StandingItem.objects.bulk_create(
        StandingItem(
            committee=committee, position=position, section=section, title=title, kind=kind
        )  # fmt: skip
        for position, (section, title, kind) in enumerate(DEFAULT_STANDING_ITEMS, start=1)
    )


def _locked(committee: Committee, read_version) -> list[StandingItem]:
    committee_locked(committee, read_version)
    return list(committee.standing_items.order_by("position"))


def _check(section: str, title: str, kind: str) -> str:
    title = (title or "").strip()
    if not title:
        raise ApplicationError("Enter the item's title", field="title")
    if section not in Section.values:
        raise ApplicationError("Choose the part of the agenda it goes in", field="section")
    if kind not in StandingItem.Kind.values:
        raise ApplicationError("Choose what kind of item it is", field="kind")
    if kind == StandingItem.Kind.MATTERS_ARISING and section != Section.MINUTES:
        raise ApplicationError(
            "Matters arising go with the minutes: choose the Minutes part", field="section"
        )
    return title


@transaction.atomic
def standing_item_save(
    *, user, committee: Committee, section: str, title: str, kind: str,
    item: StandingItem | None = None, read_version: int | None,
) -> StandingItem:  # fmt: skip
    """Add a standing item at the end, or change ``item``."""
    require_meeting_editor(user)
    items = _locked(committee, read_version)
    title = _check(section, title, kind)
    if item is None:
        if len(items) >= MAX_STANDING_ITEMS:
            raise ApplicationError(f"A committee has at most {MAX_STANDING_ITEMS} standing items")
        last = committee.standing_items.aggregate(last=Max("position"))["last"] or 0
        item = StandingItem(committee=committee, position=last + 1)
    elif item.committee_id != committee.pk:
        raise ApplicationError("That standing item belongs to another committee.")
    item.section, item.title, item.kind = section, title, kind
    item._history_user = user
    item.save()
    committee_touched(committee)
    return item


@transaction.atomic
def standing_item_move(
    *, user, item: StandingItem, direction: str, read_version: int | None
) -> None:
    """Swap it with the one above ("up") or below ("down")."""
    require_meeting_editor(user)
    ordered = _locked(item.committee, read_version)
    positions_renumber(moved(ordered, item, direction), user)
    committee_touched(item.committee)


@transaction.atomic
def standing_item_remove(*, user, item: StandingItem, read_version: int | None) -> None:
    require_meeting_editor(user)
    _locked(item.committee, read_version)
    item._history_user = user
    item.delete()
    committee_touched(item.committee)
