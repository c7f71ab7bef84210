"""The performance lead in Chromium: searches the catalogue, adds an indicator with a parent
(stopped first by a clash of names), sets a target and sees its RAG on the dashboard once the
real worker has recomputed; imports figures for the new indicator and sees its RAG; loads the
national reference catalogue through its preview. axe-core checks each page; screenshots under
test-artifacts/screens/."""

import pytest
from django.core.management import call_command

from indicators.models import Comparison, Indicator, Target
from tests.worker import wait_for

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_the_lead_adds_an_indicator_and_sets_a_target(
    transactional_db, celery_worker_process, sign_in, page, screenshot, axe, tmp_path
):
    call_command("load_demo", verbosity=0)
    sign_in("lead", "demo-lead-pass")
    page.goto("/indicators/dashboard/")
    page.get_by_role("link", name="Indicator catalogue").click()
    page.get_by_label("Search by code or name").fill("fires")
    page.get_by_role("button", name="Search").click()
    assert "Deliberate fires" in page.get_by_test_id("catalogue").inner_text()
    screenshot("catalogue-search")
    axe("catalogue")

    # A new indicator whose name is already another's is refused; then added with a parent.
    page.get_by_role("button", name="Add an indicator").click()
    page.get_by_label("Code", exact=True).fill("DELIB_PRIMARY")
    page.get_by_label("Name", exact=True).fill("Shoplifting")
    page.get_by_label("Theme").select_option(label="Deliberate and accidental fires")
    page.get_by_label("Part of (total)").select_option(label="Deliberate fires")
    page.get_by_label("How it relates to that total").select_option(value="subset")
    page.get_by_role("button", name="Save indicator").click()
    assert "already how Shoplifting" in page.locator(".govuk-error-summary").inner_text()
    assert page.get_by_label("Code", exact=True).input_value() == "DELIB_PRIMARY"
    screenshot("catalogue-error")
    axe("catalogue form with an error")
    page.get_by_label("Name", exact=True).fill("Deliberate primary fires (F1)")
    page.get_by_role("button", name="Save indicator").click()
    assert "was added" in page.locator(".govuk-notification-banner").inner_text()
    added = Indicator.objects.get(code="DELIB_PRIMARY")
    assert added.parent.code == "DELIB_FIRES" and added.parent_rule == "subset"

    # A target for robbery in Hartlepool (30 in 2014/15, 45 in 2015/16): to reduce it.
    page.goto("/indicators/catalogue/ROB/?area=E06000001")
    page.get_by_role("link", name="Set or change targets for Hartlepool").click()
    page.get_by_label("Period the target is for").fill("2015/16")
    page.get_by_label("Reduce (on the baseline)").check()
    page.get_by_label("Baseline period").fill("2016/17")
    page.get_by_role("button", name="Save target").click()
    assert "must come before" in page.locator(".govuk-error-summary").inner_text()
    axe("target form with an error")
    page.get_by_label("Baseline period").fill("2014/15")
    page.get_by_role("button", name="Save target").click()
    assert (
        "target for Robbery in Hartlepool was saved"
        in page.locator(".govuk-notification-banner").inner_text()
    )
    assert Target.objects.filter(indicator__code="ROB", area__name="Hartlepool").exists()
    wait_for(
        lambda: Comparison.objects.filter(
            indicator__code="ROB", area__name="Hartlepool", period__code="2015/16", rag="red"
        ).exists(),
        timeout=60,
    )
    page.goto("/indicators/dashboard/?area=E06000001&period=2015/16")
    row = page.locator("tr", has=page.get_by_role("link", name="Robbery", exact=True))
    assert "Red" in row.inner_text()
    screenshot("catalogue-target-rag")
    axe("dashboard with the new target")

    # Figures for the new indicator, imported and approved; a target to reduce them: red.
    page.goto("/indicators/catalogue/DELIB_PRIMARY/?area=E06000001")
    page.get_by_role("link", name="Set or change targets for Hartlepool").click()
    page.get_by_label("Period the target is for").fill("2015/16")
    page.get_by_label("Reduce (on the baseline)").check()
    page.get_by_label("Baseline period").fill("2014/15")
    page.get_by_role("button", name="Save target").click()
    figures = tmp_path / "primary.csv"
    figures.write_text(
        "area,indicator,period,value\n"
        "Hartlepool,DELIB_PRIMARY,2014/15,40\nHartlepool,DELIB_PRIMARY,2015/16,52\n"
    )
    page.goto("/indicators/figures/upload/")
    page.get_by_label("Upload a file of figures").set_input_files(str(figures))
    page.get_by_role("button", name="Check the file").click()
    page.get_by_role("button", name="Save these figures").click()
    page.get_by_role("button", name="Approve these figures").click()
    assert "Approved 2 figures." in page.locator(".govuk-notification-banner").inner_text()
    wait_for(
        lambda: Comparison.objects.filter(
            indicator__code="DELIB_PRIMARY", area__name="Hartlepool", period__code="2015/16"
        ).exists(),
        timeout=60,
    )
    page.goto("/indicators/dashboard/?area=E06000001&period=2015/16")
    row = page.locator(
        "tr", has=page.get_by_role("link", name="Deliberate primary fires (F1)", exact=True)
    )
    assert "Red" in row.inner_text() and "52" in row.inner_text()

    # The national reference catalogue: previewed, then saved; the lead's own entry is kept.
    page.goto("/indicators/catalogue/")
    page.get_by_role("button", name="Import indicators").click()
    axe("catalogue import")
    page.get_by_label("Upload a catalogue file").set_input_files(str(figures))
    page.get_by_role("button", name="Check the file").click()
    assert "missing columns code, name, theme" in page.locator(".govuk-error-summary").inner_text()
    axe("catalogue import with an error")
    page.get_by_role("button", name="Check the national reference catalogue").click()
    counts = page.get_by_test_id("catalogue-counts").inner_text()
    assert "already in the catalogue and left as they are" in counts
    assert "Deliberate secondary fires" in page.get_by_test_id("catalogue-changes").inner_text()
    assert not Indicator.objects.filter(code="DELIB_SECONDARY").exists()
    screenshot("catalogue-national-preview")
    axe("catalogue preview")
    page.get_by_role("button", name="Save these indicators").click()
    assert "Catalogue saved" in page.locator(".govuk-panel").inner_text()
    secondary = Indicator.objects.get(code="DELIB_SECONDARY")
    assert secondary.aliases == ["F3"] and secondary.parent.code == "DELIB_FIRES"
    assert Indicator.objects.get(code="DELIB_PRIMARY").name == "Deliberate primary fires (F1)"
    screenshot("catalogue-national-saved")
