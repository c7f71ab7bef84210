"""Generated figures files through the import (Hypothesis): whatever the file holds, the import
either writes it all or refuses it with a reason per problem and writes nothing; it never fails
in any other way. CSV and XLSX alike, with random bytes among them."""

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.utils.exceptions import IllegalCharacterError

from indicators.models import Figure, Period
from indicators.services.imports import ImportFailed, ImportResult, figures_import

pytestmark = pytest.mark.django_db

HEADERS = [
    ["area", "indicator", "period", "value", "note"],
    ["Area", "Indicator", "Period", "Value"],
    ["area", "indicator", "value"],
    ["area", "indicator", "period", "value", "note", "extra"],
    [],
]
CELLS = st.one_of(
    st.sampled_from(
        [
            "Hartlepool",
            "Middlesbrough",
            "Atlantis",
            "TRC",
            "ASB",
            "NOPE",
            "2015/16 Q1",
            "2015/16",
            "2015/16 Q9",
            "2016",
            "2000",
            "-5",
            "12.5",
            "1e9",
            "n/a",
            "",
            "=1+1",
            "@SUM(A1)",
            "\u00a0301",
        ]
    ),
    st.text(max_size=12),
)
ROWS = st.lists(st.lists(CELLS, max_size=7), max_size=8)
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def as_csv(header, rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in [header, *rows]:
        writer.writerow(row)
    return buffer.getvalue().encode("utf-8")


def as_xlsx(header, rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in [header, *rows]:
        sheet.append([cell.replace("\x00", "") for cell in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def state():
    return Figure.objects.count(), Figure.history.count(), Period.objects.count()


def check(content: bytes, filename: str) -> None:
    before = state()
    try:
        result = figures_import(content=content, filename=filename, recompute=False)
    except ImportFailed as failure:
        assert failure.problems, "refused without a reason"
        assert all(str(problem).strip() for problem in failure.problems)
        assert state() == before, "a refused file wrote something"
        return
    assert isinstance(result, ImportResult) and result.applied


@SETTINGS
@given(header=st.sampled_from(HEADERS), rows=ROWS)
def test_any_csv_is_imported_whole_or_refused_with_reasons(catalogue, header, rows):
    check(as_csv(header, rows), "figures.csv")


@SETTINGS
@given(header=st.sampled_from(HEADERS), rows=ROWS)
def test_any_xlsx_is_imported_whole_or_refused_with_reasons(catalogue, header, rows):
    try:
        content = as_xlsx(header, rows)
    except (ValueError, IllegalCharacterError):  # openpyxl will not write control characters
        return
    check(content, "figures.xlsx")


@SETTINGS
@given(content=st.binary(max_size=2000), name=st.sampled_from(["f.csv", "f.xlsx", "f.txt"]))
def test_random_bytes_are_refused_with_a_reason(catalogue, content, name):
    check(content, name)
