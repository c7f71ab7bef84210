"""Reads for the public performance page, the open-data file and the API: approved figures
only, small numbers suppressed, as the last recompute stored them (PublicFigure, written by
indicators/services/public_figures.py)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, OuterRef

from indicators import periods
from indicators.arithmetic import Unit, rate_per_1000, round_half_away
from indicators.denominators import DenominatorTable, denominator_year
from indicators.models import Area, Indicator, Period, PublicFigure
from indicators.services.public_figures import FEWER_THAN_5, NOT_SHOWN


@dataclass(frozen=True)
class PublicCell:
    text: str
    hidden: bool = False


@dataclass(frozen=True)
class PublicRow:
    indicator: Indicator
    current: PublicCell
    baseline: PublicCell
    change: str
    pct_change: str
    rate_per_1000: str = ""
    population_year: int | None = None  # the mid-year estimate the rate divides by


def public_periods() -> list[Period]:
    """Periods the public has figures for (as the last recompute worked them out), newest
    first."""
    shown = PublicFigure.objects.filter(period=OuterRef("pk"))
    return list(Period.objects.filter(Exists(shown)).order_by("-end", "start"))


def public_default_period(choices: list[Period], area: Area | None) -> Period | None:
    """The latest financial year with public figures for ``area``, else the latest period
    with any (a year with only some quarters approved has none of its own yet)."""
    if area is None:
        return None
    years = [p for p in choices if p.kind == periods.PeriodKind.FINANCIAL_YEAR]
    candidates = [*years[:4], *choices[:8]]
    have = set(
        PublicFigure.objects.filter(area=area, period__in=[p.pk for p in candidates])
        .values_list("period_id", flat=True)
        .distinct()
    )
    return next((p for p in candidates if p.pk in have), None)


@dataclass(frozen=True)
class ApprovedFigure:
    """A figure's approved value as the public may read it (None when hidden or entered as not
    available)."""

    value: Decimal | None


def hidden_text(key, primary: set, secondary: set) -> str:
    """What the public sees instead of a hidden cell, or "" for a cell they may see."""
    if key in primary:
        return FEWER_THAN_5
    if key in secondary:
        return NOT_SHOWN
    return ""


def _number(value: Decimal, unit: str) -> str:
    if unit == Unit.PERCENTAGE:
        return f"{round_half_away(value, 1).normalize():f}%"
    return f"{value.normalize():,f}"


def public_rate(indicator, area, period, figure, cell, denominators) -> tuple:
    """The rate per 1,000 the public may see (a Decimal, or None), and the year of the mid-year
    estimate it divides by."""
    if cell.hidden or figure.value is None or not indicator.rate_denominator:
        return None, None
    if indicator.unit != Unit.COUNT:
        return None, None
    size, year = denominators.get_with_year(
        area.pk, denominator_year(period.spec), indicator.rate_denominator
    )
    rate = rate_per_1000(figure.value, size)
    return (None, None) if rate is None else (rate, year)


def public_row(*, indicator, area, period, current: dict, previous: dict, denominators):
    """One indicator's row for ``area``, or None when it has no approved figure there."""
    key = (indicator.pk, area.pk)
    if key not in current:
        return None
    figure, cell = current[key]
    before = previous.get(key)
    base_cell = before[1] if before else PublicCell("")
    change = pct = ""
    if before and not cell.hidden and not base_cell.hidden:
        now, then = figure.value, before[0].value
        if now is not None and then is not None:
            if indicator.unit == Unit.PERCENTAGE:
                change = f"{round_half_away(now - then, 1).normalize():f} pp"
            else:
                change = f"{(now - then).normalize():+,f}"
                pct = f"{round_half_away((now - then) / then * 100, 1):+f}%" if then else "n/a"
    rate, year = public_rate(indicator, area, period, figure, cell, denominators)
    return PublicRow(indicator, cell, base_cell, change, pct, f"{rate:,.1f}" if rate else "", year)


def catalogue_order(indicators: dict) -> list:
    return sorted(indicators.values(), key=lambda i: (i.display_order, i.name))


def shown_cells(period, indicators, *, area=None) -> dict:
    """Every cell of ``period`` (of one ``area``, if given) as the public may see it, by
    (indicator id, area id): (ApprovedFigure, PublicCell). Empty for no period."""
    if period is None or period.pk is None:
        return {}
    found = PublicFigure.objects.filter(period=period)
    if area is not None:
        found = found.filter(area=area)
    shown = {}
    for indicator_id, area_id, value, hidden in found.values_list(
        "indicator_id", "area_id", "value", "hidden_text"
    ):
        indicator = indicators.get(indicator_id)
        if indicator is None:
            continue
        if hidden:
            cell = PublicCell(hidden, hidden=True)
        elif value is None:
            cell = PublicCell("not available")
        else:
            cell = PublicCell(_number(value, indicator.unit))
        shown[(indicator_id, area_id)] = (ApprovedFigure(value), cell)
    return shown


def public_table(*, period: Period, area: Area) -> list[PublicRow]:
    """One area's approved figures for ``period`` beside the same period a year earlier."""
    indicators = {i.pk: i for i in Indicator.objects.all()}
    baseline = Period.objects.filter(code=period.spec.shifted(-1).code).first()
    current = shown_cells(period, indicators, area=area)
    previous = shown_cells(baseline, indicators, area=area)
    denominators = DenominatorTable.load()
    rows = [
        public_row(
            indicator=indicator,
            area=area,
            period=period,
            current=current,
            previous=previous,
            denominators=denominators,
        )
        for indicator in catalogue_order(indicators)
    ]
    return [row for row in rows if row is not None]
