"""What a recompute has to work out again after some figures changed.

A comparison depends on figures of its own indicator family (a total is the sum of its parts), of
its own force (a force is the sum of its districts) and of its own period and the same period a
year earlier; a target's status and a published table's check also read their baseline period.
So figures written in an area and a period change exactly:

- indicators: the whole family (same top-level indicator) of each indicator written;
- areas: the whole force (the force and its districts) of each area written;
- periods: those overlapping the months written (a quarter, the years, year-to-date and rolling
  periods that contain it), those overlapping the same months a year later (whose baseline it
  is), and those whose target or published row has a baseline overlapping the months written.

The recompute reads the figures those need — the same families and forces, over the months the
periods and their baselines cover (periods are at most 12 months long, so 23 months either side
of the months written) — works them out exactly as a full recompute would, and replaces only
the stored rows of the changed periods. ``tests/indicators/test_incremental_recompute.py`` shows
the result equal to a full recompute's, row for row."""

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from indicators import periods
from indicators.models import Area, FigureChange, Indicator, Period, PublishedValue, Target

LONGEST_PERIOD = 12  # months
REACH = 2 * LONGEST_PERIOD - 1  # months either side of a change that a changed row may read


@dataclass(frozen=True)
class RecomputeScope:
    """What one recompute works out. None in a dimension means all of it: a full recompute
    has None in each; a full one's part has only some areas; a recompute after some figures
    changed has families, forces and the months that changed."""

    change_ids: tuple[int, ...]
    indicator_ids: frozenset[int] | None = None
    area_ids: frozenset[int] | None = None
    changed: tuple[tuple[int, int], ...] | None = None  # months [first, last + 1) changed
    extra: frozenset[tuple[str, int, int]] = frozenset()  # (kind, first, months) also changed
    input_period_ids: frozenset[int] | None = None

    @property
    def is_full(self) -> bool:
        return self.indicator_ids is None and self.area_ids is None and self.changed is None

    def figures(self, queryset):
        """``queryset`` of figures narrowed to those the recompute reads."""
        queryset = self.places(queryset)
        if self.input_period_ids is not None:
            queryset = queryset.filter(period_id__in=self.input_period_ids)
        return queryset

    def places(self, queryset):
        """``queryset`` (of rows with an indicator and an area) narrowed to the families and
        forces in scope."""
        if self.indicator_ids is not None:
            queryset = queryset.filter(indicator_id__in=self.indicator_ids)
        if self.area_ids is not None:
            queryset = queryset.filter(area_id__in=self.area_ids)
        return queryset

    def in_parts(self, areas_per_part: int) -> list["RecomputeScope"]:
        """A full recompute as parts of whole forces, about ``areas_per_part`` areas each, so
        that only one part's rows are in memory at a time (nothing reaches across forces)."""
        if not self.is_full:
            return [self]
        parents = dict(Area.objects.values_list("pk", "parent_id"))
        forces: dict[int, list[int]] = {}
        for pk in sorted(parents):
            forces.setdefault(_root(parents, pk), []).append(pk)
        parts, current = [], []
        for members in forces.values():
            current.extend(members)
            if len(current) >= areas_per_part:
                parts.append(current)
                current = []
        if current or not parts:
            parts.append(current)
        if len(parts) == 1:
            return [self]
        return [RecomputeScope(change_ids=(), area_ids=frozenset(part)) for part in parts]

    def is_output(self, spec: periods.PeriodSpec) -> bool:
        """Whether rows of this period are worked out again (and replaced)."""
        if self.changed is None:
            return True
        key = (spec.kind, spec.first_month, spec.months)
        return key in self.extra or _overlaps_any(
            spec.first_month, spec.months, self._changed_and_year_later
        )

    def is_public_output(self, spec: periods.PeriodSpec) -> bool:
        """Whether the public's cells of this period are worked out again (a public cell is
        the period's own approved figure, or a year added up from its quarters)."""
        return self.changed is None or _overlaps_any(spec.first_month, spec.months, self.changed)

    def output_mask(self, kinds: list[str], kind, first, months) -> np.ndarray:
        """``is_output`` for arrays of period keys (kind as an index into ``kinds``)."""
        first, months = np.asarray(first), np.asarray(months)
        if self.changed is None:
            return np.ones(len(first), dtype=bool)
        mask = np.zeros(len(first), dtype=bool)
        for start, stop in self._changed_and_year_later:
            mask |= (first < stop) & (first + months > start)
        if self.extra:
            keys = pd.MultiIndex.from_arrays([np.asarray(kind), first, months])
            wanted = [(kinds.index(k), f, m) for k, f, m in self.extra]
            mask |= keys.isin(wanted)
        return mask

    @property
    def _changed_and_year_later(self) -> list[tuple[int, int]]:
        return _merged([*self.changed, *((a + 12, b + 12) for a, b in self.changed)])

    def describe(self) -> str:
        if self.is_full:
            return "every figure"
        if self.changed is None:
            return f"every figure of {len(self.area_ids)} areas"
        return (
            f"{len(self.indicator_ids)} indicators × {len(self.area_ids)} areas, "
            f"{len(self.changed)} spans of months changed"
        )


def recompute_scope_full() -> RecomputeScope:
    """Everything, taking every recorded change into account."""
    return RecomputeScope(change_ids=tuple(FigureChange.objects.values_list("pk", flat=True)))


def recompute_scope_changed() -> RecomputeScope | None:
    """What the recorded changes touch, or None when nothing has changed since the last
    recompute. Changes that reach every indicator, area and period make a full recompute."""
    changes = list(FigureChange.objects.values_list("pk", "area_id", "period_id", "indicator_ids"))
    if not changes:
        return None
    change_ids = tuple(pk for pk, *_ in changes)
    indicator_parents = dict(Indicator.objects.values_list("pk", "parent_id"))
    area_parents = dict(Area.objects.values_list("pk", "parent_id"))
    indicator_ids = _same_root(indicator_parents, {i for *_, written in changes for i in written})
    area_ids = _same_root(area_parents, {area for _, area, _, _ in changes})
    specs = {pk: periods.parse(code) for pk, code in Period.objects.values_list("pk", "code")}
    changed = _merged(
        [
            (specs[period].first_month, specs[period].first_month + specs[period].months)
            for _, _, period, _ in changes
        ]
    )
    scope = RecomputeScope(
        change_ids=change_ids,
        indicator_ids=frozenset(indicator_ids),
        area_ids=frozenset(area_ids),
        changed=tuple(changed),
    )
    extra, reads = _rows_with_baselines(scope, specs)
    reads += [(a - REACH, b + REACH) for a, b in changed]
    reads = _merged(reads)
    read_periods = frozenset(
        pk for pk, spec in specs.items() if _overlaps_any(spec.first_month, spec.months, reads)
    )
    everything = (
        len(indicator_ids) == len(indicator_parents)
        and len(area_ids) == len(area_parents)
        and len(read_periods) == len(specs)
    )
    if everything:
        return RecomputeScope(change_ids=change_ids)
    return replace(scope, extra=frozenset(extra), input_period_ids=read_periods)


def _rows_with_baselines(scope: RecomputeScope, specs) -> tuple[set, list]:
    """Targets and published rows in scope: the periods whose row changes because their
    baseline did, and the months that must be read to work them out."""
    extra, reads = set(), []
    rows = [
        *scope.places(Target.objects.all()).values_list("period_id", "baseline_period_id"),
        *scope.places(PublishedValue.objects.filter(baseline_period__isnull=False)).values_list(
            "period_id", "baseline_period_id"
        ),
    ]
    for period_id, baseline_id in rows:
        period, baseline = specs[period_id], specs[baseline_id]
        if _overlaps_any(baseline.first_month, baseline.months, scope.changed):
            extra.add((period.kind, period.first_month, period.months))
            reads.append((period.first_month - 12, period.first_month + period.months))
    for period_id, baseline_id in rows:
        period, baseline = specs[period_id], specs[baseline_id]
        key = (period.kind, period.first_month, period.months)
        if key in extra or scope.is_output(period):
            reads.append((baseline.first_month, baseline.first_month + baseline.months))
    return extra, reads


def _same_root(parents: dict[int, int | None], written: set[int]) -> set[int]:
    """Every id sharing a top-level ancestor with one of ``written``."""

    roots = {_root(parents, pk) for pk in written}
    return {pk for pk in parents if _root(parents, pk) in roots}


def _root(parents: dict[int, int | None], pk: int) -> int:
    seen = set()
    while parents.get(pk) is not None and pk not in seen:
        seen.add(pk)
        pk = parents[pk]
    return pk


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Half-open month spans, overlapping or touching ones joined, in order."""
    out: list[list[int]] = []
    for start, stop in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], stop)
        else:
            out.append([start, stop])
    return [(a, b) for a, b in out]


def _overlaps_any(first: int, months: int, spans) -> bool:
    return any(first < stop and first + months > start for start, stop in spans)
