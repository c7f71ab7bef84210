"""Reads behind the top of the dashboard: the headline indicators (the default report
definition's headline sections) with their recent trend in the area, and how the districts
compare on them per 1,000."""

from dataclasses import dataclass, field

from indicators.models import Area, Basis, Comparison, Indicator, Period, ReportSection

TREND_POINTS = 8  # the periods of the strip's small charts, the chosen one last


@dataclass
class Headline:
    indicator: Indicator
    rows: list  # comparisons of periods like the chosen one, oldest first, ending with it
    latest: Comparison | None  # the chosen period's


@dataclass
class DistrictRow:
    indicator: Indicator
    cells: dict = field(default_factory=dict)  # area id → comparison


def headline_indicators() -> list[Indicator]:
    """The indicators the default report definition marks as headline, in its order."""
    sections = (
        ReportSection.objects.filter(definition__is_default=True, kind=ReportSection.Kind.HEADLINE)
        .order_by("position")
        .prefetch_related("indicators")
    )
    chosen, seen = [], set()
    for section in sections:
        for indicator in sorted(section.indicators.all(), key=lambda i: (i.display_order, i.name)):
            if indicator.pk not in seen:
                seen.add(indicator.pk)
                chosen.append(indicator)
    return chosen


def headlines(*, indicators, area: Area, period: Period, basis: str = Basis.APPROVED):
    """Each headline indicator's last periods of the chosen period's kind and length in
    ``area`` (one query for them all)."""
    rows = (
        Comparison.on_basis(basis)
        .filter(
            indicator__in=indicators,
            area=area,
            period__kind=period.kind,
            period__end__lte=period.end,
        )
        .select_related("period")
        .order_by("period__start")
    )
    length = period.spec.months
    by_indicator: dict[int, list] = {}
    for row in rows:
        if row.period.spec.months == length:
            by_indicator.setdefault(row.indicator_id, []).append(row)
    found = []
    for indicator in indicators:
        series = by_indicator.get(indicator.pk, [])[-TREND_POINTS:]
        latest = next((row for row in series if row.period_id == period.pk), None)
        found.append(Headline(indicator, series, latest))
    return found


def districts_compared(*, indicators, period: Period, basis: str = Basis.APPROVED):
    """The areas, then one row per indicator with a rate: each area's comparison for the period
    (one query for them all)."""
    rated = [indicator for indicator in indicators if indicator.rate_denominator]
    rows = (
        Comparison.on_basis(basis)
        .filter(indicator__in=rated, period=period, rate_per_1000__isnull=False)
        .select_related("area")
    )
    table = {indicator.pk: DistrictRow(indicator) for indicator in rated}
    areas = {}
    for row in rows:
        table[row.indicator_id].cells[row.area_id] = row
        areas[row.area_id] = row.area
    ordered = sorted(areas.values(), key=lambda a: (a.kind != "district", a.display_order, a.name))
    return ordered, [row for row in table.values() if row.cells]
