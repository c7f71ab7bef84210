"""Democratic services keeps each committee's report template as data: which sections its
officer reports have, their headings, their order and which must be filled before the agenda
is published — the standard sections, and the committee's own. A new committee starts with the
standard ones."""

from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify

from meetings.committee_versions import committee_locked, committee_touched
from meetings.models import (
    REQUIRED_REPORT_SECTIONS,
    Committee,
    CommitteeReportSection,
    ReportSection,
)
from meetings.permissions import may_edit
from shp.errors import ApplicationError
from shp.ordering import moved, positions_renumber

MAX_SECTIONS = 30
RESERVED_KEYS = frozenset({"report_of", "subject", "authors"})


def report_sections_default(*, committee: Committee) -> None:
    """Give a committee that has none the standard report sections."""
    if committee.report_sections.exists():
        return
    CommitteeReportSection.objects.bulk_create(
        CommitteeReportSection(
            committee=committee,
            position=position,
            key=section.value,
            heading=section.label,
            is_required=section in REQUIRED_REPORT_SECTIONS,
        )
        for position, section in enumerate(ReportSection, start=1)
    )


def _require_editor(user) -> None:
    if not may_edit(user):
        raise ApplicationError("Only democratic services can change a committee's reports.")


def _locked(committee: Committee, read_version) -> list[CommitteeReportSection]:
    committee_locked(committee, read_version)
    return list(committee.report_sections.order_by("position"))


def _new_key(committee: Committee, heading: str) -> str:
    """A standard section added back (by its heading or key) takes its own key, so its text
    comes back; any other heading becomes a key of the committee's own."""
    base = slugify(heading).replace("-", "_")[:30] or "section"
    used = set(committee.report_sections.values_list("key", flat=True))
    standard = {s.label.lower(): s.value for s in ReportSection}
    found = standard.get(heading.strip().lower()) or (base if base in ReportSection.values else "")
    if found and found not in used:
        return found
    if base in ReportSection.values or base in RESERVED_KEYS:
        base = f"own_{base}"[:30]
    key, n = base, 1
    while committee.report_sections.filter(key=key).exists():
        n += 1
        key = f"{base}_{n}"
    return key


@transaction.atomic
def report_section_save(
    *, user, committee: Committee, heading: str, is_required: bool,
    section: CommitteeReportSection | None = None, read_version: int | None,
) -> CommitteeReportSection:  # fmt: skip
    """Add a section of the committee's own at the end, or change ``section``'s heading and
    whether it is required (a standard section keeps its key, and so its text)."""
    _require_editor(user)
    sections = _locked(committee, read_version)
    heading = (heading or "").strip()
    if not heading:
        raise ApplicationError("Enter the section's heading", field="heading")
    clash = [s for s in sections if s.heading.lower() == heading.lower() and s != section]
    if clash:
        raise ApplicationError("The reports already have a section with that heading",
                               field="heading")  # fmt: skip
    if section is None:
        if len(sections) >= MAX_SECTIONS:
            raise ApplicationError(f"Reports have at most {MAX_SECTIONS} sections")
        last = committee.report_sections.aggregate(last=Max("position"))["last"] or 0
        section = CommitteeReportSection(
            committee=committee, position=last + 1, key=_new_key(committee, heading)
        )
    elif section.committee_id != committee.pk:
        raise ApplicationError("That section belongs to another committee.")
    section.heading, section.is_required = heading, bool(is_required)
    section._history_user = user
    section.save()
    committee_touched(committee)
    return section


@transaction.atomic
def report_section_move(
    *, user, section: CommitteeReportSection, direction: str, read_version: int | None
) -> None:
    """Swap it with the one above ("up") or below ("down")."""
    _require_editor(user)
    ordered = _locked(section.committee, read_version)
    positions_renumber(moved(ordered, section, direction), user)
    committee_touched(section.committee)


@transaction.atomic
def report_section_remove(
    *, user, section: CommitteeReportSection, read_version: int | None
) -> None:
    """Remove a section from the committee's reports; text already written in it is kept in
    the reports' history and comes back if the section is added again."""
    _require_editor(user)
    _locked(section.committee, read_version)
    section._history_user = user
    section.delete()
    committee_touched(section.committee)
