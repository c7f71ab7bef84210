"""The members' dashboard: scorecard by objective, year-on-year table, filter, exports."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from indicators.models import Comparison
from shp.roles import Role

pytestmark = pytest.mark.django_db
URL = reverse("indicators:dashboard")


@pytest.fixture
def member(client, role_user, seed):
    client.force_login(role_user(Role.MEMBER))


def test_dashboard_shows_the_latest_year_scorecard_and_warnings(client, member):
    body = client.get(URL).content.decode()
    assert "Hartlepool, 2015/16" in body
    assert "Reduce Crime &amp; Repeat Victimisation" in body  # the plan's objective, as data
    assert "Green: below the 2014/15 baseline of 7,308" in body  # the rule beside the RAG
    assert "consistency warnings for these figures" in body
    assert "printed a change of 29, but 421 − 393 = 28" in body


def test_theme_filter_and_another_area(client, member):
    body = client.get(URL, {"area": "E06000003", "period": "2015/16", "theme": "asb"}).content
    body = body.decode()
    assert "Redcar and Cleveland, 2015/16" in body
    assert "ASB – nuisance (AS22)" in body
    assert "Shoplifting" not in body.split("Compared with the same period")[1]


def test_csv_and_xlsx_exports_have_the_table(client, member):
    response = client.get(URL, {"_export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:7] == [
        "Indicator",
        "Code",
        "Area",
        "Area code",
        "Period",
        "Compared with",
        "Unit",
    ]
    trc = next(row for row in rows if row[0] == "Total recorded crime")
    columns = dict(zip(rows[0], trc, strict=True))
    stored = Comparison.on_basis("approved").get(
        indicator__code="TRC", area__code="E06000001", period__code="2015/16"
    )
    assert columns["Area"] == "Hartlepool" and columns["Period"] == "2015/16"
    assert columns["Compared with"] == "2014/15" and columns["Unit"] == "Count"
    assert columns["Last year"] == f"{stored.baseline_value.normalize():f}"
    assert columns["This period"] == f"{stored.current_value.normalize():f}"
    assert columns["% change"] == str(stored.pct_change_1dp)
    assert columns["Per 1,000"] == f"{stored.rate_per_1000.normalize():f}"
    assert columns["Status"] == "approved"


def test_the_workbook_has_numbers_not_text(client, member):
    response = client.get(URL, {"_export": "xlsx"})
    assert 'filename="year-on-year-E06000001-201516.xlsx"' in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["Figures"]
    headings = [cell.value for cell in sheet[1]]
    rows = [dict(zip(headings, (c.value for c in row), strict=True)) for row in sheet.iter_rows(2)]
    trc = next(row for row in rows if row["Code"] == "TRC")
    stored = Comparison.on_basis("approved").get(
        indicator__code="TRC", area__code="E06000001", period__code="2015/16"
    )
    for heading, value in [
        ("Last year", stored.baseline_value),
        ("This period", stored.current_value),
        ("Change", stored.change),
        ("% change", stored.pct_change_1dp),
        ("Per 1,000", stored.rate_per_1000),
    ]:
        assert isinstance(trc[heading], (int, float)), heading
        assert trc[heading] == pytest.approx(float(value)), heading
    assert (trc["Unit"], trc["Area"], trc["Period"], trc["Status"]) == (
        "Count",
        "Hartlepool",
        "2015/16",
        "approved",
    )
    percentage = next(row for row in rows if row["Unit"] == "Percentage")
    assert percentage["Change in"] == "percentage points" and percentage["% change"] is None
    assert "Approved figures only." in workbook["About these figures"]["A2"].value


def test_an_export_keeps_the_theme_filter_and_totals_first(client, member):
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(URL, {"_export": "csv", "theme": "asb"}).content.decode("utf-8-sig")
            )
        )
    )
    assert [row[1] for row in rows[1:]][:1] == ["ASB"]
    assert all(row[1].startswith("ASB") for row in rows[1:])


def test_a_text_cell_is_never_written_as_a_formula():
    from indicators.exports import safe_text

    assert safe_text("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert safe_text("-2 and counting") == "'-2 and counting"
    assert safe_text("Two new stores") == "Two new stores"


def test_sorting_by_a_column(client, member):
    assert client.get(URL, {"sort": "-pct_change_1dp"}).status_code == 200


@pytest.mark.parametrize("params", [{"area": "nowhere"}, {"period": "1999/00"}])
def test_unknown_area_or_period_is_not_found(client, member, params):
    assert client.get(URL, params).status_code == 404


def test_a_bad_theme_is_shown_as_a_form_error_not_a_crash(client, member):
    assert client.get(URL, {"theme": "<script>"}).status_code == 200


def test_query_count_does_not_grow_with_the_number_of_indicators(
    client, member, django_assert_max_num_queries
):
    # Twelve for the page, one for the partnership (its name and words), two for the
    # denominators behind the rates' confidence intervals, two for the commentary and the
    # returns it belongs to, up to two for the summary (and whether its figures are all
    # approved), four for the headline strip and the districts compared (their sections and
    # indicators, their trends, the districts' rates): each once per request.
    with django_assert_max_num_queries(23):
        client.get(URL)


def test_indicator_page_queries_do_not_grow_with_its_periods(client, member):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from indicators.services.comparisons import comparisons_recompute
    from indicators.services.imports import figures_import

    url = reverse("indicators:indicator-detail", kwargs={"code": "TRC"})

    def queries_after_adding(years) -> tuple[int, int, int]:
        rows = "".join(
            f"Hartlepool,TRC,{year}/{(year + 1) % 100:02d} Q{quarter},{100 + year + quarter}\n"
            for year in years
            for quarter in range(1, 5)
        )
        content = ("area,indicator,period,value\n" + rows).encode()
        figures_import(content=content, filename="f.csv", status="approved", recompute=False)
        comparisons_recompute()
        with CaptureQueriesContext(connection) as cold:  # the first since the recompute
            client.get(url)
        with CaptureQueriesContext(connection) as warm:
            client.get(url)
        periods = Comparison.objects.filter(indicator__code="TRC", area__code="E06000001")
        return len(cold), len(warm), periods.count()

    # Every kind of period first (each kind has its own chart), then four more years of them.
    *fewer, periods = queries_after_adding(range(2012, 2014))
    *more, more_periods = queries_after_adding(range(2008, 2012))
    assert more_periods > periods + 40
    assert more == fewer
    assert fewer[1] < fewer[0]  # what is the same for everyone is kept until the next recompute


def test_indicator_page_shows_its_definition_and_every_period(client, member):
    url = reverse("indicators:indicator-detail", kwargs={"code": "DOM_BURG"})
    body = client.get(url).content.decode()
    assert "Burglary of a dwelling, up to March 2017" in body
    assert "31 March 2017" in body  # the end of its definition: a series break
    assert "Part of" in body and "Burglary" in body
    assert "per 1,000 households" in body
    series = body.split('data-testid="indicator-series"')[1]
    assert "2014/15" in series and "2015/16" in series and "-4.3%" in series


def test_indicator_page_for_a_derived_total_and_another_area(client, member):
    url = reverse("indicators:indicator-detail", kwargs={"code": "THEFT_ROB"})
    body = client.get(url, {"area": "E06000003"}).content.decode()
    assert "Redcar and Cleveland: every period" in body
    assert "1 warning" in body


def test_indicator_page_unknown_code_or_area_is_not_found(client, member):
    url = reverse("indicators:indicator-detail", kwargs={"code": "NOPE"})
    assert client.get(url).status_code == 404
    url = reverse("indicators:indicator-detail", kwargs={"code": "TRC"})
    assert client.get(url, {"area": "nowhere"}).status_code == 404


def test_dashboard_links_each_indicator_to_its_page(client, member):
    body = client.get(URL).content.decode()
    assert (
        reverse("indicators:indicator-detail", kwargs={"code": "TRC"}) + "?area=E06000001" in body
    )


def test_the_performance_report_is_a_pdf_of_the_seeds_figures(client, member):
    import io
    import subprocess

    from pypdf import PdfReader

    url = reverse("indicators:performance-report")
    response = client.get(url, {"area": "E06000001", "period": "2015/16"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.metadata.title == "Performance report: Hartlepool, 2015/16"  # not its code
    assert 'filename="performance-hartlepool-201516.pdf"' in response["Content-Disposition"]
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    trc = Comparison.objects.get(
        indicator__code="TRC", area__code="E06000001", period__code="2015/16"
    )
    assert f"{trc.current_value.normalize():,f}" in text  # with its thousands separator
    assert "Consistency warnings" in text
    assert client.get(url, {"area": "Nowhere", "period": "2015/16"}).status_code == 404
    assert client.get(url, {"area": "E06000001", "period": "1999/00"}).status_code == 404
