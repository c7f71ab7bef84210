"""Reporting periods: UK financial years (April–March) and their quarters, calendar years, months,
and the derived year-to-date and rolling-12-month periods. Pure functions, no database.

Codes are what files and URLs use: "2015/16", "2015/16 Q3", "2017", "2016-04",
"2015/16 Q1-Q3" (year to date) and "R12 2016-03" (12 months to the end of March 2016).
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date

MONTH_NAMES = [calendar.month_name[m] for m in range(1, 13)]


class PeriodKind:
    MONTH = "month"
    QUARTER = "quarter"
    FINANCIAL_YEAR = "financial_year"
    CALENDAR_YEAR = "calendar_year"
    YEAR_TO_DATE = "ytd"
    ROLLING_12 = "rolling_12"

    CHOICES = [
        (MONTH, "Month"),
        (QUARTER, "Quarter"),
        (FINANCIAL_YEAR, "Financial year"),
        (CALENDAR_YEAR, "Calendar year"),
        (YEAR_TO_DATE, "Year to date"),
        (ROLLING_12, "Rolling 12 months"),
    ]


class PeriodError(ValueError):
    """A period code that cannot be understood."""


def _month_index(year: int, month: int) -> int:
    return year * 12 + (month - 1)


def _from_month_index(index: int) -> tuple[int, int]:
    return index // 12, index % 12 + 1


@dataclass(frozen=True, order=True)
class PeriodSpec:
    """A period as the months it covers: [first_month, first_month + months)."""

    first_month: int  # year * 12 + (month - 1)
    months: int
    kind: str

    @property
    def start(self) -> date:
        year, month = _from_month_index(self.first_month)
        return date(year, month, 1)

    @property
    def end(self) -> date:
        year, month = _from_month_index(self.first_month + self.months - 1)
        return date(year, month, calendar.monthrange(year, month)[1])

    @property
    def financial_year(self) -> int:
        """The starting calendar year of the financial year the period starts in."""
        year, month = _from_month_index(self.first_month)
        return year if month >= 4 else year - 1

    @property
    def code(self) -> str:
        year, month = _from_month_index(self.first_month)
        fy = self.financial_year
        if self.kind == PeriodKind.MONTH:
            return f"{year}-{month:02d}"
        if self.kind == PeriodKind.QUARTER:
            return f"{fy_code(fy)} Q{self.quarter}"
        if self.kind == PeriodKind.FINANCIAL_YEAR:
            return fy_code(fy)
        if self.kind == PeriodKind.CALENDAR_YEAR:
            return str(year)
        if self.kind == PeriodKind.YEAR_TO_DATE:
            return f"{fy_code(fy)} Q1-Q{self.months // 3}"
        end_year, end_month = _from_month_index(self.first_month + self.months - 1)
        return f"R12 {end_year}-{end_month:02d}"

    @property
    def quarter(self) -> int:
        """Quarter number within the financial year (Q1 = April–June) of the first month."""
        _, month = _from_month_index(self.first_month)
        return ((month - 4) % 12) // 3 + 1

    @property
    def label(self) -> str:
        span = _span_words(self.first_month, self.months)
        if self.kind == PeriodKind.QUARTER:
            return f"{self.code} ({span})"
        if self.kind == PeriodKind.YEAR_TO_DATE:
            return f"{fy_code(self.financial_year)} year to date ({span})"
        if self.kind == PeriodKind.ROLLING_12:
            end_year, end_month = _from_month_index(self.first_month + self.months - 1)
            return f"12 months to {MONTH_NAMES[end_month - 1]} {end_year}"
        if self.kind == PeriodKind.MONTH:
            year, month = _from_month_index(self.first_month)
            return f"{MONTH_NAMES[month - 1]} {year}"
        return self.code

    def shifted(self, years: int) -> "PeriodSpec":
        """The same kind of period ``years`` years later (negative: earlier)."""
        return PeriodSpec(self.first_month + 12 * years, self.months, self.kind)

    def contains(self, other: "PeriodSpec") -> bool:
        return (
            self.first_month <= other.first_month
            and other.first_month + other.months <= self.first_month + self.months
        )


def _span_words(first_month: int, months: int) -> str:
    y1, m1 = _from_month_index(first_month)
    y2, m2 = _from_month_index(first_month + months - 1)
    if y1 == y2:
        return f"{MONTH_NAMES[m1 - 1]} to {MONTH_NAMES[m2 - 1]} {y2}"
    return f"{MONTH_NAMES[m1 - 1]} {y1} to {MONTH_NAMES[m2 - 1]} {y2}"


def fy_code(start_year: int) -> str:
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def month(year: int, month_number: int) -> PeriodSpec:
    return PeriodSpec(_month_index(year, month_number), 1, PeriodKind.MONTH)


def quarter(fy: int, number: int) -> PeriodSpec:
    if not 1 <= number <= 4:
        raise PeriodError(f"Q{number} is not a quarter: use Q1 to Q4")
    return PeriodSpec(_month_index(fy, 4) + 3 * (number - 1), 3, PeriodKind.QUARTER)


def quarter_containing(day: date) -> PeriodSpec:
    """The financial quarter ``day`` falls in."""
    fy = day.year if day.month >= 4 else day.year - 1
    return quarter(fy, ((day.month - 4) % 12) // 3 + 1)


def financial_year(fy: int) -> PeriodSpec:
    return PeriodSpec(_month_index(fy, 4), 12, PeriodKind.FINANCIAL_YEAR)


def calendar_year(year: int) -> PeriodSpec:
    return PeriodSpec(_month_index(year, 1), 12, PeriodKind.CALENDAR_YEAR)


def year_to_date(fy: int, to_quarter: int) -> PeriodSpec:
    if not 1 <= to_quarter <= 4:
        raise PeriodError(f"Q{to_quarter} is not a quarter: use Q1 to Q4")
    return PeriodSpec(_month_index(fy, 4), 3 * to_quarter, PeriodKind.YEAR_TO_DATE)


def rolling_12(end_year: int, end_month: int) -> PeriodSpec:
    return PeriodSpec(_month_index(end_year, end_month) - 11, 12, PeriodKind.ROLLING_12)


def _fy_start(first: str, second: str) -> int:
    start = int(first)
    following = int(second)
    expected = (start + 1) % 100 if len(second) == 2 else start + 1
    if following != expected:
        raise PeriodError(
            f"{first}/{second} is not a financial year: the second year must follow the first"
        )
    return start


_FY = r"(?:fy\s*)?(\d{4})\s*[/-]\s*(\d{2}|\d{4})"
_MONTH_WORDS = {name.lower(): i for i, name in enumerate(MONTH_NAMES, start=1)}
_MONTH_WORDS.update({name[:3].lower(): i for i, name in enumerate(MONTH_NAMES, start=1)})
_MONTH_WORDS["sept"] = 9
_PATTERNS = [
    # "2011-12" is December 2011 (the month code); the financial year is written "2011/12".
    (re.compile(r"^(\d{4})-(0?[1-9]|1[0-2])$"), "month"),
    (re.compile(rf"^{_FY}$"), "fy"),
    (re.compile(rf"^{_FY}\s*q([1-4])$"), "quarter"),
    (re.compile(rf"^q([1-4])\s*{_FY}$"), "quarter_first"),
    (re.compile(rf"^{_FY}\s*(?:q1\s*-\s*q|ytd\s*q|ytd\s*)([1-4])$"), "ytd"),
    (re.compile(r"^(?:cy\s*)?(\d{4})$"), "cy"),
    (re.compile(r"^([a-z]+)\s+(\d{4})$"), "month_words"),
    (re.compile(r"^r12\s*(\d{4})-(\d{1,2})$"), "r12"),
    (re.compile(r"^12 months to\s+([a-z]+)\s+(\d{4})$"), "r12_words"),
]


def parse(text: str) -> PeriodSpec:
    """Read a period code or a common way of writing one ("2015-16", "Q3 2015/16", "April 2016")."""
    cleaned = re.sub(r"\s+", " ", str(text).strip().lower())
    if not cleaned:
        raise PeriodError("period is empty")
    for pattern, form in _PATTERNS:
        found = pattern.match(cleaned)
        if not found:
            continue
        groups = found.groups()
        if form == "fy":
            return financial_year(_fy_start(*groups))
        if form == "quarter":
            return quarter(_fy_start(groups[0], groups[1]), int(groups[2]))
        if form == "quarter_first":
            return quarter(_fy_start(groups[1], groups[2]), int(groups[0]))
        if form == "ytd":
            return year_to_date(_fy_start(groups[0], groups[1]), int(groups[2]))
        if form == "cy":
            return calendar_year(int(groups[0]))
        if form in {"month", "r12"}:
            year, number = int(groups[0]), int(groups[1])
            if not 1 <= number <= 12:
                raise PeriodError(f'"{text}" has no month {number}')
            return month(year, number) if form == "month" else rolling_12(year, number)
        if form in {"month_words", "r12_words"}:
            number = _MONTH_WORDS.get(groups[0])
            if number is None:
                break
            year = int(groups[1])
            return month(year, number) if form == "month_words" else rolling_12(year, number)
    raise PeriodError(
        f'"{text}" is not a period: write a financial year ("2015/16"), a quarter ("2015/16 Q3"), '
        'a calendar year ("2017") or a month ("2016-04")'
    )


def quarters_of(spec: PeriodSpec) -> list[PeriodSpec]:
    """The financial quarters a period is made of (none if it does not align to quarters)."""
    _, first_month = _from_month_index(spec.first_month)
    if spec.months % 3 or (first_month - 4) % 3:
        return []
    return [
        PeriodSpec(spec.first_month + 3 * i, 3, PeriodKind.QUARTER) for i in range(spec.months // 3)
    ]


def months_of(spec: PeriodSpec) -> list[PeriodSpec]:
    """The months a period is made of."""
    return [PeriodSpec(spec.first_month + i, 1, PeriodKind.MONTH) for i in range(spec.months)]
