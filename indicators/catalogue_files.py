"""The indicator catalogue as a file: the columns, reading a row's cells, writing CSV and XLSX.

The same columns go out (export) and come back in (import), so a partnership can keep its
catalogue in a spreadsheet, and a new one can load the national reference file
(``indicators/catalogues/national.csv``) in one step.
"""

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from indicators.arithmetic import Polarity, Unit
from indicators.models import Indicator, normalise_name
from indicators.services.catalogue import FIELDS as CATALOGUE_FIELDS
from shp.models import Organisation
from shp.spreadsheets import spreadsheet_safe, spreadsheet_unsafe

NATIONAL_REFERENCE_FILE = Path(__file__).parent / "catalogues" / "national.csv"
NATIONAL_REFERENCE_NAME = "National reference catalogue"

COLUMNS = CATALOGUE_FIELDS  # the columns are the catalogue form's fields, in its order
REQUIRED_COLUMNS = ("code", "name", "theme")
ALIAS_SEPARATOR = ";"
MAX_ROWS = 2000
MAX_CELL = 5000

CHOICES = {
    "theme": Indicator.Theme.choices,
    "unit": Unit.CHOICES,
    "polarity": Polarity.CHOICES,
    "parent_rule": Indicator.ParentRule.choices,
    "rate_denominator": Indicator.Denominator.choices,
    "frequency": Indicator.Frequency.choices,
}
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S")
BLANK_ALLOWED = ("parent_rule", "rate_denominator")


class CellProblem(ValueError):
    """A cell that cannot be read; the message says why."""


@dataclass(frozen=True)
class CatalogueRow:
    """One row of a catalogue file: its number and its cells by column (only the columns the
    file has; a column the file lacks leaves that field of an existing indicator alone)."""

    number: int
    cells: dict[str, str]

    @property
    def code(self) -> str:
        return self.cells.get("code", "").strip().upper()

    @property
    def parent_code(self) -> str:
        return self.cells.get("parent", "").strip().upper()


def choice_value(column: str, text: str) -> str:
    """A choice named by its stored value or its label (case and punctuation ignored)."""
    text = text.strip()
    if not text and column in BLANK_ALLOWED:
        return ""
    if not text:
        raise CellProblem("is empty")
    key = normalise_name(text)
    for value, label in CHOICES[column]:
        if key in (normalise_name(value), normalise_name(label)):
            return value
    allowed = ", ".join(f'"{value}"' for value, _ in CHOICES[column] if value)
    raise CellProblem(f'"{text}" is not one of {allowed}')


def date_value(text: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise CellProblem(f'"{text}" is not a date: write it as 2017-04-01 or 01/04/2017')


def aliases_value(text: str) -> list[str]:
    return [alias.strip() for alias in text.split(ALIAS_SEPARATOR) if alias.strip()]


def organisation_index() -> dict[str, Organisation]:
    """Every organisation by its slug, name and short name (normalised)."""
    index = {}
    for organisation in Organisation.objects.all():
        for text in (organisation.slug, organisation.name, organisation.short_name):
            if text:
                index.setdefault(normalise_name(text), organisation)
    return index


def cell_text(raw: str) -> str:
    text = spreadsheet_unsafe(raw.strip())
    if len(text) > MAX_CELL:
        raise CellProblem(f"is longer than {MAX_CELL} characters")
    if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text):
        raise CellProblem("contains control characters")
    return text


# Export -----------------------------------------------------------------------------------


def indicator_cells(indicator: Indicator) -> list:
    """One indicator as the file's cells, in COLUMNS order."""
    return [
        indicator.code,
        indicator.name,
        f"{ALIAS_SEPARATOR} ".join(indicator.aliases),
        indicator.description,
        indicator.theme,
        indicator.unit,
        indicator.polarity,
        indicator.parent.code if indicator.parent else "",
        indicator.parent_rule,
        indicator.rate_denominator,
        indicator.source.slug if indicator.source else "",
        indicator.owner,
        indicator.frequency,
        indicator.valid_from.isoformat() if indicator.valid_from else "",
        indicator.valid_to.isoformat() if indicator.valid_to else "",
    ]


def parents_first(indicators: list[Indicator]) -> list[Indicator]:
    """Each total before its parts, so that a file read top to bottom never names a parent
    before it has been defined."""
    by_parent: dict[int | None, list[Indicator]] = {}
    for indicator in indicators:
        by_parent.setdefault(indicator.parent_id, []).append(indicator)
    ordered, seen = [], set()

    def visit(parent_id):
        for child in by_parent.get(parent_id, []):
            if child.pk not in seen:
                seen.add(child.pk)
                ordered.append(child)
                visit(child.pk)

    visit(None)
    ordered += [i for i in indicators if i.pk not in seen]  # parents outside the list
    return ordered


def catalogue_for_export() -> list[Indicator]:
    return parents_first(list(Indicator.objects.select_related("parent", "source")))


def catalogue_csv() -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for indicator in catalogue_for_export():
        writer.writerow([spreadsheet_safe(cell) for cell in indicator_cells(indicator)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def catalogue_xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Catalogue"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for indicator in catalogue_for_export():
        sheet.append([spreadsheet_safe(cell) for cell in indicator_cells(indicator)])
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
