from datetime import date

import pytest
from django.core.management import call_command

from meetings import selectors
from meetings.models import Meeting, Minute
from tests.meetings.factories import committee_with_members, scheduled_meeting


@pytest.fixture
def demo(db):
    call_command(
        "loaddata",
        "partnership.json",
        "meetings/committee.json",
        "meetings/meetings_2016.json",
        verbosity=0,
    )


def test_the_seed_minutes_run_52_to_65_with_their_decisions(demo):
    march = Meeting.objects.get(date=date(2016, 3, 11))
    numbers = list(selectors.minutes_of(meeting=march).values_list("number", flat=True))
    assert numbers == list(range(52, 66))
    assert [d.numeral for d in Minute.objects.get(number=55).decisions.all()] == [
        "(i)",
        "(ii)",
        "(iii)",
    ]
    assert selectors.next_minute_number(committee=march.committee, municipal_year=2015) == 66
    assert selectors.next_minute_number(committee=march.committee, municipal_year=2016) == 1


def test_the_seed_attendance_every_responsible_authority_represented(demo):
    march = Meeting.objects.get(date=date(2016, 3, 11))
    summary = selectors.attendance_summary(meeting=march)
    assert (
        len(summary.present) == 8 and len(summary.substitutes) == 7 and len(summary.apologies) == 7
    )
    assert summary.every_authority_represented
    assert str(summary.present[0].person) == "Councillor Christopher Akers-Belcher"
    lyons = next(s for s in summary.substitutes if s.person.name == "John Lyons")
    assert lyons.substitute_for.name == "Gordon Lang"


def test_the_seed_agenda_numbers_and_the_vacant_seat(demo):
    june = Meeting.objects.get(date=date(2016, 6, 17))
    rows = [(r.number, r.title) for r in selectors.agenda_rows(meeting=june, include_exempt=False)]
    assert ("4.1", "Domestic Abuse Strategy 2016–2019") in rows
    assert ("6.2", "Modern Day Crime Prevention Strategy") in rows
    seats = selectors.committee_seats(committee=june.committee, day=date(2016, 6, 17))
    vacant = [seat.title for seat, holder in seats if holder is None]
    assert vacant == ["Chair of Bench, Hartlepool Magistrates Court"]
    assert selectors.next_meeting(meeting=june).date == date(2016, 7, 29)
    assert june.items.get(number="3.1").minutes_of.date == date(2016, 3, 11)


def test_open_actions_are_matters_arising_at_the_next_meeting(demo):
    july = Meeting.objects.get(date=date(2016, 7, 29))
    descriptions = [a.description for a in selectors.open_actions_for(meeting=july)]
    assert len(descriptions) == 2 and all("Victims First" not in d for d in descriptions)


@pytest.mark.django_db
def test_deadline_countdown_and_missed_warning():
    committee, _ = committee_with_members()
    meeting = scheduled_meeting(committee, day=date(2030, 6, 14), today=date(2030, 5, 1))
    early = selectors.deadline_status(meeting=meeting, today=date(2030, 6, 3))
    assert early.deadline == date(2030, 6, 6) and early.working_days_left == 3 and not early.missed
    late = selectors.deadline_status(meeting=meeting, today=date(2030, 6, 10))
    assert late.missed and "has passed" in late.message


def test_loading_the_demo_fixtures_twice_changes_nothing(demo):
    counts = (Meeting.objects.count(), Minute.objects.count())
    call_command("loaddata", "meetings/committee.json", "meetings/meetings_2016.json", verbosity=0)
    assert (Meeting.objects.count(), Minute.objects.count()) == counts == (3, 14)
