"""The browser harness itself: the accessibility check must fail on a page with a known
violation, and the Content-Security-Policy must block inline script and be seen to."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_axe_reports_a_missing_alt_text_and_a_missing_label(page, axe):
    page.set_content(
        '<html lang="en"><head><title>Bad</title></head><body><main>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><input type="text">'
        "</main></body></html>"
    )
    with pytest.raises(AssertionError) as failure:
        axe("a deliberately bad page")
    assert "image-alt" in str(failure.value)
    assert "label" in str(failure.value)


def test_the_content_security_policy_blocks_inline_script_and_is_reported(page, live_server):
    response = page.goto("/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    ran = page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.ran = 1';"
        " document.head.appendChild(s); return window.ran === 1; }"
    )
    assert ran is False
    page.wait_for_timeout(200)
    assert any("Content Security Policy" in v for v in page.csp_violations)
    page.csp_violations.clear()  # provoked on purpose: the fixture fails on any other
