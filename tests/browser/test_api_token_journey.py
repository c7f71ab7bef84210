"""A police analyst's system reads the API, in Chromium: the officer makes a token on the API
tokens page (the key shown once), the system reads the force's own drafts with it, and the
officer revokes it, after which it is refused. axe-core checks each page."""

import pytest
import requests
from django.core.management import call_command

from indicators.services.imports import figures_import

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DRAFT = "4321"


@pytest.fixture
def demo_data(transactional_db):
    call_command("load_demo", verbosity=0)
    figures_import(
        content=f"area,indicator,period,value\nHartlepool,SHOP,2016/17 Q1,{DRAFT}\n".encode(),
        filename="draft.csv",
        status="draft",
        recompute=False,
    )


def test_an_officer_makes_a_token_a_system_reads_with_it_and_it_is_revoked(
    demo_data, page, live_server, sign_in, screenshot, axe
):
    sign_in("officer", "demo-officer-pass")
    page.goto("/api/")
    page.get_by_role("link", name="your API tokens").click()
    axe("API tokens")
    page.get_by_role("button", name="Make a token").click()
    assert "Enter what the token is for" in page.locator(".govuk-error-summary").inner_text()
    page.get_by_label("What is the token for?").fill("Police analysts' weekly extract")
    page.get_by_role("button", name="Make a token").click()
    key = page.locator(".shp-token-key").inner_text()
    assert key.startswith("shp_")
    axe("a token made")
    screenshot("api-token-made")

    # The analysts' system reads the force's own draft with the key; no session, no cookie.
    url = f"{live_server.url}/api/entered-figures"
    asked = {"figures": "provisional", "indicator": "SHOP"}
    headers = {"Authorization": f"Bearer {key}"}
    answer = requests.get(url, params=asked, headers=headers, timeout=10)
    assert answer.status_code == 200 and DRAFT in answer.text
    assert DRAFT not in requests.get(url, params=asked, timeout=10).text  # anonymous: 401

    page.goto("/api/tokens/")
    assert key not in page.content()  # shown once only
    assert page.get_by_test_id("tokens").locator("tbody tr").count() == 1
    page.get_by_role("button", name="Revoke “Police analysts' weekly extract”").click()
    assert "no longer works" in page.locator(".govuk-notification-banner").inner_text()
    screenshot("api-token-revoked")
    refused = requests.get(url, params=asked, headers=headers, timeout=10)
    assert refused.status_code == 401 and DRAFT not in refused.text
