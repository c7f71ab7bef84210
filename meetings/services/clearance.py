"""Writes of report authoring and clearance: democratic services ask officers to write a
report; its authors draft it and submit it; democratic services clear it or send it back; each
step and comment is kept in the report's thread, and every revision in its history.
Keyword-only and atomic; a broken rule raises ApplicationError and nothing is saved."""

from django.db import transaction
from django.utils import timezone

from meetings import permissions
from meetings.models import AgendaItem, Appendix, Report, ReportComment
from meetings.services.common import require_editable_meeting
from meetings.services.papers import report_locked, report_values_apply
from shp.errors import ApplicationError

COMMENT_LIMIT = 5_000


def _name(user) -> str:
    person = getattr(user, "person", None)
    return (person.name if person else "") or user.get_full_name() or user.get_username()


def _note(report: Report, by, kind: str, text: str = "") -> ReportComment:
    text = (text or "").strip()
    if len(text) > COMMENT_LIMIT:
        raise ApplicationError(
            f"The comment must be {COMMENT_LIMIT:,} characters or fewer", field="text"
        )
    return ReportComment.objects.create(
        report=report, author=by, author_name=_name(by)[:200], kind=kind, text=text
    )


def _require_unpublished(report: Report) -> None:
    require_editable_meeting(report.item.meeting)
    if report.item.meeting.is_published:
        raise ApplicationError(
            "The agenda is published: democratic services change the report now, and it is "
            "marked as revised."
        )


def _require_complete(report: Report, doing: str) -> None:
    missing = report.missing_sections()
    if missing:
        raise ApplicationError(f"Complete {', '.join(missing)} before {doing}.")


@transaction.atomic
def report_commission(*, item: AgendaItem, authors, by) -> Report:
    """Ask officers to write the item's report: a draft with them as its authors."""
    if not permissions.may_edit(by):
        raise ApplicationError("Only democratic services ask officers to write reports.")
    require_editable_meeting(item.meeting)
    if item.meeting.is_published:
        raise ApplicationError("The agenda is published: it is too late to ask for a report.")
    authors = list(authors)
    if not authors:
        raise ApplicationError("Choose at least one officer to write it", field="authors")
    if not item.needs_report and item.section != "presentations":
        raise ApplicationError("This part of the agenda has no reports.")
    report = getattr(item, "report", None)
    if report is None:
        report = Report.objects.create(
            item=item,
            subject=item.title,
            report_of=item.lead_officer or "To be confirmed",
            status=Report.Status.DRAFT,
        )
    report.authors.set(authors)
    return report


@transaction.atomic
def report_draft_save(*, report: Report, by, read_version: int | None, **values) -> Report:
    """An author saves their draft (only while it is with them, before publication)."""
    report = report_locked(report, read_version)
    if not permissions.is_author(by, report.item):
        raise ApplicationError("Only the report's authors draft it.")
    _require_unpublished(report)
    if report.status != Report.Status.DRAFT:
        raise ApplicationError(
            f"The report is {report.get_status_display().lower()}: ask democratic services to "
            "send it back before changing it."
        )
    report_values_apply(report, values)
    report.version += 1
    report.save()
    return report


@transaction.atomic
def report_submit(*, report: Report, by, read_version: int | None, note: str = "") -> Report:
    """An author submits the draft for clearance; every required section must be written."""
    report = report_locked(report, read_version)
    if not permissions.is_author(by, report.item):
        raise ApplicationError("Only the report's authors submit it.")
    _require_unpublished(report)
    if report.status != Report.Status.DRAFT:
        raise ApplicationError(f"The report is already {report.get_status_display().lower()}.")
    _require_complete(report, "submitting it")
    report.status, report.submitted_at = Report.Status.SUBMITTED, timezone.now()
    report.version += 1
    report.save()
    _note(report, by, ReportComment.Kind.SUBMITTED, note)
    return report


@transaction.atomic
def report_send_back(*, report: Report, by, note: str, read_version: int | None = None) -> Report:
    """Democratic services return a submitted (or cleared) report to its authors, saying why."""
    report = report_locked(report, read_version)
    if not permissions.may_edit(by):
        raise ApplicationError("Only democratic services send reports back.")
    _require_unpublished(report)
    if report.status == Report.Status.DRAFT:
        raise ApplicationError("The report is already with its authors.")
    if not report.authors.exists():
        raise ApplicationError("The report has no authors to send it back to.")
    if not (note or "").strip():
        raise ApplicationError("Say what the authors should change", field="text")
    _note(report, by, ReportComment.Kind.SENT_BACK, note)
    report.status = Report.Status.DRAFT
    report.version += 1
    report.save()
    return report


@transaction.atomic
def report_clear(*, report: Report, by, read_version: int | None = None, note: str = "") -> Report:
    """Democratic services clear a submitted report for publication with the agenda."""
    report = report_locked(report, read_version)
    if not permissions.may_edit(by):
        raise ApplicationError("Only democratic services clear reports.")
    _require_unpublished(report)
    if report.status == Report.Status.CLEARED:
        raise ApplicationError("The report is already cleared.")
    _require_complete(report, "clearing it")
    report.status, report.cleared_at, report.cleared_by = (
        Report.Status.CLEARED,
        timezone.now(),
        by,
    )
    report.version += 1
    report.save()
    _note(report, by, ReportComment.Kind.CLEARED, note)
    return report


@transaction.atomic
def report_comment_add(*, report: Report, by, text: str) -> ReportComment:
    """A comment in the report's thread, by one of its authors or democratic services."""
    if not (permissions.may_edit(by) or permissions.is_author(by, report.item)):
        raise ApplicationError("Only the report's authors and democratic services comment.")
    if not (text or "").strip():
        raise ApplicationError("Enter your comment", field="text")
    return _note(report, by, ReportComment.Kind.COMMENT, text)


@transaction.atomic
def report_delete(*, report: Report, by, read_version: int | None = None) -> None:
    """Democratic services delete a report and its appendices before publication."""
    report = report_locked(report, read_version)
    if not permissions.may_edit(by):
        raise ApplicationError("Only democratic services delete reports.")
    _require_unpublished(report)
    files = [a.file for a in report.appendices.all() if a.file]
    report.delete()
    transaction.on_commit(lambda: [f.delete(save=False) for f in files])


@transaction.atomic
def appendix_remove(*, appendix: Appendix, by) -> None:
    """Take an appendix off a report before publication (its file goes once this commits)."""
    appendix = (
        Appendix.objects.select_for_update()
        .select_related("report__item__meeting")
        .get(pk=appendix.pk)
    )
    report = appendix.report
    if not (
        permissions.may_edit(by)
        or (permissions.is_author(by, report.item) and report.status == Report.Status.DRAFT)
    ):
        raise ApplicationError("Only democratic services, or its authors while drafting, do that.")
    _require_unpublished(report)
    stored = appendix.file if appendix.file else None
    appendix.delete()
    if stored:
        transaction.on_commit(lambda: stored.delete(save=False))
