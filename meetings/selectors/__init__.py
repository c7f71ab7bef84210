"""Reads shared by the meetings views, feeds and services: who sees what, agendas, minutes."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Max, Prefetch, Q, QuerySet

from meetings import permissions, workdays
from meetings.models import (
    SECTION_ORDER,
    SINGLE_LINE_SECTIONS,
    UNNUMBERED_SECTIONS,
    Action,
    AgendaItem,
    Appendix,
    Attendance,
    Committee,
    Meeting,
    Membership,
    Minute,
    Report,
    Section,
)

# Who may see what is decided in meetings/permissions.py; these names are kept for callers.
can_edit = permissions.may_edit


# --- Agenda numbering --------------------------------------------------------------------


@dataclass
class AgendaRow:
    """One printed line of an agenda: a numbered section heading or an item."""

    number: str
    title: str
    item: AgendaItem | None = None
    is_heading: bool = False
    can_move_up: bool = False
    can_move_down: bool = False


def agenda_numbers(items: list[AgendaItem]) -> tuple[dict[int, str], dict[str, str]]:
    """Numbers computed from the order: item pk → "4.1", and section → "4" for headings.

    Single-line sections (apologies, declarations, urgent business) are one number; other
    sections with items are a numbered heading with items numbered under it; empty sections are
    skipped; the date of the next meeting is not numbered.
    """
    by_section: dict[str, list[AgendaItem]] = {}
    for item in sorted(items, key=lambda i: (SECTION_ORDER[i.section], i.position, i.pk or 0)):
        by_section.setdefault(item.section, []).append(item)
    item_numbers: dict[int, str] = {}
    section_numbers: dict[str, str] = {}
    counter = 0
    for section in Section.values:
        members = by_section.get(section, [])
        if not members or section in UNNUMBERED_SECTIONS:
            continue
        counter += 1
        section_numbers[section] = str(counter)
        if section in SINGLE_LINE_SECTIONS:
            standing = [i for i in members if i.kind == AgendaItem.Kind.STANDING]
            others = [i for i in members if i.kind != AgendaItem.Kind.STANDING]
            for item in standing:
                item_numbers[item.pk] = str(counter)
            for index, item in enumerate(others, start=1):
                item_numbers[item.pk] = f"{counter}.{index}"
        else:
            for index, item in enumerate(members, start=1):
                item_numbers[item.pk] = f"{counter}.{index}"
    return item_numbers, section_numbers


def agenda_rows(*, meeting: Meeting, include_exempt: bool) -> list[AgendaRow]:
    """The agenda as printed: frozen numbers once published, computed ones before."""
    items = list(
        meeting.items.select_related("minutes_of", "report").prefetch_related("report__appendices")
    )
    computed, section_numbers = agenda_numbers(items)
    frozen = meeting.is_published
    rows: list[AgendaRow] = []
    items.sort(key=lambda i: (SECTION_ORDER[i.section], i.position, i.pk))
    current_section = None
    for item in items:
        if item.is_exempt and not include_exempt:
            continue
        number = item.number if frozen else computed.get(item.pk, "")
        if item.section != current_section:
            current_section = item.section
            if item.section not in SINGLE_LINE_SECTIONS | UNNUMBERED_SECTIONS:
                heading_number = section_numbers.get(item.section, "")
                if frozen and "." in number:
                    heading_number = number.split(".")[0]
                rows.append(AgendaRow(heading_number, Section(item.section).label, is_heading=True))
        rows.append(AgendaRow(number, item.title, item=item))
    business = [r for r in rows if r.item is not None and r.item.kind == AgendaItem.Kind.BUSINESS]
    for row in business:
        siblings = [r for r in business if r.item.section == row.item.section]
        row.can_move_up = not frozen and siblings[0] is not row
        row.can_move_down = not frozen and siblings[-1] is not row
    return rows


# --- Deadlines -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DeadlineStatus:
    deadline: date
    working_days_left: int
    missed: bool
    published_late: bool

    @property
    def message(self) -> str:
        if self.published_late:
            return "The agenda was published after the deadline."
        if self.missed:
            return (
                f"The deadline of {self.deadline:%-d %B %Y} has passed: the papers are late, "
                "and any item added now needs a reason for urgency."
            )
        if self.working_days_left == 0:
            return "Today is the last day to publish the agenda."
        days = "working day" if self.working_days_left == 1 else "working days"
        return f"{self.working_days_left} {days} left to publish the agenda."


def deadline_status(*, meeting: Meeting, today: date) -> DeadlineStatus:
    """The publication deadline (five clear working days) and how it stands today."""
    deadline = meeting.publication_deadline
    published_late = bool(meeting.published_at and meeting.published_at.date() > deadline)
    missed = not meeting.is_published and today > deadline
    return DeadlineStatus(
        deadline=deadline,
        working_days_left=max(0, workdays.working_days_between(today, deadline)),
        missed=missed,
        published_late=published_late,
    )


# --- Meetings ------------------------------------------------------------------------------


def meeting_list() -> QuerySet[Meeting]:
    """Every meeting with its committee, newest first."""
    return Meeting.objects.select_related("committee").order_by("-date", "-start_time")


def meeting_detail_queryset() -> QuerySet[Meeting]:
    return Meeting.objects.select_related("committee", "minutes_confirmed_at_meeting")


def previous_meeting(*, committee: Committee, before: date) -> Meeting | None:
    """The committee's last meeting (not cancelled) before ``before``."""
    return (
        Meeting.objects.filter(committee=committee, date__lt=before)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("-date", "-start_time")
        .first()
    )


def next_meeting(*, meeting: Meeting) -> Meeting | None:
    """The committee's next meeting (not cancelled) after this one."""
    return (
        Meeting.objects.filter(committee=meeting.committee, date__gt=meeting.date)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("date", "start_time")
        .first()
    )


def next_minute_number(*, committee: Committee, municipal_year: int) -> int:
    """The number the next minute of the committee's municipal year takes."""
    last = Minute.objects.filter(committee=committee, municipal_year=municipal_year).aggregate(
        last=Max("number")
    )["last"]
    return (last or 0) + 1


def minutes_to_confirm_at(*, meeting: Meeting) -> Meeting | None:
    """The earlier meeting whose minutes this meeting's agenda confirms, if still to confirm."""
    item = (
        meeting.items.filter(
            minutes_of__status=Meeting.Status.HELD, minutes_of__minutes__isnull=False
        )
        .select_related("minutes_of")
        .first()
    )
    return item.minutes_of if item else None


def members_on(*, committee: Committee, day: date) -> QuerySet[Membership]:
    """Memberships of the committee current on ``day``, with seats and people."""
    return (
        Membership.objects.current_on(day)
        .filter(seat__committee=committee)
        .select_related("seat", "seat__organisation", "person", "person__organisation")
        .prefetch_related("substitutes")
        .order_by("seat__display_order", "seat__title")
    )


def committee_seats(*, committee: Committee, day: date) -> list[tuple]:
    """Each seat of the committee with its holder on ``day`` (None when vacant)."""
    holders = {m.seat_id: m for m in members_on(committee=committee, day=day)}
    seats = committee.seats.select_related("organisation").order_by("display_order", "title")
    return [(seat, holders.get(seat.pk)) for seat in seats]


@dataclass
class AttendanceSummary:
    present: list[Attendance] = field(default_factory=list)
    substitutes: list[Attendance] = field(default_factory=list)
    apologies: list[Attendance] = field(default_factory=list)
    absent: list[Attendance] = field(default_factory=list)
    also_present: list[Attendance] = field(default_factory=list)
    officers: list[Attendance] = field(default_factory=list)
    authorities: list[tuple] = field(default_factory=list)  # (organisation, [names])

    @property
    def every_authority_represented(self) -> bool:
        return all(names for _, names in self.authorities)


def attendance_summary(*, meeting: Meeting) -> AttendanceSummary:
    """Attendance grouped as the minutes print it, and which responsible authorities came."""
    summary = AttendanceSummary()
    records = meeting.attendance.select_related(
        "person", "person__organisation", "substitute_for"
    ).order_by("-in_the_chair", "person__name")
    groups = {
        Attendance.Status.PRESENT: summary.present,
        Attendance.Status.SUBSTITUTE: summary.substitutes,
        Attendance.Status.APOLOGIES: summary.apologies,
        Attendance.Status.ABSENT: summary.absent,
        Attendance.Status.ALSO_PRESENT: summary.also_present,
        Attendance.Status.OFFICER: summary.officers,
    }
    records = list(records)
    for record in records:
        groups[record.status].append(record)
    attending = [
        r for r in records if r.status in {Attendance.Status.PRESENT, Attendance.Status.SUBSTITUTE}
    ]
    seats = meeting.committee.seats.filter(is_responsible_authority=True).select_related(
        "organisation"
    )
    organisations = {seat.organisation_id: seat.organisation for seat in seats}
    for organisation in sorted(organisations.values(), key=lambda o: o.name):
        names = [str(r.person) for r in attending if r.person.organisation_id == organisation.pk]
        summary.authorities.append((organisation, names))
    return summary


def open_actions_for(*, meeting: Meeting, include_exempt: bool = True) -> QuerySet[Action]:
    """Open actions from the committee's earlier meetings: matters arising for this one.

    ``include_exempt=False`` leaves out actions recorded under exempt items (for what the public
    reads); pages filter by reader with ``permissions.actions_visible``."""
    actions = (
        Action.objects.open()
        .filter(
            decision__minute__committee=meeting.committee,
            decision__minute__meeting__date__lt=meeting.date,
        )
        .select_related("owner", "decision__minute__item__meeting", "decision__minute__meeting")
        .order_by("due_date", "pk")
    )
    if not include_exempt:
        actions = actions.filter(
            Q(decision__minute__item__isnull=True)
            | Q(decision__minute__item__exempt_paragraph__isnull=True)
        )
    return actions


def action_list() -> QuerySet[Action]:
    """Every action with its decision, minute (and its item) and owner."""
    return Action.objects.select_related(
        "owner", "decision__minute__item__meeting", "decision__minute__meeting__committee"
    ).order_by("status", "due_date", "pk")


def minutes_of(*, meeting: Meeting) -> QuerySet[Minute]:
    """The meeting's minutes in number order, with decisions and their actions."""
    return (
        meeting.minutes.select_related("item__meeting", "item__report")
        .prefetch_related(
            Prefetch(
                "decisions",
                queryset=Minute.decisions.rel.related_model.objects.order_by(
                    "position"
                ).prefetch_related("actions__owner"),
            )
        )
        .order_by("number")
    )


@dataclass
class MinutesEntry:
    """One entry of the public part of the minutes: a minute, the resolution to exclude the
    press and public, or an exempt minute's placeholder."""

    kind: str  # "minute", "exclusion" or "exempt"
    minute: Minute | None = None
    paragraphs: list[int] = field(default_factory=list)

    @property
    def exclusion_text(self) -> str:
        numbers = " and ".join(str(p) for p in self.paragraphs)
        many = len(self.paragraphs) > 1
        return (
            "Resolved: that under section 100A(4) of the Local Government Act 1972 the press and "
            "public be excluded from the meeting for the following business, on the grounds that "
            "it involves the likely disclosure of exempt information as defined in "
            f"paragraph{'s' if many else ''} {numbers} of Part 1 of Schedule 12A to that Act."
        )


@dataclass
class MinutesParts:
    public: list[MinutesEntry]
    private: list[Minute]  # the exempt minutes in full: for those entitled only


def minutes_parts(*, minutes: list[Minute]) -> MinutesParts:
    """The minutes as printed: the public part, with the resolution to exclude the press and
    public before the first exempt item and a placeholder for each exempt minute, and the
    private part holding the exempt minutes."""
    public, private = [], []
    exempt = [m for m in minutes if m.item is not None and m.item.is_exempt]
    paragraphs = sorted({m.item.exempt_paragraph for m in exempt})
    for minute in minutes:
        if minute.item is not None and minute.item.is_exempt:
            if not private:
                public.append(MinutesEntry("exclusion", paragraphs=paragraphs))
            public.append(MinutesEntry("exempt", minute=minute))
            private.append(minute)
        else:
            public.append(MinutesEntry("minute", minute=minute))
    return MinutesParts(public, private)


def minutes_visible_to(*, user, meeting: Meeting) -> bool:
    """The public reads confirmed minutes; partnership roles read drafts too."""
    if not meeting.minutes.exists():
        return False
    return meeting.minutes_are_public or permissions.may_read_draft_minutes(user)


# --- Papers --------------------------------------------------------------------------------


def item_visible_to(*, user, item: AgendaItem) -> bool:
    """Whether the user may read the item's papers (``permissions.item_substance_visible``)."""
    return permissions.item_substance_visible(user, item)


def report_detail_queryset() -> QuerySet[AgendaItem]:
    return AgendaItem.objects.select_related("meeting__committee", "report").prefetch_related(
        "report__appendices"
    )


def appendix_queryset() -> QuerySet[Appendix]:
    return Appendix.objects.select_related("report__item__meeting")


def published_papers(*, limit: int = 50) -> list[Report]:
    """Reports of published, non-exempt items, newest meeting first (for the RSS feed)."""
    return list(
        Report.objects.filter(
            item__meeting__published_at__isnull=False, item__exempt_paragraph__isnull=True
        )
        .exclude(item__meeting__status=Meeting.Status.CANCELLED)
        .select_related("item__meeting__committee")
        .order_by("-item__meeting__date", "item__section", "item__position")[:limit]
    )


def publication_problems(*, meeting: Meeting) -> list[str]:
    """Why the agenda cannot be published yet; empty when it can."""
    problems = []
    if meeting.is_published:
        problems.append("The agenda has already been published.")
    if meeting.status == Meeting.Status.CANCELLED:
        problems.append("The meeting has been cancelled.")
    items = list(meeting.items.select_related("report"))
    numbers, _ = agenda_numbers(items)
    business = [i for i in items if i.kind == AgendaItem.Kind.BUSINESS]
    if not business:
        problems.append("Add at least one item of business to the agenda.")
    for item in sorted(items, key=lambda i: (SECTION_ORDER[i.section], i.position)):
        label = f"Item {numbers.get(item.pk, '')} {item.title}".replace("  ", " ")
        if not item.needs_report:
            continue
        report = getattr(item, "report", None)
        if report is None:
            problems.append(f"{label}: attach a report.")
            continue
        missing = report.missing_sections()
        if missing:
            problems.append(f"{label}: complete the report's {', '.join(missing)}.")
        elif report.status != Report.Status.CLEARED:
            problems.append(
                f"{label}: the report is {report.get_status_display().lower()}; it must be "
                "cleared by democratic services."
            )
    return problems
