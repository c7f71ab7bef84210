"""Writes of the meetings app: officers' reports, their appendices (uploaded or generated), and
who opened an exempt paper. Keyword-only and atomic; a broken rule raises ApplicationError."""

import io

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename

from meetings.models import (
    AgendaItem,
    Appendix,
    Meeting,
    Report,
    ReportSection,
)
from meetings.packs.generators import GeneratorMissing, generated_kind
from meetings.services.common import require_editable_meeting
from shp.errors import ApplicationError
from shp.uploads import pdf_active_check

PDF_MAGIC = b"%PDF-"


REPORT_FIELDS = ("report_of", "subject")


def report_section_keys(committee) -> list[str]:
    """The keys of the sections the committee's reports have, in print order."""
    return list(committee.report_sections.order_by("position").values_list("key", flat=True))


def report_values_apply(report: Report, values: dict) -> None:
    """Set the report's subject, report-of and section texts from ``values`` (checked)."""
    keys = report_section_keys(report.item.meeting.committee)
    unknown = set(values) - set(REPORT_FIELDS) - set(keys)
    if unknown:
        raise ApplicationError(f"Unknown report fields: {', '.join(sorted(unknown))}")
    extra = dict(report.extra_sections)
    for name, value in values.items():
        text = (value or "").strip()
        if name in REPORT_FIELDS or name in ReportSection.values:
            setattr(report, name, text)
        else:
            extra[name] = text
    report.extra_sections = extra
    if not report.subject:
        raise ApplicationError("Enter the report's subject", field="subject")
    if not report.report_of:
        raise ApplicationError("Enter whose report it is", field="report_of")


def report_locked(report: Report, read_version: int | None) -> Report:
    """The report, locked; refused if it changed since the page that saves was opened."""
    locked = Report.objects.select_for_update().select_related("item__meeting").get(pk=report.pk)
    if read_version is not None and read_version != locked.version:
        raise ApplicationError(
            "Someone changed this report after you opened the page, so your change was not "
            "saved. Your text is below: copy what you need, then open the report again."
        )
    return locked


@transaction.atomic
def report_save(
    *,
    item: AgendaItem,
    authors=None,
    by=None,
    read_version: int | None = None,
    **values: str,
) -> Report:
    """Democratic services write or change the item's report: it is cleared as saved. A
    published report keeps its required sections and is marked as revised.

    ``values``: report_of, subject and the text of the committee's report sections by key.
    ``authors`` (people) are the officers who wrote it or are its contacts; None leaves them."""
    require_editable_meeting(item.meeting)
    existing = getattr(item, "report", None)
    report = report_locked(existing, read_version) if existing else Report(item=item)
    report_values_apply(report, values)
    if item.meeting.is_published and report.missing_sections():
        raise ApplicationError(
            "The agenda is published, so the report must keep every required section: "
            + ", ".join(report.missing_sections()),
        )
    now = timezone.now()
    if report.pk:
        report.version += 1
    if item.meeting.is_published:
        report.revised_at = now
    report.status, report.cleared_at = Report.Status.CLEARED, now
    report.cleared_by = by if by is not None and by.is_authenticated else None
    report.save()
    if authors is not None:
        report.authors.set(authors)
    if item.meeting.is_published:
        from meetings.packs.services import packs_remake_on_commit

        packs_remake_on_commit(meeting=item.meeting, user=by)
    return report


def pdf_check_size(*, size: int, limit: int | None = None) -> None:
    """Refuse an upload over the limit before its contents are read."""
    limit = settings.MEETINGS_APPENDIX_MAX_BYTES if limit is None else limit
    if size > limit:
        raise ApplicationError(
            f"The selected file must be smaller than {limit / 1024 / 1024:.0f} MB "
            f"(it is {size / 1024 / 1024:.1f} MB)",
            field="file",
        )


def pdf_check(*, content: bytes, limit: int | None = None) -> int:
    """Check an upload is a PDF that opens, within the size limit; returns its page count."""
    limit = settings.MEETINGS_APPENDIX_MAX_BYTES if limit is None else limit
    if not content:
        raise ApplicationError("The selected file is empty", field="file")
    if len(content) > limit:
        raise ApplicationError(
            f"The selected file must be smaller than {limit / 1024 / 1024:.0f} MB "
            f"(it is {len(content) / 1024 / 1024:.1f} MB)",
            field="file",
        )
    if not content.startswith(PDF_MAGIC):
        raise ApplicationError(
            "The selected file must be a PDF: its contents are not a PDF, whatever its name",
            field="file",
        )
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            raise ApplicationError("The selected PDF is password-protected", field="file")
        pages = len(reader.pages)
        pdf_active_check(reader, field="file")
        return pages
    except ApplicationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise ApplicationError(
            "The selected PDF is damaged and cannot be opened", field="file"
        ) from error


def _label_free(report: Report, label: str) -> str:
    label = label.strip()
    if not label:
        raise ApplicationError("Enter the appendix label, like Appendix A", field="label")
    if report.appendices.filter(label__iexact=label).exists():
        raise ApplicationError(f"The report already has an {label}", field="label")
    return label


@transaction.atomic
def appendix_upload(
    *, report: Report, label: str, title: str, filename: str, content: bytes
) -> Appendix:
    """Attach an uploaded PDF appendix after checking its contents and size."""
    label = _label_free(report, label)
    if not title.strip():
        raise ApplicationError("Enter the appendix title", field="title")
    pages = pdf_check(content=content)
    safe = get_valid_filename(filename.rsplit("/", 1)[-1]) or "appendix.pdf"
    if not safe.lower().endswith(".pdf"):
        safe += ".pdf"
    appendix = Appendix(
        report=report,
        label=label,
        title=title.strip(),
        kind=Appendix.Kind.UPLOADED,
        original_filename=filename[:255],
        size=len(content),
        pages=pages,
    )
    appendix.file.save(safe, ContentFile(content), save=False)
    appendix.save()
    _remake_if_published(report)
    return appendix


def _remake_if_published(report: Report) -> None:
    meeting = report.item.meeting
    if meeting.is_published:
        from meetings.packs.services import packs_remake_on_commit

        packs_remake_on_commit(meeting=meeting)


@transaction.atomic
def appendix_generated_add(
    *, report: Report, label: str, title: str, generator: str, options: dict | None = None
) -> Appendix:
    """Attach an appendix the app will generate when the pack is rendered; the kind (which an
    app registered) checks its options."""
    label = _label_free(report, label)
    try:
        kind = generated_kind(generator)
    except GeneratorMissing:
        raise ApplicationError("Choose what to generate", field="generator") from None
    kind.check(options or {})
    appendix = Appendix.objects.create(
        report=report,
        label=label,
        title=title.strip() or kind.label,
        kind=Appendix.Kind.GENERATED,
        generator=generator,
        generator_options=options or {},
    )
    _remake_if_published(report)
    return appendix


def paper_access_record(*, user, meeting: Meeting, kind: str, what: str) -> None:
    """Log that ``user`` opened an exempt paper or a members' pack."""
    from meetings.models import PaperAccess

    PaperAccess.objects.create(
        user=user if user.is_authenticated else None,
        username=user.get_username() if user.is_authenticated else "",
        meeting=meeting,
        kind=kind,
        what=what[:300],
    )


@transaction.atomic
def appendix_replace(*, appendix: Appendix, filename: str, content: bytes) -> Appendix:
    """Put a new PDF in place of an uploaded appendix before publication (label and title
    stay; the old file goes once this commits)."""
    appendix = (
        Appendix.objects.select_for_update()
        .select_related("report__item__meeting")
        .get(pk=appendix.pk)
    )
    meeting = appendix.report.item.meeting
    require_editable_meeting(meeting)
    if meeting.is_published:
        raise ApplicationError("The agenda is published: the appendix can no longer change.")
    if appendix.kind != Appendix.Kind.UPLOADED:
        raise ApplicationError("Only an uploaded appendix has a file to replace.")
    pages = pdf_check(content=content)
    old = appendix.file.name
    safe = get_valid_filename(filename.rsplit("/", 1)[-1]) or "appendix.pdf"
    if not safe.lower().endswith(".pdf"):
        safe += ".pdf"
    appendix.file.save(safe, ContentFile(content), save=False)
    appendix.original_filename, appendix.size, appendix.pages = filename[:255], len(content), pages
    appendix.save()
    storage = appendix.file.storage
    transaction.on_commit(lambda: storage.delete(old) if old else None)
    return appendix
