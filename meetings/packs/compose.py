"""What goes into an agenda pack, in order, as one HTML document (a read: no writes here).

Frontsheet (committee, date, time, venue, members), contents, agenda, the minutes of the last
meeting, then each item's report in agenda order with its appendices, and the date of the next
meeting. Once a published paper changes, a supplement after the contents lists what was revised
and when, and each revised report says so. The public pack replaces every exempt item by a
notice citing its paragraph of Schedule 12A; the members' pack has everything. Generated
appendices are left as markers until ``pack_fill`` so that the pack's fingerprint can be worked
out cheaply first.
"""

import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string

from meetings import selectors
from meetings.models import AgendaItem, Appendix, ExemptParagraph, Meeting, PackVersion
from meetings.packs.generators import generated_figures, generated_html, generated_state
from shp.printing import PRINT_CSS

PACK_CSS = settings.BASE_DIR / "static" / "print" / "pack.css"
PACK_TEMPLATE_VERSION = "1"


@dataclass
class ContentsEntry:
    anchor: str
    number: str
    title: str
    level: int  # 1: a part or item, 2: an appendix


@dataclass
class UploadedAppendix:
    appendix: Appendix
    pages: int
    placeholder_ids: list[str]


@dataclass
class ComposedPack:
    meeting: Meeting
    variant: str
    title: str
    subject: str
    skeleton: str  # body HTML with a marker where each generated appendix goes
    web_skeleton: str = ""  # the same for the web page: uploads linked, not reproduced
    generated: list[Appendix] = field(default_factory=list)
    uploaded: list[UploadedAppendix] = field(default_factory=list)
    contents: list[ContentsEntry] = field(default_factory=list)
    fingerprint: str = ""

    @property
    def is_public(self) -> bool:
        return self.variant != PackVersion.Variant.MEMBERS

    def marker(self, appendix: Appendix) -> str:
        return f"<!--generated-appendix-{appendix.pk}-->"


def _exempt_notice(item: AgendaItem) -> str:
    paragraph = ExemptParagraph(item.exempt_paragraph)
    words = paragraph.label.split(": ", 1)[-1]
    return (
        "Not for publication: this item contains exempt information under paragraph "
        f"{paragraph.value} of Part 1 of Schedule 12A to the Local Government Act 1972 ({words})."
    )


def _uploaded_pages(appendix: Appendix) -> int:
    from pypdf import PdfReader

    if appendix.pages:
        return appendix.pages
    with appendix.file.open("rb") as handle:
        return len(PdfReader(handle).pages)


def pack_compose(*, meeting: Meeting, variant: str) -> ComposedPack:
    """The pack's skeleton, its contents and what it is made from."""
    members_pack = variant == PackVersion.Variant.MEMBERS
    committee = meeting.committee
    when = f"{meeting.date:%-d %B %Y}"
    runhead_base = f"{committee.name} — {when}"
    rows = selectors.agenda_rows(meeting=meeting, include_exempt=True)
    items = [row.item for row in rows if row.item is not None]
    composed = ComposedPack(
        meeting=meeting,
        variant=variant,
        title=f"{committee.name}: agenda pack, {when}" + ("" if members_pack else " (public)"),
        subject=f"Agenda, minutes and reports for the meeting of {when}",
        skeleton="",
    )
    contents = composed.contents
    contents.append(ContentsEntry("agenda", "", "Agenda", 1))

    previous = None
    minutes_item = next((i for i in items if i.minutes_of_id), None)
    if minutes_item is not None:
        previous = minutes_item.minutes_of
    minutes = list(selectors.minutes_of(meeting=previous)) if previous else []
    if minutes:
        contents.append(
            ContentsEntry(
                "minutes",
                minutes_item.number,
                f"Minutes of the meeting held on {previous.date:%-d %B %Y}",
                1,
            )
        )

    item_blocks = []
    for item in items:
        report = getattr(item, "report", None)
        exempt_hidden = item.is_exempt and not members_pack
        if report is None and not item.is_exempt:
            continue
        anchor = f"item-{item.pk}"
        title = item.shown_title if exempt_hidden else item.title
        contents.append(ContentsEntry(anchor, item.number, title, 1))
        block = {
            "item": item,
            "anchor": anchor,
            "title": title,
            "runhead": f"{runhead_base} — Item {item.number}".strip(),
            "exempt_notice": _exempt_notice(item) if item.is_exempt else "",
            "exempt_hidden": exempt_hidden,
            "report": None if exempt_hidden else report,
            "sections": [] if exempt_hidden or report is None else report.sections(),
            "appendices": [],
        }
        if not exempt_hidden and report is not None:
            for appendix in report.appendices.all():  # prefetched, in label order
                entry = {"appendix": appendix, "anchor": f"appendix-{appendix.pk}"}
                contents.append(
                    ContentsEntry(entry["anchor"], "", f"{appendix.label}: {appendix.title}", 2)
                )
                if appendix.kind == Appendix.Kind.GENERATED:
                    composed.generated.append(appendix)
                    entry["marker"] = composed.marker(appendix)
                else:
                    pages = _uploaded_pages(appendix)
                    ids = [f"upload-{appendix.pk}-{n}" for n in range(1, pages + 1)]
                    composed.uploaded.append(UploadedAppendix(appendix, pages, ids))
                    entry["placeholder_ids"] = ids
                block["appendices"].append(entry)
        item_blocks.append(block)

    revised = [b for b in item_blocks if b["report"] is not None and b["report"].revised_at]
    if revised:
        contents.insert(1, ContentsEntry("revisions", "", "Papers revised since publication", 1))
    following = selectors.next_meeting(meeting=meeting)
    if following is not None:
        contents.append(ContentsEntry("next-meeting", "", "Date of next meeting", 1))
    context = {
        "meeting": meeting,
        "committee": committee,
        "members_pack": members_pack,
        "seats": selectors.committee_seats(committee=committee, day=meeting.date),
        "agenda": rows,  # exempt items stay in the public agenda, without their titles
        "contents": contents,
        "minutes": minutes,
        "minutes_parts": selectors.minutes_parts(minutes=minutes),
        "previous": previous,
        "minutes_item": minutes_item,
        "attendance": selectors.attendance_summary(meeting=previous) if previous else None,
        "items": item_blocks,
        "revised": revised,
        "next_meeting": following,
        "runhead_base": runhead_base,
    }
    composed.skeleton = render_to_string("print/pack/pack.html", context)
    composed.web_skeleton = render_to_string("print/pack/pack.html", {**context, "for_web": True})
    composed.fingerprint = _fingerprint(composed)
    return composed


def _fingerprint(composed: ComposedPack) -> str:
    digest = hashlib.sha256()
    digest.update(PACK_TEMPLATE_VERSION.encode())
    digest.update(PRINT_CSS.read_bytes())
    digest.update(PACK_CSS.read_bytes())
    digest.update(composed.skeleton.encode())
    for appendix in composed.generated:
        digest.update(generated_state(appendix, public=composed.is_public).encode())
    for upload in composed.uploaded:
        with upload.appendix.file.open("rb") as handle:
            for chunk in iter(lambda handle=handle: handle.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()


def pack_fill(composed: ComposedPack, *, progress=None) -> tuple[str, str]:
    """The print body and the web body, each with every generated appendix rendered in place
    (rendered once for both)."""
    body, web = composed.skeleton, composed.web_skeleton
    total = len(composed.generated)
    for index, appendix in enumerate(composed.generated, start=1):
        if progress:
            progress(f"Rendering appendix {index} of {total}: {appendix.label} {appendix.title}")
        html = generated_html(appendix, public=composed.is_public)
        body = body.replace(composed.marker(appendix), html)
        web = web.replace(composed.marker(appendix), html)
    return body, web


def pack_figures(composed: ComposedPack) -> list[dict]:
    """Every figure the pack's generated appendices print, with the figure versions behind
    them: the record of what members saw."""
    printed = []
    for appendix in composed.generated:
        for row in generated_figures(appendix, public=composed.is_public):
            printed.append({**row, "appendix": appendix.label})
    return printed
