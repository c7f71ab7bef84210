from datetime import date

import pytest

from meetings.workdays import (
    bank_holidays,
    easter_sunday,
    is_working_day,
    publication_deadline,
    working_days_between,
)


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2016, date(2016, 3, 27)),
        (2019, date(2019, 4, 21)),
        (2024, date(2024, 3, 31)),
        (2038, date(2038, 4, 25)),
    ],
)
def test_easter(year, easter):
    assert easter_sunday(year) == easter


def test_2016_bank_holidays_match_the_published_list():
    assert list(bank_holidays(2016)) == [
        date(2016, 1, 1),
        date(2016, 3, 25),
        date(2016, 3, 28),
        date(2016, 5, 2),
        date(2016, 5, 30),
        date(2016, 8, 29),
        date(2016, 12, 26),
        date(2016, 12, 27),  # Christmas Day fell on a Sunday: substitute Tuesday
    ]


def test_substitute_days_and_one_offs():
    assert date(2021, 12, 27) in bank_holidays(2021)  # Christmas on Saturday
    assert date(2021, 12, 28) in bank_holidays(2021)  # Boxing Day on Sunday
    assert date(2022, 1, 3) in bank_holidays(2022)  # New Year on Saturday
    assert date(2020, 5, 8) in bank_holidays(2020) and date(2020, 5, 4) not in bank_holidays(2020)
    assert date(2022, 6, 2) in bank_holidays(2022) and date(2022, 6, 3) in bank_holidays(2022)
    assert date(2022, 9, 19) in bank_holidays(2022)
    assert date(2023, 5, 8) in bank_holidays(2023)
    assert date(2020, 12, 28) in bank_holidays(2020)  # Boxing Day on Saturday


def test_working_days():
    assert not is_working_day(date(2016, 6, 18))  # Saturday
    assert not is_working_day(date(2016, 5, 30))  # spring bank holiday
    assert is_working_day(date(2016, 6, 17))
    assert working_days_between(date(2016, 6, 10), date(2016, 6, 17)) == 5
    assert working_days_between(date(2016, 6, 17), date(2016, 6, 10)) == -5


def test_five_clear_working_days_before_the_17_june_2016_meeting():
    # 10, 13, 14, 15 and 16 June are the clear days: publish by Thursday 9 June.
    assert publication_deadline(date(2016, 6, 17)) == date(2016, 6, 9)


def test_deadline_skips_bank_holidays():
    # Meeting Friday 3 June 2016: clear days 2, 1, 31 May, 27, 26 May (30 May is a holiday).
    assert publication_deadline(date(2016, 6, 3)) == date(2016, 5, 25)
    # Meeting Tuesday 29 March 2016: Good Friday and Easter Monday do not count.
    assert publication_deadline(date(2016, 3, 29)) == date(2016, 3, 17)
