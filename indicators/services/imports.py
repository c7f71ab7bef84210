"""Import figures from a CSV or XLSX file: every row is checked before anything is written.

On PostgreSQL the rows are checked and written in bulk (indicators/services/import_bulk.py),
with the row-by-row checks (indicators/import_checks.py) giving every message; elsewhere
(SQLite in development) row by row through the one write path for figures."""

import logging
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from indicators.import_checks import Change, ParsedRow, Problem, columns_read, rows_parse
from indicators.models import Figure, Period
from indicators.services import import_bulk
from indicators.services.figures import FigureWrite, WriteOutcome, figures_write
from indicators.tabular import UnreadableFile, read_table
from shp.errors import ApplicationError

__all__ = ["Change", "ImportFailed", "ImportResult", "Problem", "figures_import"]

# The rows that change something are listed for the person checking a file, up to this many.
CHANGES_LISTED = 500
REASON = "Imported from a file"
logger = logging.getLogger(__name__)


class ImportFailed(ApplicationError):
    """The file has problems; nothing was written. ``problems`` lists each one."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.row or 0, p.column or ""))
        count = len(self.problems)
        super().__init__(
            f"The file has {count} problem{'s' if count != 1 else ''}; nothing was imported."
        )


@dataclass
class ImportResult:
    counts: dict[str, int]  # rows by action: "create", "update", "unchanged"
    changes: list[Change]  # the first CHANGES_LISTED rows that create or update, in file order
    warnings: list[Problem] = field(default_factory=list)
    applied: bool = False
    recompute_job_id: str | None = None
    revisions: int = 0  # approved figures changed: awaiting approval, the approved value kept
    written: list[tuple[int, int]] = field(default_factory=list)  # (figure id, version)

    def count(self, action: str) -> int:
        return self.counts.get(action, 0)

    @property
    def rows(self) -> int:
        return sum(self.counts.values())

    @property
    def changes_not_listed(self) -> int:
        return self.count("create") + self.count("update") - len(self.changes)


def figures_import(
    *,
    content: bytes,
    filename: str,
    user=None,
    dry_run: bool = False,
    status: str = Figure.Status.DRAFT,
    max_bytes: int | None = None,
    recompute: bool = True,
    row_problem=None,
) -> ImportResult:
    """Check every row of a figures file; unless ``dry_run``, write them all or none.

    Re-importing updates figures in place (history keeps the old values); a locked figure is
    never overwritten; an approved one written with a status short of approved becomes a revision
    (its approved value stays until the revision is approved). After writing, the comparisons
    are recomputed by a Celery job.
    ``row_problem(indicator, area, period_spec)`` may refuse rows outside a scope (an officer's
    upload holds only their organisation's figures for one quarter) by returning the reason.
    """
    limit = max_bytes or settings.FIGURES_IMPORT_MAX_BYTES
    if len(content) > limit:
        raise ImportFailed(
            [
                Problem(
                    None,
                    None,
                    f"The file is {len(content) / 1_000_000:.1f} MB; the largest file accepted is "
                    f"{limit / 1_000_000:.0f} MB. Split it into smaller files.",
                )
            ]
        )
    try:
        header, rows, refused_cells = read_table(content, filename)
    except UnreadableFile as error:
        raise ImportFailed([Problem(None, None, str(error))]) from None
    positions, problems = columns_read(header)
    if problems:
        raise ImportFailed(problems)

    def parse():
        try:
            parsed, problems, warnings = rows_parse(header, rows, refused_cells, row_problem)
        except UnreadableFile as error:
            raise ImportFailed([Problem(None, None, str(error))]) from None
        if not parsed and not problems:
            problems.append(Problem(None, None, "The file has a header row but no figures."))
        if problems:
            raise ImportFailed(problems)
        return parsed, warnings

    with transaction.atomic():
        if import_bulk.bulk_available():
            result = _import_in_bulk(content, header, positions, parse, row_problem=row_problem,
                                     dry_run=dry_run, user=user, status=status)  # fmt: skip
        else:
            result = _import_row_by_row(parse, dry_run=dry_run, user=user, status=status)
        if result.applied and recompute and (result.count("create") or result.count("update")):
            from indicators.services.comparisons import comparisons_recompute_start

            result.recompute_job_id = str(comparisons_recompute_start(user=user).pk)
        closing = time.perf_counter()
    # Where this was the outermost transaction, its commit (and the deferred key checks).
    logger.info("import: the transaction closed in %.1f s", time.perf_counter() - closing)
    return result


def _import_in_bulk(content, header, positions, parse, *, row_problem, dry_run, user, status):
    started = time.perf_counter()
    with import_bulk.ImportStage() as stage:
        warnings = stage.load_csv(content, header, positions, row_problem=row_problem)
        checked = "in bulk" if warnings is not None else "row by row"
        if warnings is None:
            parsed, warnings = parse()
            stage.load_parsed(parsed)
        plan = stage.plan(listed=CHANGES_LISTED)
        planned = time.perf_counter()
        if plan.locked:
            raise ImportFailed(plan.locked)
        result = ImportResult(counts=plan.counts, changes=plan.listed, warnings=warnings)
        if not dry_run:
            result.revisions, result.written = stage.write(
                user=user, status=status, reason=REASON, plan=plan
            )
            result.applied = True
    logger.info(
        "import of %s rows: checked %s and compared in %.1f s, written in %.1f s",
        result.rows, checked, planned - started, time.perf_counter() - planned,
    )  # fmt: skip
    return result


def _import_row_by_row(parse, *, dry_run, user, status):
    parsed, warnings = parse()
    existing = _existing_figures(parsed)
    changes, locked = _plan(parsed, existing)
    if locked:
        raise ImportFailed(locked)
    counts: dict[str, int] = {}
    for change in changes:
        counts[change.action] = counts.get(change.action, 0) + 1
    listed = [change for change in changes if change.action != "unchanged"][:CHANGES_LISTED]
    result = ImportResult(counts=counts, changes=listed, warnings=warnings)
    if not dry_run:
        outcome = _write(parsed, changes, existing, user=user, status=status)
        result.applied = True
        result.revisions = len(outcome.revisions)
        result.written = [(f.pk, f.version) for f in outcome.created + outcome.changed]
    return result


def _existing_figures(parsed: list[ParsedRow]) -> dict[tuple, Figure]:
    codes = {item.spec.code for item in parsed}
    period_ids = dict(Period.objects.filter(code__in=codes).values_list("code", "pk"))
    if not period_ids:
        return {}
    indicator_ids = {item.indicator.pk for item in parsed}
    area_ids = {item.area.pk for item in parsed}
    figures = Figure.objects.filter(
        period_id__in=period_ids.values(), indicator_id__in=indicator_ids, area_id__in=area_ids
    ).select_related("period")
    return {(f.indicator_id, f.area_id, f.period.code): f for f in figures}


def _plan(parsed, existing) -> tuple[list[Change], list[Problem]]:
    changes, locked = [], []
    for item in parsed:
        figure = existing.get((item.indicator.pk, item.area.pk, item.spec.code))
        change = Change(
            row=item.row,
            indicator=item.indicator,
            area=item.area,
            period_code=item.spec.code,
            value=item.value,
            not_available_reason=item.reason,
            note=item.note,
            action="create",
        )
        if figure is not None:
            change.old_value = figure.value
            change.old_not_available_reason = figure.not_available_reason
            same = (
                figure.value == item.value
                and figure.not_available_reason == item.reason
                and figure.note == item.note
            )
            if figure.status == Figure.Status.LOCKED and not same:
                locked.append(
                    Problem(
                        item.row,
                        None,
                        f"the {item.area.name} figure for {item.indicator.name}, {item.spec.code}"
                        " is locked; ask the performance lead to unlock it first",
                    )
                )
            change.action = "unchanged" if same else "update"
        changes.append(change)
    return changes, locked


def _write(parsed, changes, existing, *, user, status) -> WriteOutcome:
    period_rows = Period.objects.ensure(item.spec for item in parsed)
    writes = [
        FigureWrite(
            indicator_id=item.indicator.pk,
            area_id=item.area.pk,
            period=period_rows[item.spec.code],
            value=item.value,
            not_available_reason=item.reason,
            note=item.note,
        )
        for item, change in zip(parsed, changes, strict=True)
        if change.action != "unchanged"
    ]
    by_period_id = {(f.indicator_id, f.area_id, f.period_id): f for f in existing.values()}
    return figures_write(
        writes=writes,
        user=user,
        status=status,
        reason=REASON,
        existing=by_period_id,
    )
