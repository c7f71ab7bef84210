"""Produced PDFs stay tagged PDF 1.7: the running headers and footers are artifacts, nothing is
painted outside the structure, and an uploaded PDF merged into a pack is carried as an artifact
(even a tagged upload, whose own marking points at another document)."""

import io
from datetime import date

import pytest
from pypdf import PdfReader

from meetings import services
from meetings.packs.services import agenda_pack_render
from shp.printing import PrintDocument, render_pdf
from tests.meetings.factories import committee_with_members, published_meeting
from tests.pdf_structure import header, untagged_painting

pytestmark = pytest.mark.django_db


def tagged_upload() -> bytes:
    body = (
        "<h1>Supplied appendix</h1><p>Harbour ward figures.</p><table><tr><td>1</td></tr></table>"
    )
    return render_pdf(
        PrintDocument(title="Upload", subject="Upload", author="Police", body_html=body)
    )


def test_a_printed_document_has_its_running_header_and_footer_as_artifacts():
    pdf = render_pdf(
        PrintDocument(
            title="T",
            subject="S",
            author="A",
            body_html="<h1>Hello</h1><p>World</p>",
            running_header="Running head",
        )
    )
    assert header(pdf) == b"%PDF-1.7"
    assert untagged_painting(pdf) == []
    content = PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data()
    assert b"/Artifact" in content


def test_the_pack_with_an_uploaded_appendix_stays_tagged_pdf_1_7(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    committee, _ = committee_with_members()
    meeting, item = published_meeting(committee, day=date(2030, 6, 14))
    services.appendix_upload(
        report=item.report,
        label="Appendix A",
        title="Ward figures",
        filename="figures.pdf",
        content=tagged_upload(),
    )
    pack = agenda_pack_render(meeting=meeting, variant="public")
    with pack.file.open("rb") as handle:
        pdf = handle.read()
    assert header(pdf) == b"%PDF-1.7"
    reader = PdfReader(io.BytesIO(pdf))
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert untagged_painting(pdf) == []
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Harbour ward figures" in text  # the upload is still there to see and print


def test_the_checker_finds_painting_outside_the_structure():
    from pypdf import PdfWriter
    from pypdf.generic import ContentStream, NumberObject

    pdf = render_pdf(PrintDocument(title="T", subject="S", author="A", body_html="<p>Text</p>"))
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    page = writer.pages[0]
    content = ContentStream(page.get_contents(), writer)
    content.operations.append(([], b"BT"))
    content.operations.append(([], b"ET"))
    content.operations.append(([NumberObject(n) for n in (0, 0, 10, 10)], b"re"))
    content.operations.append(([], b"f"))
    page.replace_contents(content)
    out = io.BytesIO()
    writer.write(out)
    assert untagged_painting(out.getvalue()) == ["page 1: f"]
