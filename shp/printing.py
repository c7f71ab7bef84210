"""Printable documents: HTML rendered to tagged PDF with WeasyPrint.

Every generated document (agenda pack sections, the performance appendix, an action-plan report)
is an HTML body placed in ``templates/print/document.html``, styled by ``static/print/print.css``
(A4, Liberation Sans from Debian's fonts-liberation), and written as PDF/UA (tagged, with the
document language, title and author) so screen readers can follow it.
"""

import io
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from pypdf import PdfReader, PdfWriter

from shp.models import Partnership
from shp.pdf_tags import tag_pages

PRINT_CSS = settings.BASE_DIR / "static" / "print" / "print.css"
PDF_VARIANT = "pdf/ua-1"  # tagged PDF with the document language, for screen readers


@dataclass(frozen=True)
class PrintDocument:
    title: str
    body_html: str
    subject: str = ""
    author: str = ""
    running_header: str = ""  # printed at the top of every page when page_boxes is True
    page_boxes: bool = True  # "Page N of M" and the running header drawn by WeasyPrint
    extra_css: str = ""  # a document type's own stylesheet (e.g. the agenda pack's)


def document_html(document: PrintDocument) -> str:
    """The whole HTML page for ``document``."""
    return render_to_string(
        "print/document.html",
        {
            "document": document,
            "body": mark_safe(document.body_html),  # noqa: S308 — built from our own templates
            "css": mark_safe(PRINT_CSS.read_text() + document.extra_css),  # noqa: S308 — ours
            "author": document.author or Partnership.objects.current().name,
        },
    )


def render_document(document: PrintDocument):
    """Lay ``document`` out (a WeasyPrint Document: pages, their anchors, then ``write_pdf``)."""
    import weasyprint

    html = weasyprint.HTML(string=document_html(document), base_url=str(settings.BASE_DIR))
    return html.render(pdf_variant=PDF_VARIANT)


def render_pdf(document: PrintDocument) -> bytes:
    """Render ``document`` to PDF/UA bytes: tagged, with running headers and footers (and
    anything else outside the structure) marked as artifacts."""
    written = render_document(document).write_pdf(pdf_variant=PDF_VARIANT)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(written)))
    tag_pages(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
