"""Laying out and writing an agenda pack: WeasyPrint for the whole document in one pass (so the
contents' page numbers, the running headers, "Page N of M", the bookmarks and the PDF tags come
out right by construction), then each uploaded appendix page drawn onto the blank page reserved
for it, inside the margins so that its header and footer stay readable. Every page's content
is then inside the structure or an artifact, and the file stays PDF 1.7 (shp/pdf_tags.py)."""

import io
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter, Transformation

from meetings.packs.compose import PACK_CSS, ComposedPack
from shp.pdf_tags import as_artifact, tag_pages
from shp.printing import PDF_VARIANT, PrintDocument, render_document

MM = 72 / 25.4
# The content box of an A4 page with print.css's margins (top 22, right 18, bottom 20, left 18).
BOX_LEFT, BOX_BOTTOM = 18 * MM, 20 * MM
BOX_WIDTH, BOX_HEIGHT = (210 - 36) * MM, (297 - 42) * MM


@dataclass(frozen=True)
class RenderedPack:
    pdf: bytes
    pages: int


def pack_pdf(composed: ComposedPack, body_html: str, *, progress=None) -> RenderedPack:
    """The pack as PDF bytes, uploaded appendices merged in."""
    document = PrintDocument(
        title=composed.title,
        subject=composed.subject,
        body_html=body_html,
        page_boxes=False,
        extra_css=PACK_CSS.read_text(),
    )
    if progress:
        progress("Laying out the pages")
    laid_out = render_document(document)
    page_of = {}
    for index, page in enumerate(laid_out.pages):
        for anchor in page.anchors:
            page_of.setdefault(anchor, index)
    written = laid_out.write_pdf(pdf_variant=PDF_VARIANT)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(written)))
    if progress and composed.uploaded:
        progress("Merging the uploaded appendices")
    for upload in composed.uploaded:
        with upload.appendix.file.open("rb") as handle:
            source = PdfWriter(clone_from=PdfReader(io.BytesIO(handle.read())))
        for number, anchor in enumerate(upload.placeholder_ids):
            target = writer.pages[page_of[anchor]]
            original = source.pages[number]
            as_artifact(original, source)
            width, height = float(original.mediabox.width), float(original.mediabox.height)
            scale = min(BOX_WIDTH / width, BOX_HEIGHT / height)
            left = (
                BOX_LEFT + (BOX_WIDTH - width * scale) / 2 - float(original.mediabox.left) * scale
            )
            bottom = (
                BOX_BOTTOM
                + (BOX_HEIGHT - height * scale) / 2
                - float(original.mediabox.bottom) * scale
            )
            target.merge_transformed_page(
                original, Transformation().scale(scale).translate(left, bottom)
            )
    tag_pages(writer)
    out = io.BytesIO()
    writer.write(out)
    return RenderedPack(out.getvalue(), len(writer.pages))
