"""First journeys in Chromium: each demo role signs in; the public sees only public links;
a background job's progress bar fills in without reloading the page."""

from urllib.parse import urlparse

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve

from shp.demo import DEMO_USERS
from shp.permissions import PUBLIC, view_access

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_data(transactional_db):
    call_command("load_demo", verbosity=0)


@pytest.mark.parametrize("demo", DEMO_USERS, ids=lambda d: d.username)
def test_each_demo_role_signs_in_and_lands_on_its_home_page(
    demo_data, sign_in, screenshot, axe, demo
):
    page = sign_in(demo.username, demo.password)
    assert urlparse(page.url).path == "/"
    assert page.get_by_role("heading", level=2, name=demo.role.label).is_visible()
    assert demo.role.label in page.get_by_test_id("signed-in-as").inner_text()
    screenshot(f"home-{demo.username}")
    axe(f"home page of {demo.username}")
    page.get_by_test_id("sign-out").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Sign in").first.is_visible()


def test_a_wrong_password_shows_the_error_summary(demo_data, sign_in, screenshot, axe):
    page = sign_in("officer", "not-the-password")
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert "Enter a correct username and password" in summary.inner_text()
    screenshot("sign-in-error")
    axe("sign-in error")


def test_the_public_sees_no_private_link(demo_data, page, screenshot, axe):
    for path in ["/", "/partners/", "/partners/cleveland-police/", "/accessibility/", "/privacy/"]:
        page.goto(path)
        axe(path)
        hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        for href in hrefs:
            url = urlparse(href)
            if url.netloc != urlparse(page.url).netloc or url.path.startswith("/static/"):
                continue
            try:
                match = resolve(url.path)
            except Resolver404:
                pytest.fail(f"{path} links to an unknown page {url.path}")
            assert view_access(match.func) == PUBLIC, f"{path} links to private {url.path}"
    page.goto("/")
    screenshot("home-public")


def test_skip_link_is_the_first_thing_a_keyboard_reaches(demo_data, page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"


@pytest.mark.worker
def test_job_progress_updates_without_reloading(
    demo_data, celery_worker_process, sign_in, screenshot, axe
):
    page = sign_in("lead", "demo-lead-pass")
    page.get_by_role("link", name="Background jobs").first.click()
    page.get_by_label("Number of steps").fill("4")
    page.get_by_role("button", name="Start the job").click()
    page.wait_for_url("**/jobs/*/")
    page.evaluate("window.__sameDocument = true")
    page.get_by_test_id("job-status").filter(has_text="Done").wait_for(timeout=30_000)
    assert page.evaluate("window.__sameDocument") is True  # no reload happened
    assert page.locator("#job-progress-bar").get_attribute("value") == "100"
    assert "Counted 4 steps" in page.get_by_test_id("job-message").inner_text()
    screenshot("job-done")
    axe("job page")


def test_a_member_reads_the_dashboard(demo_data, sign_in, screenshot, axe):
    page = sign_in("member", "demo-member-pass")
    page.get_by_role("link", name="Performance dashboard").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Hartlepool, 2015/16"
    scorecard = page.get_by_test_id("scorecard").first.inner_text()
    assert "Total recorded crime" in scorecard and "Red" in scorecard
    screenshot("dashboard-hartlepool")
    axe("dashboard")
    page.get_by_label("Area").select_option(label="Redcar and Cleveland")
    page.get_by_label("Theme").select_option(label="Recorded crime – victim based")
    page.get_by_role("button", name="Show").click()
    table = page.locator(".shp-yoy-table")
    assert "Theft and robbery" in table.inner_text()
    theft = table.locator("tr").filter(
        has=page.get_by_role("link", name="Theft and robbery", exact=True)
    )
    theft.get_by_text("1 warning").click()
    assert "its parts (Robbery, Theft offences) add up to 5,017" in theft.inner_text()
    screenshot("dashboard-redcar")
    axe("dashboard with a theme filter and an open warning")
    theft.get_by_role("link", name="Theft and robbery").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Theft and robbery"
    assert (
        "Redcar and Cleveland: every period" in page.get_by_test_id("indicator-series").inner_text()
    )
    screenshot("indicator-theft-redcar")
    axe("indicator page")
    page.get_by_label("Area").select_option(label="Hartlepool")
    page.get_by_role("button", name="Show").click()
    for chart in ("trend-chart", "district-chart"):  # drawn by plotly from our static files
        page.locator(f"[data-testid={chart}][data-drawn=true]").first.wait_for()
        assert page.get_by_test_id(chart).first.locator("svg").count() > 0
    screenshot("indicator-theft-hartlepool-chart")
    axe("indicator page with its chart")
