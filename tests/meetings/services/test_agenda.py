"""Services of the meetings app: building and publishing agendas."""

from datetime import date

import pytest

from meetings import selectors, services
from meetings.models import AgendaItem, Meeting, Section
from shp.errors import ApplicationError
from tests.meetings.factories import (
    FULL_REPORT,
    committee_with_members,
    published_meeting,
    scheduled_meeting,
)

pytestmark = pytest.mark.django_db


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


def test_exempt_items_are_hidden_from_the_public_rows():
    committee, _ = committee_with_members()
    meeting, _ = published_meeting(committee, exempt=True)
    public = [r.title for r in selectors.agenda_rows(meeting=meeting, include_exempt=False)]
    private = [r.title for r in selectors.agenda_rows(meeting=meeting, include_exempt=True)]
    assert "Named offenders" in private and "Named offenders" not in public
    assert AgendaItem.objects.public().filter(title="Named offenders").count() == 0


def test_moving_urgent_business_keeps_it_under_its_heading():
    committee, _ = committee_with_members()
    meeting = scheduled_meeting(committee)
    for title in ("Late item A", "Late item B"):
        services.agenda_item_add(
            meeting=meeting,
            section=Section.URGENT,
            title=title,
            urgency_reason="Came in after the deadline",
            today=date(2030, 6, 10),
        )
    services.agenda_item_move(item=meeting.items.get(title="Late item B"), direction="up")
    rows = [
        (r.number, r.title) for r in selectors.agenda_rows(meeting=meeting, include_exempt=True)
    ]
    urgent = rows[rows.index(("4", "Any other business which the chair considers urgent")) :]
    assert urgent[:3] == [
        ("4", "Any other business which the chair considers urgent"),
        ("4.1", "Late item B"),
        ("4.2", "Late item A"),
    ]
