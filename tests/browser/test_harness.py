"""The accessibility check itself: it must fail on a page with a known violation."""

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
