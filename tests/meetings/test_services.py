from datetime import date, time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: F401
from pypdf import PdfWriter

from meetings import selectors, services
from meetings.models import Action, AgendaItem, Attendance, Meeting, Minute, Section
from shp.errors import ApplicationError
from tests.factories import PersonFactory
from tests.meetings.factories import (
    FULL_REPORT,
    committee_with_members,
    published_meeting,
    scheduled_meeting,
)

pytestmark = pytest.mark.django_db


def pdf_bytes(pages: int = 1) -> bytes:
    import io

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_scheduling_adds_the_standing_items_and_links_the_last_minutes():
    committee, _ = committee_with_members()
    first = scheduled_meeting(committee, day=date(2030, 3, 1), today=date(2030, 1, 1))
    second = scheduled_meeting(committee, day=date(2030, 6, 14))
    titles = [item.title for item in second.items.in_agenda_order()]
    assert titles == [
        "Apologies for absence",
        "Declarations of interest by members",
        "Minutes of the meeting held on 1 March 2030",
        "Matters arising from the minutes",
        "Any other business which the chair considers urgent",
        "Date of next meeting",
    ]
    assert second.items.get(minutes_of__isnull=False).minutes_of == first
    assert second.municipal_year == 2030 and first.municipal_year == 2029


def test_a_meeting_in_the_past_is_saved_with_a_warning():
    committee, _ = committee_with_members()
    meeting, warnings = services.meeting_schedule(
        committee=committee,
        day=date(2016, 3, 11),
        start_time=time(10),
        venue="Civic Centre",
        today=date(2030, 1, 1),
    )
    assert meeting.pk and "in the past" in warnings[0]


def test_the_same_date_and_time_twice_is_refused():
    committee, _ = committee_with_members()
    scheduled_meeting(committee)
    with pytest.raises(ApplicationError, match="already has a meeting"):
        scheduled_meeting(committee)


def test_numbers_follow_the_seed_agenda():
    committee, _ = committee_with_members()
    meeting = scheduled_meeting(committee)
    for section, title in [
        (Section.DECISION, "Domestic Abuse Strategy"),
        (Section.PRESENTATIONS, "Victim Care and Advocacy Service"),
        (Section.INFORMATION, "Performance"),
        (Section.INFORMATION, "Crime Prevention Strategy"),
    ]:
        services.agenda_item_add(
            meeting=meeting, section=section, title=title, today=date(2030, 5, 1)
        )
    rows = selectors.agenda_rows(meeting=meeting, include_exempt=True)
    printed = [(row.number, row.title) for row in rows]
    assert printed == [
        ("1", "Apologies for absence"),
        ("2", "Declarations of interest by members"),
        ("3", "Minutes"),
        ("3.1", "Minutes of the last meeting"),
        ("3.2", "Matters arising from the minutes"),
        ("4", "Items for decision"),
        ("4.1", "Domestic Abuse Strategy"),
        ("5", "Presentations"),
        ("5.1", "Victim Care and Advocacy Service"),
        ("6", "Items for discussion/information"),
        ("6.1", "Performance"),
        ("6.2", "Crime Prevention Strategy"),
        ("7", "Any other business which the chair considers urgent"),
        ("", "Date of next meeting"),
    ]
    last = meeting.items.get(title="Crime Prevention Strategy")
    services.agenda_item_move(item=last, direction="up")
    rows = selectors.agenda_rows(meeting=meeting, include_exempt=True)
    assert ("6.1", "Crime Prevention Strategy") in [(r.number, r.title) for r in rows]


def test_publishing_is_stopped_by_a_missing_required_section_and_nothing_changes():
    committee, _ = committee_with_members()
    meeting = scheduled_meeting(committee)
    item = services.agenda_item_add(
        meeting=meeting, section=Section.DECISION, title="Strategy", today=date(2030, 5, 1)
    )
    services.report_save(item=item, **{**FULL_REPORT, "financial": "   "})
    with pytest.raises(ApplicationError, match="Financial considerations"):
        services.agenda_publish(meeting=meeting)
    meeting.refresh_from_db()
    assert not meeting.is_published and meeting.status == Meeting.Status.SCHEDULED
    assert not meeting.items.exclude(number="").exists()
    services.report_save(item=item, **{**FULL_REPORT, "financial": "No financial considerations."})
    services.agenda_publish(meeting=meeting)
    assert meeting.items.get(pk=item.pk).number == "4.1"


def test_a_missing_report_stops_publication():
    committee, _ = committee_with_members()
    meeting = scheduled_meeting(committee)
    services.agenda_item_add(
        meeting=meeting, section=Section.DECISION, title="Strategy", today=date(2030, 5, 1)
    )
    assert "attach a report" in " ".join(selectors.publication_problems(meeting=meeting))


def test_a_published_agenda_keeps_its_numbering():
    committee, _ = committee_with_members()
    meeting, item = published_meeting(committee)
    with pytest.raises(ApplicationError, match="numbering is frozen"):
        services.agenda_item_move(item=item, direction="down")
    assert item.number == "4.1"


def test_a_late_item_needs_a_reason_and_takes_the_next_number():
    committee, _ = committee_with_members()
    meeting, _ = published_meeting(committee)
    with pytest.raises(ApplicationError, match="reason"):
        services.agenda_item_add(
            meeting=meeting, section=Section.URGENT, title="Youth justice review"
        )
    late = services.agenda_item_add(
        meeting=meeting,
        section=Section.URGENT,
        title="Youth justice review",
        urgency_reason="The review reports before the next meeting.",
    )
    assert late.is_late and late.number == "5.1"
    with pytest.raises(ApplicationError, match="frozen"):
        services.agenda_item_add(
            meeting=meeting, section=Section.PRESENTATIONS, title="Talk", urgency_reason="Soon."
        )


def test_an_item_after_the_deadline_needs_a_reason_before_publication():
    committee, _ = committee_with_members()
    meeting = scheduled_meeting(committee)
    with pytest.raises(ApplicationError, match="reason"):
        services.agenda_item_add(
            meeting=meeting, section=Section.DECISION, title="X", today=date(2030, 6, 12)
        )
    item = services.agenda_item_add(
        meeting=meeting,
        section=Section.DECISION,
        title="X",
        today=date(2030, 6, 12),
        urgency_reason="Deadline.",
    )
    assert item.is_late and item.urgency_reason == "Deadline."


def test_pdf_checks(settings):
    committee, _ = committee_with_members()
    _, item = published_meeting(committee)
    report = item.report
    with pytest.raises(ApplicationError, match="not a PDF"):
        services.appendix_upload(
            report=report,
            label="Appendix A",
            title="T",
            filename="evil.pdf",
            content=b"MZ\x90\x00 not a pdf",
        )
    with pytest.raises(ApplicationError, match="damaged"):
        services.appendix_upload(
            report=report,
            label="Appendix A",
            title="T",
            filename="x.pdf",
            content=b"%PDF-1.4\n garbage",
        )
    settings.MEETINGS_APPENDIX_MAX_BYTES = 100
    with pytest.raises(ApplicationError, match="smaller than"):
        services.appendix_upload(
            report=report, label="Appendix A", title="T", filename="x.pdf", content=pdf_bytes()
        )
    settings.MEETINGS_APPENDIX_MAX_BYTES = 10_000_000
    appendix = services.appendix_upload(
        report=report,
        label="Appendix A",
        title="Strategy",
        filename="../../etc/strategy.pdf",
        content=pdf_bytes(2),
    )
    assert (
        appendix.pages == 2
        and appendix.file.name.endswith(".pdf")
        and ".." not in appendix.file.name
    )
    with pytest.raises(ApplicationError, match="already has"):
        services.appendix_generated_add(
            report=report, label="appendix a", title="", generator="performance"
        )
    with pytest.raises(ApplicationError, match="needs an area and a period"):
        services.appendix_generated_add(
            report=report, label="Appendix B", title="", generator="performance"
        )
    from indicators import periods
    from indicators.models import Area, Period

    Area.objects.create(code="E06000001", name="Hartlepool", kind="district")
    Period.objects.ensure([periods.parse("2015/16"), periods.parse("2014/15")])
    generated = services.appendix_generated_add(
        report=report,
        label="Appendix B",
        title="",
        generator="performance",
        options={"area": "E06000001", "period": "2015/16", "baseline": ""},
    )
    assert generated.kind == "generated"
    assert report.appendices.count() == 2


def test_attendance_with_a_substitute_records_the_members_apologies():
    committee, (chair, member, other) = committee_with_members()
    meeting, _ = published_meeting(committee)
    stand_in = PersonFactory(organisation=member.organisation)
    services.attendance_record(meeting=meeting, person=chair, status="present", in_the_chair=True)
    services.attendance_record(
        meeting=meeting, person=stand_in, status="substitute", substitute_for=member
    )
    assert meeting.attendance.get(person=member).status == Attendance.Status.APOLOGIES
    summary = selectors.attendance_summary(meeting=meeting)
    assert summary.every_authority_represented
    outsider = PersonFactory()
    with pytest.raises(ApplicationError, match="is not a member"):
        services.attendance_record(
            meeting=meeting, person=PersonFactory(), status="substitute", substitute_for=outsider
        )
    with pytest.raises(ApplicationError, match="also present"):
        services.attendance_record(meeting=meeting, person=outsider, status="present")
    services.attendance_record(meeting=meeting, person=outsider, status="also_present")
    assert meeting.attendance.count() == 4


def test_an_unrepresented_responsible_authority_is_shown():
    committee, (chair, member, _) = committee_with_members()
    meeting, _ = published_meeting(committee)
    services.attendance_record(meeting=meeting, person=chair, status="apologies")
    assert not selectors.attendance_summary(meeting=meeting).every_authority_represented


def test_declarations_are_once_per_person_and_item():
    committee, (chair, *_) = committee_with_members()
    meeting, item = published_meeting(committee)
    services.declaration_record(
        meeting=meeting,
        item=item,
        person=chair,
        nature="personal",
        description="Police and Crime Panel",
    )
    with pytest.raises(ApplicationError, match="already declared"):
        services.declaration_record(
            meeting=meeting, item=item, person=chair, nature="personal", description="Again"
        )


def test_minutes_continue_the_municipal_years_numbering_and_confirm_at_the_next_meeting():
    committee, (chair, *_) = committee_with_members()
    first, item = published_meeting(committee, day=date(2030, 6, 14))
    services.meeting_status_set(meeting=first, status="held")
    services.declaration_record(
        meeting=first, item=item, person=chair, nature="personal", description="Panel member"
    )
    minutes = services.minutes_draft(meeting=first)
    assert [m.number for m in minutes] == [1, 2, 3, 4, 5]
    assert "Panel member" in minutes[1].issues
    assert minutes[4].purpose == "To agree the strategy."
    decision = services.decision_add(
        minute=minutes[4],
        text="Approved.",
        action_description="Consult",
        owner=chair,
        due_date=date(2030, 9, 1),
    )
    services.decision_add(minute=minutes[4], text="Noted.")
    assert [d.numeral for d in minutes[4].decisions.all()] == ["(i)", "(ii)"]
    with pytest.raises(ApplicationError, match="already exists"):
        services.minute_update(minute=minutes[0], number=2, title="Apologies")
    assert Minute.objects.get(pk=minutes[0].pk).number == 1

    second, _ = published_meeting(committee, day=date(2030, 9, 20))
    assert list(selectors.open_actions_for(meeting=second)) == [decision.actions.get()]
    services.meeting_status_set(meeting=second, status="held")
    second_minutes = services.minutes_draft(meeting=second)
    assert second_minutes[0].number == 6
    services.minutes_confirm(meeting=first, at_meeting=second)
    first.refresh_from_db()
    assert first.status == Meeting.Status.MINUTES_CONFIRMED
    assert first.minutes_confirmed_at_meeting == second
    with pytest.raises(ApplicationError, match="confirmed"):
        services.decision_add(minute=minutes[0], text="Too late")
    action = Action.objects.get()
    services.action_update(action=action, status="done", today=date(2030, 9, 20))
    assert not selectors.open_actions_for(meeting=second).exists()


def test_urgent_business_gets_the_chairs_ruling_minute():
    committee, _ = committee_with_members()
    meeting, _ = published_meeting(committee)
    services.agenda_item_add(
        meeting=meeting,
        section=Section.URGENT,
        title="Youth justice review",
        urgency_reason="Reports in summer.",
    )
    services.meeting_status_set(meeting=meeting, status="held")
    minutes = services.minutes_draft(meeting=meeting)
    assert [m.kind for m in minutes[-2:]] == [Minute.Kind.URGENT_RULING, Minute.Kind.ITEM]
    assert "100B(4)(b)" in minutes[-2].issues
    assert "Reports in summer." in minutes[-1].issues


def test_minutes_cannot_be_confirmed_without_a_minutes_item():
    committee, _ = committee_with_members()
    meeting, _ = published_meeting(committee)
    services.meeting_status_set(meeting=meeting, status="held")
    services.minutes_draft(meeting=meeting)
    other, _ = committee_with_members("Other Group")
    with pytest.raises(ApplicationError):
        services.minutes_confirm(
            meeting=meeting, at_meeting=scheduled_meeting(other, day=date(2030, 7, 1))
        )


def test_exempt_items_are_hidden_from_the_public_rows():
    committee, _ = committee_with_members()
    meeting, _ = published_meeting(committee, exempt=True)
    public = [r.title for r in selectors.agenda_rows(meeting=meeting, include_exempt=False)]
    private = [r.title for r in selectors.agenda_rows(meeting=meeting, include_exempt=True)]
    assert "Named offenders" in private and "Named offenders" not in public
    assert AgendaItem.objects.public().filter(title="Named offenders").count() == 0


def test_a_seat_survives_a_change_of_holder():
    committee, (chair, member, _) = committee_with_members()
    seat = member.memberships.get().seat
    newcomer = PersonFactory()
    services.membership_appoint(
        seat=seat, person=newcomer, role="member", start_date=date(2016, 5, 20), substitutes=[chair]
    )
    old = member.memberships.get()
    assert old.end_date == date(2016, 5, 19) and old.seat == seat
    holders = dict(selectors.committee_seats(committee=committee, day=date(2016, 6, 1)))
    assert holders[seat].person == newcomer
    assert list(holders[seat].substitutes.all()) == [chair]
    with pytest.raises(ApplicationError, match="must start after"):
        services.membership_appoint(
            seat=seat, person=PersonFactory(), role="member", start_date=date(2016, 5, 1)
        )
    with pytest.raises(ApplicationError, match="another seat"):
        services.membership_appoint(
            seat=seat, person=chair, role="member", start_date=date(2016, 7, 1)
        )
    services.membership_end(membership=holders[seat], end_date=date(2016, 12, 31))
    holders = dict(selectors.committee_seats(committee=committee, day=date(2017, 1, 1)))
    assert holders[seat] is None and seat.pk
    with pytest.raises(ApplicationError, match="already has a seat"):
        services.seat_create(
            committee=committee, title=seat.title.upper(), organisation=seat.organisation
        )


def test_items_are_removed_only_before_publication():
    committee, _ = committee_with_members()
    meeting = scheduled_meeting(committee)
    item = services.agenda_item_add(
        meeting=meeting, section=Section.DECISION, title="X", today=date(2030, 5, 1)
    )
    rows = selectors.agenda_rows(meeting=meeting, include_exempt=True)
    row = next(r for r in rows if r.item == item)
    assert not row.can_move_up and not row.can_move_down
    services.agenda_item_remove(item=item)
    assert not meeting.items.filter(title="X").exists()
    with pytest.raises(ApplicationError, match="Standing items"):
        services.agenda_item_remove(item=meeting.items.first())
    published, kept = published_meeting(committee, day=date(2030, 9, 20))
    with pytest.raises(ApplicationError, match="frozen"):
        services.agenda_item_remove(item=kept)
    assert AgendaItem.objects.filter(pk=kept.pk).exists()


def test_removing_a_decision_renumbers_the_rest():
    committee, _ = committee_with_members()
    meeting, _ = published_meeting(committee)
    services.meeting_status_set(meeting=meeting, status="held")
    minute = services.minutes_draft(meeting=meeting)[-1]
    first = services.decision_add(minute=minute, text="One.")
    services.decision_add(minute=minute, text="Two.")
    services.decision_remove(decision=first)
    assert [(d.numeral, d.text) for d in minute.decisions.all()] == [("(i)", "Two.")]


def test_the_end_time_must_follow_the_start():
    committee, _ = committee_with_members()
    meeting = scheduled_meeting(committee)
    with pytest.raises(ApplicationError, match="after the start"):
        services.meeting_update(
            meeting=meeting, day=meeting.date, start_time=time(10), venue="Hall", end_time=time(9)
        )
    services.meeting_update(
        meeting=meeting, day=meeting.date, start_time=time(10), venue="Hall", end_time=time(11, 55)
    )
    assert meeting.end_time == time(11, 55)
