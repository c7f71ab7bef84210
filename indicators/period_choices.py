"""The period picker: every kind of period people report on, grouped, newest first."""

from dataclasses import dataclass
from datetime import date

from indicators.periods import PeriodKind

GROUPS = (
    (PeriodKind.FINANCIAL_YEAR, "Financial years"),
    (PeriodKind.YEAR_TO_DATE, "Year to date"),
    (PeriodKind.QUARTER, "Quarters"),
    (PeriodKind.ROLLING_12, "Rolling 12 months"),
    (PeriodKind.CALENDAR_YEAR, "Calendar years"),
    (PeriodKind.MONTH, "Months"),
)


@dataclass(frozen=True)
class PeriodOption:
    code: str
    label: str
    selected: bool


@dataclass(frozen=True)
class PeriodGroup:
    title: str
    options: list[PeriodOption]


def _partial(label: str, period, today: date) -> str:
    return f"{label} (partial: it has not ended)" if period.end > today else label


def _year_to_date(periods) -> list:
    """(period, label) of every year to date, Q1–Q1 (the first quarter) to Q1–Q4 (the year)."""
    found = []
    for period in periods:
        spec = period.spec
        if period.kind == PeriodKind.YEAR_TO_DATE:
            found.append((period, f"{period.code} ({period.label})"))
        elif period.kind == PeriodKind.QUARTER and spec.quarter == 1:
            found.append((period, f"{period.code[:7]} Q1-Q1 (the first quarter)"))
        elif period.kind == PeriodKind.FINANCIAL_YEAR:
            found.append((period, f"{period.code} Q1-Q4 (the whole year)"))
    return sorted(found, key=lambda item: (-item[0].spec.financial_year, -item[0].end.toordinal()))


def period_groups(periods, chosen, *, today: date | None = None) -> list[PeriodGroup]:
    """``periods`` (those with figures) as the picker's groups; ``chosen`` is selected once, in
    its own kind's group. A period that has not ended yet is labelled partial."""
    today = today or date.today()
    groups = []
    for kind, title in GROUPS:
        if kind == PeriodKind.YEAR_TO_DATE:
            items = _year_to_date(periods)
            selected = {PeriodKind.YEAR_TO_DATE}
        else:
            items = [(p, p.label) for p in periods if p.kind == kind]
            selected = {kind}
        options = [
            PeriodOption(
                period.code,
                _partial(label, period, today),
                period == chosen and period.kind in selected,
            )
            for period, label in items
        ]
        if options:
            groups.append(PeriodGroup(title, options))
    return groups
