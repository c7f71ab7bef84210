"""Import the indicator catalogue from a CSV or XLSX file: every row is checked, and every
indicator written through the same checks as the catalogue form, before anything is kept.

A file is first previewed (the import run and rolled back), then applied by the performance lead
from the preview page; applying is refused if the catalogue changed after the preview was shown.
"""

import hashlib
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from indicators import catalogue_files as files
from indicators.models import CatalogueUpload, Indicator, normalise_name
from indicators.selectors import catalogue_state
from indicators.services.catalogue import _require_lead, indicator_write
from indicators.services.imports import ImportFailed, Problem
from indicators.tabular import UnreadableFile, read_table
from shp.errors import ApplicationError
from shp.models import Job

FIELD_LABELS = {
    "name": "name",
    "aliases": "other names",
    "description": "definition",
    "theme": "theme",
    "unit": "unit",
    "polarity": "polarity",
    "parent": "part of",
    "parent_rule": "rule",
    "rate_denominator": "rate per",
    "source": "source",
    "owner": "owner",
    "frequency": "frequency",
    "valid_from": "from",
    "valid_to": "until",
}


@dataclass
class CatalogueChange:
    row: int
    code: str
    name: str
    action: str  # "create", "update", "unchanged" or "kept" (exists; the file may not change it)
    changed: list[str] = field(default_factory=list)  # labels of the fields that change


@dataclass
class CatalogueResult:
    changes: list[CatalogueChange]
    recompute_job_id: str | None = None

    def count(self, action: str) -> int:
        return sum(1 for change in self.changes if change.action == action)


class _Preview(Exception):
    """Raised to roll a dry run back, carrying its result."""

    def __init__(self, result):
        self.result = result


def _read_rows(content: bytes, filename: str) -> list[files.CatalogueRow]:
    try:
        header, rows, refused = read_table(content, filename)
    except UnreadableFile as error:
        raise ImportFailed([Problem(None, None, str(error))]) from None
    columns = [cell.strip().lower() for cell in header]
    problems = []
    unknown = [c for c in columns if c and c not in files.COLUMNS]
    if unknown:
        problems.append(
            Problem(
                1,
                None,
                f"unknown columns {', '.join(unknown)} (the columns are "
                f"{', '.join(files.COLUMNS)})",
            )
        )
    missing = [c for c in files.REQUIRED_COLUMNS if c not in columns]
    if missing:
        problems.append(Problem(1, None, f"missing columns {', '.join(missing)}"))
    repeated = sorted({c for c in columns if c and columns.count(c) > 1})
    if repeated:
        problems.append(Problem(1, None, f"columns named twice: {', '.join(repeated)}"))
    if problems:
        raise ImportFailed(problems)
    result = []
    for row in rows:
        if not any(row.cells):
            continue
        if len(result) >= files.MAX_ROWS:
            raise ImportFailed(
                [Problem(row.number, None, f"the file has more than {files.MAX_ROWS} rows")]
            )
        cells = {column: "" for column in columns if column}
        for column, text in zip(columns, row.cells, strict=False):
            if column:
                cells[column] = text
        result.append(files.CatalogueRow(row.number, cells))
    problems = [Problem(c.row, columns[c.column], c.problem) for c in refused]
    if problems:
        raise ImportFailed(problems)
    if not result:
        raise ImportFailed([Problem(None, None, "The file has no indicators in it.")])
    return result


def _in_file_order(rows: list[files.CatalogueRow], problems: list[Problem]):
    """Rows with each parent named in the file before its parts; repeated codes and loops of
    parents within the file are problems."""
    by_code: dict[str, files.CatalogueRow] = {}
    for row in rows:
        if row.code in by_code:
            first = by_code[row.code].number
            problems.append(Problem(row.number, "code", f"{row.code} is also on row {first}"))
        elif row.code:
            by_code[row.code] = row
    ordered, state = [], {}

    def visit(row, path):
        if state.get(row.number) == "done":
            return
        if row.number in path:
            problems.append(Problem(row.number, "parent", "the parents in the file form a loop"))
            return
        parent = by_code.get(row.parent_code)
        if parent is not None and parent is not row:
            visit(parent, path | {row.number})
        state[row.number] = "done"
        ordered.append(row)

    for row in rows:
        visit(row, frozenset())
    return ordered, by_code


def _values(row: files.CatalogueRow, organisations, problems: list[Problem]) -> dict:
    """The row's cells as the catalogue's field values (parent left as its code)."""
    values = {}
    for column, raw in row.cells.items():
        try:
            text = files.cell_text(raw)
            if column in files.CHOICES:
                values[column] = files.choice_value(column, text)
            elif column in ("valid_from", "valid_to"):
                values[column] = files.date_value(text)
            elif column == "aliases":
                values[column] = files.aliases_value(text)
            elif column == "source":
                values[column] = _organisation(text, organisations)
            else:
                values[column] = text
        except files.CellProblem as problem:
            problems.append(Problem(row.number, column, str(problem)))
    return values


def _organisation(text: str, organisations):
    if not text:
        return None
    found = organisations.get(normalise_name(text))
    if found is None:
        raise files.CellProblem(f'"{text}" is not a partner organisation')
    return found


def _changed_fields(indicator: Indicator, values: dict) -> list[str]:
    changed = []
    for name, value in values.items():
        if name == "code":
            continue
        current = getattr(indicator, name)
        if name == "parent_rule" and values.get("parent") is None:
            value = ""
        if current != value:
            changed.append(FIELD_LABELS[name])
    return changed


def catalogue_import(
    *, content: bytes, filename: str, user, update_existing: bool = True, dry_run: bool = False
) -> CatalogueResult:
    """Add (and, with ``update_existing``, change) the file's indicators, all or none.
    Raises ImportFailed listing every problem by row and column."""
    _require_lead(user)
    return catalogue_load(
        content=content,
        filename=filename,
        user=user,
        update_existing=update_existing,
        dry_run=dry_run,
    )


def catalogue_load(
    *,
    content: bytes,
    filename: str,
    user=None,
    update_existing: bool = True,
    dry_run: bool = False,
) -> CatalogueResult:
    """:func:`catalogue_import` without the role check, for setting up a partnership from its
    files (``user`` is None there: the history records no one)."""
    rows = _read_rows(content, filename)
    problems: list[Problem] = []
    ordered, in_file = _in_file_order(rows, problems)
    organisations = files.organisation_index()
    try:
        with transaction.atomic():
            existing = {i.code: i for i in Indicator.objects.select_for_update()}
            changes = []
            for row in ordered:
                found = existing.get(row.code)
                if found is not None and not update_existing:
                    changes.append(CatalogueChange(row.number, row.code, found.name, "kept"))
                    continue
                values = _values(row, organisations, problems)
                if "parent" in values:
                    values["parent"] = _parent(row, existing, in_file, problems)
                if found is not None:
                    changed = _changed_fields(found, values)
                    if not changed:
                        changes.append(
                            CatalogueChange(row.number, row.code, found.name, "unchanged")
                        )
                        continue
                if any(p.row == row.number for p in problems):
                    continue
                try:
                    written = indicator_write(
                        user=user,
                        values=values,
                        indicator=found,
                        reason=f"From the catalogue file {filename}, row {row.number}",
                    )
                except ApplicationError as error:
                    column = error.field if error.field in row.cells else None
                    problems.append(Problem(row.number, column, error.message))
                    continue
                existing[written.code] = written
                action = "update" if found is not None else "create"
                changes.append(
                    CatalogueChange(
                        row.number,
                        written.code,
                        written.name,
                        action,
                        changed if found is not None else [],
                    )
                )
            if problems:
                raise ImportFailed(problems)
            changes.sort(key=lambda change: change.row)
            result = CatalogueResult(changes)
            if dry_run:
                raise _Preview(result)
            if result.count("create") or result.count("update"):
                from indicators.services.comparisons import comparisons_recompute_start

                result.recompute_job_id = str(comparisons_recompute_start(user=user, full=True).pk)
            return result
    except _Preview as preview:
        return preview.result


def _parent(row, existing, in_file, problems):
    code = row.parent_code
    if not code:
        return None
    parent = existing.get(code)
    if parent is None:
        where = in_file.get(code)
        message = (
            f"{code} on row {where.number} could not be added, so it cannot be the parent"
            if where is not None
            else f"{code} is not in the catalogue or the file"
        )
        problems.append(Problem(row.number, "parent", message))
    return parent


def catalogue_upload_preview(
    *, user, filename: str, content: bytes, update_existing: bool = True
) -> tuple[CatalogueUpload, CatalogueResult]:
    """Check the whole file (raising ImportFailed with every problem); keep it for applying."""
    result = catalogue_import(
        content=content,
        filename=filename,
        user=user,
        update_existing=update_existing,
        dry_run=True,
    )
    upload = CatalogueUpload.objects.create(
        filename=filename[:255],
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        uploaded_by=user,
        update_existing=update_existing,
        created=result.count("create"),
        updated=result.count("update"),
        unchanged=result.count("unchanged") + result.count("kept"),
    )
    return upload, result


def national_reference_preview(*, user) -> tuple[CatalogueUpload, CatalogueResult]:
    """The shipped national reference catalogue, as an upload that adds what is missing and
    leaves the partnership's own indicators as they are."""
    return catalogue_upload_preview(
        user=user,
        filename=f"{files.NATIONAL_REFERENCE_NAME}.csv",
        content=files.NATIONAL_REFERENCE_FILE.read_bytes(),
        update_existing=False,
    )


def catalogue_upload_dry_run(*, upload: CatalogueUpload) -> CatalogueResult:
    """What applying the upload would change now (the catalogue may have changed since)."""
    return catalogue_import(
        content=bytes(upload.content),
        filename=upload.filename,
        user=upload.uploaded_by,
        update_existing=upload.update_existing,
        dry_run=True,
    )


@transaction.atomic
def catalogue_upload_apply(*, upload: CatalogueUpload, user, read_state: str) -> CatalogueResult:
    """Write the upload's indicators (all or none) and queue the recompute; refused when the
    catalogue is not the one the preview (``read_state``) was worked out from."""
    _require_lead(user)
    upload = CatalogueUpload.objects.select_for_update().get(pk=upload.pk)
    if upload.status == CatalogueUpload.Status.APPLIED:
        raise ApplicationError("This file has already been applied.")
    list(Indicator.objects.select_for_update().values_list("pk", flat=True))
    if read_state != catalogue_state():
        raise ApplicationError(
            "The catalogue changed after this preview was shown, so nothing was saved. Check "
            "what the file will change now."
        )
    result = catalogue_import(
        content=bytes(upload.content),
        filename=upload.filename,
        user=user,
        update_existing=upload.update_existing,
    )
    upload.status = CatalogueUpload.Status.APPLIED
    upload.applied_at = timezone.now()
    upload.created = result.count("create")
    upload.updated = result.count("update")
    upload.unchanged = result.count("unchanged") + result.count("kept")
    if result.recompute_job_id:
        upload.recompute_job = Job.objects.get(pk=result.recompute_job_id)
    upload.save()
    return result
