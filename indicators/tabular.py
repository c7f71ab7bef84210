"""Read an uploaded CSV or XLSX file into rows of text, or say clearly why it cannot be read."""

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from shp.errors import ApplicationError
from shp.uploads import zip_check

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls format


class UnreadableFile(ValueError):
    """The file is not a CSV or XLSX file we can read; the message says what to do."""


@dataclass(frozen=True)
class Row:
    number: int  # as a spreadsheet numbers it: the header is row 1
    cells: list[str]


@dataclass(frozen=True)
class Cell:
    """A cell that could not be taken as text (an XLSX formula)."""

    row: int
    column: int
    problem: str


def read_table(content: bytes, filename: str) -> tuple[list[str], Iterator[Row], list[Cell]]:
    """Return the header cells, the data rows, and cells refused as they were read."""
    if not content.strip():
        raise UnreadableFile("The file is empty.")
    if content.startswith(OLE_MAGIC) or filename.lower().endswith(".xls"):
        raise UnreadableFile(
            "This is an old Excel (.xls) file. Save it as .xlsx or as CSV UTF-8 and try again."
        )
    if content.startswith(XLSX_MAGIC):
        return _read_xlsx(content)
    if filename.lower().endswith((".xlsx", ".xlsm")):
        raise UnreadableFile("The file is named .xlsx but is not an Excel workbook.")
    return _read_csv(content)


def _read_csv(content: bytes):
    if b"\x00" in content:
        raise UnreadableFile(
            "The file contains binary data, not text. Upload a CSV (UTF-8) or XLSX file."
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableFile(
            f"The file is not UTF-8 text (byte {content[error.start]:#04x} at position "
            f"{error.start}). In Excel choose “Save as: CSV UTF-8” and upload it again."
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise UnreadableFile("The file is empty.") from None
    except csv.Error as error:
        raise UnreadableFile(f"Row 1 cannot be read as CSV: {error}.") from None

    def rows():
        number = 1
        try:
            for number, cells in enumerate(reader, start=2):  # noqa: B007 (used after the loop)
                yield Row(number, [cell.strip() for cell in cells])
        except csv.Error as error:
            raise UnreadableFile(f"Row {number + 1} cannot be read as CSV: {error}.") from None

    return [cell.strip() for cell in header], rows(), []


def _read_xlsx(content: bytes):
    from openpyxl import load_workbook

    try:
        zip_check(content)
    except ApplicationError as error:
        raise UnreadableFile(error.message) from None
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise UnreadableFile(f"The Excel file cannot be opened ({error}).") from None
    sheet = workbook.worksheets[0]
    refused: list[Cell] = []
    all_rows = sheet.iter_rows()
    try:
        first = next(all_rows)
    except StopIteration:
        raise UnreadableFile("The first sheet of the workbook is empty.") from None
    header = [_xlsx_text(cell.value) for cell in first]

    def rows():
        for number, row in enumerate(all_rows, start=2):
            cells = []
            for column, cell in enumerate(row):
                value = getattr(cell, "value", None)
                if isinstance(value, str) and value.startswith("="):
                    refused.append(
                        Cell(number, column, "is a formula; paste the values, not formulas")
                    )
                    cells.append("")
                elif _is_percent_format(cell, value):
                    cells.append(_percent_text(value))
                else:
                    cells.append(_xlsx_text(value))
            yield Row(number, cells)
        workbook.close()

    return header, rows(), refused


def _is_percent_format(cell, value) -> bool:
    """A number shown as a percentage: Excel stores 45% as 0.45."""
    number_format = getattr(cell, "number_format", "") or ""
    return isinstance(value, int | float) and not isinstance(value, bool) and "%" in number_format


def _percent_text(value) -> str:
    """45% as Excel shows it ("45%"), from the 0.45 it stores: exactly, via the decimal text."""
    from decimal import Decimal

    shown = (Decimal(repr(value)) * 100).normalize()
    return f"{shown:f}%"


def _xlsx_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
