"""Bank holidays in England and Wales, working days, and the agenda publication deadline.

Computed rather than looked up (no dependency): the fixed rules with their substitute days,
Easter by the Gregorian computus, and the one-off changes proclaimed since 1995.
"""

from datetime import date, timedelta
from functools import lru_cache

# Access to Information rules: papers are open to inspection five clear days before a meeting.
CLEAR_WORKING_DAYS = 5

# Proclaimed one-offs: extra days, and fixed holidays moved to another date in a given year.
EXTRA_HOLIDAYS = {
    date(1999, 12, 31): "Millennium celebrations",
    date(2002, 6, 3): "Golden Jubilee of Elizabeth II",
    date(2011, 4, 29): "Wedding of Prince William and Catherine Middleton",
    date(2012, 6, 5): "Diamond Jubilee of Elizabeth II",
    date(2022, 6, 3): "Platinum Jubilee of Elizabeth II",
    date(2022, 9, 19): "State funeral of Queen Elizabeth II",
    date(2023, 5, 8): "Coronation of King Charles III",
}
EARLY_MAY_MOVED = {1995: date(1995, 5, 8), 2020: date(2020, 5, 8)}  # VE Day anniversaries
SPRING_MOVED = {2002: date(2002, 6, 4), 2012: date(2012, 6, 4), 2022: date(2022, 6, 2)}


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _first_monday(year: int, month: int) -> date:
    day = date(year, month, 1)
    return day + timedelta(days=(7 - day.weekday()) % 7)


def _last_monday(year: int, month: int) -> date:
    following = date(year + (month == 12), month % 12 + 1, 1)
    last = following - timedelta(days=1)
    return last - timedelta(days=last.weekday())


def _next_weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


@lru_cache(maxsize=256)
def bank_holidays(year: int) -> dict[date, str]:
    """Every bank holiday in England and Wales in ``year``, substitute days included."""
    easter = easter_sunday(year)
    days = {
        _next_weekday(date(year, 1, 1)): "New Year's Day",
        easter - timedelta(days=2): "Good Friday",
        easter + timedelta(days=1): "Easter Monday",
        EARLY_MAY_MOVED.get(year, _first_monday(year, 5)): "Early May bank holiday",
        SPRING_MOVED.get(year, _last_monday(year, 5)): "Spring bank holiday",
        _last_monday(year, 8): "Summer bank holiday",
    }
    christmas, boxing = date(year, 12, 25), date(year, 12, 26)
    if christmas.weekday() == 5:  # Saturday: both move to Monday and Tuesday
        christmas, boxing = date(year, 12, 27), date(year, 12, 28)
    elif christmas.weekday() == 6:  # Sunday: Boxing Day stays Monday, Christmas moves to Tuesday
        christmas = date(year, 12, 27)
    elif boxing.weekday() == 5:  # Friday Christmas: Boxing Day moves to Monday
        boxing = date(year, 12, 28)
    days[christmas] = "Christmas Day"
    days[boxing] = "Boxing Day"
    days.update({day: name for day, name in EXTRA_HOLIDAYS.items() if day.year == year})
    return dict(sorted(days.items()))


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a bank holiday in England and Wales."""
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (negative when end < start)."""
    if end < start:
        return -working_days_between(end, start)
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count


def publication_deadline(meeting_date: date, clear_days: int = CLEAR_WORKING_DAYS) -> date:
    """The last working day on which papers can be published with ``clear_days`` clear working
    days before the meeting: neither the day of publication nor the meeting day counts."""
    day, counted = meeting_date, 0
    while counted < clear_days:
        day -= timedelta(days=1)
        counted += is_working_day(day)
    day -= timedelta(days=1)
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def working_days_after(start: date, days: int) -> date:
    """The day ``days`` working days after ``start`` (``start`` itself does not count)."""
    day, counted = start, 0
    while counted < days:
        day += timedelta(days=1)
        counted += is_working_day(day)
    return day
