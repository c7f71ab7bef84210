"""Reads for the public performance page: approved figures only, small numbers suppressed."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, OuterRef

from indicators import periods
from indicators.arithmetic import Unit, rate_per_1000, round_half_away
from indicators.denominators import DenominatorTable, denominator_year
from indicators.models import Area, Figure, Indicator, Period
from indicators.suppression import suppressed_cells

FEWER_THAN_5 = "fewer than 5"
NOT_SHOWN = "not shown"


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
    """Periods with an approved figure, and financial years with an approved quarter or month,
    newest first."""
    approved = Figure.objects.filter(period=OuterRef("pk")).approved()
    found = list(Period.objects.filter(Exists(approved)).order_by("-end", "start"))
    have = {period.code for period in found}
    years = {
        periods.fy_code(period.spec.financial_year)
        for period in found
        if period.kind in (periods.PeriodKind.QUARTER, periods.PeriodKind.MONTH)
    }
    stored = {p.code: p for p in Period.objects.filter(code__in=years - have)}
    extra = [stored.get(code) or _unsaved(periods.parse(code)) for code in years - have]
    return sorted([*found, *extra], key=lambda p: (-p.end.toordinal(), p.start))


def public_default_period(choices: list[Period], area: Area | None) -> Period | None:
    """The latest financial year with approved figures for ``area``, else the latest period
    with any (a year with only some quarters approved has none of its own yet)."""
    if area is None:
        return None
    indicators = {i.pk: i for i in Indicator.objects.all()}
    areas = list(Area.objects.all())
    years = [p for p in choices if p.kind == periods.PeriodKind.FINANCIAL_YEAR]
    for period in [*years[:4], *choices[:8]]:
        shown = _with_forces(_approved(period), indicators, areas)
        if any(area_id == area.pk for _, area_id in shown):
            return period
    return None


def _unsaved(spec: periods.PeriodSpec) -> Period:
    """A period nobody has stored yet (a year only ever entered as quarters); never saved here."""
    return Period(code=spec.code, kind=spec.kind, start=spec.start, end=spec.end, label=spec.label)


@dataclass(frozen=True)
class ApprovedFigure:
    """A figure's approved value (a revision awaiting approval does not reach the public), or a
    count for a year added up from its approved quarters (or months), all of them."""

    value: Decimal | None


def _approved(period: Period | None) -> dict[tuple[int, int], object]:
    """Approved figures entered for ``period``; for a financial year, counts not entered for it
    are added up from their quarters (or months) when every one of them is approved."""
    if period is None:
        return {}
    entered = (
        Figure.objects.for_period(period)
        .approved()
        .values_list("indicator_id", "area_id", "approved_value")
        if period.pk
        else []
    )
    figures: dict = {
        (indicator_id, area_id): ApprovedFigure(value) for indicator_id, area_id, value in entered
    }
    if period.kind != periods.PeriodKind.FINANCIAL_YEAR:
        return figures
    for parts in (periods.quarters_of(period.spec), periods.months_of(period.spec)):
        codes = {part.code for part in parts}
        sums: dict[tuple[int, int], list] = {}
        rows = (
            Figure.objects.approved()
            .filter(period__code__in=codes, indicator__unit=Unit.COUNT)
            .values_list("indicator_id", "area_id", "approved_value")
        )
        for indicator_id, area_id, value in rows:
            sums.setdefault((indicator_id, area_id), []).append(value)
        for key, values in sums.items():
            complete = len(values) == len(codes) and all(v is not None for v in values)
            if key not in figures and complete:
                figures[key] = ApprovedFigure(sum(values))
    return figures


def suppressed(values: dict, period, indicators, areas) -> tuple[set, set]:
    """The (indicator id, area id) cells the public may not see: counts from 1 to 4 (primary),
    and the cells hidden so that no total or force gives one away (secondary), worked out
    across every area and total of ``period`` at once (so no page can be subtracted from
    another). ``values`` holds every approved value of the period by cell."""
    counts = {key for key in values if indicators[key[0]].unit == Unit.COUNT}
    relations = []
    parts_of: dict[int, list[int]] = {}
    for indicator in indicators.values():
        summed = indicator.parent_id and indicator.parent_rule == Indicator.ParentRule.SUM
        if summed and indicator.is_valid_for(period.spec):
            parts_of.setdefault(indicator.parent_id, []).append(indicator.pk)
    for area in areas:
        for total, parts in parts_of.items():
            relations.append(((total, area.pk), [(part, area.pk) for part in parts]))
    for force in (a for a in areas if a.kind == Area.Kind.FORCE):
        districts = [a.pk for a in areas if a.parent_id == force.pk]
        for indicator_id in indicators:
            relations.append(((indicator_id, force.pk), [(indicator_id, d) for d in districts]))
    return suppressed_cells(values, counts=counts, relations=relations)


def hidden_text(key, primary: set, secondary: set) -> str:
    """What the public sees instead of a hidden cell, or "" for a cell they may see."""
    if key in primary:
        return FEWER_THAN_5
    if key in secondary:
        return NOT_SHOWN
    return ""


def _with_forces(figures: dict, indicators, areas) -> dict:
    """A force area's counts added up from its districts where every district's is approved
    (and the force's own figure was not entered)."""
    districts: dict[int, list[int]] = {}
    for area in areas:
        if area.parent_id:
            districts.setdefault(area.parent_id, []).append(area.pk)
    counts = [pk for pk, indicator in indicators.items() if indicator.unit == Unit.COUNT]
    for force, members in districts.items():
        for indicator_id in counts:
            if (indicator_id, force) in figures:
                continue
            parts = [figures.get((indicator_id, district)) for district in members]
            if all(part is not None and part.value is not None for part in parts):
                figures[(indicator_id, force)] = ApprovedFigure(sum(p.value for p in parts))
    return figures


def _shown(period, indicators, areas) -> dict[tuple[int, int], tuple[ApprovedFigure, PublicCell]]:
    """Each approved figure of ``period`` as the public may see it, suppression applied."""
    figures = _with_forces(_approved(period), indicators, areas)
    values = {key: figure.value for key, figure in figures.items()}
    primary, secondary = suppressed(values, period, indicators, areas)
    shown = {}
    for key, figure in figures.items():
        hidden = hidden_text(key, primary, secondary)
        if hidden:
            cell = PublicCell(hidden, hidden=True)
        elif figure.value is None:
            cell = PublicCell("not available")
        else:
            cell = PublicCell(_number(figure.value, indicators[key[0]].unit))
        shown[key] = (figure, cell)
    return shown


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


def shown_cells(period, indicators, areas) -> dict:
    """Every cell of ``period`` as the public may see it (an empty dict for no period)."""
    return _shown(period, indicators, areas) if period else {}


def public_table(*, period: Period, area: Area) -> list[PublicRow]:
    """One area's approved figures for ``period`` beside the same period a year earlier."""
    indicators = {i.pk: i for i in Indicator.objects.all()}
    areas = list(Area.objects.all())
    baseline = Period.objects.filter(code=period.spec.shifted(-1).code).first()
    current = shown_cells(period, indicators, areas)
    previous = shown_cells(baseline, indicators, areas)
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
