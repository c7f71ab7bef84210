"""Reads of report authoring: an officer's reports, a report's thread and its revisions."""

from dataclasses import dataclass

from django.db.models import QuerySet

from meetings.models import Report


def reports_by(*, user) -> QuerySet[Report]:
    """The reports the user is named as an author of, soonest meeting first."""
    person = getattr(user, "person", None)
    if person is None:
        return Report.objects.none()
    return (
        Report.objects.filter(authors=person)
        .select_related("item__meeting__committee")
        .order_by("item__meeting__date", "item__position")
    )


@dataclass
class Revision:
    at: object
    by: str
    status: str
    changed: list[str]


def report_revisions(*, report: Report, limit: int = 50) -> list[Revision]:
    """Every saved revision of the report, newest first, with the sections each changed."""
    records = list(report.history.select_related("history_user").order_by("-history_date")[:limit])
    headings = {section.key: section.heading for section in report.template()}
    revisions = []
    for newer, older in zip(records, [*records[1:], None], strict=False):
        changed = []
        if older is not None:
            delta = newer.diff_against(older)
            changed = [change.field for change in delta.changes if change.field not in IGNORED]
        user = newer.history_user
        revisions.append(
            Revision(
                at=newer.history_date,
                by=(user.get_full_name() or user.get_username()) if user else "The system",
                status=Report.Status(newer.status).label,
                changed=[headings.get(field) or _label(field) for field in changed],
            )
        )
    return revisions


IGNORED = {"version", "updated_at", "created_at", "submitted_at", "cleared_at", "cleared_by"}


def _label(field: str) -> str:
    if field == "extra_sections":
        return "the committee's own sections"
    return field.replace("_", " ")
