"""The checks of a figures file, row by row, with a message for each problem by row and column.

The import (indicators/services/imports.py) runs these over every row of an XLSX file, of a
file on a database without bulk checks, and of any file in which the bulk checks on PostgreSQL
(indicators/services/import_bulk.py) found something wrong: so every message is always the one
written here."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from indicators import periods
from indicators.matching import area_index, indicator_index
from indicators.models import Area, Indicator
from indicators.values import value_parse

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


@dataclass
class ParsedRow:
    row: int
    indicator: Indicator
    area: Area
    spec: periods.PeriodSpec
    value: Decimal | None
    reason: str
    note: str


def columns_read(header: list[str]) -> tuple[dict[str, int], list[Problem]]:
    """The position of each known column in the header row, and the header's problems."""
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
    return positions, problems


def rows_parse(
    header: list[str], rows: Iterable, refused_cells: list, row_problem=None
) -> tuple[list[ParsedRow], list[Problem], list[Problem]]:
    """Check every row: (rows read, problems, warnings). ``refused_cells`` fills up as rows are
    read (XLSX formulas)."""
    positions, problems = columns_read(header)
    if problems:
        return [], problems, []

    areas = area_index(Area.objects.all())
    indicators = indicator_index(Indicator.objects.all())
    period_cache: dict[str, periods.PeriodSpec | str] = {}
    seen: dict[tuple, int] = {}
    parsed: list[ParsedRow] = []
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
            spec = period_read(period_text)
            period_cache[period_text] = spec
        if isinstance(spec, str):
            row_problems.append(Problem(row.number, "period", spec))
        if len(note) > MAX_NOTE_LENGTH:
            row_problems.append(
                Problem(row.number, "note", f"is longer than {MAX_NOTE_LENGTH} characters")
            )
        value, reason, value_problem = value_read(value_text, note, indicator)
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
            warnings.append(outside_dates_warning(row.number, indicator, spec))
        parsed.append(ParsedRow(row.number, indicator, area, spec, value, reason, note))
    return parsed, problems, warnings


def period_read(text: str) -> periods.PeriodSpec | str:
    """The period a cell names, or why it names none."""
    try:
        return periods.parse(text)
    except periods.PeriodError as error:
        return str(error)


def outside_dates_warning(row: int, indicator: Indicator, spec: periods.PeriodSpec) -> Problem:
    return Problem(
        row,
        "period",
        f"{spec.code} is outside the dates {indicator.name} is defined for "
        f"({_validity(indicator)}); accepted as a re-stated figure",
    )


def _unknown(text: str, what: str, nearest: list[str]) -> str:
    hint = f"; did you mean {' or '.join(repr(n) for n in nearest)}?" if nearest else ""
    return f'"{text[:80]}" is not a known {what}{hint}'


def _validity(indicator: Indicator) -> str:
    start = indicator.valid_from.strftime("%-d %B %Y") if indicator.valid_from else "the start"
    end = indicator.valid_to.strftime("%-d %B %Y") if indicator.valid_to else "now"
    return f"{start} to {end}"


def value_read(
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


@dataclass
class Change:
    """A row of the file beside the figure it would write: "create", "update" or "unchanged"."""

    row: int
    indicator: Indicator
    area: Area
    period_code: str
    value: Decimal | None
    not_available_reason: str
    note: str
    action: str
    old_value: Decimal | None = None
    old_not_available_reason: str = ""
