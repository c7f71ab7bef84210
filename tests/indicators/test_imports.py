"""Import: each kind of bad file gives its clear error and writes nothing."""

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from indicators.models import Figure, Period
from indicators.services.imports import ImportFailed, figures_import
from shp.roles import Role

pytestmark = pytest.mark.django_db

GOOD = b"area,indicator,period,value,note\nHartlepool,TRC,2015/16 Q1,2000,\n"


def rows_in_database():
    return Figure.objects.count(), Figure.history.count(), Period.objects.count()


def problems_of(content: bytes, filename="figures.csv", **kwargs) -> list[str]:
    before = rows_in_database()
    with pytest.raises(ImportFailed) as failure:
        figures_import(content=content, filename=filename, **kwargs)
    assert rows_in_database() == before, "a failed import wrote something"
    return [str(problem) for problem in failure.value.problems]


def xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_good_file_imports_and_a_second_import_updates_in_place(catalogue, role_user):
    user = role_user(Role.PERFORMANCE_LEAD)
    result = figures_import(content=GOOD, filename="f.csv", user=user, recompute=False)
    assert (result.count("create"), result.applied) == (1, True)
    figure = Figure.objects.get()
    assert figure.value == 2000 and figure.updated_by == user
    again = figures_import(
        content=GOOD.replace(b"2000", b"2100"), filename="f.csv", user=user, recompute=False
    )
    assert again.count("update") == 1
    figure.refresh_from_db()
    assert figure.value == 2100
    assert Figure.objects.count() == 1
    assert [h.value for h in figure.history.order_by("history_date")] == [2000, 2100]
    assert figure.history.first().history_user == user


def test_headers_are_case_insensitive_and_names_and_aliases_match(catalogue):
    content = (
        b"AREA, Indicator ,PERIOD,Value\n"
        b"redcar & cleveland,Vehicle Crime (Inc Inter.),Q3 2015/16,12\n"
        b'E06000001,local-violence,2015/16 Q3,"1,234"\n'
    )
    result = figures_import(content=content, filename="f.csv", recompute=False)
    assert result.count("create") == 2
    assert set(Figure.objects.values_list("indicator__code", flat=True)) == {"VEH", "VAP"}


def test_dry_run_writes_nothing_and_shows_the_changes(catalogue):
    before = rows_in_database()
    result = figures_import(content=GOOD, filename="f.csv", dry_run=True)
    assert result.count("create") == 1 and not result.applied
    assert rows_in_database() == before


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"place,indicator,period,value\nHartlepool,TRC,2015/16,1\n", "row 1, column place"),
        (b"area,indicator,period\nHartlepool,TRC,2015/16\n", "missing column value"),
        (
            b"area,indicator,period,value\nHartlepool,TRC,2015/16,12a\n",
            'row 2, column value: "12a" is not a number',
        ),
        (b"area,indicator,period,value\nHartlepool,TRC,2015/16,-3\n", "count cannot be below 0"),
        (b"area,indicator,period,value\nHartlepool,TRC,2015/16,3.5\n", "not a whole number"),
        (
            b"area,indicator,period,value\nHartlepool,MARAC_REPEAT,2015/16,101\n",
            "not a percentage between 0 and 100",
        ),
        (b"area,indicator,period,value\nHartlepool,TRC,2015/16,\n", "column value: is empty"),
        (b"area,indicator,period,value\nHartlepool,TRC,2015/16,NaN\n", "is not a number"),
        (b"area,indicator,period,value\nHartlepool,TRC,2015/16,1e30\n", "scientific notation"),
        (
            b"area,indicator,period,value\nHartlepool,TRC,2015/16,1000000000000000000000\n",
            "too large",
        ),
        (b"area,indicator,period,value\nHartlepool,TRC,2015/16,1_000\n", "an underscore"),
        (
            "area,indicator,period,value\nHartlepool,TRC,2015/16,\u0661\u0662\n".encode(),
            "digits other than 0 to 9",
        ),
        (b'area,indicator,period,value\nHartlepool,TRC,2015/16,"1,5"\n', "a full stop"),
        (b'area,indicator,period,value\nHartlepool,TRC,2015/16,"12,34,5"\n', "in threes"),
        (b"area,indicator,period,value\nHartlepol,TRC,2015/16,1\n", "did you mean 'Hartlepool'"),
        (
            b"area,indicator,period,value\nHartlepool,Shopliftin,2015/16,1\n",
            "did you mean 'Shoplifting'",
        ),
        (b"area,indicator,period,value\nHartlepool,TRC,2015/17,1\n", "row 2, column period"),
        (
            b"area,indicator,period,value\nHartlepool,TRC,2015/16,1\nhartlepool,trc,2015-16,2\n",
            "row 3: repeats row 2",
        ),
        (b"", "The file is empty"),
        (b"area,indicator,period,value\n", "no figures"),
        (b"area,indicator,period,value\nHartlepool,TRC,2015/16,\xa31\n", "not UTF-8"),
        (b"area,indicator,period,value\x00\x01", "binary data"),
        (b"area,area,indicator,period,value\nH,H,TRC,2015/16,1\n", "appears twice"),
    ],
    ids=[
        "unknown-header",
        "missing-header",
        "not-a-number",
        "negative-count",
        "fraction-count",
        "percentage-over-100",
        "empty-value",
        "nan",
        "scientific-notation",
        "huge-number",
        "underscore",
        "non-ascii-digits",
        "decimal-comma",
        "bad-grouping",
        "unknown-area",
        "unknown-indicator",
        "bad-period",
        "duplicate-rows",
        "empty-file",
        "header-only",
        "not-utf8",
        "binary",
        "duplicate-header",
    ],
)
def test_bad_files_give_a_clear_error_and_write_nothing(catalogue, content, expected):
    problems = problems_of(content)
    assert any(expected in problem for problem in problems), problems


def test_every_problem_of_a_file_is_listed_one_per_line(catalogue):
    content = (
        b"area,indicator,period,value\n"
        b"Hartlepool,TRC,2015/16,1\n"
        b"Nowhere,TRC,2015/16,1\n"
        b"Hartlepool,TRC,2016/17,x\n"
    )
    problems = problems_of(content)
    assert len(problems) == 2
    assert problems[0].startswith("row 3, column area")
    assert problems[1].startswith("row 4, column value")


def test_a_file_over_the_size_limit_is_refused(catalogue, settings):
    big = GOOD + b"Hartlepool,TRC,2015/16 Q2,1\n" * (50 * 1024 * 1024 // 28)
    assert len(big) > 50 * 1024 * 1024
    problems = problems_of(big)
    assert "the largest file accepted is" in problems[0]


def test_xlsx_imports_and_formulas_are_refused(catalogue):
    good = xlsx([["Area", "Indicator", "Period", "Value"], ["Hartlepool", "TRC", "2015/16", 8133]])
    assert figures_import(content=good, filename="f.xlsx", recompute=False).count("create") == 1
    formula = xlsx(
        [["area", "indicator", "period", "value"], ["Hartlepool", "VAP", "2015/16", "=1+1"]]
    )
    problems = problems_of(formula, filename="f.xlsx")
    assert problems == ["row 2, column value: is a formula; paste the values, not formulas"]


def test_a_fake_xlsx_and_an_old_xls_are_refused(catalogue):
    assert "not an Excel workbook" in problems_of(b"hello", filename="f.xlsx")[0]
    assert "old Excel (.xls)" in problems_of(b"\xd0\xcf\x11\xe0rest", filename="f.xls")[0]
    assert "cannot be opened" in problems_of(b"PK\x03\x04broken", filename="f.xlsx")[0]


def test_a_locked_figure_is_not_overwritten(catalogue):
    figures_import(content=GOOD, filename="f.csv", recompute=False)
    Figure.objects.update(status=Figure.Status.LOCKED)
    problems = problems_of(GOOD.replace(b"2000", b"2001"))
    assert "is locked" in problems[0]
    assert Figure.objects.get().value == 2000
    # Sending the same value again is not a change, so it is allowed.
    assert figures_import(content=GOOD, filename="f.csv", recompute=False).count("unchanged") == 1


def test_not_available_with_a_reason(catalogue):
    content = (
        b"area,indicator,period,value,note\nHartlepool,TRC,2015/16,Data unavailable,System change\n"
    )
    figures_import(content=content, filename="f.csv", recompute=False)
    figure = Figure.objects.get()
    assert figure.value is None and figure.not_available_reason == "System change"


def test_a_figure_outside_the_indicator_dates_is_accepted_with_a_warning(catalogue):
    content = b"area,indicator,period,value\nHartlepool,Residential burglary,2015/16,300\n"
    result = figures_import(content=content, filename="f.csv", recompute=False)
    assert result.applied
    assert "outside the dates Residential burglary is defined for" in str(result.warnings[0])


def test_import_figures_command_exits_non_zero_with_one_line_per_problem(
    catalogue, tmp_path, capsys
):
    path = tmp_path / "bad.csv"
    path.write_bytes(b"area,indicator,period,value\nHartlepool,TRC,2015/16,12a\n")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_figures", str(path))
    assert 'row 2, column value: "12a" is not a number' in capsys.readouterr().err
    assert Figure.objects.count() == 0


def test_import_figures_command_dry_run_and_real_run(catalogue, tmp_path, capsys):
    path = tmp_path / "good.csv"
    path.write_bytes(GOOD)
    call_command("import_figures", str(path), "--dry-run")
    assert "Would import 1 rows: 1 new" in capsys.readouterr().out
    assert Figure.objects.count() == 0
    call_command("import_figures", str(path), "--status", "submitted")
    assert Figure.objects.get().status == Figure.Status.SUBMITTED


def test_import_figures_command_reports_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_figures", str(tmp_path / "missing.csv"))


def test_an_xlsx_percentage_cell_is_read_as_people_see_it(catalogue):
    import io

    import openpyxl

    from indicators.models import Figure

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["area", "indicator", "period", "value"])
    sheet.append(["Hartlepool", "OPIATE_COMPLETE", "2015/16", 0.45])
    sheet.append(["Hartlepool", "TRC", "2015/16", 0.45])
    sheet["D2"].number_format = "0%"
    sheet["D3"].number_format = "0.0%"
    buffer = io.BytesIO()
    book.save(buffer)
    problems = problems_of(buffer.getvalue(), filename="p.xlsx")
    # A count shown as a percentage is refused, not read as 0.45 or 45.
    assert problems == [
        "row 3, column value: Total recorded crime is not a percentage; write the number without %"
    ]
    sheet.delete_rows(3)
    buffer = io.BytesIO()
    book.save(buffer)
    figures_import(content=buffer.getvalue(), filename="p.xlsx", recompute=False)
    assert Figure.objects.get(indicator__code="OPIATE_COMPLETE").value == 45
