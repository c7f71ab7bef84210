"""The quarter's journey in Chromium: an officer enters and submits, the lead approves and locks,
a member reads the dashboard and chart, the public sees small numbers suppressed.

The comparisons are recomputed by the real Celery worker after each save; axe-core checks every
page on the way, and each step's screenshot is kept under test-artifacts/screens/.
"""

import re

import pytest
from django.core.management import call_command

from indicators.models import Comparison, Figure, QuarterReturn
from indicators.services.imports import figures_import
from indicators.services.reference import targets_import
from tests.worker import wait_for

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]

Q1_URL = "/indicators/quarters/2016-17-q1/cleveland-police/"


@pytest.fixture
def demo_with_last_year(transactional_db):
    """The demo data, plus last year's Q1 shoplifting and a target to reduce it in 2016/17 Q1."""
    call_command("load_demo", verbosity=0)
    figures_import(
        content=b"area,indicator,period,value\nHartlepool,SHOP,2015/16 Q1,290\n",
        filename="last-year.csv",
        status=Figure.Status.APPROVED,
        recompute=False,
    )
    targets_import(
        content=b"area,indicator,period,kind,value,baseline_period,amber_tolerance\n"
        b"Hartlepool,SHOP,2016/17 Q1,reduce,,2015/16 Q1,5\n"
    )


def box(page, area, indicator):
    return page.get_by_label(f"{area}: {indicator}", exact=True)


def test_a_quarter_from_entry_to_the_public_page(
    demo_with_last_year, celery_worker_process, sign_in, page, screenshot, axe
):
    # The officer opens the quarter from the home page.
    sign_in("officer", "demo-officer-pass")
    page.get_by_role("link", name="Enter quarterly figures").click()
    page.get_by_label("Quarter").select_option("2016/17 Q1")
    page.get_by_role("button", name="Enter figures").click()
    assert page.url.endswith(Q1_URL)
    assert (
        "Last year: 290"
        in page.locator("td", has=box(page, "Hartlepool", "Shoplifting")).inner_text()
    )
    screenshot("quarter-1-grid")
    axe("the entry grid")

    # A bad value stops the save, with the message linked to the box.
    box(page, "Hartlepool", "Shoplifting").fill("39O")
    box(page, "Hartlepool", "Robbery of business property").fill("2")
    box(page, "Hartlepool", "Robbery of personal property").fill("20")
    box(page, "Hartlepool", "Robbery").fill("22")
    page.get_by_role("button", name="Save as draft").click()
    summary = page.locator(".govuk-error-summary")
    assert 'Hartlepool, Shoplifting, 2016/17 Q1: "39O" is not a number' in summary.inner_text()
    assert not Figure.objects.filter(period__code="2016/17 Q1").exists()
    screenshot("quarter-2-error")
    axe("the grid with an error")

    summary.get_by_role("link").first.click()
    assert box(page, "Hartlepool", "Shoplifting").evaluate("el => el === document.activeElement")
    box(page, "Hartlepool", "Shoplifting").fill("390")
    page.get_by_role("button", name="Save as draft").click()
    assert (
        "Your figures were saved as a draft."
        in page.locator(".govuk-notification-banner").inner_text()
    )
    warning = page.get_by_label(
        "Hartlepool, Shoplifting, 2016/17 Q1: 390 against 290 a year earlier", exact=False
    )
    assert warning.is_visible()
    screenshot("quarter-3-warnings")
    axe("the grid with warnings")

    # Each warning gets a comment; the red RAG gets a commentary; then submit.
    warning.fill("Checked with the crime registrar: two new supermarkets opened in April.")
    page.get_by_label("boxes have no figure and no reason", exact=False).fill(
        "The rest follow by upload next week."
    )
    page.get_by_text("Commentary on Shoplifting", exact=True).click()
    page.get_by_label("Hartlepool: commentary on Shoplifting").fill(
        "Shoplifting rose with two new supermarkets; store security is working with the police."
    )
    page.get_by_role("button", name="Save and submit for approval").click()
    assert "were submitted for approval" in page.locator(".govuk-notification-banner").inner_text()
    assert page.get_by_test_id("return-status").inner_text() == "Submitted"
    screenshot("quarter-4-submitted")
    axe("the submitted grid")
    page.get_by_test_id("sign-out").click()

    # The performance lead sees who has submitted, approves and locks.
    wait_for(
        lambda: (
            Comparison.on_basis("provisional")
            .filter(
                indicator__code="SHOP",
                area__name="Hartlepool",
                period__code="2016/17 Q1",
                rag="red",
            )
            .exists()
        ),
        timeout=60,
    )
    sign_in("lead", "demo-lead-pass")
    page.get_by_role("link", name="Quarterly figures", exact=True).first.click()
    page.get_by_label("Quarter").select_option("2016/17 Q1")
    page.get_by_role("button", name="See the quarter").click()
    row = page.get_by_test_id("completeness").get_by_role("row", name="Cleveland Police")
    assert "Submitted" in row.inner_text()
    screenshot("quarter-5-completeness")
    axe("completeness")
    row.get_by_role("link", name="Cleveland Police").click()
    page.get_by_role("button", name="Approve these figures").click()
    assert "figures were approved" in page.locator(".govuk-notification-banner").inner_text()
    page.get_by_role("button", name="Lock these figures").click()
    assert page.get_by_test_id("return-status").inner_text() == "Locked"
    screenshot("quarter-6-locked")
    axe("the locked grid")
    assert QuarterReturn.objects.get(organisation__slug="cleveland-police").status == "locked"
    assert set(
        Figure.objects.filter(period__code="2016/17 Q1").values_list("status", flat=True)
    ) == {"locked"}
    page.get_by_test_id("sign-out").click()

    # A member reads the dashboard for the quarter once approval has been worked in.
    wait_for(
        lambda: Comparison.objects.filter(
            indicator__code="SHOP", area__name="Hartlepool", period__code="2016/17 Q1", rag="red"
        ).exists(),
        timeout=60,
    )
    sign_in("member", "demo-member-pass")
    page.goto("/indicators/dashboard/?area=E06000001&period=2016/17%20Q1")
    shop_row = page.locator("tr", has=page.get_by_role("link", name="Shoplifting", exact=True))
    assert "390" in shop_row.inner_text()
    scorecard = page.get_by_test_id("scorecard").locator("li", has_text="Shoplifting")
    assert "Red" in scorecard.inner_text()
    screenshot("quarter-7-dashboard")
    axe("the dashboard")
    shop_row.get_by_role("link", name="Shoplifting", exact=True).click()
    page.locator("[data-testid=trend-chart] .main-svg").first.wait_for()
    screenshot("quarter-8-indicator")
    axe("the indicator page")
    page.get_by_test_id("sign-out").click()

    # The public page: approved figures only, a count under 5 suppressed and its sibling too.
    page.goto("/indicators/published/?area=E06000001&period=2016/17%20Q1")
    table = page.get_by_test_id("public-table")

    def public_row(name):
        header = page.locator("th", has_text=re.compile(f"^{name}$"))
        return table.locator("tr", has=header).inner_text()

    assert "fewer than 5" in public_row("Robbery of business property")
    assert "not shown" in public_row("Robbery of personal property")
    assert "22" in public_row("Robbery")
    assert "Shoplifting" in table.inner_text() and "390" in public_row("Shoplifting")
    screenshot("quarter-9-public")
    axe("the public page")
