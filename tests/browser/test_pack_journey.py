"""Democratic services make the agenda pack in Chromium: a failure shows its reason, the retry
works, the progress bar fills in without reloading, and the pack is listed and downloadable."""

from datetime import date

import pytest
from django.core.management import call_command

from meetings.models import Appendix, Meeting, PackVersion

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db, celery_worker_process, settings):
    settings.MEDIA_ROOT = celery_worker_process.media_root  # the worker writes, the site serves
    call_command("load_demo", verbosity=0)
    return Meeting.objects.get(date=date(2016, 6, 17))


def test_democratic_services_make_the_pack(demo, sign_in, page, screenshot, axe):
    report = demo.items.get(title__startswith="Modern Day Crime").report
    broken = Appendix.objects.create(
        report=report,
        label="Appendix Z",
        title="Made by a generator this installation lacks",
        kind=Appendix.Kind.GENERATED,
        generator="no_such_generator",
    )
    sign_in("democratic", "demo-democratic-pass")
    page.goto(demo.get_absolute_url())
    page.get_by_test_id("pack-link").click()
    axe("the pack page")
    page.get_by_role("button", name="Make the members' pack").click()
    page.get_by_test_id("job-status").filter(has_text="Failed").wait_for(timeout=60_000)
    assert "Appendix Z asks for a generated appendix" in page.locator("body").inner_text()
    screenshot("pack-1-failed")
    axe("a failed render")

    broken.delete()
    page.goto(demo.get_absolute_url())
    page.get_by_test_id("pack-link").click()
    jobs = page.get_by_test_id("pack-jobs").inner_text()
    assert "Failed" in jobs and "Press a button above to try again" in jobs
    page.get_by_role("button", name="Make the members' pack").click()
    bar = page.locator(".shp-progress")
    bar.wait_for()
    page.get_by_test_id("job-status").filter(has_text="Done").wait_for(timeout=120_000)
    screenshot("pack-2-done")
    axe("a finished render")

    page.goto(demo.get_absolute_url())
    page.get_by_test_id("pack-link").click()
    versions = page.get_by_test_id("pack-versions")
    version = PackVersion.objects.get(meeting=demo, variant="members")
    assert f"{version.pages}" in versions.inner_text()
    screenshot("pack-3-versions")
    href = versions.get_by_role("link").first.get_attribute("href")
    response = page.request.get(href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body()[:5] == b"%PDF-"
