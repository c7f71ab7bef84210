"""The performance lead in Chromium: records a series break and sees it on the indicator's
chart, then adds a section to the default report definition and moves it up. axe-core checks
each page; screenshots under test-artifacts/screens/."""

import pytest
from django.core.management import call_command

from indicators.models import ReportDefinition, SeriesBreak

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_lead_records_a_break_and_edits_the_report_definition(
    transactional_db, sign_in, page, screenshot, axe
):
    call_command("load_demo", verbosity=0)
    sign_in("lead", "demo-lead-pass")
    page.goto("/indicators/catalogue/ASB/")
    page.get_by_role("link", name="Record a series break").click()
    axe("series break form")
    page.get_by_role("button", name="Record the series break").click()
    assert "Describe the new definition" in page.locator(".govuk-error-summary").inner_text()
    page.get_by_label("First day of the new definition").fill("2015-04-01")
    page.get_by_label("The new definition", exact=True).fill(
        "Incidents under the revised categories."
    )
    page.get_by_label("Why it changed").fill("The force revised its incident categories.")
    page.get_by_role("button", name="Record the series break").click()
    assert "has a new definition from 1 April 2015" in page.locator("body").inner_text()
    assert "revised categories" in page.get_by_test_id("series-breaks").inner_text()
    assert SeriesBreak.objects.filter(indicator__code="ASB").exists()
    screenshot("series-break-recorded")
    axe("indicator page with a series break")

    page.goto("/indicators/catalogue/")
    page.get_by_role("link", name="Report definitions").click()
    page.get_by_role("link", name="Quarterly performance appendix").click()
    axe("report definition")
    before = ReportDefinition.objects.get(slug="quarterly-performance").sections.count()
    page.get_by_role("button", name="Add a section").click()
    page.get_by_label("Table of the chosen indicators compared with the baseline").check()
    page.get_by_label("Heading (optional)").fill("Hate incidents in {area}")
    page.get_by_label("Hate incidents (HATE)").check()
    axe("section form")
    page.get_by_role("button", name="Save section").click()
    sections = page.get_by_test_id("report-sections")
    assert "Hate incidents in {area}" in sections.inner_text()
    added = before + 1  # the new section is the last; moved up, it is the one before last
    page.get_by_role("button", name=f"Move up section {added}").click()
    page.wait_for_load_state()
    definition = ReportDefinition.objects.get(slug="quarterly-performance")
    titles = list(definition.sections.order_by("position").values_list("title", flat=True))
    assert titles[added - 2] == "Hate incidents in {area}" and len(titles) == added
    screenshot("report-definition")
