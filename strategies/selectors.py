"""Reads shared by the strategies views, charts and reports."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, QuerySet

from indicators.models import Comparison
from shp.models import Partnership
from shp.permissions import user_roles
from strategies.models import (
    Action,
    Objective,
    Plan,
    Rag,
    Update,
    quarter_bounds,
    quarter_label,
    quarter_of,
)


def can_read_progress(user) -> bool:
    """Anyone holding a partnership role reads progress; the public reads the plans only."""
    return bool(user_roles(user))


def plan_list(*, user) -> QuerySet[Plan]:
    """Plans this user may read: the public sees all but drafts."""
    plans = Plan.objects.select_related("owner_committee", "approved_minute__meeting")
    return plans if can_read_progress(user) else plans.public()


def plan_detail_queryset(*, user) -> QuerySet[Plan]:
    """Plans with their objectives loaded."""
    return plan_list(user=user).prefetch_related("objectives__priorities", "objectives__indicators")


def action_queryset(*, user) -> QuerySet[Action]:
    """Actions of plans this user may read, with what an action page shows."""
    return (
        Action.objects.filter(plan__in=plan_list(user=user))
        .select_related("plan", "objective", "priority", "lead_person__organisation")
        .prefetch_related("lead_organisations", "indicators", "updates__recorded_by")
    )


def plan_actions(*, plan: Plan, objective=None, status: str = "", lead=None) -> list[Action]:
    """A plan's actions in order, optionally of one objective, status or lead organisation."""
    actions = (
        plan.actions.select_related("objective", "priority", "lead_person")
        .prefetch_related(
            "lead_organisations",
            "indicators",
            Prefetch("updates", queryset=Update.objects.order_by("-year", "-quarter")),
        )
        .order_by("sort_key", "number")
    )
    if objective:
        actions = actions.filter(objective=objective)
    if status:
        actions = actions.filter(status=status)
    if lead:
        actions = actions.filter(lead_organisations=lead)
    return list(actions)


def reporting_quarter(*, plan: Plan, today: date) -> tuple[int, int] | None:
    """The quarter whose update is expected now: today's, or the plan's last once it has ended;
    None before the plan starts or once it is closed."""
    if plan.status == Plan.Status.CLOSED or today < plan.start_date:
        return None
    return quarter_of(min(today, plan.end_date))


@dataclass
class ActionRow:
    action: Action
    latest: Update | None
    overdue: bool
    missing_update: bool
    indicator_rags: list = field(default_factory=list)


@dataclass(frozen=True)
class IndicatorRag:
    code: str
    name: str
    rag: str
    period: str


def indicator_rags(*, indicator_ids, area_code: str | None = None) -> dict[int, IndicatorRag]:
    """Each indicator's latest RAG for the partnership's area (its most recent comparison with
    a RAG)."""
    area_code = area_code or Partnership.objects.current().area_code
    found: dict[int, IndicatorRag] = {}
    comparisons = (
        Comparison.objects.filter(indicator_id__in=set(indicator_ids), area__code=area_code)
        .exclude(rag="")
        .select_related("indicator", "period")
        .order_by("indicator_id", "-period__end", "-period__start")
    )
    for comparison in comparisons:
        if comparison.indicator_id not in found:
            found[comparison.indicator_id] = IndicatorRag(
                comparison.indicator.code,
                comparison.indicator.name,
                comparison.rag,
                comparison.period.label,
            )
    return found


def action_rows(*, plan: Plan, actions: list[Action], today: date) -> list[ActionRow]:
    """Each action with its latest update, its flags and its indicators' latest RAG."""
    current = reporting_quarter(plan=plan, today=today)
    rags = indicator_rags(indicator_ids=[i.pk for a in actions for i in a.indicators.all()])
    rows = []
    for action in actions:
        updates = list(action.updates.all())
        latest = max(updates, key=lambda u: (u.year, u.quarter), default=None)
        open_ = action.is_open
        rows.append(
            ActionRow(
                action=action,
                latest=latest,
                overdue=open_ and action.due_date is not None and action.due_date < today,
                missing_update=open_
                and current is not None
                and not any((u.year, u.quarter) == current for u in updates),
                indicator_rags=[
                    rags.get(i.pk, IndicatorRag(i.code, i.name, "", ""))
                    for i in action.indicators.all()
                ],
            )
        )
    return rows


@dataclass
class ObjectiveSummary:
    objective: Objective
    red: int = 0
    amber: int = 0
    green: int = 0
    no_update: int = 0

    @property
    def total(self) -> int:
        return self.red + self.amber + self.green + self.no_update


def rag_summary(*, objectives, rows: list[ActionRow]) -> list[ObjectiveSummary]:
    """Counts of actions by their latest RAG, per objective."""
    summaries = {o.pk: ObjectiveSummary(o) for o in objectives}
    for row in rows:
        summary = summaries.get(row.action.objective_id)
        if summary is None:
            continue
        if row.latest is None:
            summary.no_update += 1
        else:
            setattr(summary, row.latest.rag, getattr(summary, row.latest.rag) + 1)
    return list(summaries.values())


@dataclass(frozen=True)
class QuarterProgress:
    label: str
    red: int
    amber: int
    green: int
    mean_percent: float | None


def progress_by_quarter(*, plan: Plan, today: date) -> list[QuarterProgress]:
    """For every quarter of the plan with at least one update: updates by RAG and the mean
    percentage complete."""
    updates = Update.objects.filter(action__plan=plan).values_list(
        "year", "quarter", "rag", "percent_complete"
    )
    by_quarter: dict[tuple[int, int], list] = {}
    for year, quarter, rag, percent in updates:
        by_quarter.setdefault((year, quarter), []).append((rag, percent))
    out = []
    for key in plan.quarters():
        if quarter_bounds(*key)[0] > today or key not in by_quarter:
            continue
        entries = by_quarter[key]
        out.append(
            QuarterProgress(
                label=quarter_label(*key),
                red=sum(1 for r, _ in entries if r == Rag.RED),
                amber=sum(1 for r, _ in entries if r == Rag.AMBER),
                green=sum(1 for r, _ in entries if r == Rag.GREEN),
                mean_percent=round(sum(p for _, p in entries) / len(entries), 1),
            )
        )
    return out


def quarter_choices(*, plan: Plan, today: date) -> list[tuple[str, str]]:
    """The quarters of the plan that have started, latest first, as form choices."""
    return [
        (f"{y}-{q}", quarter_label(y, q))
        for y, q in reversed(plan.quarters())
        if quarter_bounds(y, q)[0] <= today
    ]


def actions_needing_attention(*, user, today: date) -> tuple[int, int]:
    """(overdue, without this quarter's update) among the open actions this user may update."""
    from shp.roles import PERFORMANCE_LEAD_ROLES

    roles = user_roles(user)
    actions = Action.objects.open().exclude(plan__status=Plan.Status.CLOSED)
    if not roles & PERFORMANCE_LEAD_ROLES:
        person = getattr(user, "person", None)
        if person is None:
            return 0, 0
        actions = actions.filter(lead_organisations=person.organisation_id)
    overdue = actions.filter(due_date__lt=today).count()
    missing = 0
    for action in actions.select_related("plan").prefetch_related("updates"):
        current = reporting_quarter(plan=action.plan, today=today)
        if current and not any((u.year, u.quarter) == current for u in action.updates.all()):
            missing += 1
    return overdue, missing
