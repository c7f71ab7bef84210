"""Report text in Markdown: headings, lists and tables come through; anything that could run
in a reader's browser does not."""

import pytest

from meetings.rich_text import report_html


def test_headings_lists_tables_and_line_breaks():
    html = report_html(
        "# Findings\n\nOne\ntwo\n\n- a\n- b\n\n| Area | Crimes |\n|---|---|\n| Hartlepool | 8,187 |"
    )
    assert "<h3>Findings</h3>" in html  # below the section's own heading
    assert "One<br>" in html and "<li>a</li>" in html
    assert "<th>Area</th>" in html and "<td>8,187</td>" in html


@pytest.mark.parametrize(
    "hostile, absent",
    [
        ("<script>alert(1)</script>", "alert"),
        ('<img src="x" onerror="alert(1)">', "onerror"),
        ("[click](javascript:alert(1))", "javascript:"),
        ('<a href="https://x.org" onclick="steal()">x</a>', "onclick"),
        ("<iframe src='https://x.org'></iframe>", "iframe"),
        ("<style>body{display:none}</style>", "display:none"),
    ],
)
def test_hostile_markup_is_removed(hostile, absent):
    assert absent not in report_html(f"Text {hostile} more")


def test_safe_links_stay_and_open_safely():
    html = report_html("See [the plan](https://www.hartlepool.gov.uk/plan).")
    assert 'href="https://www.hartlepool.gov.uk/plan"' in html and "noopener" in html
