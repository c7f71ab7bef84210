"""Reads for quarterly entry: what an organisation reports in a quarter, and the grid it fills.

An organisation reports the quarterly and monthly indicators it is the source of, for the areas it
reports (``Area.reported_by``). Quarterly indicators have one box per area for the quarter; monthly
ones (fires) a box per month of the quarter. Annual indicators are uploaded as a spreadsheet.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from indicators import periods
from indicators.arithmetic import Unit
from indicators.models import Area, Figure, Indicator, Period
from shp.models import Organisation


@dataclass(frozen=True)
class EntryScope:
    """The boxes an organisation fills for a quarter."""

    organisation: Organisation
    quarter: periods.PeriodSpec
    indicators: tuple[Indicator, ...]
    areas: tuple[Area, ...]

    def periods_for(self, indicator: Indicator) -> list[periods.PeriodSpec]:
        """The periods of ``indicator`` entered in this quarter: the quarter, or its months."""
        if indicator.frequency == Indicator.Frequency.MONTHLY:
            return periods.months_of(self.quarter)
        return [self.quarter]

    def boxes(self) -> list[tuple[Indicator, periods.PeriodSpec, Area]]:
        return [
            (indicator, spec, area)
            for indicator in self.indicators
            for spec in self.periods_for(indicator)
            for area in self.areas
        ]

    def problem(self, indicator: Indicator, area: Area, spec: periods.PeriodSpec) -> str:
        """Why an organisation's file may not hold this figure, or ""."""
        name = self.organisation.name
        if indicator.pk not in {i.pk for i in self.indicators}:
            return f"{name} does not report {indicator.name} in {self.quarter.code}"
        if area.pk not in {a.pk for a in self.areas}:
            return f"{name} does not report figures for {area.name}"
        if spec not in self.periods_for(indicator):
            allowed = " or ".join(s.code for s in self.periods_for(indicator))
            return f"{indicator.name} is entered for {allowed} here, not {spec.code}"
        return ""


def entry_scope(*, organisation: Organisation, quarter: periods.PeriodSpec) -> EntryScope:
    """The indicators and areas ``organisation`` reports in ``quarter``."""
    indicators = tuple(
        indicator
        for indicator in Indicator.objects.filter(
            source=organisation,
            frequency__in=[Indicator.Frequency.QUARTERLY, Indicator.Frequency.MONTHLY],
        ).select_related("parent")
        if indicator.is_valid_for(quarter)
    )
    areas = tuple(organisation.reported_areas.order_by("display_order", "name"))
    return EntryScope(organisation, quarter, indicators, areas)


@dataclass
class Box:
    """One input of the grid, with what is shown beside it."""

    indicator: Indicator
    spec: periods.PeriodSpec
    area: Area
    figure: Figure | None
    last_year: Figure | None
    year_to_date: Decimal | None
    year_to_date_complete: bool

    @property
    def key(self) -> str:
        """The form field stem: ``b-<indicator>-<area>-<yyyymm>``."""
        return f"b-{self.indicator.pk}-{self.area.pk}-{self.spec.start:%Y%m}"


@dataclass
class GridRow:
    indicator: Indicator
    spec: periods.PeriodSpec
    boxes: list[Box] = field(default_factory=list)

    @property
    def label(self) -> str:
        if self.spec.kind == periods.PeriodKind.MONTH:
            return f"{self.indicator.name}, {self.spec.label}"
        return self.indicator.name


def _year_so_far(spec: periods.PeriodSpec) -> list[periods.PeriodSpec]:
    """The periods of the same kind from the start of the financial year up to ``spec``."""
    start = periods.financial_year(spec.financial_year).first_month
    step = spec.months
    return [
        periods.PeriodSpec(first, step, spec.kind)
        for first in range(start, spec.first_month + 1, step)
    ]


def figures_by_box(scope: EntryScope, specs: set[periods.PeriodSpec]) -> dict[tuple, Figure]:
    """Figures of the scope's indicators and areas in ``specs``, keyed (indicator, area, code)."""
    figures = Figure.objects.filter(
        indicator__in=scope.indicators,
        area__in=scope.areas,
        period__code__in={spec.code for spec in specs},
    ).select_related("period")
    return {(f.indicator_id, f.area_id, f.period.code): f for f in figures}


def entry_grid(*, scope: EntryScope) -> list[GridRow]:
    """The grid rows, each with a box per area: the figure, last year's and the year to date."""
    wanted: set[periods.PeriodSpec] = set()
    for indicator in scope.indicators:
        for spec in scope.periods_for(indicator):
            wanted.update(_year_so_far(spec))
            wanted.add(spec.shifted(-1))
    found = figures_by_box(scope, wanted)
    rows = []
    for indicator in scope.indicators:
        for spec in scope.periods_for(indicator):
            row = GridRow(indicator, spec)
            for area in scope.areas:
                so_far = [found.get((indicator.pk, area.pk, s.code)) for s in _year_so_far(spec)]
                values = [f.value for f in so_far if f is not None and f.value is not None]
                summable = indicator.unit == Unit.COUNT and values
                row.boxes.append(
                    Box(
                        indicator=indicator,
                        spec=spec,
                        area=area,
                        figure=found.get((indicator.pk, area.pk, spec.code)),
                        last_year=found.get((indicator.pk, area.pk, spec.shifted(-1).code)),
                        year_to_date=sum(values) if summable else None,
                        year_to_date_complete=len(values) == len(so_far),
                    )
                )
            rows.append(row)
    return rows


def quarter_period(code: str) -> Period | None:
    """The stored Period of a quarter code, if any figure or return has used it."""
    return Period.objects.filter(code=code).first()
