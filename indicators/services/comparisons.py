"""Recompute every stored comparison from the figures, vectorised with pandas.

Values are handled as integers scaled by 10,000 (figures have at most four decimal places), so sums,
changes and the published rounding (half away from zero) are exact. The steps:

1. entered figures; counts summed upward: months → quarters → financial years, year to date,
   calendar years and rolling 12 months (only when every part is there);
2. totals made of their parts (the catalogue's sum rules), deepest first;
3. force areas as the sum of their districts;
4. each value against the same period a year earlier: change, % change (percentage points for
   percentage indicators), rate per 1,000, direction by polarity, target status and RAG;
5. consistency warnings: entered totals that differ from their parts, force figures that differ
   from their districts, periods that differ from their quarters, figures outside an indicator's
   dates, and published tables that contradict themselves or the figures.

It runs twice, on two bases stored side by side: approved figures only (their approved values,
what every reader shows by default), and every figure's working value, where each value that rests
on a draft or submitted figure is flagged ``provisional`` so that pages can mark it.

After figures are saved, the job works out only what depends on them (the recorded changes,
widened to their families, forces and periods: indicators/recompute_scope.py) and replaces just
those rows; a full recompute (after the catalogue, a target or the set-up changed, or on
demand) works out everything, a part of the forces at a time. Each part is written to staging
tables as soon as it is worked out, and the stored rows are replaced from them in one
transaction.
"""

import json
import logging
import time
from collections import defaultdict
from contextlib import contextmanager
from decimal import Decimal

import numpy as np
import pandas as pd
from django.db import connection, transaction
from django.db.models import BigIntegerField, F
from django.db.models.functions import Cast, Round
from django.utils import timezone

from indicators import periods
from indicators.arithmetic import Direction, Polarity, Unit
from indicators.cache import comparisons_version_raise
from indicators.denominators import DenominatorTable, denominator_year
from indicators.models import (
    Area,
    Basis,
    Comparison,
    Figure,
    Indicator,
    Period,
    PublishedValue,
    SeriesBreak,
    Target,
)
from indicators.published import check_published_row
from indicators.recompute_scope import (
    RecomputeScope,
    recompute_scope_changed,
    recompute_scope_full,
)
from indicators.services.figure_changes import figure_changes_forget
from indicators.services.public_figures import PublicStage, public_figures_compute
from indicators.targets import Rag, TargetStatus, assess
from shp import services as core_services
from shp.bulk_writes import StagingTable, frame_copy
from shp.table_rebuild import table_rebuild

logger = logging.getLogger(__name__)
SCALE = 10_000
RECOMPUTE_JOB_KIND = "comparisons-recompute"
RECOMPUTE_LOCK = 7_301_516  # any constant shared by every worker
RECOMPUTE_STEPS = 9
KEY = ["ind", "area", "kind", "first", "months"]


def comparisons_recompute_start(*, user=None, full: bool = False):
    """Queue a recompute (after the current transaction commits): by default of what the
    figures written since the last one change; ``full`` for everything, as after a change to
    the catalogue, a target or the set-up, which figures' writes do not record."""
    from indicators.tasks import comparisons_recompute_task

    job = core_services.job_create(
        kind=RECOMPUTE_JOB_KIND,
        title="Recompute comparisons" if full else "Recompute changed comparisons",
        total_steps=RECOMPUTE_STEPS,
        created_by=user,
        task=comparisons_recompute_task,
        task_args=(full,),
    )
    return job


def round_half_away_div(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """numerator ÷ denominator rounded half away from zero, exactly, on int64 arrays."""
    numerator = numerator.astype(np.int64)
    denominator = denominator.astype(np.int64)
    sign = np.sign(numerator) * np.sign(denominator)
    n, d = np.abs(numerator), np.abs(denominator)
    safe = np.where(d == 0, 1, d)
    return sign * ((2 * n + safe) // (2 * safe))


class _Progress:
    """Records each step on the job, and logs how long the previous one took."""

    def __init__(self, job_id):
        self.job_id = job_id
        self.step = 0
        self.started = time.perf_counter()
        self.message = ""

    def __call__(self, message: str):
        now = time.perf_counter()
        if self.message:
            logger.info("recompute: %s took %.1f s", self.message, now - self.started)
        self.started, self.message = now, message
        self.step += 1
        if self.job_id:
            core_services.job_progress(job_id=self.job_id, step=self.step, message=message)


@contextmanager
def _one_recompute_at_a_time():
    """Recomputes queue behind each other (PostgreSQL advisory lock), so a job that started
    later, and read newer figures, is never overwritten by an earlier one finishing after it."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [RECOMPUTE_LOCK])
        try:
            yield
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [RECOMPUTE_LOCK])


def comparisons_recompute(*, job_id=None, full: bool = True) -> int:
    """Recompute and store the comparisons — every one, or (``full`` False) those that the
    figures written since the last recompute change. Returns how many rows were stored."""
    with _one_recompute_at_a_time():
        # Read under the lock: a change recorded meanwhile is left for the job that follows it.
        scope = recompute_scope_full() if full else recompute_scope_changed()
        if scope is None:
            if job_id:
                core_services.job_succeed(
                    job_id=job_id, message="Nothing changed since the last recompute"
                )
            return 0
        return _recompute(job_id, scope)


AREAS_PER_PART = 64  # a full recompute works out about this many areas at a time


def _recompute(job_id, scope: RecomputeScope) -> int:
    started = time.perf_counter()
    progress = _Progress(job_id)
    catalogue = {i.pk: i for i in Indicator.objects.all()}
    specs = {p.pk: p.spec for p in Period.objects.all()}
    denominators = DenominatorTable.load()
    breaks = defaultdict(list)
    for series_break in SeriesBreak.objects.all():
        breaks[series_break.indicator_id].append(series_break)
    count = 0
    parts = scope.in_parts(AREAS_PER_PART)
    with _StagedRows() as staged, PublicStage() as public:
        for number, part in enumerate(parts, 1):
            # Parts report as one step each; a single part reports its own stages.
            stage = progress if len(parts) == 1 else _Progress(None)
            if len(parts) > 1:
                progress(f"Working out part {number} of {len(parts)} ({part.describe()})")
            for basis in (Basis.APPROVED, Basis.PROVISIONAL):
                rows = _basis_rows(basis, catalogue, specs, denominators, breaks, stage, part)
                count += len(rows)
                staged.add(rows)
                del rows  # one basis of one part in memory at a time
            stage("Working out what the public sees")
            public.add(public_figures_compute(part))
        progress("Saving comparisons")
        with transaction.atomic():  # pages and the public see the new state all at once
            public.replace(scope)
            staged.replace(scope)  # last: a full one swaps a table in, holding readers to commit
            figure_changes_forget(list(scope.change_ids))
            # What pages cached from the old rows (of these areas) is left behind.
            comparisons_version_raise(scope.area_ids)
    progress("Done")
    logger.info(
        "recompute of %s: %s rows in %.1f s",
        scope.describe(), count, time.perf_counter() - started,
    )  # fmt: skip
    if job_id:
        what = "comparisons" if scope.is_full else "changed comparisons"
        core_services.job_succeed(job_id=job_id, message=f"Recomputed {count:,} {what}")
    return count


def _basis_rows(
    basis, catalogue, specs, denominators, breaks, progress, scope: RecomputeScope
) -> pd.DataFrame:
    """The rows to store for one basis."""
    label = "approved figures" if basis == Basis.APPROVED else "provisional figures"
    progress(f"Reading {label}")
    values, warnings = _entered_values(catalogue, specs, basis, scope)
    progress(f"Adding up periods, totals and force areas ({label})")
    values = _derive_periods(values, catalogue, warnings)
    values = _derive_totals(values, catalogue, warnings)
    _check_totals_across_breaks(values, catalogue, warnings)
    values = _derive_force(values, catalogue, warnings)
    progress(f"Comparing with the year before ({label})")
    table = _compare(values, catalogue)
    spec_of_key = _specs_by_key(table)
    _flag_changes_across_breaks(table, catalogue, breaks, spec_of_key, warnings)
    period_rows = Period.objects.ensure(spec_of_key.values())
    _assess_targets(table, catalogue, spec_of_key, scope)
    _check_published(table, catalogue, denominators, warnings, scope)
    # Rows of periods outside the scope were worked out only as others' baselines and parts.
    table = table[scope.output_mask(KINDS, table["kind"], table["first"], table["months"])]
    rows = _rows_for_storage(table, catalogue, spec_of_key, period_rows, warnings, denominators)
    rows.insert(0, "basis", basis.value)
    return rows


KINDS = [kind for kind, _ in periods.PeriodKind.CHOICES]
SETTLED = [Figure.Status.APPROVED, Figure.Status.LOCKED]


def _entered_values(catalogue, specs, basis, scope) -> tuple[pd.DataFrame, dict]:
    if basis == Basis.APPROVED:
        figures = scope.figures(Figure.objects.approved()).annotate(
            scaled=Cast(Round(F("approved_value") * SCALE), BigIntegerField()),
            reason=F("approved_not_available_reason"),
        )
        rows = [
            (*row, False)
            for row in figures.values_list(
                "indicator_id", "area_id", "period_id", "scaled", "reason"
            )
        ]
    else:
        figures = scope.figures(Figure.objects.all()).annotate(
            scaled=Cast(Round(F("value") * SCALE), BigIntegerField())
        )
        rows = [
            (ind, area, period, scaled, reason, status not in SETTLED)
            for ind, area, period, scaled, reason, status in figures.values_list(
                "indicator_id", "area_id", "period_id", "scaled", "not_available_reason", "status"
            )
        ]
    frame = pd.DataFrame.from_records(
        rows, columns=["ind", "area", "period", "scaled", "reason", "prov"]
    )
    warnings: dict[tuple, list[str]] = defaultdict(list)
    if frame.empty:
        return _empty_values(), warnings
    period_ids = frame["period"].unique()
    info = pd.DataFrame(
        {
            "period": period_ids,
            "kind": [KINDS.index(specs[p].kind) for p in period_ids],
            "first": [specs[p].first_month for p in period_ids],
            "months": [specs[p].months for p in period_ids],
        }
    )
    frame = frame.merge(info, on="period").drop(columns="period")
    frame["scaled"] = frame["scaled"].astype("Int64")
    frame["prov"] = frame["prov"].astype(bool)
    frame["derived"] = False
    # Figures outside an indicator's dates: checked once per indicator and period, not per row.
    dated = [
        pk for pk, indicator in catalogue.items() if indicator.valid_from or indicator.valid_to
    ]
    pairs = frame.loc[frame["ind"].isin(dated), ["ind", "kind", "first", "months"]]
    outside = [
        (ind, kind, first, months)
        for ind, kind, first, months in pairs.drop_duplicates().itertuples(index=False)
        if not catalogue[ind].is_valid_for(periods.PeriodSpec(first, months, KINDS[kind]))
    ]
    if outside:
        flagged = frame.merge(
            pd.DataFrame(outside, columns=["ind", "kind", "first", "months"]),
            on=["ind", "kind", "first", "months"],
        )
        for ind, area, kind, first, months in flagged[KEY].itertuples(index=False):
            indicator = catalogue[ind]
            code = periods.PeriodSpec(first, months, KINDS[kind]).code
            warnings[(ind, area, kind, first, months)].append(
                f"{code} is outside the dates {indicator.name} is defined for: a figure on "
                "a different basis, not one series"
            )
    return frame, warnings


def _empty_values() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "ind": pd.Series(dtype="int64"),
            "area": pd.Series(dtype="int64"),
            "scaled": pd.Series(dtype="Int64"),
            "reason": pd.Series(dtype="object"),
            "kind": pd.Series(dtype="int64"),
            "first": pd.Series(dtype="int64"),
            "months": pd.Series(dtype="int64"),
            "derived": pd.Series(dtype="bool"),
            "prov": pd.Series(dtype="bool"),
        }
    )


def _counts(values: pd.DataFrame, catalogue) -> pd.Series:
    count_ids = [pk for pk, indicator in catalogue.items() if indicator.unit == Unit.COUNT]
    return values["ind"].isin(count_ids) & values["scaled"].notna()


def _merge_derived(values, derived, warnings, describe) -> pd.DataFrame:
    """Add derived values where nothing was entered; warn where an entered value differs."""
    if derived.empty:
        return values
    derived = derived.assign(reason="", derived=True)
    merged = derived.merge(values[KEY + ["scaled"]], on=KEY, how="left", suffixes=("", "_entered"))
    clash = merged["scaled_entered"].notna() & (merged["scaled_entered"] != merged["scaled"])
    for row in merged[clash].itertuples(index=False):
        key = (row.ind, row.area, row.kind, row.first, row.months)
        warnings[key].append(describe(row))
    new = merged[merged["scaled_entered"].isna()]
    entered_na = values[values["scaled"].isna()][KEY]
    new = new.merge(entered_na, on=KEY, how="left", indicator=True)
    new = new[new["_merge"] == "left_only"].drop(columns=["_merge", "scaled_entered"])
    return pd.concat([values, new[values.columns]], ignore_index=True)


def _fmt(scaled) -> str:
    value = Decimal(int(scaled)).scaleb(-4).normalize()
    return f"{value:,f}"


def _derive_periods(values, catalogue, warnings) -> pd.DataFrame:
    month_kind, quarter_kind = KINDS.index("month"), KINDS.index("quarter")
    counts = values[_counts(values, catalogue)]
    # Months → quarters (financial quarters start in January, April, July and October).
    months = counts[counts["kind"] == month_kind]
    if not months.empty:
        grouped = (
            months.assign(first=months["first"] - months["first"] % 3)
            .groupby(["ind", "area", "first"], as_index=False)
            .agg(scaled=("scaled", "sum"), parts=("scaled", "size"), prov=("prov", "any"))
        )
        grouped = grouped[grouped["parts"] == 3].drop(columns="parts")
        grouped = grouped.assign(kind=quarter_kind, months=3)
        values = _merge_derived(
            values,
            grouped,
            warnings,
            lambda r: (
                f"the quarter was entered as {_fmt(r.scaled_entered)}, but its months add "
                f"up to {_fmt(r.scaled)}"
            ),
        )
        counts = values[_counts(values, catalogue)]
    quarters = counts[counts["kind"] == quarter_kind]
    if quarters.empty:
        return values
    # Each quarter contributes to the longer periods that contain it; a longer period is kept
    # only when all of its quarters are there.
    q_first = quarters["first"].to_numpy()
    position = ((q_first % 12) - 3) % 12 // 3  # 0 for April–June … 3 for January–March
    parts = []
    fy_first = q_first - 3 * position
    parts.append((KINDS.index("financial_year"), fy_first, 12, 4))
    parts.append((KINDS.index("calendar_year"), q_first - q_first % 12, 12, 4))
    for to_quarter in (2, 3):
        parts.append(
            (
                KINDS.index("ytd"),
                np.where(position < to_quarter, fy_first, -1),
                3 * to_quarter,
                to_quarter,
            )
        )
    for lag in range(4):  # rolling 12 months ending with this quarter or one of the next three
        parts.append((KINDS.index("rolling_12"), q_first + 3 * lag - 9, 12, 4))
    frames = []
    for kind, first, length, needed in parts:
        frame = quarters[["ind", "area", "scaled", "prov"]].assign(
            kind=kind, first=first, months=length, needed=needed
        )
        frames.append(frame[frame["first"] >= 0])
    exploded = pd.concat(frames, ignore_index=True)
    grouped = exploded.groupby(KEY, as_index=False).agg(
        scaled=("scaled", "sum"),
        parts=("scaled", "size"),
        needed=("needed", "first"),
        prov=("prov", "any"),
    )
    grouped = grouped[grouped["parts"] == grouped["needed"]].drop(columns=["parts", "needed"])
    return _merge_derived(
        values,
        grouped,
        warnings,
        lambda r: (
            f"{_fmt(r.scaled_entered)} was entered for the whole period, but its quarters "
            f"add up to {_fmt(r.scaled)}"
        ),
    )


def _depth(indicator, catalogue) -> int:
    depth = 0
    while indicator.parent_id:
        depth += 1
        indicator = catalogue[indicator.parent_id]
    return depth


def _derive_totals(values, catalogue, warnings) -> pd.DataFrame:
    """Totals from their parts, every total of one depth in the hierarchy at once, deepest
    first (a total may be a part of another)."""
    parents = defaultdict(list)
    for indicator in catalogue.values():
        if indicator.parent_id and indicator.parent_rule == Indicator.ParentRule.SUM:
            parents[indicator.parent_id].append(indicator)
    levels = defaultdict(list)
    for parent_id in parents:
        if catalogue[parent_id].unit == Unit.COUNT:
            levels[_depth(catalogue[parent_id], catalogue)].append(parent_id)
    for depth in sorted(levels, reverse=True):
        parent_of = {c.pk: parent_id for parent_id in levels[depth] for c in parents[parent_id]}
        rows = values[values["ind"].isin(list(parent_of))]
        if rows.empty:
            continue
        # A total exists only where every part has a value: summed, then blanked where any
        # part was missing (built-in aggregations; a Python function per group took minutes).
        grouped = (
            rows.assign(parent=rows["ind"].map(parent_of), gap=rows["scaled"].isna())
            .groupby(["parent", "area", "kind", "first", "months"], as_index=False)
            .agg(
                scaled=("scaled", "sum"),
                gap=("gap", "any"),
                parts=("ind", "nunique"),
                prov=("prov", "any"),
            )
        )
        grouped["scaled"] = grouped["scaled"].astype("Int64").mask(grouped["gap"])
        grouped = grouped.drop(columns="gap")
        spans = grouped[["parent", "kind", "first", "months"]].drop_duplicates()
        spans["needed"] = [
            sum(1 for c in parents[p] if c.is_valid_for(periods.PeriodSpec(f, m, KINDS[k])))
            for p, k, f, m in spans.itertuples(index=False)
        ]
        grouped = grouped.merge(spans, on=["parent", "kind", "first", "months"])
        grouped = grouped[(grouped["parts"] == grouped["needed"]) & grouped["scaled"].notna()]
        grouped = grouped.drop(columns=["needed", "parts"]).rename(columns={"parent": "ind"})
        grouped["scaled"] = grouped["scaled"].astype("Int64")
        values = _merge_derived(
            values,
            grouped,
            warnings,
            lambda r: (
                f"{catalogue[r.ind].name} is {_fmt(r.scaled_entered)}, but its parts "
                f"({_valid_names(parents[r.ind], r)}) add up to {_fmt(r.scaled)}: a "
                f"difference of {_fmt(r.scaled_entered - r.scaled)}"
            ),
        )
    return values


def _overlaps(indicator, spec: periods.PeriodSpec) -> bool:
    """Whether the indicator's definition applies to any part of the period."""
    if indicator.valid_from and indicator.valid_from > spec.end:
        return False
    return not (indicator.valid_to and indicator.valid_to < spec.start)


def _dates(indicator) -> str:
    if indicator.valid_to:
        return f"{indicator.name} until {indicator.valid_to:%-d %B %Y}"
    return f"{indicator.name} from {indicator.valid_from:%-d %B %Y}"


def _check_totals_across_breaks(values, catalogue, warnings) -> None:
    """An entered total over a period in which some of its parts change definition (a calendar
    year across April 2017, say) cannot be added up from parts valid throughout; it is checked
    against the parts that hold figures for it instead, and a difference is flagged naming the
    break — never skipped silently."""
    parents = defaultdict(list)
    for indicator in catalogue.values():
        if indicator.parent_id and indicator.parent_rule == Indicator.ParentRule.SUM:
            parents[indicator.parent_id].append(indicator)
    for parent_id, components in parents.items():
        parent = catalogue[parent_id]
        dated = [c for c in components if c.valid_from or c.valid_to]
        if parent.unit != Unit.COUNT or not dated:
            continue
        entered = values[
            (values["ind"] == parent_id) & ~values["derived"] & values["scaled"].notna()
        ]
        if entered.empty:
            continue
        ids = [c.pk for c in components]
        parts = values[values["ind"].isin(ids) & values["scaled"].notna()]
        for row in entered.itertuples(index=False):
            spec = periods.PeriodSpec(row.first, row.months, KINDS[row.kind])
            straddling = [c for c in dated if _overlaps(c, spec) and not c.is_valid_for(spec)]
            if not straddling:
                continue
            held = parts[
                (parts["area"] == row.area)
                & (parts["kind"] == row.kind)
                & (parts["first"] == row.first)
                & (parts["months"] == row.months)
            ]
            if held.empty:
                continue
            total = int(held["scaled"].sum())
            if total == int(row.scaled):
                continue
            names = ", ".join(catalogue[i].name for i in sorted(held["ind"].unique()))
            breaks = "; ".join(_dates(c) for c in straddling)
            warnings[(row.ind, row.area, row.kind, row.first, row.months)].append(
                f"{parent.name} {spec.code} spans a change of definition ({breaks}): checked "
                f"against the parts that hold figures for it ({names}), which add up to "
                f"{_fmt(total)}; the total entered is {_fmt(row.scaled)}, a difference of "
                f"{_fmt(int(row.scaled) - total)}"
            )


def _flag_changes_across_breaks(table, catalogue, breaks, spec_of_key, warnings) -> None:
    """A change between a period and its baseline either side of a series break compares two
    definitions: the row says so, naming the break."""
    if not breaks:
        return
    compared = table[table["ind"].isin(list(breaks)) & table["change"].notna()]
    for row in compared[["ind", "area", "kind", "first", "months"]].itertuples(index=False):
        spec = spec_of_key[(row.kind, row.first, row.months)]
        before = spec_of_key[(row.kind, row.first - 12, row.months)]
        for series_break in breaks[row.ind]:
            if before.start < series_break.starts_on <= spec.end:
                warnings[(row.ind, row.area, row.kind, row.first, row.months)].append(
                    f"{catalogue[row.ind].name}: the definition changed from "
                    f"{series_break.starts_on:%-d %B %Y} ({series_break.reason.rstrip('.')}), so "
                    f"{spec.code} and {before.code} are not counted the same way"
                )


def _valid_names(components, row) -> str:
    spec = periods.PeriodSpec(row.first, row.months, KINDS[row.kind])
    return ", ".join(c.name for c in components if c.is_valid_for(spec))


def _derive_force(values, catalogue, warnings) -> pd.DataFrame:
    districts = pd.DataFrame.from_records(
        list(Area.objects.filter(parent__isnull=False).values_list("pk", "parent_id")),
        columns=["area", "force"],
    )
    if districts.empty:
        return values
    size = districts.groupby("force")["area"].size()
    counts = values[_counts(values, catalogue)].merge(districts, on="area")
    if counts.empty:
        return values
    grouped = counts.groupby(["force", "ind", "kind", "first", "months"], as_index=False).agg(
        scaled=("scaled", "sum"), parts=("area", "nunique"), prov=("prov", "any")
    )
    grouped = grouped[grouped["parts"] == grouped["force"].map(size)]
    grouped = grouped.drop(columns="parts").rename(columns={"force": "area"})
    names = {a.pk: a.name for a in Area.objects.all()}
    return _merge_derived(
        values,
        grouped,
        warnings,
        lambda r: (
            f"{names[r.area]} is {_fmt(r.scaled_entered)}, but its districts add up to "
            f"{_fmt(r.scaled)}: a difference of {_fmt(r.scaled_entered - r.scaled)}"
        ),
    )


def _compare(values: pd.DataFrame, catalogue) -> pd.DataFrame:
    baseline = values[KEY + ["scaled", "prov"]].rename(
        columns={"scaled": "base", "prov": "base_prov"}
    )
    baseline = baseline.assign(
        first=baseline["first"] + 12
    )  # a year later is when it is a baseline
    table = values.merge(baseline, on=KEY, how="left")
    table["base_prov"] = table["base_prov"].fillna(False).astype(bool)
    units = table["ind"].map({pk: i.unit for pk, i in catalogue.items()})
    polarity = table["ind"].map({pk: i.polarity for pk, i in catalogue.items()})
    current = table["scaled"].astype("float64").to_numpy()
    base = table["base"].astype("float64").to_numpy()
    both = ~np.isnan(current) & ~np.isnan(base)
    current_i = np.nan_to_num(current).astype(np.int64)
    base_i = np.nan_to_num(base).astype(np.int64)
    change = current_i - base_i
    is_pp = (units == Unit.PERCENTAGE).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        pct = np.where(is_pp, change / SCALE, change / np.where(base_i == 0, np.nan, base_i) * 100)
    pct_ok = both & (is_pp | (base_i != 0))
    tenths = np.where(
        is_pp,
        round_half_away_div(change, np.full_like(change, SCALE // 10)),
        round_half_away_div(change * 1000, np.where(base_i == 0, 1, base_i)),
    )
    table["change"] = _masked_int(change, both)
    table["pct"] = np.where(pct_ok, pct, np.nan)
    table["pct_tenths"] = _masked_int(tenths, pct_ok)
    table["change_unit"] = np.where(is_pp, "pp", "%")
    sign = np.sign(change)
    lower = (polarity == Polarity.LOWER_IS_BETTER).to_numpy()
    judged = (polarity != Polarity.NO_JUDGEMENT).to_numpy()
    better = np.where(lower, sign < 0, sign > 0)
    table["direction"] = np.select(
        [~both, ~judged, sign == 0, better],
        ["", Direction.NOT_JUDGED, Direction.NO_CHANGE, Direction.IMPROVED],
        default=Direction.WORSENED,
    )
    return table


def _masked_int(values: np.ndarray, keep: np.ndarray):
    """A nullable integer column: ``values`` where ``keep``, missing elsewhere."""
    return pd.arrays.IntegerArray(values.astype(np.int64), mask=~np.asarray(keep, dtype=bool))


def _specs_by_key(table) -> dict[tuple, periods.PeriodSpec]:
    keys = set(table[["kind", "first", "months"]].itertuples(index=False, name=None))
    keys |= {(kind, first - 12, months) for kind, first, months in keys}
    return {key: periods.PeriodSpec(key[1], key[2], KINDS[key[0]]) for key in keys}


def _scaled_decimal(value) -> Decimal | None:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    return Decimal(int(value)).scaleb(-4)


def _key_columns(spec: periods.PeriodSpec, prefix: str = "") -> dict:
    return {
        f"{prefix}kind": KINDS.index(spec.kind),
        f"{prefix}first": spec.first_month,
        f"{prefix}months": spec.months,
    }


def _lookup(table: pd.DataFrame, keys: pd.DataFrame, prefix: str = "") -> pd.DataFrame:
    """``keys`` (ind, area and a period under ``prefix``) with the table's row and value."""
    found = (
        table[KEY + ["scaled"]]
        .reset_index()
        .rename(
            columns={
                "index": f"{prefix}row",
                "scaled": f"{prefix}scaled",
                **{c: f"{prefix}{c}" for c in ["kind", "first", "months"]},
            }
        )
    )
    return keys.merge(
        found,
        on=["ind", "area", f"{prefix}kind", f"{prefix}first", f"{prefix}months"],
        how="left",
    )


def _assess_targets(table, catalogue, spec_of_key, scope) -> None:
    status = np.full(len(table), TargetStatus.NO_TARGET, dtype=object)
    rag = np.full(len(table), Rag.NONE, dtype=object)
    rule = np.full(len(table), "", dtype=object)
    targets = list(scope.places(Target.objects.select_related("period", "baseline_period")))
    if targets:
        keys = pd.DataFrame(
            [
                {
                    "target": i,
                    "ind": t.indicator_id,
                    "area": t.area_id,
                    **_key_columns(t.period.spec),
                    **_key_columns(t.baseline_period.spec, "b_"),
                }
                for i, t in enumerate(targets)
            ]
        )
        found = _lookup(table, _lookup(table, keys), "b_")
        for item in found[found["row"].notna()].itertuples(index=False):
            target = targets[item.target]
            indicator = catalogue[target.indicator_id]
            result = assess(
                kind=target.kind,
                value=target.value,
                tolerance=target.amber_tolerance,
                baseline=_scaled_decimal(item.b_scaled),
                baseline_label=target.baseline_period.code,
                current=_scaled_decimal(item.scaled),
                polarity=indicator.polarity,
                unit=indicator.unit,
            )
            row = int(item.row)
            status[row], rag[row], rule[row] = result.status, result.rag, result.rule
    table["target_status"] = status
    table["rag"] = rag
    table["rag_rule"] = rule


def _check_published(table, catalogue, denominators, warnings, scope) -> None:
    """Check published tables against the values just computed (entered and derived)."""
    published = list(
        scope.places(PublishedValue.objects.select_related("period", "baseline_period"))
    )
    if not published:
        return
    keys = pd.DataFrame(
        [
            {
                "published": i,
                "ind": p.indicator_id,
                "area": p.area_id,
                **_key_columns(p.period.spec),
                **_key_columns((p.baseline_period or p.period).spec, "b_"),
            }
            for i, p in enumerate(published)
        ]
    )
    found = _lookup(table, _lookup(table, keys), "b_")
    for item in found.itertuples(index=False):
        row = published[item.published]
        key = (item.ind, item.area, item.kind, item.first, item.months)
        warnings[key].extend(
            check_published_row(
                row=row,
                indicator=catalogue[row.indicator_id],
                current=_scaled_decimal(item.scaled),
                baseline=_scaled_decimal(item.b_scaled) if row.baseline_period else None,
                denominators=denominators,
            )
        )


def _rate_tenths(
    table, catalogue, denominators, first_column: str, scaled_column: str
) -> pd.Series:
    """Rate per 1,000 in tenths (exact, rounded half away from zero) for each row."""
    kinds = table["ind"].map({pk: i.rate_denominator for pk, i in catalogue.items()})
    tenths = pd.Series(pd.NA, index=table.index, dtype="Int64")
    spans = ["area", "kind", first_column, "months"]
    wanted = table.loc[kinds != "", spans].assign(denominator_kind=kinds[kinds != ""])
    wanted = wanted.drop_duplicates()
    if wanted.empty:
        return tenths
    wanted["denominator"] = [
        denominators.get(
            area, denominator_year(periods.PeriodSpec(first, months, KINDS[kind])), den_kind
        )
        for area, kind, first, months, den_kind in wanted.itertuples(index=False)
    ]
    merged = table[spans + [scaled_column]].assign(denominator_kind=kinds)
    merged = merged.merge(wanted, on=spans + ["denominator_kind"], how="left")
    usable = (merged["denominator"].notna() & merged[scaled_column].notna()).to_numpy()
    tenths[usable] = round_half_away_div(
        merged.loc[usable, scaled_column].astype("int64").to_numpy(),
        merged.loc[usable, "denominator"].astype("int64").to_numpy(),
    )
    return tenths


# What is stored, with integer columns still scaled: values by 10,000, rounded ones by 10.
STAGED = {
    "basis": "text",
    "indicator_id": "bigint",
    "area_id": "bigint",
    "period_id": "bigint",
    "baseline_period_id": "bigint",
    "current_scaled": "bigint",
    "current_derived": "boolean",
    "provisional": "boolean",
    "baseline_provisional": "boolean",
    "baseline_scaled": "bigint",
    "change_scaled": "bigint",
    "pct_change": "double precision",
    "pct_tenths": "bigint",
    "change_unit": "text",
    "rate_tenths": "bigint",
    "baseline_rate_tenths": "bigint",
    "direction": "text",
    "target_status": "text",
    "rag": "text",
    "rag_rule": "text",
    "warnings": "text",
}


def _rows_for_storage(
    table, catalogue, spec_of_key, period_rows, warnings, denominators
) -> pd.DataFrame:
    period_ids = pd.DataFrame(
        [(k, f, m, period_rows[spec.code].pk) for (k, f, m), spec in spec_of_key.items()],
        columns=["kind", "first", "months", "period_id"],
    )
    out = table.merge(period_ids, on=["kind", "first", "months"], how="left")
    out = out.merge(
        period_ids.rename(columns={"period_id": "baseline_period_id"}).assign(
            first=period_ids["first"] + 12
        ),
        on=["kind", "first", "months"],
        how="left",
    )
    out["base_first"] = out["first"] - 12
    notes = pd.DataFrame(
        [(*key, json.dumps(lines)) for key, lines in warnings.items() if lines],
        columns=KEY + ["warnings"],
    )
    out = out.merge(notes, on=KEY, how="left")
    return pd.DataFrame(
        {
            "indicator_id": out["ind"],
            "area_id": out["area"],
            "period_id": out["period_id"],
            "baseline_period_id": out["baseline_period_id"],
            "current_scaled": out["scaled"],
            "current_derived": out["derived"].astype(bool),
            "provisional": out["prov"].astype(bool),
            "baseline_provisional": out["base_prov"].astype(bool),
            "baseline_scaled": out["base"],
            "change_scaled": out["change"],
            "pct_change": out["pct"],
            "pct_tenths": out["pct_tenths"],
            "change_unit": out["change_unit"],
            "rate_tenths": _rate_tenths(out, catalogue, denominators, "first", "scaled"),
            "baseline_rate_tenths": _rate_tenths(
                out, catalogue, denominators, "base_first", "base"
            ),
            "direction": out["direction"],
            "target_status": out["target_status"],
            "rag": out["rag"],
            "rag_rule": out["rag_rule"],
            "warnings": out["warnings"].fillna("[]"),
        }
    )


class _StagedRows(StagingTable):
    """The rows worked out, held until they replace the stored ones all at once. On
    PostgreSQL each part is COPied into a temporary table as soon as it is worked out (so only
    one is in memory), and PostgreSQL turns the scaled integers into exact numerics; other
    databases (SQLite in development) keep the frames and insert them in bulk."""

    def __init__(self):
        super().__init__(
            "comparison_stage", ", ".join(f"{name} {kind}" for name, kind in STAGED.items())
        )

    def add(self, rows: pd.DataFrame) -> None:
        if not self.on_postgresql:
            self.held.append(rows)
            return
        started = time.perf_counter()
        frame_copy(self.name, STAGED, rows)
        logger.info("recompute: COPY to staging took %.1f s", time.perf_counter() - started)

    def replace(self, scope: RecomputeScope) -> None:
        """Replace the stored rows in scope (of both bases) with the staged ones; call inside
        the transaction that stores the rest of the recompute."""
        started = time.perf_counter()
        if self.on_postgresql and scope.is_full:
            # Every row: a fresh table filled, indexed and swapped in (shp/table_rebuild.py).
            table_rebuild(Comparison, STORED_COLUMNS, self._stored_select(), [timezone.now()])
        else:
            # DELETE, not TRUNCATE: dashboards keep reading the old rows until this commits.
            stored = _stored_in(scope)
            stored._raw_delete(stored.db)
            if self.on_postgresql:
                self._insert_staged()
            else:
                for rows in self.held:
                    _insert_rows(rows)
        logger.info("recompute: replacing the rows took %.1f s", time.perf_counter() - started)

    def _insert_staged(self) -> None:
        names = ", ".join(STORED_COLUMNS)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {Comparison._meta.db_table} ({names}) {self._stored_select()}",
                [timezone.now()],
            )

    def _stored_select(self) -> str:
        """The staged rows as stored: scaled integers made exact numerics (one parameter: the
        time they were computed)."""
        return f"""
            SELECT basis, indicator_id, area_id, period_id, baseline_period_id,
                current_scaled::numeric / {SCALE}, current_derived, provisional,
                baseline_provisional,
                baseline_scaled::numeric / {SCALE}, change_scaled::numeric / {SCALE},
                pct_change, pct_tenths::numeric / 10, change_unit,
                rate_tenths::numeric / 10, baseline_rate_tenths::numeric / 10,
                direction, target_status, rag, rag_rule, warnings::jsonb, %s
            FROM {self.name}
            """


def _stored_in(scope: RecomputeScope):
    """The stored comparisons (of both bases) that a recompute of ``scope`` replaces."""
    stored = scope.places(Comparison.all_bases.all())
    if scope.changed is not None:
        periods_out = [pk for pk, code in Period.objects.values_list("pk", "code")
                       if scope.is_output(periods.parse(code))]  # fmt: skip
        # Both bases named, so that the indexes led by basis find the rows (not a scan).
        stored = stored.filter(basis__in=Basis.values, period_id__in=periods_out)
    return stored


STORED_COLUMNS = [
    "basis", "indicator_id", "area_id", "period_id", "baseline_period_id", "current_value",
    "current_derived", "provisional", "baseline_provisional", "baseline_value", "change",
    "pct_change", "pct_change_1dp", "change_unit", "rate_per_1000", "baseline_rate_per_1000",
    "direction", "target_status", "rag", "rag_rule", "warnings", "computed_at",
]  # fmt: skip


def _scaled(value, scale: int) -> Decimal | None:
    if value is None or value is pd.NA:
        return None
    return Decimal(int(value)) / scale


def _insert_rows(rows: pd.DataFrame, chunk: int = 5_000) -> None:
    """Other databases (SQLite in development): plain bulk inserts, a chunk at a time."""
    now = timezone.now()
    for start in range(0, len(rows), chunk):
        part = rows.iloc[start : start + chunk]
        Comparison.objects.bulk_create(
            Comparison(
                basis=row.basis,
                provisional=row.provisional,
                baseline_provisional=row.baseline_provisional,
                indicator_id=row.indicator_id,
                area_id=row.area_id,
                period_id=row.period_id,
                baseline_period_id=row.baseline_period_id,
                current_value=_scaled(row.current_scaled, SCALE),
                current_derived=row.current_derived,
                baseline_value=_scaled(row.baseline_scaled, SCALE),
                change=_scaled(row.change_scaled, SCALE),
                pct_change=None if np.isnan(row.pct_change) else float(row.pct_change),
                pct_change_1dp=_scaled(row.pct_tenths, 10),
                change_unit=row.change_unit,
                rate_per_1000=_scaled(row.rate_tenths, 10),
                baseline_rate_per_1000=_scaled(row.baseline_rate_tenths, 10),
                direction=row.direction,
                target_status=row.target_status,
                rag=row.rag,
                rag_rule=row.rag_rule,
                warnings=json.loads(row.warnings),
                computed_at=now,
            )
            for row in part.itertuples(index=False)
        )
