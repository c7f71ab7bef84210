"""Working out what the public may see, once per recompute rather than per request: every
approved value of every period the public may see, with small numbers suppressed across every
area and total of the period at once (so no page can be subtracted from another), stored as
PublicFigure rows that the public page, the open-data file and the API read.

A financial year entered only as quarters (or months) is added up for the public once every one
of them is approved; a force area from its districts once all of theirs are.

After some figures change only the periods overlapping them are worked out again, for the
families and forces in the recompute's scope (suppression never reaches across either)."""

import logging
import time

from django.db import connection
from django.db.models import Exists, OuterRef

from indicators import periods
from indicators.arithmetic import Unit
from indicators.models import Area, Figure, Indicator, Period, PublicFigure
from indicators.recompute_scope import RecomputeScope
from indicators.suppression import suppressed_cells
from shp.bulk_writes import StagingTable

logger = logging.getLogger(__name__)
FEWER_THAN_5 = "fewer than 5"
NOT_SHOWN = "not shown"


def public_figures_compute(scope: RecomputeScope) -> list[tuple]:
    """What the public may see of the approved figures in ``scope`` now, as rows of (period
    id, indicator id, area id, value, hidden text)."""
    started = time.perf_counter()
    indicators = {i.pk: i for i in _in_scope(Indicator.objects.all(), scope.indicator_ids)}
    areas = list(_in_scope(Area.objects.all(), scope.area_ids))
    rows = []
    outputs = _periods_with_approved_figures(scope)
    period_ids = {p.code: p.pk for p in Period.objects.all()}
    approved = _approved_values(scope, outputs, period_ids)
    for period in outputs:
        figures = _approved(period, approved, period_ids, indicators)
        figures = _with_forces(figures, indicators, areas)
        primary, secondary = suppressed(figures, period, indicators, areas)
        for (indicator_id, area_id), value in figures.items():
            key = (indicator_id, area_id)
            hidden = FEWER_THAN_5 if key in primary else NOT_SHOWN if key in secondary else ""
            rows.append((period.pk, indicator_id, area_id, None if hidden else value, hidden))
    logger.info("public figures: %s rows in %.1f s", len(rows), time.perf_counter() - started)
    return rows


def _in_scope(queryset, ids):
    return queryset if ids is None else queryset.filter(pk__in=ids)


class PublicStage(StagingTable):
    """Public cells worked out, held until they replace the stored ones all at once: COPied
    into a temporary table part by part on PostgreSQL, kept in a list elsewhere."""

    COLUMNS = "period_id, indicator_id, area_id, value, hidden_text"

    def __init__(self):
        super().__init__(
            "public_figure_stage",
            "period_id bigint, indicator_id bigint, area_id bigint, value numeric, "
            "hidden_text text",
        )

    def add(self, rows: list[tuple]) -> None:
        if not self.on_postgresql:
            self.held.extend(rows)
            return
        sql = f"COPY {self.name} ({self.COLUMNS}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)

    def replace(self, scope: RecomputeScope) -> None:
        """Replace the stored cells in ``scope`` with the staged ones (readers see the old
        ones until the caller's transaction commits)."""
        stored = scope.places(PublicFigure.objects.all())
        if scope.changed is not None:
            changed = [p.pk for p in Period.objects.all() if scope.is_public_output(p.spec)]
            stored = stored.filter(period_id__in=changed)
        stored._raw_delete(stored.db)
        if not self.on_postgresql:
            PublicFigure.objects.bulk_create(
                (
                    PublicFigure(period_id=p, indicator_id=i, area_id=a, value=v, hidden_text=h)
                    for p, i, a, v, h in self.held
                ),
                batch_size=5000,
            )
            return
        table = PublicFigure._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} ({self.COLUMNS}) SELECT {self.COLUMNS} FROM {self.name}"
            )


def _periods_with_approved_figures(scope: RecomputeScope) -> list[Period]:
    """Periods in scope with an approved figure, and financial years with an approved quarter
    or month (stored as periods here, so that their public figures can refer to them)."""
    approved = scope.places(Figure.objects.filter(period=OuterRef("pk")).approved())
    found = [p for p in Period.objects.filter(Exists(approved)) if scope.is_public_output(p.spec)]
    years = {
        periods.parse(periods.fy_code(period.spec.financial_year))
        for period in found
        if period.kind in (periods.PeriodKind.QUARTER, periods.PeriodKind.MONTH)
    }
    stored = Period.objects.ensure(years)
    return list({p.pk: p for p in [*found, *stored.values()]}.values())


def _parts_of_year(period: Period) -> tuple[list, list]:
    return periods.quarters_of(period.spec), periods.months_of(period.spec)


def _approved_values(scope: RecomputeScope, outputs: list[Period], period_ids: dict) -> dict:
    """Approved values of the figures in ``scope`` of every period worked out and every
    quarter and month of its financial years, read at once: {period id: {(indicator id, area
    id): value}}."""
    wanted = {p.pk for p in outputs}
    for period in outputs:
        if period.kind == periods.PeriodKind.FINANCIAL_YEAR:
            for parts in _parts_of_year(period):
                wanted.update(period_ids[p.code] for p in parts if p.code in period_ids)
    approved: dict[int, dict] = {pk: {} for pk in wanted}
    rows = (
        scope.places(Figure.objects.approved())
        .filter(period_id__in=wanted)
        .values_list("period_id", "indicator_id", "area_id", "approved_value")
    )
    for period_id, indicator_id, area_id, value in rows:
        approved[period_id][(indicator_id, area_id)] = value
    return approved


def _approved(period: Period, approved: dict, period_ids: dict, indicators: dict) -> dict:
    """Approved values entered for ``period`` by (indicator id, area id); for a financial
    year, counts not entered for it are added up from their quarters (or months) when every
    one of them is approved."""
    figures = dict(approved[period.pk])
    if period.kind != periods.PeriodKind.FINANCIAL_YEAR:
        return figures
    for parts in _parts_of_year(period):
        tables = [approved.get(period_ids.get(part.code), {}) for part in parts]
        for key in set().union(*tables):
            if key in figures or indicators[key[0]].unit != Unit.COUNT:
                continue
            values = [table[key] for table in tables if key in table]
            if len(values) == len(tables) and all(v is not None for v in values):
                figures[key] = sum(values)
    return figures


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
            if all(part is not None for part in parts):
                figures[(indicator_id, force)] = sum(parts)
    return figures


def suppressed(values: dict, period, indicators, areas) -> tuple[set, set]:
    """The (indicator id, area id) cells the public may not see: counts from 1 to 4 (primary),
    and the cells hidden so that no total or force gives one away (secondary)."""
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
