"""The dashboard's table as a file people can work with: every row carries its indicator, unit,
area, period, baseline period and status, and in the workbook every number is a number (a
count as a whole number, a % change to one decimal place), not text. Text cells that a
spreadsheet would read as a formula are written as text."""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from shp.spreadsheets import spreadsheet_safe


@dataclass(frozen=True)
class Column:
    heading: str
    number_format: str = ""  # for numeric cells of the workbook
    width: int = 14


COLUMNS = (
    Column("Indicator", width=40),
    Column("Code", width=14),
    Column("Area", width=22),
    Column("Area code", width=12),
    Column("Period", width=14),
    Column("Compared with", width=14),
    Column("Unit", width=12),
    Column("Last year", "#,##0.##"),
    Column("This period", "#,##0.##"),
    Column("Change", "+#,##0.##;-#,##0.##;0"),
    Column("Change in", width=18),
    Column("% change", "+0.0;-0.0;0.0"),
    Column("Per 1,000", "0.0"),
    Column("Per 1,000, lower 95% limit", "0.0", 16),
    Column("Per 1,000, upper 95% limit", "0.0", 16),
    Column("Beyond chance?", width=22),
    Column("Direction (against last year)", width=16),
    Column("RAG (against target)", width=12),
    Column("Warnings", width=40),
    Column("Status", width=24),
)


def safe_text(value: str) -> str:
    """A text cell a spreadsheet will show as typed, never run as a formula."""
    return spreadsheet_safe(value)


def _number(value) -> Decimal | None:
    return None if value is None else Decimal(value).normalize()


def export_rows(*, rows, area, period, significance: dict, status_of) -> list[list]:
    """One list of typed values per comparison, in ``COLUMNS`` order."""
    made = []
    for row in rows:
        indicator = row.indicator
        found = significance.get(row.pk)
        low, high = found.rate_interval if found and found.rate_interval else (None, None)
        made.append(
            [
                indicator.name,
                indicator.code,
                area.name,
                area.code,
                period.code,
                period.spec.shifted(-1).code,
                indicator.get_unit_display(),
                _number(row.baseline_value),
                _number(row.current_value),
                _number(row.change),
                "percentage points" if row.change_unit == "pp" else indicator.get_unit_display(),
                None if row.change_unit == "pp" else _number(row.pct_change_1dp),
                _number(row.rate_per_1000),
                _number(low),
                _number(high),
                found.verdict if found else "",
                row.direction,
                row.rag,
                " | ".join(row.warnings),
                status_of(row),
            ]
        )
    return made


def as_csv(rows: list[list]) -> bytes:
    """The rows under their headings as UTF-8 CSV (with a byte order mark, for Excel)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([column.heading for column in COLUMNS])
    for row in rows:
        writer.writerow(
            ["" if v is None else (safe_text(v) if isinstance(v, str) else f"{v:f}") for v in row]
        )
    return ("\ufeff" + buffer.getvalue()).encode()


def as_xlsx(rows: list[list], *, title: str, notes: list[str]) -> bytes:
    """The rows as a workbook: numeric cells with number formats, headings frozen, and a
    second sheet saying what the figures are."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Figures"
    sheet.append([column.heading for column in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([safe_text(v) if isinstance(v, str) else v for v in row])
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.number_format:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = column.number_format
    sheet.freeze_panes = "B2"
    about = book.create_sheet("About these figures")
    about.append([title])
    about["A1"].font = Font(bold=True)
    for note in notes:
        about.append([safe_text(note)])
    about.column_dimensions["A"].width = 120
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
