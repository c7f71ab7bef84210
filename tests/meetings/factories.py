"""Scenario data for the meetings tests: a committee with seats, members and meetings."""

from datetime import date, time

from meetings import services
from meetings.models import AgendaItem, Committee, Membership, Seat, Section
from shp.models import Organisation
from tests.factories import OrganisationFactory, PersonFactory

FULL_REPORT = {
    "report_of": "Director of Regeneration and Neighbourhoods",
    "subject": "Test strategy",
    "purpose": "To agree the strategy.",
    "background": "The old one has ended.",
    "risk": "No risks.",
    "financial": "No financial considerations.",
    "legal": "The partnership has a duty to have a strategy.",
    "child_poverty": "None.",
    "equality": "None.",
    "section_17": "It helps reduce crime.",
    "staff": "None.",
    "assets": "None.",
    "recommendations": "Approve the strategy.",
    "reasons": "The duty above.",
    "contact_officers": "Clare Clark, Head of Community Safety and Engagement",
}


def committee_with_members(name: str = "Test Partnership", members: int = 3):
    """A committee with ``members`` seats held since 2015, the first by a responsible authority."""
    council = OrganisationFactory(name=f"{name} Council", is_responsible_authority=True)
    committee = Committee.objects.create(name=name, slug=name.lower().replace(" ", "-"))
    people = []
    for index in range(members):
        seat = Seat.objects.create(
            committee=committee,
            title=f"Seat {index + 1}, {council.name}",
            organisation=council,
            is_responsible_authority=index == 0,
            display_order=index,
        )
        person = PersonFactory(organisation=council)
        Membership.objects.create(
            seat=seat,
            person=person,
            role=Membership.Role.CHAIR if index == 0 else Membership.Role.MEMBER,
            start_date=date(2015, 1, 1),
        )
        people.append(person)
    return committee, people


def scheduled_meeting(committee, day=date(2030, 6, 14), today=date(2030, 5, 1)):
    meeting, _ = services.meeting_schedule(
        committee=committee, day=day, start_time=time(10), venue="Civic Centre", today=today
    )
    return meeting


def published_meeting(committee, day=date(2030, 6, 14), exempt=False):
    """A published meeting with one item for decision (its report complete)."""
    meeting = scheduled_meeting(committee, day=day, today=date(day.year, 1, 2))
    item = services.agenda_item_add(
        meeting=meeting,
        section=Section.DECISION,
        title="Test strategy",
        lead_officer="Director of Regeneration and Neighbourhoods",
        today=date(day.year, 1, 2),
    )
    services.report_save(item=item, **FULL_REPORT)
    if exempt:
        services.agenda_item_add(
            meeting=meeting,
            section=Section.INFORMATION,
            title="Named offenders",
            exempt_paragraph=7,
            today=date(day.year, 1, 2),
        )
        secret = meeting.items.get(title="Named offenders")
        services.report_save(item=secret, **{**FULL_REPORT, "subject": "Named offenders"})
    services.agenda_publish(meeting=meeting)
    meeting.refresh_from_db()
    return meeting, AgendaItem.objects.get(meeting=meeting, title="Test strategy")


def organisation(name="Another Organisation") -> Organisation:
    return OrganisationFactory(name=name)


def tiny_pdf() -> bytes:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def walk_world() -> dict:
    """One of everything, made once: a confirmed meeting with papers, minutes and an action."""
    from meetings.models import Action, Appendix, Minute

    committee = Committee.objects.filter(slug="walk-partnership").first()
    if committee is None:
        committee, people = committee_with_members("Walk Partnership")
        first, item = published_meeting(committee, day=date(2030, 6, 14))
        services.appendix_upload(
            report=item.report,
            label="Appendix A",
            title="Plan",
            filename="plan.pdf",
            content=tiny_pdf(),
        )
        services.meeting_status_set(meeting=first, status="held", today=first.date)
        minutes = services.minutes_draft(meeting=first)
        services.decision_add(
            minute=minutes[-1], text="Approved.", action_description="Consult", owner=people[0]
        )
        second, _ = published_meeting(committee, day=date(2030, 9, 20))
        services.minutes_confirm(meeting=first, at_meeting=second)
        third = scheduled_meeting(committee, day=date(2031, 1, 17), today=date(2030, 1, 2))
        services.forward_plan_item_add(
            committee=committee,
            meeting=third,
            section=Section.DECISION,
            title="Walked plan item",
            lead_officer="Chief Inspector",
            today=date(2030, 1, 2),
        )
    first = committee.meetings.order_by("date").first()
    return {
        "committee": committee,
        "meeting": first,
        "item": first.items.get(title="Test strategy"),
        "appendix": Appendix.objects.filter(report__item__meeting=first).first(),
        "minute": Minute.objects.filter(meeting=first).first(),
        "action": Action.objects.filter(decision__minute__meeting=first).first(),
        "seat": committee.seats.first(),
        "membership": Membership.objects.filter(seat__committee=committee).first(),
        "plan_item": committee.forward_plan_items.first(),
    }


def seat_holder(committee, *, username: str, role=None, substitute: bool = False):
    """A user holding ``role`` (a member by default) with a seat on the committee since 2015 —
    or, with ``substitute``, named as the substitute of a new seat's holder."""
    from shp.roles import Role
    from tests.factories import user_with_role

    user = user_with_role(role or Role.MEMBER, username=username)
    seat = Seat.objects.create(
        committee=committee,
        title=f"Seat of {username}",
        organisation=user.person.organisation,
        display_order=99,
    )
    if substitute:
        membership = Membership.objects.create(
            seat=seat, person=PersonFactory(), start_date=date(2015, 1, 1)
        )
        membership.substitutes.add(user.person)
    else:
        Membership.objects.create(seat=seat, person=user.person, start_date=date(2015, 1, 1))
    return user


def meeting_with_reports(count: int):
    """A scheduled meeting with ``count`` reports, each with an uploaded PDF appendix (its own
    committee, so that nothing else is on its agenda)."""
    committee, _ = committee_with_members(name=f"Partnership with {count}")
    day = date(2030, 6, 14)
    meeting, _ = services.meeting_schedule(
        committee=committee, day=day, start_time=time(10), venue="Civic Centre",
        today=date(2030, 1, 2),
    )  # fmt: skip
    for n in range(count):
        item = services.agenda_item_add(
            meeting=meeting, section=Section.DECISION, title=f"Report {n}",
            lead_officer="Head of Community Safety", today=date(2030, 1, 2),
        )  # fmt: skip
        report = services.report_save(item=item, **{**FULL_REPORT, "subject": f"Report {n}"})
        services.appendix_upload(
            report=report, label="Appendix A", title="A map", filename="map.pdf",
            content=tiny_pdf(),
        )  # fmt: skip
    return meeting
