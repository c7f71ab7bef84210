"""The performance lead sets and changes targets in the app; the RAG follows at once (the
comparisons are recomputed when the change commits)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from indicators import periods
from indicators.models import Area, Indicator, Period, Target
from indicators.targets import TargetKind
from indicators.values import value_parse
from shp.errors import ApplicationError
from shp.permissions import user_roles
from shp.roles import PERFORMANCE_LEAD_ROLES

MAX_TOLERANCE = Decimal("100")


@dataclass(frozen=True)
class TargetInput:
    """A target as typed in the form (text), with the version of the target it was read at
    (0 for a new one)."""

    period: str
    kind: str
    value: str
    baseline_period: str
    amber_tolerance: str
    read_version: int | None = None


def _require_lead(user) -> None:
    if not user_roles(user) & PERFORMANCE_LEAD_ROLES:
        raise ApplicationError("Only the performance lead can set targets.")


def _period(text: str, field: str) -> periods.PeriodSpec:
    try:
        return periods.parse(text)
    except periods.PeriodError as error:
        raise ApplicationError(str(error), field=field) from None


def _number(text: str, field: str, *, unit: str | None, name: str) -> Decimal | None:
    text = (text or "").strip()
    if not text:
        return None
    value, problem = value_parse(text, unit=unit, name=name)
    if problem:
        raise ApplicationError(problem, field=field)
    return value


@transaction.atomic
def target_save(*, user, indicator: Indicator, area: Area, data: TargetInput) -> Target:
    """Create or change the target of ``indicator`` in ``area`` for ``data.period``, then queue
    the recompute. Refused with the field at fault; a change made from a stale page is refused
    with who changed it, so neither person's target silently wins."""
    _require_lead(user)
    spec = _period(data.period, "period")
    baseline = _period(data.baseline_period, "baseline_period")
    if baseline.kind != spec.kind:
        raise ApplicationError(
            f"The baseline must be the same kind of period as {spec.code} (for example "
            f"{spec.shifted(-1).code})",
            field="baseline_period",
        )
    if baseline.start >= spec.start:
        raise ApplicationError(
            f"The baseline must come before {spec.code}", field="baseline_period"
        )
    if data.kind not in {kind for kind, _ in TargetKind.CHOICES}:
        raise ApplicationError("Choose the kind of target", field="kind")
    unit = indicator.unit if data.kind == TargetKind.ABSOLUTE else None
    value = _number(data.value, "value", unit=unit, name=indicator.name)
    if data.kind in (TargetKind.RELATIVE, TargetKind.ABSOLUTE) and value is None:
        raise ApplicationError(
            "Enter the target's value: the % change for a relative target, or the level",
            field="value",
        )
    if data.kind in (TargetKind.REDUCE, TargetKind.INCREASE):
        value = None
    tolerance = _number(data.amber_tolerance, "amber_tolerance", unit=None, name="")
    tolerance = Decimal("5") if tolerance is None else tolerance
    if not Decimal("0") <= tolerance <= MAX_TOLERANCE:
        raise ApplicationError("The amber band must be between 0 and 100", field="amber_tolerance")
    rows = Period.objects.ensure([spec, baseline])
    target = (
        Target.objects.select_for_update(of=("self",))
        .select_related("updated_by")
        .filter(indicator=indicator, area=area, period=rows[spec.code])
        .first()
    )
    current = target.version if target is not None else 0
    who = "someone"
    if target is not None and target.updated_by is not None:
        who = target.updated_by.get_full_name() or target.updated_by.username
    if data.read_version == 0 and target is not None:
        raise ApplicationError(
            f"There is already a {spec.code} target for {indicator.name} in {area.name} (last "
            f"set by {who}), so yours was not saved: change it from the list of targets.",
            field="period",
        )
    if data.read_version is not None and data.read_version != current:
        raise ApplicationError(
            f"{who[0].upper()}{who[1:]} changed the {spec.code} target for {indicator.name} in "
            f"{area.name} after you opened this page, so yours was not saved. Check theirs "
            "below and change it again if it should be yours."
        )
    target = target or Target(indicator=indicator, area=area, period=rows[spec.code], version=0)
    target.kind, target.value = data.kind, value
    target.baseline_period = rows[baseline.code]
    target.amber_tolerance = tolerance
    target.version += 1
    target.updated_by = user
    target._history_user = user
    target.save()
    from indicators.services.comparisons import comparisons_recompute_start

    comparisons_recompute_start(user=user, full=True)
    return target
