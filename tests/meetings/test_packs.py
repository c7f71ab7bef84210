"""The 17 June 2016 agenda pack, rendered from the demo data and read back as a reader would:
contents page numbers, bookmarks, footers, the public pack without exempt text, the performance
appendix with the seed's figures and warnings, uploaded appendices merged, versions reused."""

import io
import re
import subprocess
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from pypdf import PdfReader

from indicators import selectors as indicator_selectors
from indicators.models import Area, Period
from meetings.models import AgendaItem, Appendix, Meeting, PackVersion, Report, Section
from meetings.packs.services import agenda_pack_render
from shp.printing import PrintDocument, render_pdf
from shp.templatetags.shp_tags import figure
from tests.meetings.factories import seat_holder

pytestmark = pytest.mark.django_db

SECRET = "Operation Nightjar surveillance findings"


@pytest.fixture
def demo(db):
    call_command("load_demo", "--no-users", verbosity=0)
    return Meeting.objects.get(date=date(2016, 6, 17))


def pages_text(pdf: bytes) -> list[str]:
    """Each page's text as pdftotext lays it out (what a reader sees)."""
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return result.stdout.decode().split("\f")[:-1]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def read(version: PackVersion) -> bytes:
    with version.file.open("rb") as handle:
        return handle.read()


def contents_entries(pages: list[str]) -> list[tuple[str, int]]:
    page = next(p for p in pages if "Contents" in p)
    entries = []
    for line in page.splitlines():
        found = re.match(r"\s*(.+?)\s*\.{3,}\s*(\d+)\s*$", line)
        if found:
            entries.append((found.group(1).strip(), int(found.group(2))))
    return entries


def outline_titles(reader: PdfReader) -> list[str]:
    titles = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


def test_the_members_pack_reads_right(demo):
    version = agenda_pack_render(meeting=demo, variant=PackVersion.Variant.MEMBERS)
    pdf = read(version)
    pages = pages_text(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == version.pages == len(pages)

    # Footers run 1..M without gaps, on every page, merged appendices included.
    total = len(pages)
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in text, number

    # The frontsheet: committee, date, time, venue and members.
    front = flat(pages[0])
    assert "Safer Hartlepool Partnership" in front
    assert "Friday 17 June 2016" in front and demo.venue in front
    assert "Councillor Christopher Akers-Belcher (Chair)" in front

    # Every contents entry points at the page where it starts, and is a bookmark.
    entries = contents_entries(pages)
    titles = outline_titles(reader)
    assert len(entries) >= 6
    for title, page_number in entries:
        heading = re.sub(r"^\d+(\.\d+)?\s+", "", title)
        assert heading[:40] in flat(pages[page_number - 1]), (title, page_number)
        assert any(heading[:40] in t for t in titles), title
    item_titles = [i.title for i in demo.items.exclude(report=None)]
    for title in item_titles:
        assert any(title[:40] in t for t in titles), title

    # The running header names the item on its pages.
    report_page = next(n for t, n in entries if "Domestic Abuse Strategy" in t)
    assert "Item 4.1" in pages[report_page - 1].splitlines()[0]

    # Metadata, language and tags for screen readers.
    info = reader.metadata
    assert info.title == "Safer Hartlepool Partnership: agenda pack, 17 June 2016"
    assert info.author == "Safer Hartlepool Partnership"
    assert "17 June 2016" in info.subject
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root


def test_the_performance_appendix_shows_the_seeds_figures_and_warnings(demo):
    pdf = read(agenda_pack_render(meeting=demo, variant=PackVersion.Variant.PUBLIC))
    pages = pages_text(pdf)
    start = next(n for t, n in contents_entries(pages) if "Appendix A" in t)
    appendix = flat(" ".join(pages[start - 1 :]))
    rows = indicator_selectors.yoy_table(
        area=Area.objects.get(name="Hartlepool"),
        period=Period.objects.get(code="2015/16"),
        baseline=Period.objects.get(code="2014/15"),
    )
    shown = {row.indicator: row for row in rows}
    for code in ("TRC", "VAP", "DOM_BURG", "ASB", "DELIB_FIRES"):
        row = shown[code]
        assert row.name in appendix, code
        assert figure(row.current) in appendix and figure(row.baseline) in appendix, code
    warnings = [w for row in rows for w in row.warnings]
    assert warnings, "the seed has consistency warnings"
    assert "Consistency warnings" in appendix
    for warning in warnings:
        assert flat(warning)[:60] in appendix, warning
    assert "Line chart of total recorded crime in Hartlepool" in appendix  # the chart's text


def exempt_item(meeting: Meeting) -> AgendaItem:
    item = AgendaItem.objects.create(
        meeting=meeting,
        section=Section.INFORMATION,
        position=99,
        number="6.3",
        title="Serious organised crime: local profile",
        lead_officer="Chief Superintendent",
        exempt_paragraph=7,
    )
    Report.objects.create(
        item=item,
        report_of="Chief Superintendent",
        subject="Local profile",
        purpose=SECRET,
        background="Intelligence picture.",
    )
    return item


def test_the_public_pack_has_no_exempt_text_and_cites_the_paragraph(demo):
    item = exempt_item(demo)
    public = flat(" ".join(pages_text(read(agenda_pack_render(meeting=demo, variant="public")))))
    members = flat(" ".join(pages_text(read(agenda_pack_render(meeting=demo, variant="members")))))
    assert SECRET not in public and item.title not in public
    assert "paragraph 7 of Part 1 of Schedule 12A to the Local Government Act 1972" in public
    assert SECRET in members and item.title in members


def test_an_uploaded_appendix_is_merged_on_the_page_the_contents_gives(demo):
    uploaded = render_pdf(
        PrintDocument(
            title="Supplied",
            body_html="<h1>Home Office strategy</h1><p>UPLOADED-PAGE-ONE</p>"
            "<p style='break-before: page'>UPLOADED-PAGE-TWO</p>",
            page_boxes=False,
        )
    )
    report = demo.items.get(title__startswith="Modern Day Crime").report
    appendix = Appendix(
        report=report,
        label="Appendix B",
        title="Home Office strategy",
        kind=Appendix.Kind.UPLOADED,
        original_filename="strategy.pdf",
        size=len(uploaded),
        pages=2,
    )
    appendix.file.save("strategy.pdf", ContentFile(uploaded), save=False)
    appendix.save()
    pdf = read(agenda_pack_render(meeting=demo, variant="public"))
    pages = pages_text(pdf)
    start = next(n for t, n in contents_entries(pages) if "Appendix B" in t)
    assert "Appendix B: Home Office strategy" in pages[start - 1]
    assert "UPLOADED-PAGE-ONE" in pages[start]
    assert "UPLOADED-PAGE-TWO" in pages[start + 1]
    for number in (start + 1, start + 2):
        assert f"Page {number} of {len(pages)}" in pages[number - 1]
        assert "Item 6.2 — Appendix B" in pages[number - 1]


def test_a_pack_is_made_again_only_when_something_in_it_changed(demo):
    first = agenda_pack_render(meeting=demo, variant="members")
    again = agenda_pack_render(meeting=demo, variant="members")
    assert again.pk == first.pk
    report = demo.items.get(title__startswith="Domestic Abuse").report
    report.background += " A late correction."
    report.save()
    changed = agenda_pack_render(meeting=demo, variant="members")
    assert changed.pk != first.pk and changed.fingerprint != first.fingerprint
    assert "A late correction." in flat(" ".join(pages_text(read(changed))))
    assert PackVersion.objects.filter(meeting=demo, variant="members").count() == 2


def test_the_pack_pages_are_served_to_those_who_may_read_them(client, demo, role_user):
    from django.urls import reverse

    from shp.roles import Role

    exempt_item(demo)
    members = agenda_pack_render(meeting=demo, variant="members")
    public = agenda_pack_render(meeting=demo, variant="public")
    listing = client.get(reverse("meetings:pack-list", kwargs={"pk": demo.pk})).content.decode()
    assert reverse("meetings:pack-download", kwargs={"pk": public.pk}) in listing
    assert reverse("meetings:pack-download", kwargs={"pk": members.pk}) not in listing
    download = client.get(reverse("meetings:pack-download", kwargs={"pk": public.pk}))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert (
        client.get(reverse("meetings:pack-download", kwargs={"pk": members.pk})).status_code == 404
    )
    client.force_login(role_user(Role.MEMBER))  # a member of another committee
    assert (
        client.get(reverse("meetings:pack-download", kwargs={"pk": members.pk})).status_code == 404
    )
    client.force_login(seat_holder(demo.committee, username="seated"))
    assert (
        client.get(reverse("meetings:pack-download", kwargs={"pk": members.pk})).status_code == 200
    )
    from meetings.models import PaperAccess

    logged = PaperAccess.objects.get(kind="members_pack")
    assert logged.username == "seated" and logged.meeting == demo
    response = client.post(
        reverse("meetings:pack-render", kwargs={"pk": demo.pk}), {"variant": "public"}
    )
    assert response.status_code == 403
    client.force_login(role_user(Role.DEMOCRATIC_SERVICES, username="dem"))
    response = client.post(
        reverse("meetings:pack-render", kwargs={"pk": demo.pk}),
        {"variant": "nonsense"},
        follow=True,
    )
    assert "Choose the public pack or the members" in response.content.decode()


def plant(*lines, status):
    from indicators.services.comparisons import comparisons_recompute
    from indicators.services.imports import figures_import

    content = ("area,indicator,period,value\n" + "\n".join(lines) + "\n").encode()
    figures_import(content=content, filename="plant.csv", status=status, recompute=False)
    comparisons_recompute()


def appendix_text(pdf: bytes) -> str:
    pages = pages_text(pdf)
    start = next(n for t, n in contents_entries(pages) if "Appendix A" in t)
    return flat(" ".join(pages[start - 1 :]))


def test_packs_print_approved_figures_and_the_public_one_suppresses_small_counts(demo):
    plant("Hartlepool,ROB,2015/16,3", status="approved")  # an approved small count
    plant("Hartlepool,SHOP,2015/16,987654", status="submitted")  # a revision awaiting approval
    members = appendix_text(read(agenda_pack_render(meeting=demo, variant="members")))
    public = appendix_text(read(agenda_pack_render(meeting=demo, variant="public")))
    for text in (members, public):
        assert "987654" not in text and "987,654" not in text
        assert "1246" in text or "1,246" in text  # the approved shoplifting figure
        assert "Approved figures only." in text
    assert re.search(r"Robbery[0-9,]* [0-9,]+ 3 ", members)  # baseline, then this year's 3
    assert re.search(r"Robbery[0-9,]* [0-9,]+ fewer than 5", public)
    assert not re.search(r"Robbery[0-9,]* [0-9,]+ 3 ", public)
    assert "not shown" in public  # secondary suppression: no part gives the small count away
    assert 'Counts from 1 to 4 are shown as "fewer than 5"' in public


def test_a_pack_keeps_what_it_printed_and_members_see_what_was_revised_since(
    client, demo, role_user
):
    from django.urls import reverse

    from indicators.services.comparisons import comparisons_recompute

    first = agenda_pack_render(meeting=demo, variant="members")
    printed = {(r["indicator"], r["area"], r["period"]): r for r in first.figures}
    total = printed[("TRC", "E06000001", "2015/16")]
    assert total["current"] == "8133" and total["figure"] is not None
    comparisons_recompute()  # a recompute that changes nothing makes no new version
    assert agenda_pack_render(meeting=demo, variant="members").pk == first.pk

    plant("Hartlepool,TRC,2015/16,8134", status="approved")  # revised and approved
    first.refresh_from_db()
    kept = {(r["indicator"], r["area"], r["period"]): r for r in first.figures}
    assert kept[("TRC", "E06000001", "2015/16")]["current"] == "8133"
    client.force_login(seat_holder(demo.committee, username="seated"))
    page = client.get(
        reverse("indicators:dashboard"), {"area": "E06000001", "period": "2015/16"}
    ).content.decode()
    assert "revised since the pack of 17 June 2016: was 8,133, now 8,134" in page
    detail = client.get(
        reverse("indicators:indicator-detail", kwargs={"code": "TRC"}), {"area": "E06000001"}
    ).content.decode()
    assert "revised since the pack of 17 June 2016: was 8,133, now 8,134" in detail
    listing = client.get(reverse("meetings:pack-list", kwargs={"pk": demo.pk})).content.decode()
    assert "was 8,133, now 8,134" in listing
    second = agenda_pack_render(meeting=demo, variant="members")
    assert second.pk != first.pk  # the printed figure changed, so the pack did
