"""Writes of the meetings app: draft minutes from the agenda, decisions, actions, and confirming
the minutes. Keyword-only and atomic; a broken rule raises ApplicationError."""

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Max

from meetings import selectors
from meetings.models import (
    Action,
    AgendaItem,
    Attendance,
    Committee,
    Decision,
    Meeting,
    Minute,
    Section,
)
from meetings.services.common import local_today
from shp.errors import ApplicationError
from shp.models import Person

# The chair's ruling on urgent business, recorded in the minutes before each urgent item.
URGENT_RULING_TITLE = "Any other items which the chair considers are urgent"
URGENT_RULING_TEXT = (
    "The chair ruled that the following item should be considered as a matter of urgency in "
    "accordance with section 100B(4)(b) of the Local Government Act 1972, so that it could be "
    "dealt with without delay."
)


CONFIRMED_TEXT = "Confirmed as a correct record."


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
        None if status == Action.Status.OPEN else (action.closed_on or today or local_today())
    )
    action.save()
    return action


@transaction.atomic
def minutes_confirm(*, meeting: Meeting, at_meeting: Meeting) -> Meeting:
    """Confirm a meeting's minutes as a correct record at a later meeting of the committee."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    at_meeting = Meeting.objects.get(pk=at_meeting.pk)  # its status as saved, not as passed
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
    if at_meeting.status not in {
        Meeting.Status.AGENDA_PUBLISHED,
        Meeting.Status.HELD,
        Meeting.Status.MINUTES_CONFIRMED,
    }:
        raise ApplicationError(
            f"The agenda of {at_meeting.date:%-d %B %Y} is not published: minutes are confirmed "
            "at a meeting whose published agenda carries them. Publish it first."
        )
    meeting.status = Meeting.Status.MINUTES_CONFIRMED
    meeting.minutes_confirmed_at_meeting = at_meeting
    meeting.save()
    # If the later meeting's minutes are already drafted, its Minutes item records the decision.
    for minute in Minute.objects.filter(meeting=at_meeting, item__minutes_of=meeting):
        if not minute.decisions.exists():
            Decision.objects.create(minute=minute, position=1, text=CONFIRMED_TEXT)
    return meeting
