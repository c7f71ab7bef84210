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
"""

from collections import defaultdict
from decimal import Decimal

import numpy as np
import pandas as pd
from django.db import transaction
from django.db.models import BigIntegerField, F
from django.db.models.functions import Cast, Round
from django.utils import timezone

from indicators import periods
from indicators.arithmetic import Direction, Polarity, Unit
from indicators.denominators import DenominatorTable, denominator_year
from indicators.models import Area, Comparison, Figure, Indicator, Period, PublishedValue, Target
from indicators.published import check_published_row
from indicators.services.imports import periods_ensure
from indicators.targets import Rag, TargetStatus, assess
from shp import services as core_services

SCALE = 10_000
RECOMPUTE_JOB_KIND = "comparisons-recompute"
KEY = ["ind", "area", "kind", "first", "months"]


def comparisons_recompute_start(*, user=None):
    """Queue a recompute of all comparisons (after the current transaction commits)."""
    from indicators.tasks import comparisons_recompute_task

    job = core_services.job_create(
        kind=RECOMPUTE_JOB_KIND, title="Recompute comparisons", total_steps=6, created_by=user
    )
    comparisons_recompute_task.delay_on_commit(str(job.pk))
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
    def __init__(self, job_id):
        self.job_id = job_id
        self.step = 0

    def __call__(self, message: str):
        self.step += 1
        if self.job_id:
            core_services.job_progress(job_id=self.job_id, step=self.step, message=message)


def comparisons_recompute(*, job_id=None) -> int:
    """Recompute and store every comparison; returns how many were stored."""
    progress = _Progress(job_id)
    progress("Reading figures")
    catalogue = {i.pk: i for i in Indicator.objects.all()}
    specs = {p.pk: p.spec for p in Period.objects.all()}
    values, warnings = _entered_values(catalogue, specs)

    progress("Adding up periods")
    values = _derive_periods(values, catalogue, warnings)
    progress("Adding up totals and force areas")
    values = _derive_totals(values, catalogue, warnings)
    values = _derive_force(values, catalogue, warnings)

    progress("Comparing with the year before")
    table = _compare(values, catalogue)
    spec_of_key = _specs_by_key(table)
    period_rows = periods_ensure(spec_of_key.values())
    _assess_targets(table, catalogue, spec_of_key)
    _check_published(table, catalogue, spec_of_key, warnings)

    progress("Saving comparisons")
    count = _store(table, catalogue, spec_of_key, period_rows, warnings)
    if job_id:
        core_services.job_succeed(job_id=job_id, message=f"Recomputed {count:,} comparisons")
    return count


KINDS = [kind for kind, _ in periods.PeriodKind.CHOICES]


def _entered_values(catalogue, specs) -> tuple[pd.DataFrame, dict]:
    rows = Figure.objects.annotate(
        scaled=Cast(Round(F("value") * SCALE), BigIntegerField())
    ).values_list("indicator_id", "area_id", "period_id", "scaled", "not_available_reason")
    frame = pd.DataFrame.from_records(
        list(rows), columns=["ind", "area", "period", "scaled", "reason"]
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
    frame["derived"] = False
    for ind, area, kind, first, months in frame[KEY].itertuples(index=False):
        indicator = catalogue[ind]
        spec = periods.PeriodSpec(first, months, KINDS[kind])
        if not indicator.is_valid_for(spec):
            warnings[(ind, area, kind, first, months)].append(
                f"{spec.code} is outside the dates {indicator.name} is defined for: a figure on "
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
            .agg(scaled=("scaled", "sum"), parts=("scaled", "size"))
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
        frame = quarters[["ind", "area", "scaled"]].assign(
            kind=kind, first=first, months=length, needed=needed
        )
        frames.append(frame[frame["first"] >= 0])
    exploded = pd.concat(frames, ignore_index=True)
    grouped = exploded.groupby(KEY, as_index=False).agg(
        scaled=("scaled", "sum"), parts=("scaled", "size"), needed=("needed", "first")
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
    parents = defaultdict(list)
    for indicator in catalogue.values():
        if indicator.parent_id and indicator.parent_rule == Indicator.ParentRule.SUM:
            parents[indicator.parent_id].append(indicator)
    if not parents:
        return values
    by_depth = sorted(parents, key=lambda pk: -_depth(catalogue[pk], catalogue))
    for parent_id in by_depth:
        parent = catalogue[parent_id]
        if parent.unit != Unit.COUNT:
            continue
        components = parents[parent_id]
        ids = [c.pk for c in components]
        rows = values[values["ind"].isin(ids)]
        if rows.empty:
            continue
        grouped = rows.groupby(["area", "kind", "first", "months"], as_index=False).agg(
            scaled=("scaled", lambda s: s.sum() if s.notna().all() else pd.NA),
            parts=("ind", "nunique"),
        )
        needed = [
            sum(
                1
                for c in components
                if c.is_valid_for(periods.PeriodSpec(first, months, KINDS[kind]))
            )
            for kind, first, months in grouped[["kind", "first", "months"]].itertuples(index=False)
        ]
        grouped = grouped[(grouped["parts"] == needed) & grouped["scaled"].notna()]
        grouped = grouped.drop(columns="parts").assign(ind=parent_id)
        grouped["scaled"] = grouped["scaled"].astype("Int64")
        values = _merge_derived(
            values,
            grouped,
            warnings,
            lambda r, parent=parent, components=components: (
                f"{parent.name} is {_fmt(r.scaled_entered)}, but its parts "
                f"({_valid_names(components, r)}) add up to {_fmt(r.scaled)}: a difference of "
                f"{_fmt(r.scaled_entered - r.scaled)}"
            ),
        )
    return values


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
        scaled=("scaled", "sum"), parts=("area", "nunique")
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
    baseline = values[KEY + ["scaled"]].rename(columns={"scaled": "base"})
    baseline = baseline.assign(
        first=baseline["first"] + 12
    )  # a year later is when it is a baseline
    table = values.merge(baseline, on=KEY, how="left")
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


def _assess_targets(table, catalogue, spec_of_key) -> None:
    key_of_code = {spec.code: key for key, spec in spec_of_key.items()}
    scaled = {
        (row.ind, row.area, row.kind, row.first, row.months): row.scaled
        for row in table[KEY + ["scaled"]].itertuples(index=False)
    }
    index_of = {
        (row.ind, row.area, row.kind, row.first, row.months): i
        for i, row in enumerate(table[KEY].itertuples(index=False))
    }
    status = np.full(len(table), TargetStatus.NO_TARGET, dtype=object)
    rag = np.full(len(table), Rag.NONE, dtype=object)
    rule = np.full(len(table), "", dtype=object)
    targets = Target.objects.select_related("period", "baseline_period")
    for target in targets:
        key = key_of_code.get(target.period.code)
        if key is None:
            continue
        row = index_of.get((target.indicator_id, target.area_id, *key))
        if row is None:
            continue
        baseline_spec = target.baseline_period.spec
        baseline_key = (
            target.indicator_id,
            target.area_id,
            KINDS.index(baseline_spec.kind),
            baseline_spec.first_month,
            baseline_spec.months,
        )
        indicator = catalogue[target.indicator_id]
        result = assess(
            kind=target.kind,
            value=target.value,
            tolerance=target.amber_tolerance,
            baseline=_scaled_decimal(scaled.get(baseline_key)),
            baseline_label=baseline_spec.code,
            current=_scaled_decimal(scaled.get((target.indicator_id, target.area_id, *key))),
            polarity=indicator.polarity,
            unit=indicator.unit,
        )
        status[row], rag[row], rule[row] = result.status, result.rag, result.rule
    table["target_status"] = status
    table["rag"] = rag
    table["rag_rule"] = rule


def _check_published(table, catalogue, spec_of_key, warnings) -> None:
    """Check published tables against the values just computed (entered and derived)."""
    published = list(PublishedValue.objects.select_related("period", "baseline_period"))
    if not published:
        return
    scaled = {
        (row.ind, row.area, row.kind, row.first, row.months): row.scaled
        for row in table[KEY + ["scaled"]].itertuples(index=False)
    }

    def value(indicator_id, area_id, period):
        spec = period.spec
        key = (indicator_id, area_id, KINDS.index(spec.kind), spec.first_month, spec.months)
        return key, _scaled_decimal(scaled.get(key))

    denominators = DenominatorTable.load()
    for row in published:
        key, current = value(row.indicator_id, row.area_id, row.period)
        baseline = None
        if row.baseline_period:
            baseline = value(row.indicator_id, row.area_id, row.baseline_period)[1]
        warnings[key].extend(
            check_published_row(
                row=row,
                indicator=catalogue[row.indicator_id],
                current=current,
                baseline=baseline,
                denominators=denominators,
            )
        )


def _store(table, catalogue, spec_of_key, period_rows, warnings) -> int:
    denominators = DenominatorTable.load()
    now = timezone.now()
    objects = []
    for row in table.itertuples(index=False):
        key = (row.kind, row.first, row.months)
        spec = spec_of_key[key]
        baseline_spec = spec_of_key[(row.kind, row.first - 12, row.months)]
        indicator = catalogue[row.ind]
        denominator = denominators.get(row.area, denominator_year(spec), indicator.rate_denominator)
        base_denominator = denominators.get(
            row.area, denominator_year(baseline_spec), indicator.rate_denominator
        )
        current = _scaled_decimal(row.scaled)
        baseline = _scaled_decimal(row.base)
        objects.append(
            Comparison(
                indicator_id=row.ind,
                area_id=row.area,
                period=period_rows[spec.code],
                baseline_period=period_rows[baseline_spec.code],
                current_value=current,
                current_derived=bool(row.derived),
                baseline_value=baseline,
                change=_scaled_decimal(row.change),
                pct_change=None if np.isnan(row.pct) else float(row.pct),
                pct_change_1dp=(
                    None if row.pct_tenths is pd.NA else Decimal(int(row.pct_tenths)).scaleb(-1)
                ),
                change_unit=row.change_unit,
                rate_per_1000=_rate(row.scaled, denominator),
                baseline_rate_per_1000=_rate(row.base, base_denominator),
                direction=row.direction,
                target_status=row.target_status,
                rag=row.rag,
                rag_rule=row.rag_rule,
                warnings=warnings.get((row.ind, row.area, row.kind, row.first, row.months), []),
                computed_at=now,
            )
        )
    with transaction.atomic():
        Comparison.objects.all().delete()
        Comparison.objects.bulk_create(objects, batch_size=5000)
    return len(objects)


def _rate(scaled, denominator) -> Decimal | None:
    if denominator is None or scaled is None or scaled is pd.NA:
        return None
    tenths = round_half_away_div(np.array([int(scaled)]), np.array([denominator]))[0]
    return Decimal(int(tenths)).scaleb(-1)
