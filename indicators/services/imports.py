"""Import figures from a CSV or XLSX file: every row is checked before anything is written."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import transaction

from indicators import periods
from indicators.matching import area_index, indicator_index
from indicators.models import Area, Figure, Indicator, Period
from indicators.services.figures import FigureWrite, WriteOutcome, figures_write
from indicators.tabular import UnreadableFile, read_table
from indicators.values import value_parse
from shp.errors import ApplicationError

REQUIRED_COLUMNS = ("area", "indicator", "period", "value")
OPTIONAL_COLUMNS = ("note",)
NOT_AVAILABLE_WORDS = {"n/a", "na", "not available", "data unavailable", "unavailable", "-"}
MAX_NOTE_LENGTH = 2000


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.row is not None and self.column:
            return f"row {self.row}, column {self.column}: {self.message}"
        if self.row is not None:
            return f"row {self.row}: {self.message}"
        return self.message


class ImportFailed(ApplicationError):
    """The file has problems; nothing was written. ``problems`` lists each one."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.row or 0, p.column or ""))
        count = len(self.problems)
        super().__init__(
            f"The file has {count} problem{'s' if count != 1 else ''}; nothing was imported."
        )


@dataclass
class Change:
    row: int
    indicator: Indicator
    area: Area
    period_code: str
    value: Decimal | None
    not_available_reason: str
    note: str
    action: str  # "create", "update" or "unchanged"
    old_value: Decimal | None = None
    old_not_available_reason: str = ""


@dataclass
class ImportResult:
    changes: list[Change]
    warnings: list[Problem] = field(default_factory=list)
    applied: bool = False
    recompute_job_id: str | None = None
    revisions: int = 0  # approved figures changed: awaiting approval, the approved value kept
    written: list[tuple[int, int]] = field(default_factory=list)  # (figure id, version)

    def count(self, action: str) -> int:
        return sum(1 for change in self.changes if change.action == action)


@dataclass
class _Parsed:
    row: int
    indicator: Indicator
    area: Area
    spec: periods.PeriodSpec
    value: Decimal | None
    reason: str
    note: str


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
        parsed, problems, warnings = _parse_rows(header, rows, refused_cells, row_problem)
    except UnreadableFile as error:
        raise ImportFailed([Problem(None, None, str(error))]) from None
    if not parsed and not problems:
        problems.append(Problem(None, None, "The file has a header row but no figures."))
    if problems:
        raise ImportFailed(problems)

    existing = _existing_figures(parsed)
    changes, locked = _plan(parsed, existing)
    if locked:
        raise ImportFailed(locked)
    result = ImportResult(changes=changes, warnings=warnings)
    if dry_run:
        return result
    with transaction.atomic():
        outcome = _write(parsed, changes, existing, user=user, status=status)
        result.applied = True
        result.revisions = len(outcome.revisions)
        result.written = [(f.pk, f.version) for f in outcome.created + outcome.changed]
        if recompute and any(change.action != "unchanged" for change in changes):
            from indicators.services.comparisons import comparisons_recompute_start

            result.recompute_job_id = str(comparisons_recompute_start(user=user).pk)
    return result


def _parse_rows(
    header: list[str], rows: Iterable, refused_cells: list, row_problem=None
) -> tuple[list[_Parsed], list[Problem], list]:
    """Check every row; ``refused_cells`` fills up as rows are read (XLSX formulas)."""
    problems: list[Problem] = []
    names = [cell.strip().lower() for cell in header]
    positions: dict[str, int] = {}
    for index, name in enumerate(names):
        if not name:
            continue
        if name in positions:
            problems.append(Problem(1, name, "this column appears twice"))
        elif name not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS:
            problems.append(
                Problem(
                    1,
                    name,
                    "is not a column we know; the columns are area, indicator, period, value "
                    "and, optionally, note",
                )
            )
        positions.setdefault(name, index)
    missing = [name for name in REQUIRED_COLUMNS if name not in positions]
    if missing:
        problems.append(
            Problem(
                1,
                None,
                f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}; the first "
                "row must name the columns area, indicator, period, value (and optionally note)",
            )
        )
    if problems:
        return [], problems, []

    areas = area_index(Area.objects.all())
    indicators = indicator_index(Indicator.objects.all())
    period_cache: dict[str, periods.PeriodSpec | str] = {}
    seen: dict[tuple, int] = {}
    parsed: list[_Parsed] = []
    warnings: list[Problem] = []

    column_of = {index: name for name, index in positions.items()}
    refused_seen = 0
    for row in rows:
        cells = row.cells
        refused_here = refused_cells[refused_seen:]
        refused_seen = len(refused_cells)
        if refused_here:
            problems.extend(
                Problem(cell.row, column_of.get(cell.column, str(cell.column + 1)), cell.problem)
                for cell in refused_here
            )
            continue
        if not any(cells):
            continue

        def cell(name, cells=cells):
            index = positions.get(name)
            return cells[index] if index is not None and index < len(cells) else ""

        row_problems: list[Problem] = []
        area_text, indicator_text = cell("area"), cell("indicator")
        period_text, value_text, note = cell("period"), cell("value"), cell("note")
        area = areas.get(area_text) if area_text else None
        if not area_text:
            row_problems.append(Problem(row.number, "area", "is empty"))
        elif area is None:
            row_problems.append(
                Problem(row.number, "area", _unknown(area_text, "area", areas.nearest(area_text)))
            )
        indicator = indicators.get(indicator_text) if indicator_text else None
        if not indicator_text:
            row_problems.append(Problem(row.number, "indicator", "is empty"))
        elif indicator is None:
            row_problems.append(
                Problem(
                    row.number,
                    "indicator",
                    _unknown(indicator_text, "indicator", indicators.nearest(indicator_text)),
                )
            )
        spec = period_cache.get(period_text)
        if spec is None:
            try:
                spec = periods.parse(period_text)
            except periods.PeriodError as error:
                spec = str(error)
            period_cache[period_text] = spec
        if isinstance(spec, str):
            row_problems.append(Problem(row.number, "period", spec))
        if len(note) > MAX_NOTE_LENGTH:
            row_problems.append(
                Problem(row.number, "note", f"is longer than {MAX_NOTE_LENGTH} characters")
            )
        value, reason, value_problem = _parse_value(value_text, note, indicator)
        if value_problem:
            row_problems.append(Problem(row.number, "value", value_problem))
        if row_problems:
            problems.extend(row_problems)
            continue
        key = (indicator.pk, area.pk, spec)
        if key in seen:
            problems.append(
                Problem(
                    row.number,
                    None,
                    f"repeats row {seen[key]} ({area.name}, {indicator.name}, {spec.code}); "
                    "each figure may appear once",
                )
            )
            continue
        seen[key] = row.number
        refusal = row_problem(indicator, area, spec) if row_problem else ""
        if refusal:
            problems.append(Problem(row.number, None, refusal))
            continue
        if not indicator.is_valid_for(spec):
            warnings.append(
                Problem(
                    row.number,
                    "period",
                    f"{spec.code} is outside the dates {indicator.name} is defined for "
                    f"({_validity(indicator)}); accepted as a re-stated figure",
                )
            )
        parsed.append(_Parsed(row.number, indicator, area, spec, value, reason, note))
    return parsed, problems, warnings


def _unknown(text: str, what: str, nearest: list[str]) -> str:
    hint = f"; did you mean {' or '.join(repr(n) for n in nearest)}?" if nearest else ""
    return f'"{text[:80]}" is not a known {what}{hint}'


def _validity(indicator: Indicator) -> str:
    start = indicator.valid_from.strftime("%-d %B %Y") if indicator.valid_from else "the start"
    end = indicator.valid_to.strftime("%-d %B %Y") if indicator.valid_to else "now"
    return f"{start} to {end}"


def _parse_value(
    text: str, note: str, indicator: Indicator | None
) -> tuple[Decimal | None, str, str]:
    """Return (value, not-available reason, problem)."""
    if not text:
        return None, "", 'is empty; write the number, or "not available" and the reason in note'
    if text.strip().lower() in NOT_AVAILABLE_WORDS:
        return None, (note or text)[:300], ""
    value, problem = value_parse(
        text, unit=indicator.unit if indicator else None, name=indicator.name if indicator else ""
    )
    return value, "", problem


def _existing_figures(parsed: list[_Parsed]) -> dict[tuple, Figure]:
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
        reason="Imported from a file",
        existing=by_period_id,
    )
