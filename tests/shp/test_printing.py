"""Printed documents: the running header prints as written, whatever it contains."""

import subprocess

import pytest

from shp.printing import PrintDocument, render_pdf


@pytest.mark.django_db  # the PDF's author is the partnership's name
def test_the_running_header_prints_hyphens_quotes_and_markup_as_written():
    header = 'Community Safety Plan 2014-17 — "Year 3" <b>&</b> more'
    pdf = render_pdf(PrintDocument(title="T", body_html="<p>Body</p>", running_header=header))
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert header in text
    assert "Page 1 of 1" in text
