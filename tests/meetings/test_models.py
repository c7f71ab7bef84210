from datetime import date

import pytest
from django.db import IntegrityError, transaction

from meetings.models import Attendance, Minute, municipal_year_label, municipal_year_of, roman
from tests.factories import PersonFactory
from tests.meetings.factories import committee_with_members, published_meeting


def test_municipal_year_runs_may_to_april():
    assert municipal_year_of(date(2016, 3, 11)) == 2015
    assert municipal_year_of(date(2016, 6, 17)) == 2016
    assert municipal_year_label(2015) == "2015/16"
    assert municipal_year_label(1999) == "1999/00"


def test_roman_numerals_for_decisions():
    assert [roman(n) for n in (1, 2, 3, 4, 9, 14)] == ["i", "ii", "iii", "iv", "ix", "xiv"]


@pytest.mark.django_db
def test_the_database_refuses_a_duplicate_minute_number():
    committee, _ = committee_with_members()
    meeting, _ = published_meeting(committee)
    Minute.objects.create(
        meeting=meeting, committee=committee, municipal_year=2030, number=52, title="A"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Minute.objects.create(
            meeting=meeting, committee=committee, municipal_year=2030, number=52, title="B"
        )


@pytest.mark.django_db
def test_the_database_refuses_a_substitute_without_a_member():
    committee, _ = committee_with_members()
    meeting, _ = published_meeting(committee)
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendance.objects.create(meeting=meeting, person=PersonFactory(), status="substitute")
