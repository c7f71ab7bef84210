"""Writes of the meetings app: keyword-only, atomic, raising ApplicationError on a broken rule."""

import io
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import get_valid_filename

from meetings import selectors, workdays
from meetings.models import (
    Action,
    AgendaItem,
    Appendix,
    Attendance,
    Committee,
    Decision,
    Declaration,
    Meeting,
    Membership,
    Minute,
    Report,
    ReportSection,
    Seat,
    Section,
    municipal_year_of,
)
from meetings.packs.generators import GeneratorMissing, generated_kind
from shp.errors import ApplicationError
from shp.models import Person

PDF_MAGIC = b"%PDF-"

# The chair's ruling on urgent business, recorded in the minutes before each urgent item.
URGENT_RULING_TITLE = "Any other items which the chair considers are urgent"
URGENT_RULING_TEXT = (
    "The chair ruled that the following item should be considered as a matter of urgency in "
    "accordance with section 100B(4)(b) of the Local Government Act 1972, so that it could be "
    "dealt with without delay."
)

CONFIRMED_TEXT = "Confirmed as a correct record."

BUSINESS_SECTIONS = (Section.DECISION, Section.PRESENTATIONS, Section.INFORMATION, Section.URGENT)


def _today() -> date:
    return timezone.localdate()


# --- Meetings ------------------------------------------------------------------------------


@transaction.atomic
def meeting_schedule(
    *,
    committee: Committee,
    day: date,
    start_time: time,
    venue: str,
    today: date | None = None,
) -> tuple[Meeting, list[str]]:
    """Schedule a meeting with its standing agenda items; returns it and any warnings."""
    today = today or _today()
    venue = venue.strip()
    if not venue:
        raise ApplicationError("Enter where the meeting will be held", field="venue")
    if Meeting.objects.filter(committee=committee, date=day, start_time=start_time).exists():
        raise ApplicationError(
            f"{committee} already has a meeting at that date and time", field="date"
        )
    meeting = Meeting.objects.create(
        committee=committee,
        date=day,
        start_time=start_time,
        venue=venue,
        municipal_year=municipal_year_of(day),
    )
    previous = selectors.previous_meeting(committee=committee, before=day)
    standing = committee.standing_items.order_by("position")
    for position, standing_item in enumerate(standing, start=1):
        section, title, kind = standing_item.section, standing_item.title, standing_item.kind
        item = AgendaItem(
            meeting=meeting, section=section, title=title, kind=kind, position=position
        )
        if section == Section.MINUTES and kind == AgendaItem.Kind.STANDING and previous:
            item.minutes_of = previous
            item.title = f"Minutes of the meeting held on {previous.date:%-d %B %Y}"
        item.save()
    warnings = []
    if day < today:
        warnings.append(
            f"The meeting date, {day:%-d %B %Y}, is in the past. It has been saved, as when "
            "entering the record of an earlier meeting."
        )
    elif not workdays.is_working_day(day):
        warnings.append(
            f"{day:%A %-d %B %Y} is a weekend day or a bank holiday. It has been saved; change "
            "the date if that is a mistake."
        )
    if day >= today and meeting.publication_deadline < today:
        warnings.append(
            f"The deadline to publish the agenda, {meeting.publication_deadline:%-d %B %Y}, "
            "has already passed: items will need a reason for urgency."
        )
    return meeting, warnings


@transaction.atomic
def meeting_update(
    *, meeting: Meeting, day: date, start_time: time, venue: str, end_time: time | None = None
) -> Meeting:
    """Change when or where a meeting is held (the municipal year cannot change under minutes)."""
    venue = venue.strip()
    if not venue:
        raise ApplicationError("Enter where the meeting will be held", field="venue")
    if meeting.status == Meeting.Status.CANCELLED:
        raise ApplicationError("This meeting has been cancelled and cannot be changed.")
    year = municipal_year_of(day)
    if year != meeting.municipal_year and meeting.minutes.exists():
        raise ApplicationError(
            "The meeting has minutes numbered in its municipal year; a date in another "
            "municipal year would break their numbering",
            field="date",
        )
    clash = Meeting.objects.filter(
        committee=meeting.committee, date=day, start_time=start_time
    ).exclude(pk=meeting.pk)
    if clash.exists():
        raise ApplicationError(
            f"{meeting.committee} already has a meeting at that date and time", field="date"
        )
    if end_time is not None and end_time <= start_time:
        raise ApplicationError("The end time must be after the start time", field="end_time")
    meeting.date, meeting.start_time, meeting.venue, meeting.municipal_year = (
        day,
        start_time,
        venue,
        year,
    )
    meeting.end_time = end_time
    meeting.save()
    return meeting


@transaction.atomic
def meeting_status_set(*, meeting: Meeting, status: str) -> Meeting:
    """Mark a meeting held or cancelled (confirmation happens at the next meeting)."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    allowed = {
        Meeting.Status.HELD: {Meeting.Status.SCHEDULED, Meeting.Status.AGENDA_PUBLISHED},
        Meeting.Status.CANCELLED: {Meeting.Status.SCHEDULED, Meeting.Status.AGENDA_PUBLISHED},
    }
    if status not in allowed:
        raise ApplicationError("A meeting can only be marked as held or cancelled here.")
    if meeting.status not in allowed[status]:
        raise ApplicationError(
            f"A meeting whose status is {meeting.get_status_display().lower()} cannot be "
            f"marked as {Meeting.Status(status).label.lower()}."
        )
    meeting.status = status
    meeting.save()
    return meeting


# --- Committees, seats and holders -----------------------------------------------------------


@transaction.atomic
def seat_create(
    *,
    committee: Committee,
    title: str,
    organisation,
    is_responsible_authority: bool = False,
) -> Seat:
    """Add a seat to a committee, held on behalf of an organisation."""
    title = title.strip()
    if not title:
        raise ApplicationError("Enter the seat's title", field="title")
    if committee.seats.filter(title__iexact=title).exists():
        raise ApplicationError(f"{committee} already has a seat called {title}", field="title")
    order = (committee.seats.aggregate(last=Max("display_order"))["last"] or 0) + 1
    return Seat.objects.create(
        committee=committee,
        title=title,
        organisation=organisation,
        is_responsible_authority=is_responsible_authority,
        display_order=order,
    )


@transaction.atomic
def membership_appoint(
    *,
    seat: Seat,
    person: Person,
    role: str,
    start_date: date,
    substitutes=(),
) -> Membership:
    """Give a seat a new holder from ``start_date``; the previous holder's term ends the day
    before, and the seat itself carries on."""
    if role not in Membership.Role.values:
        raise ApplicationError("Choose the member's role", field="role")
    Seat.objects.select_for_update().get(pk=seat.pk)
    later = seat.memberships.filter(start_date__gte=start_date)
    if later.exists():
        raise ApplicationError(
            f"The seat already has a holder from {later.first().start_date:%-d %B %Y}: the new "
            "holder must start after that",
            field="start_date",
        )
    elsewhere = (
        Membership.objects.current_on(start_date)
        .filter(seat__committee=seat.committee, person=person)
        .exclude(seat=seat)
    )
    if elsewhere.exists():
        raise ApplicationError(
            f"{person} already holds another seat on {seat.committee} on that date",
            field="person",
        )
    substitutes = list(substitutes)
    if any(sub.pk == person.pk for sub in substitutes):
        raise ApplicationError("A member cannot be their own substitute", field="substitutes")
    for current in seat.memberships.filter(end_date__isnull=True) | seat.memberships.filter(
        end_date__gte=start_date
    ):
        current.end_date = start_date - timedelta(days=1)
        current.save()
    membership = Membership.objects.create(
        seat=seat, person=person, role=role, start_date=start_date
    )
    membership.substitutes.set(substitutes)
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, end_date: date) -> Membership:
    """End a holder's term; the seat stays, vacant until someone is appointed."""
    if end_date < membership.start_date:
        raise ApplicationError(
            f"The term cannot end before it began on {membership.start_date:%-d %B %Y}",
            field="end_date",
        )
    membership.end_date = end_date
    membership.save()
    return membership


# --- Agenda --------------------------------------------------------------------------------


def _require_editable_meeting(meeting: Meeting) -> None:
    if meeting.status in {Meeting.Status.CANCELLED, Meeting.Status.MINUTES_CONFIRMED}:
        raise ApplicationError(
            f"The meeting's status is {meeting.get_status_display().lower()}: its agenda "
            "can no longer change."
        )


@transaction.atomic
def agenda_item_add(
    *,
    meeting: Meeting,
    section: str,
    title: str,
    lead_officer: str = "",
    exempt_paragraph: int | None = None,
    public_title: str = "",
    urgency_reason: str = "",
    today: date | None = None,
) -> AgendaItem:
    """Add an item of business. After the deadline, or once published, it needs a reason for
    urgency; once published it takes the next number in its section and nothing else moves."""
    today = today or _today()
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _require_editable_meeting(meeting)
    title, urgency_reason = title.strip(), urgency_reason.strip()
    if not title:
        raise ApplicationError("Enter the item's title", field="title")
    if section not in BUSINESS_SECTIONS:
        raise ApplicationError(
            "Choose a section for business: items for decision, presentations, items for "
            "discussion or information, or urgent business",
            field="section",
        )
    late = meeting.is_published or today > meeting.publication_deadline
    if late and not urgency_reason:
        raise ApplicationError(
            "This item is late (the publication deadline has passed or the agenda is "
            "published): enter the reason it is urgent, which will be recorded in the minutes",
            field="urgency_reason",
        )
    items = list(meeting.items.all())
    position = max((i.position for i in items if i.section == section), default=0) + 1
    item = AgendaItem(
        meeting=meeting,
        section=section,
        kind=AgendaItem.Kind.BUSINESS,
        position=position,
        title=title,
        lead_officer=lead_officer.strip(),
        exempt_paragraph=exempt_paragraph or None,
        public_title=public_title.strip() if exempt_paragraph else "",
        is_late=late,
        urgency_reason=urgency_reason if late else "",
    )
    if meeting.is_published:
        item.number = _late_number(items=items, section=section)
    item.save()
    return item


def _late_number(*, items: list[AgendaItem], section: str) -> str:
    """The number a late item takes in a published agenda without renumbering anything."""
    numbered = [i.number for i in items if i.section == section and i.number]
    if not numbered:
        raise ApplicationError(
            "The published agenda has no such section and its numbering is frozen: add the "
            "item under any other business which the chair considers urgent",
            field="section",
        )
    heading = numbered[0].split(".")[0]
    subs = [int(n.split(".")[1]) for n in numbered if "." in n]
    return f"{heading}.{max(subs, default=0) + 1}"


@transaction.atomic
def agenda_item_update(
    *,
    item: AgendaItem,
    title: str,
    lead_officer: str = "",
    exempt_paragraph: int | None = None,
    public_title: str = "",
) -> AgendaItem:
    """Change an item's title, lead officer or exemption (its place and number stay)."""
    _require_editable_meeting(item.meeting)
    title = title.strip()
    if not title:
        raise ApplicationError("Enter the item's title", field="title")
    item.title, item.lead_officer = title, lead_officer.strip()
    item.exempt_paragraph = exempt_paragraph or None
    item.public_title = public_title.strip() if exempt_paragraph else ""
    item.save()
    return item


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, direction: str) -> AgendaItem:
    """Move an item up or down within its section, before the agenda is published."""
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    if meeting.is_published:
        raise ApplicationError(
            "The agenda has been published, so its numbering is frozen. Add a late item "
            "instead; nothing has been moved."
        )
    if direction not in {"up", "down"}:
        raise ApplicationError("Choose to move the item up or down.")
    if item.kind != AgendaItem.Kind.BUSINESS:
        raise ApplicationError("Standing items keep their place on the agenda.")
    siblings = list(
        meeting.items.filter(section=item.section, kind=AgendaItem.Kind.BUSINESS).order_by(
            "position", "pk"
        )
    )
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(siblings):
        raise ApplicationError(
            f"The item is already at the {'top' if direction == 'up' else 'bottom'} of its section."
        )
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.position != position:
            sibling.position = position
            sibling.save(update_fields=["position", "updated_at"])
    item.refresh_from_db()
    return item


@transaction.atomic
def agenda_item_remove(*, item: AgendaItem) -> None:
    """Take an item of business off an agenda that is not yet published (history keeps it)."""
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    if meeting.is_published:
        raise ApplicationError(
            "The agenda has been published, so its numbering is frozen: the item stays. "
            "Record in the minutes that it was withdrawn."
        )
    if item.kind != AgendaItem.Kind.BUSINESS:
        raise ApplicationError("Standing items stay on every agenda.")
    if item.minutes.exists() or item.declarations.exists():
        raise ApplicationError("The item has minutes or declarations, so it stays.")
    item.delete()


@transaction.atomic
def agenda_publish(*, meeting: Meeting, now: datetime | None = None) -> Meeting:
    """Check every required paper, freeze the numbers and publish the agenda."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    problems = selectors.publication_problems(meeting=meeting)
    if problems:
        raise ApplicationError("The agenda cannot be published yet: " + " ".join(problems))
    items = list(meeting.items.all())
    numbers, _ = selectors.agenda_numbers(items)
    for item in items:
        item.number = numbers.get(item.pk, "")
        item.save(update_fields=["number", "updated_at"])
    meeting.published_at = now or timezone.now()
    meeting.status = Meeting.Status.AGENDA_PUBLISHED
    meeting.save()
    return meeting


# --- Reports and appendices -----------------------------------------------------------------

REPORT_FIELDS = ("report_of", "subject")


def report_section_keys(committee) -> list[str]:
    """The keys of the sections the committee's reports have, in print order."""
    return list(committee.report_sections.order_by("position").values_list("key", flat=True))


@transaction.atomic
def report_save(*, item: AgendaItem, authors=None, **values: str) -> Report:
    """Create or update the item's report; a published report keeps its required sections.

    ``values``: report_of, subject and the text of the committee's report sections by key.
    ``authors`` (people) are the officers who wrote it or are its contacts; None leaves them."""
    keys = report_section_keys(item.meeting.committee)
    unknown = set(values) - set(REPORT_FIELDS) - set(keys)
    if unknown:
        raise ApplicationError(f"Unknown report fields: {', '.join(sorted(unknown))}")
    _require_editable_meeting(item.meeting)
    report = getattr(item, "report", None) or Report(item=item)
    extra = dict(report.extra_sections)
    for name, value in values.items():
        text = (value or "").strip()
        if name in REPORT_FIELDS or name in ReportSection.values:
            setattr(report, name, text)
        else:
            extra[name] = text
    report.extra_sections = extra
    if not report.subject:
        raise ApplicationError("Enter the report's subject", field="subject")
    if not report.report_of:
        raise ApplicationError("Enter whose report it is", field="report_of")
    if item.meeting.is_published and report.missing_sections():
        raise ApplicationError(
            "The agenda is published, so the report must keep every required section: "
            + ", ".join(report.missing_sections()),
        )
    report.save()
    if authors is not None:
        report.authors.set(authors)
    return report


def pdf_check(*, content: bytes, limit: int | None = None) -> int:
    """Check an upload is a PDF that opens, within the size limit; returns its page count."""
    limit = settings.MEETINGS_APPENDIX_MAX_BYTES if limit is None else limit
    if not content:
        raise ApplicationError("The selected file is empty", field="file")
    if len(content) > limit:
        raise ApplicationError(
            f"The selected file must be smaller than {limit / 1024 / 1024:.0f} MB "
            f"(it is {len(content) / 1024 / 1024:.1f} MB)",
            field="file",
        )
    if not content.startswith(PDF_MAGIC):
        raise ApplicationError(
            "The selected file must be a PDF: its contents are not a PDF, whatever its name",
            field="file",
        )
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            raise ApplicationError("The selected PDF is password-protected", field="file")
        return len(reader.pages)
    except ApplicationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise ApplicationError(
            "The selected PDF is damaged and cannot be opened", field="file"
        ) from error


def _label_free(report: Report, label: str) -> str:
    label = label.strip()
    if not label:
        raise ApplicationError("Enter the appendix label, like Appendix A", field="label")
    if report.appendices.filter(label__iexact=label).exists():
        raise ApplicationError(f"The report already has an {label}", field="label")
    return label


@transaction.atomic
def appendix_upload(
    *, report: Report, label: str, title: str, filename: str, content: bytes
) -> Appendix:
    """Attach an uploaded PDF appendix after checking its contents and size."""
    label = _label_free(report, label)
    if not title.strip():
        raise ApplicationError("Enter the appendix title", field="title")
    pages = pdf_check(content=content)
    safe = get_valid_filename(filename.rsplit("/", 1)[-1]) or "appendix.pdf"
    if not safe.lower().endswith(".pdf"):
        safe += ".pdf"
    appendix = Appendix(
        report=report,
        label=label,
        title=title.strip(),
        kind=Appendix.Kind.UPLOADED,
        original_filename=filename[:255],
        size=len(content),
        pages=pages,
    )
    appendix.file.save(safe, ContentFile(content), save=False)
    appendix.save()
    return appendix


@transaction.atomic
def appendix_generated_add(
    *, report: Report, label: str, title: str, generator: str, options: dict | None = None
) -> Appendix:
    """Attach an appendix the app will generate when the pack is rendered; the kind (which an
    app registered) checks its options."""
    label = _label_free(report, label)
    try:
        kind = generated_kind(generator)
    except GeneratorMissing:
        raise ApplicationError("Choose what to generate", field="generator") from None
    kind.check(options or {})
    return Appendix.objects.create(
        report=report,
        label=label,
        title=title.strip() or kind.label,
        kind=Appendix.Kind.GENERATED,
        generator=generator,
        generator_options=options or {},
    )


# --- Attendance and declarations ------------------------------------------------------------


@transaction.atomic
def attendance_record(
    *,
    meeting: Meeting,
    person: Person,
    status: str,
    substitute_for: Person | None = None,
    in_the_chair: bool = False,
    capacity: str = "",
) -> Attendance:
    """Record (or correct) one person's attendance; a substitute must stand in for a member."""
    if meeting.status == Meeting.Status.CANCELLED:
        raise ApplicationError("The meeting was cancelled: there is no attendance to record.")
    if status not in Attendance.Status.values:
        raise ApplicationError("Choose how the person attended", field="status")
    members = selectors.members_on(committee=meeting.committee, day=meeting.date)
    member_ids = {m.person_id for m in members}
    if status == Attendance.Status.SUBSTITUTE:
        if substitute_for is None:
            raise ApplicationError(
                "Choose the member this person substituted for", field="substitute_for"
            )
        if substitute_for.pk not in member_ids:
            raise ApplicationError(
                f"{substitute_for} is not a member of {meeting.committee} on "
                f"{meeting.date:%-d %B %Y}, so nobody can substitute for them",
                field="substitute_for",
            )
        if substitute_for.pk == person.pk:
            raise ApplicationError(
                "A member cannot substitute for themselves", field="substitute_for"
            )
        taken = meeting.attendance.filter(substitute_for=substitute_for).exclude(person=person)
        if taken.exists():
            raise ApplicationError(
                f"{substitute_for} already has a substitute at this meeting", field="substitute_for"
            )
    else:
        substitute_for = None
        member_only = {
            Attendance.Status.PRESENT,
            Attendance.Status.APOLOGIES,
            Attendance.Status.ABSENT,
        }
        if status in member_only and person.pk not in member_ids:
            raise ApplicationError(
                f"{person} is not a member of {meeting.committee}: record them as also present "
                "or as an officer in attendance",
                field="status",
            )
    if in_the_chair:
        meeting.attendance.exclude(person=person).update(in_the_chair=False)
    record, _ = Attendance.objects.update_or_create(
        meeting=meeting,
        person=person,
        defaults={
            "status": status,
            "substitute_for": substitute_for,
            "in_the_chair": in_the_chair,
            "capacity": capacity.strip(),
        },
    )
    if substitute_for is not None:
        # A member who sends a substitute has given apologies.
        Attendance.objects.get_or_create(
            meeting=meeting,
            person=substitute_for,
            defaults={"status": Attendance.Status.APOLOGIES},
        )
    return record


@transaction.atomic
def attendance_record_members(*, meeting: Meeting, statuses: list[tuple[Person, str]]) -> int:
    """Record several members' attendance at once; all or nothing."""
    for person, status in statuses:
        current = meeting.attendance.filter(person=person).first()
        attendance_record(
            meeting=meeting,
            person=person,
            status=status,
            in_the_chair=bool(current and current.in_the_chair),
            capacity=current.capacity if current else "",
        )
    return len(statuses)


@transaction.atomic
def declaration_record(
    *, meeting: Meeting, item: AgendaItem, person: Person, nature: str, description: str
) -> Declaration:
    """Record an interest a person declared in an item of this meeting."""
    if item.meeting_id != meeting.pk:
        raise ApplicationError("Choose an item of this meeting's agenda", field="item")
    if nature not in Declaration.Nature.values:
        raise ApplicationError("Choose the nature of the interest", field="nature")
    description = description.strip()
    if not description:
        raise ApplicationError(
            "Describe the interest, such as the body they sit on", field="description"
        )
    if Declaration.objects.filter(item=item, person=person).exists():
        raise ApplicationError(
            f"{person} has already declared an interest in {item.title}", field="person"
        )
    return Declaration.objects.create(
        meeting=meeting, item=item, person=person, nature=nature, description=description
    )


# --- Minutes, decisions and actions ----------------------------------------------------------


def _apologies_text(meeting: Meeting) -> str:
    names = [
        str(a.person)
        for a in meeting.attendance.filter(status=Attendance.Status.APOLOGIES).select_related(
            "person"
        )
    ]
    return "Apologies were received from " + ", ".join(names) + "." if names else "None."


def _declarations_text(meeting: Meeting) -> str:
    declarations = meeting.declarations.select_related("person", "item")
    if not declarations:
        return "None."
    return " ".join(
        f"{d.person} declared a {d.get_nature_display().lower()} in {d.item.shown_title}: "
        f"{d.description}."
        for d in declarations
    )


def _matters_arising_text(meeting: Meeting) -> str:
    # Matters arising are minuted in public: actions under exempt items stay in the private part.
    actions = selectors.open_actions_for(meeting=meeting, include_exempt=False)
    if not actions:
        return "No actions were outstanding."
    return "\n".join(
        f"Minute {a.decision.minute.number} ({a.decision.minute.meeting.date:%-d %B %Y}): "
        f"{a.description} – {a.owner}."
        for a in actions
    )


@transaction.atomic
def minutes_draft(*, meeting: Meeting) -> list[Minute]:
    """Start the minutes from the agenda: one numbered minute per item, continuing the
    committee's numbering for the municipal year, the chair's ruling before urgent items."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status not in {Meeting.Status.HELD, Meeting.Status.AGENDA_PUBLISHED}:
        raise ApplicationError(
            "Minutes can be drafted once the agenda is published or the meeting held."
        )
    if meeting.minutes.exists():
        raise ApplicationError("This meeting already has draft minutes.")
    # Lock the committee so two drafts in the same year cannot take the same numbers.
    Committee.objects.select_for_update().get(pk=meeting.committee_id)
    number = selectors.next_minute_number(
        committee=meeting.committee, municipal_year=meeting.municipal_year
    )
    items = meeting.items.select_related("report", "minutes_of").in_agenda_order()
    made = []

    def add(**fields):
        nonlocal number
        minute = Minute.objects.create(
            meeting=meeting,
            committee=meeting.committee,
            municipal_year=meeting.municipal_year,
            number=number,
            **fields,
        )
        number += 1
        made.append(minute)

    has_urgent_business = any(
        i.section == Section.URGENT and i.kind == AgendaItem.Kind.BUSINESS for i in items
    )
    for item in items:
        if item.section == Section.NEXT_MEETING:
            continue
        if item.section == Section.URGENT and item.kind == AgendaItem.Kind.STANDING:
            if has_urgent_business:
                add(
                    item=item,
                    kind=Minute.Kind.URGENT_RULING,
                    title=URGENT_RULING_TITLE,
                    issues=URGENT_RULING_TEXT,
                )
            continue
        report = getattr(item, "report", None)
        issues = ""
        if item.section == Section.APOLOGIES:
            issues = _apologies_text(meeting)
        elif item.section == Section.DECLARATIONS:
            issues = _declarations_text(meeting)
        elif item.kind == AgendaItem.Kind.MATTERS_ARISING:
            issues = _matters_arising_text(meeting)
        if item.is_late:
            issues = (f"Reason for urgency: {item.urgency_reason}\n\n" + issues).strip()
        add(
            item=item,
            title=item.title,
            lead_officer=item.lead_officer,
            purpose=report.purpose if report else "",
            issues=issues,
        )
        if item.minutes_of_id and item.minutes_of.minutes_confirmed_at_meeting_id == meeting.pk:
            Decision.objects.create(minute=made[-1], position=1, text=CONFIRMED_TEXT)
    return made


def _require_draft_minutes(minute: Minute) -> None:
    confirmed = Meeting.objects.filter(
        pk=minute.meeting_id, status=Meeting.Status.MINUTES_CONFIRMED
    ).exists()
    if confirmed:
        raise ApplicationError(
            "These minutes have been confirmed as a correct record and cannot change."
        )


@transaction.atomic
def minute_update(
    *,
    minute: Minute,
    number: int,
    title: str,
    lead_officer: str = "",
    purpose: str = "",
    issues: str = "",
) -> Minute:
    """Correct a draft minute; its number must stay unique in the municipal year."""
    _require_draft_minutes(minute)
    if number is None or number < 1:
        raise ApplicationError("Enter a minute number of 1 or more", field="number")
    title = title.strip()
    if not title:
        raise ApplicationError("Enter the minute's title", field="title")
    clash = (
        Minute.objects.filter(
            committee=minute.committee, municipal_year=minute.municipal_year, number=number
        )
        .exclude(pk=minute.pk)
        .select_related("meeting")
        .first()
    )
    if clash:
        raise ApplicationError(
            f"Minute {number} already exists in {minute.meeting.municipal_year_label} "
            f"({clash.title}, {clash.meeting.date:%-d %B %Y}); choose another number",
            field="number",
        )
    minute.number, minute.title = number, title
    minute.lead_officer, minute.purpose, minute.issues = (
        lead_officer.strip(),
        purpose.strip(),
        issues.strip(),
    )
    try:
        with transaction.atomic():
            minute.save()
    except IntegrityError as error:  # a concurrent edit took the number first
        raise ApplicationError(
            f"Minute {number} already exists; choose another number", field="number"
        ) from error
    return minute


@transaction.atomic
def decision_add(
    *,
    minute: Minute,
    text: str,
    action_description: str = "",
    owner: Person | None = None,
    due_date: date | None = None,
) -> Decision:
    """Record a decision under a minute, numbered next; it may create an action for the log."""
    _require_draft_minutes(minute)
    text = text.strip()
    if not text:
        raise ApplicationError("Enter the decision", field="text")
    action_description = action_description.strip()
    if action_description and owner is None:
        raise ApplicationError("Choose who owns the action", field="owner")
    if owner is not None and not action_description:
        raise ApplicationError(
            "Describe the action, or leave its owner blank", field="action_description"
        )
    Minute.objects.select_for_update().get(pk=minute.pk)
    position = (minute.decisions.aggregate(last=Max("position"))["last"] or 0) + 1
    decision = Decision.objects.create(minute=minute, position=position, text=text)
    if action_description:
        Action.objects.create(
            decision=decision, description=action_description, owner=owner, due_date=due_date
        )
    return decision


@transaction.atomic
def decision_remove(*, decision: Decision) -> None:
    """Take a decision off draft minutes; the others close up as (i), (ii)… again."""
    minute = Minute.objects.select_for_update().get(pk=decision.minute_id)
    _require_draft_minutes(minute)
    decision.delete()
    for position, remaining in enumerate(minute.decisions.order_by("position"), start=1):
        if remaining.position != position:
            remaining.position = position
            remaining.save(update_fields=["position", "updated_at"])


@transaction.atomic
def action_update(
    *, action: Action, status: str, due_date: date | None = None, today: date | None = None
) -> Action:
    """Change an action's status or due date; closing it records the day."""
    if status not in Action.Status.values:
        raise ApplicationError("Choose the action's status", field="status")
    action.status = status
    action.due_date = due_date
    action.closed_on = (
        None if status == Action.Status.OPEN else (action.closed_on or today or _today())
    )
    action.save()
    return action


@transaction.atomic
def minutes_confirm(*, meeting: Meeting, at_meeting: Meeting) -> Meeting:
    """Confirm a meeting's minutes as a correct record at a later meeting of the committee."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == Meeting.Status.MINUTES_CONFIRMED:
        raise ApplicationError("These minutes have already been confirmed.")
    if meeting.status != Meeting.Status.HELD:
        raise ApplicationError("Only the minutes of a meeting that has been held can be confirmed.")
    if not meeting.minutes.exists():
        raise ApplicationError("There are no minutes to confirm yet.")
    if at_meeting.committee_id != meeting.committee_id or at_meeting.date <= meeting.date:
        raise ApplicationError("Minutes are confirmed at a later meeting of the same committee.")
    if not at_meeting.items.filter(minutes_of=meeting).exists():
        raise ApplicationError("The later meeting's agenda has no Minutes item for this meeting.")
    meeting.status = Meeting.Status.MINUTES_CONFIRMED
    meeting.minutes_confirmed_at_meeting = at_meeting
    meeting.save()
    # If the later meeting's minutes are already drafted, its Minutes item records the decision.
    for minute in Minute.objects.filter(meeting=at_meeting, item__minutes_of=meeting):
        if not minute.decisions.exists():
            Decision.objects.create(minute=minute, position=1, text=CONFIRMED_TEXT)
    return meeting


def paper_access_record(*, user, meeting: Meeting, kind: str, what: str) -> None:
    """Log that ``user`` opened an exempt paper or a members' pack."""
    from meetings.models import PaperAccess

    PaperAccess.objects.create(
        user=user if user.is_authenticated else None,
        username=user.get_username() if user.is_authenticated else "",
        meeting=meeting,
        kind=kind,
        what=what[:300],
    )
