"""Two officers in two browsers on the same quarter: the stale save is refused with both values
and who changed what, nothing is lost, and saving again keeps the other changes. The same for a
commentary. axe-core checks the conflict page; screenshots under test-artifacts/screens/."""

import pytest
from django.core.management import call_command

from indicators.models import Commentary, Figure, Indicator
from shp.models import Organisation
from shp.roles import Role
from tests.browser.conftest import ARTIFACTS
from tests.factories import user_with_role

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]

Q1_URL = "/indicators/quarters/2016-17-q1/cleveland-police/"


@pytest.fixture
def two_officers(transactional_db):
    call_command("load_demo", verbosity=0)
    police = Organisation.objects.get(slug="cleveland-police")
    second = user_with_role(Role.OFFICER, username="officer-two", organisation=police)
    second.first_name, second.last_name = "Priya", "Shah"
    second.set_password("second-officer-pass")
    second.save()


def signed_in(browser, live_server, username, password):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto("/accounts/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    page.goto(Q1_URL)
    return context, page


def box(page, area, indicator):
    return page.get_by_label(f"{area}: {indicator}", exact=True)


def saved(code):
    figure = Figure.objects.filter(
        indicator__code=code, area__name="Hartlepool", period__code="2016/17 Q1"
    ).first()
    return figure.value if figure else None


def test_a_stale_save_from_another_browser_is_refused_and_nothing_is_lost(
    two_officers, celery_worker_process, browser, live_server
):
    first_context, first = signed_in(browser, live_server, "officer", "demo-officer-pass")
    second_context, second = signed_in(browser, live_server, "officer-two", "second-officer-pass")
    try:
        # Both open the same grid; the second officer saves a shoplifting figure first.
        box(second, "Hartlepool", "Shoplifting").fill("15")
        second.get_by_role("button", name="Save as draft").click()
        assert "saved as a draft" in second.locator(".govuk-notification-banner").inner_text()
        assert saved("SHOP") == 15

        # The first officer, on the page read before that save, types over it and adds ASB.
        box(first, "Hartlepool", "Shoplifting").fill("12")
        box(first, "Hartlepool", "Anti-social behaviour incidents").fill("700")
        first.get_by_role("button", name="Save as draft").click()
        summary = first.get_by_test_id("conflict-summary")
        text = summary.inner_text()
        assert "nothing was saved" in text
        assert "Priya Shah changed Hartlepool, Shoplifting, 2016/17 Q1 to 15" in text
        assert "you entered 12" in text
        assert saved("SHOP") == 15 and saved("ASB") is None
        # Both values are on the page: theirs in the box, the first officer's in the message.
        assert box(first, "Hartlepool", "Shoplifting").input_value() == "15"
        assert box(first, "Hartlepool", "Anti-social behaviour incidents").input_value() == "700"
        target = ARTIFACTS / "screens" / "quarter-conflict.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        first.screenshot(path=str(target), full_page=True)
        _axe_on(first)

        # Saving again (the confirmation) keeps the ASB figure and the other officer's value.
        first.get_by_role("button", name="Save as draft").click()
        assert "saved as a draft" in first.locator(".govuk-notification-banner").inner_text()
        assert saved("SHOP") == 15 and saved("ASB") == 700

        # The same for a commentary: both read it, the second writes first.
        shop = Indicator.objects.get(code="SHOP")
        first.reload()
        second.reload()
        for who in (first, second):
            who.get_by_text("Commentary on Shoplifting", exact=True).click()
        second.get_by_label("Hartlepool: commentary on Shoplifting").fill(
            "Two new supermarkets opened in April."
        )
        second.get_by_role("button", name="Save as draft").click()
        first.get_by_label("Hartlepool: commentary on Shoplifting").fill(
            "A rise in thefts from one store."
        )
        first.get_by_role("button", name="Save as draft").click()
        text = first.get_by_test_id("conflict-summary").inner_text()
        assert "changed the commentary on Shoplifting in Hartlepool to Two new supermarkets" in text
        assert "you entered A rise in thefts from one store." in text
        assert (
            Commentary.objects.get(indicator=shop).text == "Two new supermarkets opened in April."
        )
    finally:
        first_context.close()
        second_context.close()


def _axe_on(page):
    from tests.browser.conftest import run_axe

    run_axe(page, "the conflict page")
