"""Reads for quarterly entry: what an organisation reports in a quarter, and the grid it fills.

An organisation reports the quarterly and monthly indicators it is the source of, for the areas it
reports (``Area.reported_by``). Quarterly indicators have one box per area for the quarter; monthly
ones (fires) a box per month of the quarter. Annual indicators are uploaded as a spreadsheet.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import cached_property

from django.conf import settings

from indicators import periods
from indicators.arithmetic import Unit
from indicators.models import Area, Figure, Indicator
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

    @cached_property
    def _indicator_ids(self) -> frozenset[int]:
        return frozenset(indicator.pk for indicator in self.indicators)

    @cached_property
    def _area_ids(self) -> frozenset[int]:
        return frozenset(area.pk for area in self.areas)

    def problem(self, indicator: Indicator, area: Area, spec: periods.PeriodSpec) -> str:
        """Why an organisation's file may not hold this figure, or ""."""
        name = self.organisation.name
        if indicator.pk not in self._indicator_ids:
            return f"{name} does not report {indicator.name} in {self.quarter.code}"
        if area.pk not in self._area_ids:
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


def figures_by_box(
    scope: EntryScope, specs: set[periods.PeriodSpec], *, for_update: bool = False
) -> dict[tuple, Figure]:
    """Figures of the scope's indicators and areas in ``specs``, keyed (indicator, area, code);
    ``for_update`` locks them until the transaction ends (a save compares their versions)."""
    figures = Figure.objects.filter(
        indicator__in=scope.indicators,
        area__in=scope.areas,
        period__code__in={spec.code for spec in specs},
    ).select_related("period", "updated_by")
    if for_update:
        figures = figures.select_for_update(of=("self",))
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


@dataclass
class AreaCompleteness:
    area: Area
    expected: int
    entered: int
    not_available: int
    approved: int = 0  # boxes with an approved figure, whatever route it came by

    @property
    def missing(self) -> int:
        return self.expected - self.entered - self.not_available


@dataclass
class ReturnCompleteness:
    organisation: Organisation
    status: str
    status_label: str
    due: date
    overdue: bool
    areas: list[AreaCompleteness]

    @property
    def expected(self) -> int:
        return sum(a.expected for a in self.areas)

    @property
    def missing(self) -> int:
        return sum(a.missing for a in self.areas)

    @property
    def approved(self) -> int:
        return sum(a.approved for a in self.areas)


def reporting_organisations():
    """Organisations that report quarterly or monthly figures for at least one area."""
    return (
        Organisation.objects.filter(
            indicators__frequency__in=[Indicator.Frequency.QUARTERLY, Indicator.Frequency.MONTHLY],
            reported_areas__isnull=False,
        )
        .distinct()
        .order_by("name")
    )


def return_due(quarter: periods.PeriodSpec) -> date:
    """When an organisation's figures for ``quarter`` are due."""
    return quarter.end + timedelta(days=settings.QUARTER_RETURN_DUE_DAYS)


def quarter_completeness(*, quarter: periods.PeriodSpec, today: date) -> list[ReturnCompleteness]:
    """Per reporting organisation and area: boxes expected, entered, not available, missing."""
    from indicators.models import QuarterReturn

    returns = {
        r.organisation_id: r for r in QuarterReturn.objects.filter(period__code=quarter.code)
    }
    due = return_due(quarter)
    result = []
    for organisation in reporting_organisations():
        scope = entry_scope(organisation=organisation, quarter=quarter)
        boxes = scope.boxes()
        found = figures_by_box(scope, {spec for _, spec, _ in boxes})
        per_area = []
        for area in scope.areas:
            mine = [(i, s) for i, s, a in boxes if a.pk == area.pk]
            figures = [found.get((i.pk, area.pk, s.code)) for i, s in mine]
            per_area.append(
                AreaCompleteness(
                    area=area,
                    expected=len(mine),
                    entered=sum(1 for f in figures if f is not None and f.value is not None),
                    not_available=sum(1 for f in figures if f is not None and f.value is None),
                    approved=sum(1 for f in figures if f is not None and f.is_approved),
                )
            )
        record = returns.get(organisation.pk)
        status = record.status if record else QuarterReturn.Status.DRAFT
        label = QuarterReturn.Status(status).label if record else "Not started"
        expected = sum(a.expected for a in per_area)
        approved = sum(a.approved for a in per_area)
        if status == QuarterReturn.Status.DRAFT and approved:
            # Figures approved by another route (the lead's upload) count too.
            if approved == expected:
                status, label = QuarterReturn.Status.APPROVED, "Approved (by upload)"
            else:
                label = f"{label}: {approved} of {expected} approved"
        result.append(
            ReturnCompleteness(
                organisation=organisation,
                status=status,
                status_label=label,
                due=due,
                overdue=today > due and status == QuarterReturn.Status.DRAFT,
                areas=per_area,
            )
        )
    return result


def quarter_choices(*, today: date, earliest_year: int = 2014) -> list[periods.PeriodSpec]:
    """Every financial quarter from April ``earliest_year`` to the one containing ``today``,
    newest first."""
    current = periods.quarter_containing(today)
    current_fy, current_q = current.financial_year, current.quarter
    choices = [
        periods.quarter(fy, q)
        for fy in range(earliest_year, current_fy + 1)
        for q in range(1, 5)
        if (fy, q) <= (current_fy, current_q)
    ]
    return list(reversed(choices))


def quarter_suggested(*, today: date) -> periods.PeriodSpec:
    """The quarter of the latest quarterly or monthly figure (else the last one that has ended):
    where an officer most likely wants to carry on."""
    latest = (
        Figure.objects.filter(
            period__kind__in=[periods.PeriodKind.QUARTER, periods.PeriodKind.MONTH]
        )
        .order_by("-period__start")
        .values_list("period__code", flat=True)
        .first()
    )
    if latest:
        spec = periods.parse(latest)
        return periods.quarter(spec.financial_year, spec.quarter)
    return quarter_choices(today=today)[1]
