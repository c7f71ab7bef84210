"""Writes of the meetings app: who attended, sent apologies or was substituted, and declarations
of interest. Keyword-only and atomic; a broken rule raises ApplicationError."""

from django.db import transaction

from meetings import selectors
from meetings.models import (
    AgendaItem,
    Attendance,
    Declaration,
    Meeting,
)
from shp.errors import ApplicationError
from shp.models import Person


@transaction.atomic
def attendance_record(
    *,
    meeting: Meeting,
    person: Person,
    status: str,
    substitute_for: Person | None = None,
    in_the_chair: bool = False,
    capacity: str = "",
    substitute_reason: str = "",
) -> Attendance:
    """Record (or correct) one person's attendance. A substitute stands in for a member who
    is absent or sent apologies, and is one of the member's named substitutes unless a reason
    for the exception is recorded."""
    substitute_reason = (substitute_reason or "").strip()
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
        recorded = meeting.attendance.filter(person=substitute_for).first()
        if recorded is not None and recorded.status not in {
            Attendance.Status.APOLOGIES,
            Attendance.Status.ABSENT,
        }:
            raise ApplicationError(
                f"{substitute_for} is recorded as {recorded.get_status_display().lower()}, so "
                "nobody can substitute for them: correct their attendance first",
                field="substitute_for",
            )
        membership = next(m for m in members if m.person_id == substitute_for.pk)
        named = any(p.pk == person.pk for p in membership.substitutes.all())
        if not named and not substitute_reason:
            raise ApplicationError(
                f"{person} is not a named substitute for {substitute_for}: record the reason "
                "the chair accepted them, or choose a named substitute",
                field="substitute_reason",
            )
        if named:
            substitute_reason = ""
        taken = meeting.attendance.filter(substitute_for=substitute_for).exclude(person=person)
        if taken.exists():
            raise ApplicationError(
                f"{substitute_for} already has a substitute at this meeting", field="substitute_for"
            )
    else:
        substitute_for, substitute_reason = None, ""
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
        stood_in = meeting.attendance.filter(substitute_for=person).select_related("person")
        if status == Attendance.Status.PRESENT and stood_in.exists():
            raise ApplicationError(
                f"{stood_in.first().person} is recorded as substituting for {person}: remove "
                "the substitute before recording the member as present",
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
            "substitute_reason": substitute_reason,
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
