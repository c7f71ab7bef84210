"""Reads of the indicators app shared by the yoy_table command, dashboards and reports."""

import hashlib
from dataclasses import asdict, dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import Exists, OuterRef, Prefetch

from indicators import significance
from indicators.arithmetic import NOT_APPLICABLE, Unit, change, change_unit, direction, pct_change
from indicators.arithmetic import round_half_away as rounded
from indicators.cache import cached
from indicators.denominators import DenominatorTable, denominator_year
from indicators.models import Area, Basis, Comparison, Figure, Indicator, Period


@dataclass(frozen=True)
class YoyRow:
    indicator: str
    name: str
    baseline: str
    current: str
    change: str
    pct_change: str
    change_unit: str
    rate_per_1000: str
    direction: str
    target_status: str
    rag: str
    warnings: list[str]
    provisional: bool = False  # the value or its baseline rests on a figure not yet approved

    def as_dict(self) -> dict:
        return asdict(self)


def _text(value: Decimal | None, unavailable: str = "") -> str:
    if value is None:
        return unavailable
    return f"{Decimal(value).normalize():f}"


def yoy_table(
    *, area: Area, period: Period, baseline: Period, basis: str = Basis.APPROVED
) -> list[YoyRow]:
    """One row per indicator with a figure for ``period`` in ``area``, compared with ``baseline``.

    Reads the stored comparisons of ``basis``; when ``baseline`` is not the year before, the
    change is worked out from the stored values with the same arithmetic.
    """
    rows = dashboard_comparisons(area=area, period=period, basis=basis)
    standard = period.spec.shifted(-1).code == baseline.code
    baseline_values, baseline_provisional = {}, set()
    if not standard:
        for indicator_id, value, provisional in (
            Comparison.on_basis(basis)
            .for_area_period(area, baseline)
            .values_list("indicator_id", "current_value", "provisional")
        ):
            baseline_values[indicator_id] = value
            if provisional:
                baseline_provisional.add(indicator_id)
    table = []
    for row in rows:
        indicator = row.indicator
        current = row.current_value
        base = row.baseline_value if standard else baseline_values.get(indicator.pk)
        if current is not None and base is not None:
            difference = change(current, base)
            exact = pct_change(current, base, indicator.unit)
            pct = NOT_APPLICABLE if exact is None else str(rounded(exact, 1))
            judged = row.direction if standard else direction(current, base, indicator.polarity)
        else:
            difference, pct, judged = None, NOT_APPLICABLE, ""
        table.append(
            YoyRow(
                indicator=indicator.code,
                name=indicator.name,
                baseline=_text(base, "not available"),
                current=_text(current, "not available"),
                change=_text(difference),
                pct_change=pct,
                change_unit=change_unit(indicator.unit),
                rate_per_1000="" if row.rate_per_1000 is None else f"{row.rate_per_1000:.1f}",
                direction=judged,
                target_status=row.target_status,
                rag=row.rag,
                warnings=list(row.warnings),
                provisional=row.provisional
                or (row.baseline_provisional if standard else indicator.pk in baseline_provisional),
            )
        )
    return table


@dataclass(frozen=True)
class PublishedCheck:
    row: object  # a PublishedValue
    recorded_current: Decimal | None
    recorded_baseline: Decimal | None
    problems: list[str]


def published_checks(*, source: str | None = None) -> list[PublishedCheck]:
    """Each published row with the recorded values it was checked against and what disagrees."""
    from indicators.denominators import DenominatorTable
    from indicators.models import PublishedValue
    from indicators.published import check_published_row

    rows = PublishedValue.objects.select_related("indicator", "area", "period", "baseline_period")
    if source:
        rows = rows.filter(source=source)
    recorded = {
        (c["indicator_id"], c["area_id"], c["period_id"]): c["current_value"]
        for c in Comparison.objects.values("indicator_id", "area_id", "period_id", "current_value")
    }
    denominators = DenominatorTable.load()
    checks = []
    for row in rows:
        current = recorded.get((row.indicator_id, row.area_id, row.period_id))
        baseline = (
            recorded.get((row.indicator_id, row.area_id, row.baseline_period_id))
            if row.baseline_period_id
            else None
        )
        problems = check_published_row(
            row=row,
            indicator=row.indicator,
            current=current,
            baseline=baseline,
            denominators=denominators,
        )
        checks.append(PublishedCheck(row, current, baseline, problems))
    return checks


def dashboard_comparisons(*, area: Area, period: Period, basis: str = Basis.APPROVED):
    """The area's comparisons for a period with their indicators, in catalogue order."""
    return (
        Comparison.on_basis(basis)
        .for_area_period(area, period)
        .select_related("indicator")
        .order_by("indicator__display_order", "indicator__name")
    )


@dataclass(frozen=True)
class ScorecardGroup:
    objective: str
    rows: list


def objective_groups(period) -> list[tuple[str, set[int]]]:
    """The strategic objectives in force over ``period`` (the strategies app's plans, so a new
    plan needs no code), each with the ids of the indicators that measure it. Kept in the
    cache until the plans change (every change to a plan raises its version) or a recompute."""
    from django.db.models import Count, Sum

    from strategies.models import Objective, Plan

    plans = Plan.objects.aggregate(versions=Sum("version"), count=Count("pk"))

    def groups():
        objectives = Objective.objects.in_force(period.start, period.end).prefetch_related(
            "indicators"
        )
        return [(o.title, {i.pk for i in o.indicators.all()}) for o in objectives]

    return cached("objectives", period.pk, plans["versions"], plans["count"], compute=groups)


def scorecard(comparisons, period) -> list[ScorecardGroup]:
    """Indicators that have a target, grouped by the strategic objectives in force over
    ``period`` (two queries)."""
    groups = []
    for title, indicator_ids in objective_groups(period):
        rows = [
            c
            for c in comparisons
            if c.indicator_id in indicator_ids and c.target_status != "no target"
        ]
        if rows:
            groups.append(ScorecardGroup(title, rows))
    return groups


def dashboard_choices(basis: str = Basis.APPROVED) -> tuple[list[Area], list[Period]]:
    """Areas, and the periods that have comparisons (newest first), for the dashboard's pickers."""
    areas = list(Area.objects.order_by("display_order", "name"))
    # EXISTS probes the comparison table's period index once per period; a join with DISTINCT
    # would read every comparison (millions at national scale).
    has_comparisons = Comparison.on_basis(basis).filter(period=OuterRef("pk"))
    periods = list(Period.objects.filter(Exists(has_comparisons)).order_by("-end", "start"))
    return areas, periods


def default_period(periods: list[Period]) -> Period | None:
    """The latest financial year with comparisons, or else the latest period."""
    from indicators.periods import PeriodKind

    years = [p for p in periods if p.kind == PeriodKind.FINANCIAL_YEAR]
    return (years or periods or [None])[0]


def indicator_detail_queryset():
    """Indicators with their parent, components, source organisation, series breaks and
    strategic objectives (with their plans)."""
    from strategies.models import Objective

    objectives = Objective.objects.select_related("plan")
    return Indicator.objects.select_related("parent", "source").prefetch_related(
        "components", "series_breaks", Prefetch("objectives", queryset=objectives)
    )


def indicator_series(*, indicator, area: Area, basis: str = Basis.APPROVED):
    """Every period's comparison of one indicator in one area, oldest first."""
    return (
        Comparison.on_basis(basis)
        .filter(indicator=indicator, area=area)
        .select_related("period", "indicator")  # each row's unit and denominator, read once
        .order_by("period__start", "period__end")
    )


def district_rates(*, indicator, period: Period, basis: str = Basis.APPROVED) -> list:
    """One period's rate per 1,000 for each district and its force, districts first."""
    return list(
        Comparison.on_basis(basis)
        .filter(indicator=indicator, period=period, rate_per_1000__isnull=False)
        .select_related("area")
        .order_by("area__kind", "area__display_order")
    )


@dataclass(frozen=True)
class FigureChange:
    """One step in a figure's history: who, when, from what to what, why."""

    when: datetime
    who: str
    action: str
    value_from: str
    value_to: str
    status_from: str
    status_to: str
    why: str
    approved: str = ""  # the approved value standing while this one awaits approval


def _shown(record) -> str:
    if record is None:
        return ""
    if record.value is None:
        return f"not available ({record.not_available_reason})"
    return f"{record.value.normalize():,f}"


def _approved_shown(record) -> str:
    if record.approved_at is None or record.status in ("approved", "locked"):
        return ""
    if (record.approved_value, record.approved_not_available_reason) == (
        record.value,
        record.not_available_reason,
    ):
        return ""
    if record.approved_value is None:
        return f"not available ({record.approved_not_available_reason})"
    return f"{record.approved_value.normalize():,f}"


def figure_history(*, figure_id: int, approved_only: bool = False) -> list[FigureChange]:
    """Every recorded change of the figure, newest first, also after it was cleared;
    ``approved_only`` keeps only the approved states (for readers who may not see drafts)."""
    records = list(
        Figure.history.filter(id=figure_id)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    if approved_only:
        records = [r for r in records if r.status in ("approved", "locked")]
    statuses = dict(Figure.Status.choices)
    changes, previous = [], None
    for record in records:
        user = record.history_user
        changes.append(
            FigureChange(
                when=record.history_date,
                who=(user.get_full_name() or user.username) if user else "the system",
                action={"+": "Created", "~": "Changed", "-": "Deleted"}[record.history_type],
                value_from=_shown(previous),
                value_to=_shown(record),
                approved=_approved_shown(record),
                status_from=statuses.get(previous.status, "") if previous else "",
                status_to=statuses.get(record.status, record.status),
                why=record.history_change_reason or "",
            )
        )
        previous = record
    return list(reversed(changes))


@dataclass(frozen=True)
class ReferenceLine:
    label: str
    value: Decimal
    is_target: bool

    @property
    def dash(self) -> str:
        return "dash" if self.is_target else "dot"


def trend_reference_lines(
    *, indicator, area: Area, kind: str, basis: str = Basis.APPROVED
) -> list[ReferenceLine]:
    """The baseline and target level of the latest target set on periods of ``kind``."""
    from indicators.arithmetic import Unit
    from indicators.models import Target
    from indicators.targets import TargetKind, target_level

    target = (
        Target.objects.filter(indicator=indicator, area=area, period__kind=kind)
        .select_related("period", "baseline_period")
        .order_by("-period__start")
        .first()
    )
    if target is None:
        return []
    baseline = (
        Comparison.on_basis(basis)
        .filter(indicator=indicator, area=area, period=target.baseline_period)
        .values_list("current_value", flat=True)
        .first()
    )
    level = target_level(target.kind, target.value, baseline)
    suffix = "%" if indicator.unit == Unit.PERCENTAGE else ""
    lines = []
    if baseline is not None:
        lines.append(
            ReferenceLine(
                f"Baseline {target.baseline_period.code}: {rounded(baseline, 1).normalize():,f}"
                f"{suffix}",
                baseline,
                False,
            )
        )
    if level is not None and target.kind in (TargetKind.RELATIVE, TargetKind.ABSOLUTE):
        lines.append(
            ReferenceLine(
                f"Target {target.period.code}: {rounded(level, 1).normalize():,f}{suffix}",
                level,
                True,
            )
        )
    elif lines:
        word = "below" if target.kind == TargetKind.REDUCE else "above"
        lines[0] = ReferenceLine(
            f"{lines[0].label} (target {target.period.code}: {word} it)", baseline, True
        )
    return lines


@dataclass(frozen=True)
class Freshness:
    """When the figures a page shows were computed, and whether a newer recompute is on its
    way (after a save or an approval)."""

    computed_at: datetime | None
    pending: object | None  # the queued or running recompute Job
    may_follow: bool  # whether the reader may open that job's progress page


def figures_freshness(*, rows, user) -> Freshness:
    """``rows`` are the comparisons a page shows (already read: no query for them)."""
    from indicators.services.comparisons import RECOMPUTE_JOB_KIND
    from shp.models import Job
    from shp.roles import Role

    computed = max((row.computed_at for row in rows), default=None)
    jobs = Job.objects.filter(
        kind=RECOMPUTE_JOB_KIND,
        status__in=[Job.Status.QUEUED, Job.Status.WAITING, Job.Status.RUNNING],
    )
    if computed is not None:
        # A recompute reads every figure: one that began after a job was queued covers it.
        jobs = jobs.filter(created_at__gt=computed)
    pending = jobs.order_by("-created_at").first()
    may_follow = pending is not None and (
        pending.created_by_id == user.pk or Role.ADMINISTRATOR in user.role_set()
    )
    return Freshness(computed, pending, may_follow)


def catalogue_state() -> str:
    """A fingerprint of the catalogue (every indicator and its version): a preview worked out
    from one state must not be applied to another."""
    rows = Indicator.objects.order_by("pk").values_list("pk", "version")
    return hashlib.sha256(repr(list(rows)).encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Significance:
    verdict: str  # significance.RISE / FALL / NONE, or "" when not tested
    p_value: float | None
    rate_interval: tuple[Decimal, Decimal] | None  # 95% CI of the rate per 1,000


def change_significance(comparisons, period=None) -> dict[int, Significance]:
    """For each comparison (by id): whether a count's year-on-year change is beyond chance,
    and the 95% confidence interval of its rate per 1,000 (see indicators/significance.py).
    Without ``period`` each row's own period chooses its denominators' year."""
    denominators = DenominatorTable.load()
    fixed_year = denominator_year(period.spec) if period is not None else None
    found = {}
    for row in comparisons:
        year = fixed_year if period is not None else denominator_year(row.period.spec)
        indicator = row.indicator
        counts = [row.current_value, row.baseline_value]
        is_count = indicator.unit == Unit.COUNT and all(
            value is not None and value >= 0 and value == value.to_integral_value()
            for value in counts
        )
        verdict, p_value, interval = "", None, None
        if is_count:
            test = significance.change_test(int(row.current_value), int(row.baseline_value))
            verdict, p_value = test.verdict, test.p_value
        current = row.current_value
        if row.rate_per_1000 is not None and current is not None and current >= 0:
            denominator = denominators.get(row.area_id, year, indicator.rate_denominator)
            if denominator and current == current.to_integral_value():
                interval = significance.rate_interval(int(current), denominator)
        found[row.pk] = Significance(verdict, p_value, interval)
    return found
