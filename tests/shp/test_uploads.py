"""Hostile uploads are refused before they are parsed: ZIP-based files (XLSX, DOCX) that would
inflate too far, hold too many parts or inflate too many times over; PDFs carrying JavaScript,
launch actions or embedded files. Nothing is written."""

import io
import zipfile
from datetime import date

import pytest
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from meetings import services as meetings_services
from meetings.models import Appendix
from shp.errors import ApplicationError
from shp.uploads import zip_check
from strategies.services import evidence_check
from tests.meetings.factories import committee_with_members, published_meeting, tiny_pdf

pytestmark = pytest.mark.django_db


def xlsx_like(entries: dict[str, int | bytes]) -> bytes:
    """A zip with [Content_Types].xml naming a workbook, and entries of zeros of given sizes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml "
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        )
        for name, size in entries.items():
            if isinstance(size, bytes):
                archive.writestr(name, size)
                continue
            with archive.open(name, "w") as handle:
                chunk = b"\0" * (1 << 20)
                for _ in range(size >> 20):
                    handle.write(chunk)
    return buffer.getvalue()


def test_a_zip_that_inflates_too_far_is_refused_unopened(settings):
    settings.UPLOAD_ZIP_MAX_BYTES = 20 * 2**20
    settings.UPLOAD_ZIP_MAX_RATIO = 10**9
    bomb = xlsx_like({"xl/sharedStrings.xml": 40 * 2**20})
    assert len(bomb) < 2**20  # small on the wire
    with pytest.raises(ApplicationError, match="would unpack to 40 MB"):
        zip_check(bomb)


def test_a_zip_inflating_too_many_times_over_or_with_too_many_parts_is_refused(settings):
    with pytest.raises(ApplicationError, match="times its size"):
        zip_check(xlsx_like({"word/document.xml": 8 * 2**20}))
    settings.UPLOAD_ZIP_MAX_ENTRIES = 50
    with pytest.raises(ApplicationError, match="parts"):
        zip_check(xlsx_like({f"xl/part{n}.xml": b"<x/>" for n in range(60)}))
    zip_check(xlsx_like({"xl/workbook.xml": b"<workbook/>"}))  # an ordinary file passes


def test_a_docx_bomb_is_refused_as_evidence():
    with pytest.raises(ApplicationError, match="times its size") as raised:
        evidence_check(filename="plan.docx", content=xlsx_like({"word/document.xml": 8 * 2**20}))
    assert raised.value.field == "evidence"


def test_an_xlsx_bomb_is_refused_by_the_figures_import(settings):
    from indicators.tabular import UnreadableFile, read_table

    settings.UPLOAD_ZIP_MAX_BYTES = 20 * 2**20
    with pytest.raises(UnreadableFile, match="would unpack"):
        read_table(filename="figures.xlsx", content=xlsx_like({"xl/sharedStrings.xml": 40 * 2**20}))


def pdf_with(action: str) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if action == "javascript":
        script = DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject("app.alert('hi');"),
            }
        )
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(script)
    elif action == "launch":
        launch = DictionaryObject(
            {
                NameObject("/S"): NameObject("/Launch"),
                NameObject("/F"): TextStringObject("calc.exe"),
            }
        )
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(launch)
    elif action == "attachment":
        writer.add_attachment("payload.exe", b"MZ not really")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "action, named",
    [("javascript", "JavaScript"), ("launch", "Launch"), ("attachment", "embedded files")],
)
def test_pdfs_with_active_content_are_refused_as_appendices_and_evidence(
    action, named, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    committee, _ = committee_with_members()
    _, item = published_meeting(committee, day=date(2030, 6, 14))
    with pytest.raises(ApplicationError, match=named):
        meetings_services.appendix_upload(
            report=item.report,
            label="Appendix A",
            title="Plan",
            filename="plan.pdf",
            content=pdf_with(action),
        )
    assert not Appendix.objects.exists()
    with pytest.raises(ApplicationError, match=named):
        evidence_check(filename="plan.pdf", content=pdf_with(action))
    meetings_services.pdf_check(content=tiny_pdf())  # a plain PDF passes
