"""A member's evening before the meeting, in Chromium: the lead checks the drafted summary and
writes a commentary; a quarter's figures arrive; the member reads the dashboard (headline
charts, districts, the hierarchy, commentary, significance, summary) and the indicator page,
whose years keep their baseline and target beside the new quarters. axe-core checks each page;
screenshots are saved under test-artifacts/screens/."""

import json

import pytest
from django.core.management import call_command

from indicators import periods
from indicators.models import Indicator, Period, QuarterReturn
from indicators.services.comparisons import comparisons_recompute
from indicators.services.imports import figures_import

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DASHBOARD = "/indicators/dashboard/?area=E06000001&period=2015/16"
COMMENT = "Two new supermarkets opened; store staff now report every theft."


@pytest.fixture
def demo_data(transactional_db):
    call_command("load_demo", verbosity=0)
    police = Indicator.objects.get(code="SHOP").source
    q4 = Period.objects.ensure([periods.parse("2015/16 Q4")])["2015/16 Q4"]
    QuarterReturn.objects.create(organisation=police, period=q4, status="locked")


def chart_data(page, chart_id: str) -> dict:
    text = page.locator(f"#{chart_id}-data").text_content()
    return json.loads(json.loads(text))


def test_a_member_reads_the_dashboard_the_lead_prepared(demo_data, page, sign_in, screenshot, axe):
    # The lead checks the drafted summary and saves it.
    sign_in("lead", "demo-lead-pass")
    page.goto(DASHBOARD)
    page.get_by_role("link", name="Check the summary drafted from these figures").click()
    drafted = page.get_by_test_id("drafted-narrative").inner_text()
    assert "Total recorded crime rose 11.3% (+825) on 2014/15" in drafted
    axe("the drafted summary")
    screenshot("member-1-summary-draft")
    page.get_by_role("button", name="Save the summary").click()
    assert "was saved" in page.locator(".govuk-notification-banner").inner_text()

    # …and writes the shoplifting commentary for the quarter that ends the year.
    page.goto("/indicators/catalogue/SHOP/?area=E06000001")
    page.get_by_role("link", name="Write a commentary").click()
    page.get_by_label("Quarter").fill("2015/16 Q4")
    page.get_by_label("Commentary", exact=True).fill(COMMENT)
    page.get_by_role("button", name="Save commentary").click()
    assert COMMENT in page.get_by_test_id("commentary").inner_text()
    page.get_by_test_id("sign-out").click()

    # A quarter's figures arrive (approved) after the year's.
    figures_import(
        content=b"area,indicator,period,value\nHartlepool,TRC,2015/16 Q1,1900\n"
        b"Hartlepool,TRC,2016/17 Q1,2050\n",
        filename="quarters.csv",
        status="approved",
        recompute=False,
    )
    comparisons_recompute()

    # The member reads the dashboard.
    sign_in("member", "demo-member-pass")
    page.goto(DASHBOARD)
    assert "Total recorded crime rose 11.3% (+825)" in page.get_by_test_id("narrative").inner_text()
    cards = page.get_by_test_id("headline")
    assert cards.count() == 4
    page.locator('[data-chart="headline-0"][data-drawn="true"]').wait_for()
    page.locator('[data-chart="dashboard-districts"][data-drawn="true"]').wait_for()
    assert "significant rise" in cards.first.inner_text()
    districts = page.get_by_test_id("districts-compared").inner_text()
    assert "Middlesbrough" in districts and "Cleveland" in districts
    screenshot("member-2-dashboard-top")
    # The hierarchy: shoplifting sits under theft, folded away; its commentary is on its row.
    table = page.locator(".shp-yoy-table")
    shop_row = table.locator('tr[data-code="SHOP"]')
    if not shop_row.is_visible():
        for code in ("VBC", "THEFT_ROB", "THEFT"):
            button = table.locator(f'tr[data-code="{code}"] button')
            if button.count() and button.get_attribute("aria-expanded") == "false":
                button.click()
    shop_row.get_by_text("Commentary and RAG rule").click()
    assert COMMENT in shop_row.get_by_test_id("row-commentary").inner_text()
    assert "Significant rise" in shop_row.inner_text()
    axe("the member's dashboard")
    screenshot("member-3-dashboard-commentary")

    # The indicator page: years and quarters on their own charts; the years keep their lines.
    page.goto("/indicators/catalogue/TRC/?area=E06000001")
    page.locator('[data-chart="trend-financial_year"][data-drawn="true"]').wait_for()
    page.locator('[data-chart="trend-quarter"][data-drawn="true"]').wait_for()
    years = chart_data(page, "trend-financial_year")
    assert years["data"][0]["x"][-2:] == ["2014/15", "2015/16"]
    labels = " ".join(a.get("text", "") for a in years["layout"].get("annotations", []))
    assert "Baseline 2014/15: 7,308" in labels and "target 2015/16" in labels
    quarters = chart_data(page, "trend-quarter")
    assert quarters["data"][0]["x"][-1].startswith("2016/17 Q1")
    series = page.get_by_test_id("indicator-series").inner_text()
    assert "Significant rise" in series
    axe("the indicator page")
    screenshot("member-4-indicator-trends")
