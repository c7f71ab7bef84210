"""What the API reads, as rows of plain values, with the same rules as the pages: figures as
the public page and open-data file show them (approved only, small numbers suppressed);
meetings; a published agenda's items (an exempt one by its public title); decisions as the
decisions register shows them to this reader."""

from datetime import date

from django.db.models import Prefetch
from django.urls import reverse

from indicators.models import Area, Indicator
from indicators.open_data import COLUMNS, open_data_rows
from meetings import permissions
from meetings.models import Appendix, Committee, Meeting, PackVersion, Report
from meetings.selectors import agenda_rows
from meetings.selectors.decisions import decision_url, decisions_visible_to

FIGURE_COLUMNS = [column.name for column in COLUMNS]


def _of_meetings(found, *, committee: str, date_from, date_to, prefix: str = ""):
    """``found`` narrowed to one committee (by slug) and a range of meeting dates; ``prefix``
    leads from its rows to their meeting."""
    if committee:
        found = found.filter(**{f"{prefix}committee__slug": committee})
    if date_from:
        found = found.filter(**{f"{prefix}date__gte": date_from})
    if date_to:
        found = found.filter(**{f"{prefix}date__lte": date_to})
    return found


def areas() -> list[dict]:
    return [
        {"code": a.code, "name": a.name, "kind": a.kind}
        for a in Area.objects.order_by("display_order", "name")
    ]


def indicators(*, theme: str = "") -> list[dict]:
    found = Indicator.objects.order_by("code")
    if theme:
        found = found.filter(theme=theme)
    return [{"code": i.code, "name": i.name, "theme": i.theme, "unit": i.unit} for i in found]


def figures(
    *, area: str = "", indicator: str = "", theme: str = "", period_from: str = "",
    period_to: str = "",
) -> list[dict]:  # fmt: skip
    """Published figures; ``theme`` is a theme's code (as /indicators gives it); period bounds
    compare the periods' first days (YYYY-MM-DD)."""
    themes = dict(Indicator.objects.values_list("code", "theme"))
    rows = []
    for values in open_data_rows():
        row = dict(zip(FIGURE_COLUMNS, values, strict=True))
        if area and area not in (row["area_code"], row["area_name"]):
            continue
        if indicator and row["indicator_code"] != indicator:
            continue
        if theme and themes.get(row["indicator_code"]) != theme:
            continue
        if period_from and row["period_start"] < period_from:
            continue
        if period_to and row["period_start"] > period_to:
            continue
        rows.append(row)
    return rows


def meetings(
    *, base_url: str, committee: str = "", date_from: date | None = None,
    date_to: date | None = None,
) -> list[dict]:  # fmt: skip
    found = _of_meetings(
        Meeting.objects.select_related("committee").order_by("-date", "-start_time"),
        committee=committee, date_from=date_from, date_to=date_to,
    )  # fmt: skip
    return [
        {
            "id": m.pk,
            "committee": m.committee.name,
            "date": m.date,
            "start_time": f"{m.start_time:%H:%M}",
            "venue": m.venue,
            "status": m.status,
            "agenda_published": permissions.item_public(m),
            "url": base_url + m.get_absolute_url(),
        }
        for m in found
    ]


def agenda(*, meeting: Meeting, user, base_url: str) -> list[dict]:
    """A published agenda's items; an exempt item by its public title, its report linked only
    for a reader who may read it."""
    if not permissions.item_public(meeting):
        return []
    rows = []
    for row in agenda_rows(meeting=meeting, include_exempt=True):
        item = row.item
        if item is None:
            continue
        readable = permissions.item_substance_visible(user, item)
        has_report = getattr(item, "report", None) is not None
        rows.append(
            {
                "number": row.number,
                "title": item.title if readable else item.shown_title,
                "section": item.section,
                "exempt_paragraph": item.exempt_paragraph,
                "report_url": base_url + reverse("meetings:report-detail", kwargs={"pk": item.pk})
                if readable and has_report
                else None,
            }
        )
    return rows


def decisions(
    *, user, base_url: str, committee: str = "", date_from: date | None = None,
    date_to: date | None = None,
) -> list[dict]:  # fmt: skip
    found = decisions_visible_to(user=user)
    found = _of_meetings(
        found, committee=committee, date_from=date_from, date_to=date_to,
        prefix="minute__meeting__",
    )  # fmt: skip
    return [
        {
            "committee": d.minute.meeting.committee.name,
            "meeting_date": d.minute.meeting.date,
            "minute_number": d.minute.number,
            "minute_title": d.minute.title,
            "decision": d.numeral,
            "text": d.text,
            "minutes_confirmed": d.minute.meeting.minutes_confirmed,
            "url": base_url + decision_url(d, user),
        }
        for d in found
    ]


def committees(*, base_url: str) -> list[dict]:
    """The partnership's board and its sub-groups."""
    return [
        {
            "slug": c.slug,
            "name": c.name,
            "parent": c.parent.slug if c.parent else None,
            "active": c.is_active,
            "url": base_url + c.get_absolute_url(),
        }
        for c in Committee.objects.select_related("parent")
    ]


def documents(
    *, base_url: str, committee: str = "", date_from: date | None = None,
    date_to: date | None = None,
) -> list[dict]:  # fmt: skip
    """Published papers, never exempt ones (for anyone): reports and their uploaded
    appendices, the latest public pack, and minutes the public may read; newest first."""
    found = _of_meetings(
        Meeting.objects.filter(published_at__isnull=False).exclude(
            status=Meeting.Status.CANCELLED
        ),
        committee=committee, date_from=date_from, date_to=date_to,
    )  # fmt: skip
    reports = Report.objects.filter(item__exempt_paragraph__isnull=True).prefetch_related(
        Prefetch("appendices", Appendix.objects.filter(kind=Appendix.Kind.UPLOADED))
    )
    packs = PackVersion.objects.filter(variant=PackVersion.Variant.PUBLIC).order_by("-created_at")
    found = (
        found.select_related("committee")
        .prefetch_related(
            Prefetch("items__report", reports), Prefetch("packs", packs, to_attr="public_packs")
        )
        .order_by("-date", "-start_time")
    )
    public_minutes = set(
        Meeting.objects.filter(permissions.public_minutes_q()).values_list("pk", flat=True)
    )
    rows = []
    for meeting in found:

        def row(kind, title, url, meeting=meeting):
            return {
                "meeting_id": meeting.pk,
                "committee": meeting.committee.name,
                "meeting_date": meeting.date,
                "kind": kind,
                "title": title,
                "url": base_url + url,
            }

        if meeting.public_packs:
            pack = meeting.public_packs[0]
            rows.append(
                row("public pack", "Agenda pack", reverse("meetings:pack-download", args=[pack.pk]))
            )
        for item in sorted(meeting.items.all(), key=lambda i: (i.section, i.position)):
            report = getattr(item, "report", None)
            if item.is_exempt or report is None:
                continue
            rows.append(row("report", report.subject or item.title, item.get_absolute_url()))
            for appendix in report.appendices.all():
                url = reverse("meetings:appendix", args=[appendix.pk])
                rows.append(row("appendix", f"{appendix.label}: {appendix.title}", url))
        if meeting.pk in public_minutes:
            rows.append(row("minutes", "Minutes", reverse("meetings:minutes", args=[meeting.pk])))
    return rows
