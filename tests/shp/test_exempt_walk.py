"""The exempt walk: an exempt item carrying a report, an uploaded appendix, a minute, a decision
and an action, each holding a distinctive secret; every surface is read as every kind of reader.
The public and a partner officer without a seat never see the secret, in HTML, RSS, iCal or PDF
(read with pdftotext); the committee's members, a named substitute, the report's author,
democratic services, the performance lead and administrators do (the control)."""

import subprocess
from datetime import date

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import AgendaItem, PaperAccess, Section
from meetings.packs.services import agenda_pack_render
from shp.printing import PrintDocument, render_pdf
from shp.roles import Role
from tests.factories import user_with_role
from tests.meetings.factories import FULL_REPORT, committee_with_members, scheduled_meeting
from tests.meetings.factories import seat_holder as seated

pytestmark = pytest.mark.django_db

SECRET = "Kestrel"  # in the title, report, appendix, minute, decision and action
PUBLIC_TITLE = "A confidential partnership matter"


def secret_pdf() -> bytes:
    return render_pdf(
        PrintDocument(
            title="Appendix",
            subject="Appendix",
            body_html=f"<h1>Operation {SECRET} appendix</h1><p>Names of {SECRET} subjects.</p>",
        )
    )


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    committee, people = committee_with_members("Exempt Partnership")
    author = user_with_role(Role.OFFICER, username="author")
    first = scheduled_meeting(committee, day=date(2030, 6, 14), today=date(2030, 1, 2))
    services.agenda_item_add(
        meeting=first,
        section=Section.DECISION,
        title="Community safety plan",
        today=date(2030, 1, 2),
    )
    services.report_save(
        item=first.items.get(title="Community safety plan"),
        **{**FULL_REPORT, "subject": "Community safety plan"},
    )
    item = services.agenda_item_add(
        meeting=first,
        section=Section.INFORMATION,
        title=f"Operation {SECRET}",
        exempt_paragraph=7,
        public_title=PUBLIC_TITLE,
        today=date(2030, 1, 2),
    )
    report = services.report_save(
        item=item,
        authors=[author.person],
        **{
            **FULL_REPORT,
            "subject": f"Operation {SECRET}",
            "background": f"What {SECRET} found.",
        },
    )
    services.appendix_upload(
        report=report,
        label="Appendix A",
        title=f"{SECRET} subjects",
        filename="a.pdf",
        content=secret_pdf(),
    )
    services.agenda_publish(meeting=first)
    services.meeting_status_set(meeting=first, status="held", today=first.date)
    minutes = services.minutes_draft(meeting=first)
    exempt_minute = next(m for m in minutes if m.item_id == item.pk)
    services.minute_update(
        minute=exempt_minute,
        number=exempt_minute.number,
        title=f"Operation {SECRET}",
        issues=f"The partnership heard what {SECRET} found.",
    )
    services.decision_add(
        minute=exempt_minute,
        text=f"That the {SECRET} findings be referred to the police.",
        action_description=f"Refer the {SECRET} findings",
        owner=people[0],
    )
    second = scheduled_meeting(committee, day=date(2030, 9, 20), today=date(2030, 1, 2))
    services.agenda_item_add(
        meeting=second, section=Section.DECISION, title="Budget", today=date(2030, 1, 2)
    )
    services.report_save(
        item=second.items.get(title="Budget"), **{**FULL_REPORT, "subject": "Budget"}
    )
    services.agenda_publish(meeting=second)
    services.minutes_confirm(meeting=first, at_meeting=second)
    first.refresh_from_db()
    third = scheduled_meeting(committee, day=date(2031, 1, 17), today=date(2030, 1, 2))
    services.forward_plan_item_add(
        committee=committee,
        meeting=third,
        section=Section.INFORMATION,
        title=f"Operation {SECRET} follow-up",
        lead_officer="Chief Inspector",
        exempt_paragraph=7,
        public_title=PUBLIC_TITLE,
        exempt_reason="Information about the prevention of crime.",
        today=date(2030, 1, 2),
    )
    # The first meeting's packs carry the exempt report; the second's, its minutes.
    packs = {
        (meeting, variant): agenda_pack_render(meeting=meeting, variant=variant)
        for meeting in (first, second)
        for variant in ("public", "members")
    }
    return {
        "committee": committee,
        "first": first,
        "second": second,
        "item": item,
        "appendix": report.appendices.get(),
        "author": author,
        "packs": packs,
    }


def readable(response) -> str:
    """What a reader of the response sees: PDF text through pdftotext, else the body."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/pdf"):
        done = subprocess.run(["pdftotext", "-", "-"], input=body, capture_output=True, check=True)
        return done.stdout.decode()
    return body.decode(errors="replace")


def surfaces(world) -> list[str]:
    first, second, item = world["first"], world["second"], world["item"]
    return [
        first.get_absolute_url(),
        second.get_absolute_url(),
        reverse("meetings:report-detail", kwargs={"pk": item.pk}),
        reverse("meetings:appendix", kwargs={"pk": world["appendix"].pk}),
        reverse("meetings:minutes", kwargs={"pk": first.pk}),
        reverse("meetings:minutes-pdf", kwargs={"pk": first.pk}),
        reverse("meetings:decision-notice", kwargs={"pk": first.pk}),
        reverse("meetings:action-list"),
        reverse("meetings:decision-register"),
        # Words of the secret's title and decision (the secret itself would be echoed back).
        reverse("meetings:search") + "?q=operation",
        reverse("meetings:search") + "?q=findings+referred",
        reverse("meetings:forward-plan", kwargs={"slug": world["committee"].slug}),
        reverse("meetings:decision-register") + f"?format=csv&q={SECRET}",
        reverse("meetings:papers-feed"),
        reverse("meetings:calendar"),
        reverse("meetings:meeting-list"),
        reverse("meetings:committee-detail", kwargs={"slug": world["committee"].slug}),
        reverse("meetings:pack-list", kwargs={"pk": first.pk}),
        reverse("meetings:pack-list", kwargs={"pk": second.pk}),
        *[reverse("meetings:pack-download", kwargs={"pk": p.pk}) for p in world["packs"].values()],
    ]


def pack_url(world, meeting: str, variant: str) -> str:
    pack = world["packs"][(world[meeting], variant)]
    return reverse("meetings:pack-download", kwargs={"pk": pack.pk})


def reader(kind, world):
    """The user of each kind (made once per test)."""
    committee = world["committee"]
    makers = {
        "anonymous": lambda: None,
        "partner officer": lambda: user_with_role(Role.OFFICER, username="no-seat"),
        "performance lead": lambda: user_with_role(Role.PERFORMANCE_LEAD, username="lead"),
        "member": lambda: seated(committee, username="member"),
        "substitute": lambda: seated(committee, username="substitute", substitute=True),
        "author": lambda: world["author"],
        "democratic services": lambda: user_with_role(Role.DEMOCRATIC_SERVICES, username="clerk"),
        "administrator": lambda: user_with_role(Role.ADMINISTRATOR, username="admin"),
    }
    made = world.setdefault("readers", {})
    if kind not in made:
        made[kind] = makers[kind]()
    return made[kind]


@pytest.mark.parametrize("kind", ["anonymous", "partner officer"])
def test_those_without_a_seat_never_see_the_exempt_substance(client, world, kind):
    user = reader(kind, world)
    if user is not None:
        client.force_login(user)
    for url in surfaces(world):
        text = readable(client.get(url))
        assert SECRET not in text, (kind, url)
    meeting_page = client.get(world["first"].get_absolute_url()).content.decode()
    assert PUBLIC_TITLE in meeting_page
    assert "Exempt information: paragraph 7 of Part 1 of Schedule 12A" in meeting_page
    minutes = client.get(reverse("meetings:minutes", kwargs={"pk": world["first"].pk}))
    text = minutes.content.decode()
    assert "press and" in text and "public be excluded" in text and "paragraph 7" in text
    assert "Private part" not in text
    public_pack = readable(client.get(pack_url(world, "first", "public")))
    assert PUBLIC_TITLE in public_pack and "paragraph 7" in public_pack
    public_minutes = " ".join(readable(client.get(pack_url(world, "second", "public"))).split())
    assert "public be excluded" in public_minutes and "Private part" not in public_minutes


@pytest.mark.parametrize(
    "kind",
    ["member", "substitute", "democratic services", "performance lead", "administrator", "author"],
)
def test_those_entitled_read_the_exempt_paper(client, world, kind):
    client.force_login(reader(kind, world))
    report = client.get(reverse("meetings:report-detail", kwargs={"pk": world["item"].pk}))
    assert report.status_code == 200 and SECRET in report.content.decode()
    appendix = client.get(reverse("meetings:appendix", kwargs={"pk": world["appendix"].pk}))
    assert SECRET in readable(appendix)
    members_pack = client.get(pack_url(world, "first", "members"))
    if kind == "author":
        assert members_pack.status_code == 404  # an author reads their report, not the pack
    else:
        assert SECRET in readable(members_pack)
        with_minutes = readable(client.get(pack_url(world, "second", "members")))
        assert "Private part" in with_minutes and SECRET in with_minutes
        minutes = client.get(reverse("meetings:minutes", kwargs={"pk": world["first"].pk}))
        text = minutes.content.decode()
        assert "Private part" in text and f"That the {SECRET} findings" in text
    found = client.get(reverse("meetings:search") + "?q=operation").content.decode()
    assert f"Operation {SECRET}" in found
    register = client.get(reverse("meetings:decision-register") + f"?format=csv&q={SECRET}")
    assert f"That the {SECRET} findings" in readable(register)
    if kind not in ("democratic services", "performance lead", "administrator"):
        logged = set(PaperAccess.objects.values_list("username", "kind"))
        assert (reader_name(kind), "report") in logged
        assert (reader_name(kind), "appendix") in logged


def reader_name(kind: str) -> str:
    return {"member": "member", "substitute": "substitute", "author": "author"}[kind]


def test_democratic_services_read_the_log_of_who_opened_what(client, world):
    client.force_login(reader("member", world))
    client.get(reverse("meetings:report-detail", kwargs={"pk": world["item"].pk}))
    client.force_login(reader("democratic services", world))
    page = client.get(reverse("meetings:paper-access")).content.decode()
    assert "member" in page and "Exempt report" in page
    client.force_login(reader("partner officer", world))
    assert client.get(reverse("meetings:paper-access")).status_code == 403


def test_matters_arising_minuted_in_public_leave_out_exempt_actions(world):
    services.meeting_status_set(meeting=world["second"], status="held", today=world["second"].date)
    minutes = services.minutes_draft(meeting=world["second"])
    arising = next(m for m in minutes if m.item and m.item.kind == AgendaItem.Kind.MATTERS_ARISING)
    assert SECRET not in arising.issues
