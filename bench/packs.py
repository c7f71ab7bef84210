"""Agenda-pack rendering benchmark: a generated meeting whose pack is about 150 pages.

    python bench/packs.py WORKDIR     prints one line of JSON

It measures, with the same composed HTML:
- a single WeasyPrint pass of the whole pack (what the app does: contents page numbers, running
  headers, "Page N of M", bookmarks and PDF tags come out right by construction);
- the same HTML cut into its sections and rendered by 2 processes in parallel (as 2 Celery
  workers would), then merged with pypdf (the alternative the issue asks us to weigh);
- a re-render after one report changed, both ways (the app re-renders the whole pack; sections
  would re-render one section and merge);
with wall time and the peak memory of the busiest process.
"""

import io
import json
import os
import re
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

WORK = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/shp-pack-bench")
WORK.mkdir(parents=True, exist_ok=True)
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shp.settings.local")
os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'bench.sqlite3'}"
os.environ["MEDIA_ROOT"] = str(WORK / "media")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

REPORTS = 24
PARAGRAPHS = 26  # per report section body: about six pages a report
SENTENCE = (
    "The partnership reviewed the quarter's figures with each responsible authority and agreed "
    "where joint work should go next, recording who leads each action and by when. "
)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build_meeting():
    from meetings.models import AgendaItem, Committee, Report, Section
    from meetings.services import meeting_schedule

    committee, _ = Committee.objects.get_or_create(
        slug="bench-partnership", defaults={"name": "Bench Partnership"}
    )
    meeting, _ = meeting_schedule(
        committee=committee,
        day=date(2030, 6, 14),
        start_time=__import__("datetime").time(10),
        venue="Civic Centre",
        today=date(2030, 5, 1),
    )
    body = "\n\n".join(f"{n}. " + SENTENCE * 5 for n in range(1, PARAGRAPHS + 1))
    for number in range(REPORTS):
        item = AgendaItem.objects.create(
            meeting=meeting,
            section=Section.INFORMATION,
            position=number + 1,
            title=f"Report {number + 1}: a theme of the community safety plan",
            lead_officer="Director of Regeneration and Neighbourhoods",
        )
        Report.objects.create(
            item=item,
            report_of="Director of Regeneration and Neighbourhoods",
            subject=f"Theme {number + 1}",
            purpose="To inform the partnership of progress.",
            background=body,
            recommendations="That the partnership notes the report.",
        )
    return meeting


def split_sections(body: str) -> list[str]:
    """The body's top-level <section> elements (the template writes one per part)."""
    return [m.group(0) for m in re.finditer(r"<section\b.*?</section>", body, re.S)]


def render_part(args) -> tuple[bytes, float]:
    """Render one chunk of sections in a separate process (a stand-in for a Celery worker)."""
    title, html_parts = args
    import django as _django

    _django.setup()
    from meetings.packs.compose import PACK_CSS
    from shp.printing import PrintDocument, render_pdf

    pdf = render_pdf(
        PrintDocument(
            title=title,
            body_html="".join(html_parts),
            page_boxes=False,
            extra_css=PACK_CSS.read_text(),
        )
    )
    return pdf, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def merge(pdfs: list[bytes]) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for pdf in pdfs:
        writer.append(PdfReader(io.BytesIO(pdf)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def sectioned(title: str, sections: list[str], workers: int = 2):
    """Every section rendered on its own by ``workers`` processes, then merged."""
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(render_part, [(title, [s]) for s in sections]))
    parts = [pdf for pdf, _ in results]
    merged = merge(parts)
    return parts, merged, time.perf_counter() - started, max(mb for _, mb in results)


def main() -> dict:
    call_command("migrate", verbosity=0)
    from meetings.packs.compose import PACK_CSS, pack_compose, pack_fill
    from shp.printing import PDF_VARIANT, PrintDocument, render_document

    meeting = build_meeting()
    composed = pack_compose(meeting=meeting, variant="members")
    body, _web = pack_fill(composed)
    document = PrintDocument(
        title=composed.title, body_html=body, page_boxes=False, extra_css=PACK_CSS.read_text()
    )
    started = time.perf_counter()
    laid_out = render_document(document)
    pdf = laid_out.write_pdf(pdf_variant=PDF_VARIANT)
    single_seconds = time.perf_counter() - started
    pages = len(laid_out.pages)

    sections = split_sections(body)
    parts, merged, sectioned_seconds, sectioned_peak = sectioned(composed.title, sections)
    from pypdf import PdfReader

    sectioned_pages = len(PdfReader(io.BytesIO(merged)).pages)

    # One report changes: the app re-renders the whole pack; sections would redo one and merge.
    middle = len(sections) // 2
    changed = sections[middle].replace("progress.", "progress, corrected.")
    started = time.perf_counter()
    render_document(
        PrintDocument(
            title=composed.title,
            body_html=body.replace(sections[middle], changed),
            page_boxes=False,
            extra_css=PACK_CSS.read_text(),
        )
    ).write_pdf(pdf_variant=PDF_VARIANT)
    single_again = time.perf_counter() - started
    started = time.perf_counter()
    parts[middle], _ = render_part((composed.title, [changed]))
    merge(parts)
    sectioned_again = time.perf_counter() - started
    return {
        "reports": REPORTS,
        "sections": len(sections),
        "pages": pages,
        "sectioned_pages": sectioned_pages,
        "pdf_mb": round(len(pdf) / 1e6, 2),
        "single_seconds": round(single_seconds, 1),
        "single_peak_mb": round(peak_mb()),
        "sectioned_seconds": round(sectioned_seconds, 1),
        "sectioned_peak_mb": round(sectioned_peak),
        "single_again_seconds": round(single_again, 1),
        "sectioned_again_seconds": round(sectioned_again, 1),
        "cpus": os.cpu_count(),
    }


REPORT = """# Agenda pack rendering benchmark

Measured by `bench/run_packs` on {day}: {cpus} cores; WeasyPrint {weasyprint}.

A generated meeting with {reports} reports of about six pages each: a pack of {pages} pages
({pdf_mb} MB), from the same composed HTML each time.

| how | seconds | peak memory of the busiest process |
| --- | ---: | ---: |
| one WeasyPrint pass of the whole pack (what the app does) | {single_seconds} | {single_peak_mb} MB |
| its {sections} sections rendered by 2 processes in parallel, then merged with pypdf | {sectioned_seconds} | {sectioned_peak_mb} MB |
| after one report changed: the whole pack again (what the app does) | {single_again_seconds} | — |
| after one report changed: that section again, then merged with the other sections kept | {sectioned_again_seconds} | — |

Reading it: on this 2-core machine, parallel sections are no faster for a fresh pack (each
process pays for its own start-up and the work is small per section), and the merged file loses
what the single pass gets right by construction — the contents page cannot resolve its page
numbers across sections (WeasyPrint reports the missing anchors), running page numbers must be
stamped afterwards, and the PDF's structure tags are not merged by pypdf, so the pack would no
longer be an accessible tagged PDF. Re-rendering one changed section is much faster; the app
instead avoids re-rendering at all when nothing changed (a pack is kept by the fingerprint of
everything it is made from) and renders a changed pack again in one pass.
"""


if __name__ == "__main__":
    import weasyprint

    results = main()
    print(json.dumps(results))
    if "--write" in sys.argv:
        target = Path(__file__).resolve().parent / "PACKS.md"
        target.write_text(
            REPORT.format(
                day=f"{date.today():%-d %B %Y}", weasyprint=weasyprint.__version__, **results
            )
        )
