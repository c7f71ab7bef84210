"""The performance lead keeps the partnership's plans in the app: the plan itself (its years,
status and approving minute), its strategic objectives (and the indicators that measure them)
and each year's priorities. Every change raises the plan's version, so a change made from a
stale page is refused; the history of each is kept."""

from django.db import transaction
from django.utils.text import slugify

from shp.errors import ApplicationError
from shp.permissions import user_roles
from shp.roles import PERFORMANCE_LEAD_ROLES
from strategies.models import Objective, Plan, Priority

PLAN_FIELDS = (
    "title",
    "kind",
    "status",
    "summary",
    "source",
    "start_date",
    "end_date",
    "owner_committee",
    "approved_minute",
)


def _require_lead(user) -> None:
    if not user_roles(user) & PERFORMANCE_LEAD_ROLES:
        raise ApplicationError("Only the performance lead can change the partnership's plans.")


def _locked(plan: Plan, read_version: int | None) -> Plan:
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    if read_version is not None and read_version != locked.version:
        raise ApplicationError(
            f"Someone changed {locked.title} after you opened this page, so your change was not "
            "saved. Open it again to see theirs."
        )
    return locked


def _touched(plan: Plan, user, reason: str) -> None:
    plan.version += 1
    plan._history_user = user
    plan._change_reason = reason[:100]
    plan.save()


@transaction.atomic
def plan_save(*, user, values: dict, plan: Plan | None = None, read_version=None) -> Plan:
    """Add a plan, or change ``plan``: its title is unique, its years in order and wide enough
    for its actions' due dates; an approved plan names the minute that approved it, if any."""
    _require_lead(user)
    unknown = set(values) - set(PLAN_FIELDS)
    if unknown:
        raise ApplicationError(f"Unknown plan fields: {', '.join(sorted(unknown))}")
    title = (values.get("title") or "").strip()
    if not title:
        raise ApplicationError("Enter the plan's title", field="title")
    others = Plan.objects.exclude(pk=plan.pk) if plan else Plan.objects.all()
    if others.filter(title__iexact=title).exists():
        raise ApplicationError(f"There is already a plan called {title}", field="title")
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and start > end:
        raise ApplicationError("The plan must start before it ends", field="end_date")
    if plan is not None:
        plan = _locked(plan, read_version)
        outside = plan.actions.exclude(due_date=None).exclude(due_date__range=(start, end))
        if outside.exists():
            first = outside.order_by("due_date").first()
            raise ApplicationError(
                f"Action {first.number} is due on {first.due_date:%-d %B %Y}, outside those "
                "years: change its due date first",
                field="start_date",
            )
    minute = values.get("approved_minute")
    committee = values.get("owner_committee")
    if minute is not None and committee is not None and minute.committee_id != committee.pk:
        raise ApplicationError(
            f"That minute is of another committee than {committee.name}", field="approved_minute"
        )
    creating = plan is None
    plan = plan or Plan(slug=_free_slug(title))
    for field in PLAN_FIELDS:
        if field in values:
            setattr(plan, field, values[field])
    plan.title = title
    if creating:
        plan._history_user = user
        plan.save()
    else:
        _touched(plan, user, "Plan changed")
    return plan


def _free_slug(title: str) -> str:
    base = slugify(title)[:70] or "plan"
    slug, n = base, 1
    while slug == "new" or Plan.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def objective_save(
    *, user, plan: Plan, values: dict, objective: Objective | None = None, read_version=None
) -> Objective:
    """Add a strategic objective to ``plan``, or change one; its number is unique in the plan.
    ``values``: number, title, description and, optionally, indicators."""
    _require_lead(user)
    plan = _locked(plan, read_version)
    if objective is not None and objective.plan_id != plan.pk:
        raise ApplicationError("This objective belongs to another plan.")
    title = (values.get("title") or "").strip()
    if not title:
        raise ApplicationError("Enter the objective", field="title")
    number = values.get("number")
    if not number:
        raise ApplicationError("Give the objective a number, like 1", field="number")
    taken = plan.objectives.filter(number=number)
    if objective is not None:
        taken = taken.exclude(pk=objective.pk)
    if taken.exists():
        raise ApplicationError(f"This plan already has an objective {number}", field="number")
    objective = objective or Objective(plan=plan)
    objective.number, objective.title = number, title
    objective.description = (values.get("description") or "").strip()
    objective._history_user = user
    objective.save()
    if "indicators" in values:
        objective.indicators.set(values["indicators"] or [])
    _touched(plan, user, f"Objective {number} saved")
    return objective


@transaction.atomic
def priority_save(
    *, user, objective: Objective, values: dict, priority: Priority | None = None,
    read_version=None,
) -> Priority:  # fmt: skip
    """Add an annual priority under ``objective``, or change one: its year is within the plan's
    and its title new for that year."""
    _require_lead(user)
    plan = _locked(objective.plan, read_version)
    if priority is not None and priority.objective_id != objective.pk:
        raise ApplicationError("This priority belongs to another objective.")
    title = (values.get("title") or "").strip()
    if not title:
        raise ApplicationError("Enter the priority", field="title")
    year = values.get("year")
    years = {y for y, _ in plan.quarters()}
    if year not in years:
        first, last = min(years), max(years)
        raise ApplicationError(
            f"Choose a year the plan covers, {first}/{(first + 1) % 100:02d} to "
            f"{last}/{(last + 1) % 100:02d}",
            field="year",
        )
    taken = objective.priorities.filter(year=year, title__iexact=title)
    if priority is not None:
        taken = taken.exclude(pk=priority.pk)
    if taken.exists():
        raise ApplicationError("That priority is already there for that year", field="title")
    priority = priority or Priority(objective=objective)
    priority.year, priority.title = year, title
    priority._history_user = user
    priority.save()
    _touched(plan, user, f"Priority saved under objective {objective.number}")
    return priority


@transaction.atomic
def priority_remove(*, user, priority: Priority, read_version=None) -> None:
    """Remove an annual priority no action is filed under."""
    _require_lead(user)
    plan = _locked(priority.objective.plan, read_version)
    if priority.actions.exists():
        raise ApplicationError(
            f"Actions are filed under “{priority.title}”: move them to another priority first."
        )
    priority._history_user = user
    priority.delete()
    _touched(plan, user, "Priority removed")
