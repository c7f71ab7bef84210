"""Saving an organisation's quarter from the entry grid: all boxes checked, then all written."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from indicators import periods
from indicators.entry import EntryScope, figures_by_box
from indicators.entry_checks import Entered, Thresholds, entry_flags
from indicators.models import Commentary, EntryWarning, Figure, Indicator, QuarterReturn
from indicators.services.imports import periods_ensure
from indicators.values import value_parse
from shp.errors import ApplicationError
from shp.permissions import user_roles
from shp.roles import Role

MAX_REASON = 300
MAX_TEXT = 5000
GRID_CHANGE_REASON = "Entered in the quarter grid"


@dataclass(frozen=True)
class BoxInput:
    """What was typed in one box: a value, or a reason it is not available, or neither."""

    value: str = ""
    reason: str = ""


@dataclass(frozen=True)
class BoxProblem:
    key: tuple  # (indicator id, area id, period code)
    field: str  # "value" or "reason"
    message: str


class EntryInvalid(ApplicationError):
    """Some boxes hold values that cannot be saved; nothing was saved."""

    def __init__(self, problems: list[BoxProblem]):
        self.problems = problems
        count = len(problems)
        super().__init__(
            f"{count} box{'es' if count != 1 else ''} need correcting; nothing was saved."
        )


def user_may_enter(user, organisation) -> bool:
    """Officers enter their own organisation's figures; administrators anyone's."""
    roles = user_roles(user)
    if Role.ADMINISTRATOR in roles:
        return True
    person = getattr(user, "person", None)
    return (
        Role.OFFICER in roles and person is not None and person.organisation_id == organisation.pk
    )


def quarter_return_get(*, organisation, quarter: periods.PeriodSpec, lock: bool = False):
    """The organisation's return for the quarter, created (as a draft) on first use."""
    period = periods_ensure([quarter])[quarter.code]
    manager = QuarterReturn.objects.select_for_update() if lock else QuarterReturn.objects
    record, _ = manager.get_or_create(organisation=organisation, period=period)
    return record


def thresholds() -> Thresholds:
    return Thresholds(
        percent=Decimal(str(settings.ENTRY_SWING_PERCENT)),
        min_change=Decimal(str(settings.ENTRY_SWING_MIN_CHANGE)),
        points=Decimal(str(settings.ENTRY_SWING_POINTS)),
    )


def _check_boxes(scope: EntryScope, inputs: dict[tuple, BoxInput]) -> tuple[dict, list]:
    parsed, problems = {}, []
    for indicator, spec, area in scope.boxes():
        key = (indicator.pk, area.pk, spec.code)
        box = inputs.get(key, BoxInput())
        value_text, reason = box.value.strip(), box.reason.strip()
        where = f"{area.name}, {indicator.name}, {spec.code}"
        if len(reason) > MAX_REASON:
            problems.append(
                BoxProblem(
                    key, "reason", f"{where}: the reason must be {MAX_REASON} characters or fewer"
                )
            )
            continue
        if value_text and reason:
            problems.append(
                BoxProblem(
                    key,
                    "value",
                    f"{where}: enter a figure or a reason it is not available, not both",
                )
            )
            continue
        if not value_text:
            parsed[key] = Entered(None, reason)
            continue
        value, problem = value_parse(value_text, unit=indicator.unit, name=indicator.name)
        if problem:
            problems.append(BoxProblem(key, "value", f"{where}: {problem}"))
            continue
        parsed[key] = Entered(value)
    return parsed, problems


@transaction.atomic
def quarter_figures_save(
    *,
    user,
    scope: EntryScope,
    inputs: dict[tuple, BoxInput],
    commentaries: dict[int, str] | None = None,
    acknowledgements: dict[int, str] | None = None,
) -> QuarterReturn:
    """Check every box; if all are valid write the figures, commentary and acknowledgements,
    then re-run the warning checks and queue the recompute. Raises EntryInvalid (nothing saved)
    or ApplicationError (not allowed, or the quarter is no longer a draft)."""
    if not user_may_enter(user, scope.organisation):
        raise ApplicationError(f"You cannot enter figures for {scope.organisation.name}.")
    record = quarter_return_get(organisation=scope.organisation, quarter=scope.quarter, lock=True)
    if not record.is_editable:
        raise ApplicationError(
            f"{scope.organisation.name}'s {scope.quarter.code} figures are "
            f"{record.get_status_display().lower()}; they can no longer be changed here."
        )
    parsed, problems = _check_boxes(scope, inputs)
    for text in (commentaries or {}).values():
        if len(text) > MAX_TEXT:
            problems.append(
                BoxProblem((), "commentary", f"Commentary must be {MAX_TEXT} characters or fewer")
            )
    for text in (acknowledgements or {}).values():
        if len(text) > MAX_TEXT:
            problems.append(
                BoxProblem((), "comment", f"A comment must be {MAX_TEXT} characters or fewer")
            )
    if problems:
        raise EntryInvalid(problems)

    changed = _write_figures(user, scope, parsed)
    _write_commentaries(user, scope, commentaries or {})
    _write_acknowledgements(user, record, acknowledgements or {})
    quarter_warnings_sync(quarter_return=record, scope=scope)
    if changed:
        from indicators.services.comparisons import comparisons_recompute_start

        comparisons_recompute_start(user=user)
    return record


def _write_figures(user, scope: EntryScope, parsed: dict[tuple, Entered]) -> int:
    specs = {spec for _, spec, _ in scope.boxes()}
    period_rows = periods_ensure(specs)
    existing = figures_by_box(scope, specs)
    changed = 0
    for indicator, spec, area in scope.boxes():
        key = (indicator.pk, area.pk, spec.code)
        entered = parsed[key]
        figure = existing.get(key)
        if entered.is_missing:
            if figure is not None:
                _refuse_if_locked(figure, indicator, area, spec)
                figure._change_reason = GRID_CHANGE_REASON
                figure.delete()
                changed += 1
            continue
        if figure is None:
            figure = Figure(indicator=indicator, area=area, period=period_rows[spec.code])
        elif figure.value == entered.value and figure.not_available_reason == entered.reason:
            continue
        _refuse_if_locked(figure, indicator, area, spec)
        figure.value = entered.value
        figure.not_available_reason = entered.reason
        figure.status = Figure.Status.DRAFT
        figure.updated_by = user
        figure._change_reason = GRID_CHANGE_REASON
        figure.save()
        changed += 1
    return changed


def _refuse_if_locked(figure: Figure, indicator, area, spec) -> None:
    if figure.pk and figure.status == Figure.Status.LOCKED:
        raise ApplicationError(
            f"{area.name}, {indicator.name}, {spec.code} is locked; ask the performance lead to "
            "unlock it first."
        )


def _write_commentaries(user, scope: EntryScope, commentaries: dict[int, str]) -> None:
    allowed = {indicator.pk for indicator in scope.indicators}
    period = periods_ensure([scope.quarter])[scope.quarter.code]
    saved = {
        c.indicator_id: c
        for c in Commentary.objects.filter(period=period, indicator_id__in=allowed)
    }
    for indicator_id, text in commentaries.items():
        if indicator_id not in allowed:
            continue
        text = text.strip()
        current = saved.get(indicator_id)
        if not text:
            if current is not None:
                current.delete()
            continue
        if current is not None and current.text == text:
            continue
        current = current or Commentary(indicator_id=indicator_id, period=period)
        current.text, current.updated_by = text, user
        current.save()


def _write_acknowledgements(user, record: QuarterReturn, acknowledgements: dict[int, str]) -> None:
    warnings = {w.pk: w for w in record.warnings.filter(pk__in=list(acknowledgements))}
    now = timezone.now()
    for warning_id, comment in acknowledgements.items():
        warning = warnings.get(warning_id)
        comment = comment.strip()
        if warning is None or warning.comment == comment:
            continue
        warning.comment = comment
        warning.acknowledged_by = user if comment else None
        warning.acknowledged_at = now if comment else None
        warning.save()


def quarter_warnings_sync(*, quarter_return: QuarterReturn, scope: EntryScope) -> list:
    """Re-run the checks on what is saved; keep acknowledgements of warnings that still hold."""
    boxes = scope.boxes()
    specs = {spec for _, spec, _ in boxes}
    last_specs = {spec.shifted(-1) for spec in specs}
    saved = figures_by_box(scope, specs | last_specs)
    entered = {
        key: Entered(figure.value, figure.not_available_reason)
        for key, figure in saved.items()
        if key[2] in {spec.code for spec in specs}
    }
    last_year = {
        (indicator.pk, area.pk, spec.code): saved[key].value
        for indicator, spec, area in boxes
        if (key := (indicator.pk, area.pk, spec.shifted(-1).code)) in saved
        and saved[key].value is not None
    }
    components_of: dict[int, list] = {}
    for part in Indicator.objects.filter(parent_rule=Indicator.ParentRule.SUM):
        if part.is_valid_for(scope.quarter):
            components_of.setdefault(part.parent_id, []).append(part)
    flags = entry_flags(
        boxes=boxes,
        entered=entered,
        last_year=last_year,
        components_of=components_of,
        thresholds=thresholds(),
    )
    period_rows = periods_ensure(specs)
    current = {
        (w.indicator_id, w.area_id, w.period.code if w.period else "", w.kind): w
        for w in quarter_return.warnings.select_related("period")
    }
    kept = set()
    for flag in flags:
        key = (flag.indicator_id, flag.area_id, flag.period_code, flag.kind)
        kept.add(key)
        warning = current.get(key)
        if warning is None:
            EntryWarning.objects.create(
                quarter_return=quarter_return,
                indicator_id=flag.indicator_id,
                area_id=flag.area_id,
                period=period_rows.get(flag.period_code),
                kind=flag.kind,
                message=flag.message[:1000],
            )
        elif warning.message != flag.message[:1000]:
            warning.message = flag.message[:1000]
            warning.comment, warning.acknowledged_by, warning.acknowledged_at = "", None, None
            warning.save()
    stale = [w.pk for key, w in current.items() if key not in kept]
    if stale:
        EntryWarning.objects.filter(pk__in=stale).delete()
    return flags
