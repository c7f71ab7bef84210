"""The performance lead uploads a spreadsheet, checks the preview, saves, and watches the
comparisons being recomputed on the Celery worker."""

import pytest
from django.core.management import call_command

from indicators.models import Comparison, Figure
from tests.worker import wait_for

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_lead_uploads_previews_saves_and_sees_the_recompute(
    celery_worker_process, sign_in, screenshot, axe, tmp_path
):
    call_command("load_demo", verbosity=0)
    bad = tmp_path / "bad.csv"
    bad.write_text("area,indicator,period,value\nHartlepool,Shoplifting,2016/17 Q1,lots\n")
    good = tmp_path / "q1.csv"
    good.write_text(
        "area,indicator,period,value\nHartlepool,Shoplifting,2016/17 Q1,301\n"
        "Hartlepool,Shoplifting,2015/16 Q1,290\n"
    )
    page = sign_in("lead", "demo-lead-pass")
    page.get_by_role("link", name="Upload figures").first.click()
    page.get_by_label("Upload a file of figures").set_input_files(str(bad))
    page.get_by_role("button", name="Check the file").click()
    summary = page.locator(".govuk-error-summary")
    assert 'row 2, column value: "lots" is not a number' in summary.inner_text()
    screenshot("upload-error")
    axe("upload-error")

    page.get_by_label("Upload a file of figures").set_input_files(str(good))
    page.get_by_role("button", name="Check the file").click()
    assert "2 rows: 2 new" in page.get_by_test_id("upload-counts").inner_text()
    assert Figure.objects.filter(period__code="2016/17 Q1").count() == 0
    screenshot("upload-preview")
    axe("upload-preview")

    page.get_by_role("button", name="Save these figures").click()
    assert "Figures saved" in page.locator(".govuk-panel").inner_text()
    page.get_by_role("link", name="Follow the recompute of the comparisons").click()
    page.get_by_test_id("job-status").filter(has_text="Done").wait_for(timeout=60_000)
    screenshot("upload-recomputed")
    axe("upload-recomputed")
    # Saved, awaiting approval: provisional figures only, marked so.
    where = {"indicator__code": "SHOP", "area__name": "Hartlepool", "period__code": "2016/17 Q1"}
    row = Comparison.on_basis("provisional").get(**where)
    assert (row.current_value, row.baseline_value, row.change) == (301, 290, 11)
    assert row.provisional and not Comparison.objects.filter(**where).exists()

    # The lead approves them on the upload's page; then members see them.
    page.go_back()
    page.get_by_role("button", name="Approve these figures").click()
    assert "Approved 2 figures." in page.locator(".govuk-notification-banner").inner_text()
    axe("upload-approved")
    wait_for(lambda: Comparison.objects.filter(**where).exists(), timeout=60)
    row = Comparison.objects.get(**where)
    assert (row.current_value, row.baseline_value, row.change) == (301, 290, 11)
    assert not row.provisional
