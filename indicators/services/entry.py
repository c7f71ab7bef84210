"""Saving an organisation's quarter from the entry grid: all boxes checked, then all written."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from indicators import periods
from indicators.entry import EntryScope, figures_by_box
from indicators.entry_checks import Entered, Thresholds, entry_flags
from indicators.models import Commentary, EntryWarning, Figure, Indicator, Period, QuarterReturn
from indicators.services.commentary import MAX_COMMENTARY, commentary_write
from indicators.services.figures import FigureWrite, figures_write
from indicators.values import value_parse
from shp.errors import ApplicationError
from shp.permissions import user_roles
from shp.roles import Role

MAX_REASON = 300
MAX_TEXT = 5000
GRID_CHANGE_REASON = "Entered in the quarter grid"


@dataclass(frozen=True)
class BoxInput:
    """What was typed in one box (a value, or a reason it is not available, or neither), and
    what the page showed when it was read: the figure's version (0: there was none) and text."""

    value: str = ""
    reason: str = ""
    read_version: int | None = None
    read_value: str = ""
    read_reason: str = ""


@dataclass(frozen=True)
class TextInput:
    """A commentary or a warning's comment as posted, with the version it was read at."""

    text: str
    read_version: int | None = None
    read_text: str = ""


@dataclass(frozen=True)
class BoxProblem:
    key: tuple  # (indicator id, area id, period code)
    field: str  # "value" or "reason"
    message: str


@dataclass(frozen=True)
class Conflict:
    """A box (or text) someone else saved after the page was read, with both values."""

    key: tuple  # a box key, ("commentary", (indicator id, area id)) or ("comment", warning id)
    what: str
    who: str
    when: object
    theirs: str
    yours: str

    @property
    def message(self) -> str:
        return (
            f"{self.who} changed {self.what} to {self.theirs or 'nothing'} at "
            f"{timezone.localtime(self.when):%H:%M on %-d %B %Y} after you opened this page; "
            "you entered "
            f"{self.yours or 'nothing'}"
        )

    @property
    def short(self) -> str:
        """The same, beside the box itself."""
        return (
            f"{self.who} saved {self.theirs or 'nothing'} here meanwhile; you entered "
            f"{self.yours or 'nothing'}"
        )


class EntryInvalid(ApplicationError):
    """Some boxes hold values that cannot be saved; nothing was saved."""

    def __init__(self, problems: list[BoxProblem]):
        self.problems = problems
        count = len(problems)
        super().__init__(
            f"{count} box{'es' if count != 1 else ''} need correcting; nothing was saved."
        )


class EntryConflict(ApplicationError):
    """Someone saved some of the same boxes after this page was read; nothing was saved."""

    def __init__(self, conflicts: list[Conflict]):
        self.conflicts = conflicts
        count = len(conflicts)
        super().__init__(
            f"Someone else saved {count} of these box{'es' if count != 1 else ''} after you "
            "opened the page, so nothing was saved. The boxes now show the saved values; enter "
            "yours again where it should replace theirs, then save to keep your other changes."
        )


def shown_value(figure: Figure | None) -> tuple[str, str]:
    """A saved figure as its box shows it: (value text, not-available reason)."""
    if figure is None:
        return "", ""
    value = "" if figure.value is None else f"{figure.value.normalize():f}"
    return value, figure.not_available_reason


def _who(user) -> str:
    if user is None:
        return "Someone"
    return user.get_full_name() or user.username


def user_may_enter(user, organisation) -> bool:
    """Officers enter their own organisation's figures; administrators anyone's."""
    roles = user_roles(user)
    if Role.ADMINISTRATOR in roles:
        return True
    person = getattr(user, "person", None)
    return (
        Role.OFFICER in roles and person is not None and person.organisation_id == organisation.pk
    )


def quarter_return_get(
    *, organisation, quarter: periods.PeriodSpec, lock: bool = False, period=None
):
    """The organisation's return for the quarter, created (as a draft) on first use."""
    period = period or Period.objects.ensure([quarter])[quarter.code]
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
    commentaries: dict[tuple[int, int], TextInput] | None = None,
    acknowledgements: dict[int, TextInput] | None = None,
) -> QuarterReturn:
    """Check every box; if all are valid and none was changed by someone else since the page was
    read, write the figures (in bulk, with history), commentary and acknowledgements, re-run the
    warning checks and queue the recompute. Raises EntryInvalid or EntryConflict (nothing
    saved) or ApplicationError (not allowed, or the quarter is no longer a draft)."""
    if not user_may_enter(user, scope.organisation):
        raise ApplicationError(f"You cannot enter figures for {scope.organisation.name}.")
    boxes = scope.boxes()
    specs = {spec for _, spec, _ in boxes}
    period_rows = Period.objects.ensure(
        specs | {scope.quarter} | {spec.shifted(-1) for spec in specs}
    )
    record = quarter_return_get(
        organisation=scope.organisation,
        quarter=scope.quarter,
        lock=True,
        period=period_rows[scope.quarter.code],
    )
    if not record.is_editable:
        raise ApplicationError(
            f"{scope.organisation.name}'s {scope.quarter.code} figures are "
            f"{record.get_status_display().lower()}; they can no longer be changed here."
        )
    commentaries = {k: _as_text(v) for k, v in (commentaries or {}).items()}
    acknowledgements = {k: _as_text(v) for k, v in (acknowledgements or {}).items()}
    last_specs = {spec.shifted(-1) for spec in specs}
    around = figures_by_box(scope, specs | last_specs, for_update=True)
    existing = {key: f for key, f in around.items() if key[2] in {s.code for s in specs}}
    parsed, problems = _check_boxes(scope, inputs)
    problems += _blanked(scope, inputs, existing)
    for item in commentaries.values():
        if len(item.text) > MAX_COMMENTARY:
            problems.append(
                BoxProblem(
                    (), "commentary", f"Commentary must be {MAX_COMMENTARY} characters or fewer"
                )
            )
    for item in acknowledgements.values():
        if len(item.text) > MAX_TEXT:
            problems.append(
                BoxProblem((), "comment", f"A comment must be {MAX_TEXT} characters or fewer")
            )
    if problems:
        raise EntryInvalid(problems)
    writes, conflicts = _figure_writes(scope, inputs, parsed, existing, period_rows)
    saved_commentaries = _commentaries_saved(scope, period_rows[scope.quarter.code])
    commentary_writes, more = _text_changes(
        commentaries,
        saved_commentaries,
        lambda key: (
            f"the commentary on {_indicator_name(scope, key[0])} in {_area_name(scope, key[1])}"
        ),
        "commentary",
    )
    conflicts += more
    warnings = {w.pk: w for w in record.warnings.select_related("acknowledged_by")}
    comment_writes, more = _text_changes(
        {pk: item for pk, item in acknowledgements.items() if pk in warnings},
        warnings,
        lambda pk: f"the comment on “{warnings[pk].message[:60]}”",
        "comment",
    )
    conflicts += more
    if conflicts:
        raise EntryConflict(conflicts)

    period_rows_by_id = {p.pk: p for p in period_rows.values()}
    outcome = figures_write(
        writes=writes,
        user=user,
        status=Figure.Status.DRAFT,
        reason=GRID_CHANGE_REASON,
        existing={(f.indicator_id, f.area_id, f.period_id): f for f in existing.values()},
    )
    _write_commentaries(
        user, scope, period_rows[scope.quarter.code], commentary_writes, saved_commentaries
    )
    _write_acknowledgements(user, warnings, comment_writes)
    for figure in outcome.created:
        figure.period = period_rows_by_id[figure.period_id]
        around[(figure.indicator_id, figure.area_id, figure.period.code)] = figure
    quarter_warnings_sync(quarter_return=record, scope=scope, period_rows=period_rows, saved=around)
    if outcome.count:
        from indicators.services.comparisons import comparisons_recompute_start

        comparisons_recompute_start(user=user)
    return record


def _as_text(item) -> TextInput:
    """A plain string is a text posted without a version (callers other than the grid page)."""
    return item if isinstance(item, TextInput) else TextInput(str(item))


def _indicator_name(scope: EntryScope, indicator_id: int) -> str:
    return next((i.name for i in scope.indicators if i.pk == indicator_id), "an indicator")


def _area_name(scope: EntryScope, area_id: int) -> str:
    return next((a.name for a in scope.areas if a.pk == area_id), "an area")


def _blanked(scope: EntryScope, inputs, existing) -> list[BoxProblem]:
    """Boxes emptied by the user where a figure is saved: a blank never deletes anything."""
    problems = []
    for indicator, spec, area in scope.boxes():
        key = (indicator.pk, area.pk, spec.code)
        box = inputs.get(key, BoxInput())
        figure = existing.get(key)
        if figure is None or box.value.strip() or box.reason.strip():
            continue
        if box.read_version is not None and box.read_version != figure.version:
            continue  # saved by someone else since: not this user's deletion
        problems.append(
            BoxProblem(
                key,
                "value",
                f"{area.name}, {indicator.name}, {spec.code}: a blank box does not remove a "
                "figure. Enter the figure, or a reason it is not available; to remove it, use "
                "Clear this figure on its history page and give the reason",
            )
        )
    return problems


def _figure_writes(scope, inputs, parsed, existing, period_rows):
    """The figures to write, and the boxes someone else saved since the page was read."""
    writes, conflicts = [], []
    for indicator, spec, area in scope.boxes():
        key = (indicator.pk, area.pk, spec.code)
        box = inputs.get(key, BoxInput())
        entered = parsed[key]
        figure = existing.get(key)
        current_version = figure.version if figure is not None else 0
        if box.read_version is not None and box.read_version != current_version:
            posted = (box.value.strip(), box.reason.strip())
            theirs = shown_value(figure)
            if posted in {(box.read_value, box.read_reason), theirs}:
                continue  # untouched here, or the same as theirs: theirs stands
            conflicts.append(
                Conflict(
                    key=key,
                    what=f"{area.name}, {indicator.name}, {spec.code}",
                    who=_who(figure.updated_by if figure else None),
                    when=figure.updated_at if figure else timezone.now(),
                    theirs=theirs[0] or (f"not available ({theirs[1]})" if theirs[1] else ""),
                    yours=posted[0] or (f"not available ({posted[1]})" if posted[1] else ""),
                )
            )
            continue
        if entered.is_missing:
            continue
        writes.append(
            FigureWrite(
                indicator_id=indicator.pk,
                area_id=area.pk,
                period=period_rows[spec.code],
                value=entered.value,
                not_available_reason=entered.reason,
            )
        )
    return writes, conflicts


def _text_changes(posted: dict, saved: dict, describe, kind: str):
    """Texts that changed, and those someone else changed since the page was read."""
    changes, conflicts = {}, []
    for pk, item in posted.items():
        text = item.text.strip()
        current = saved.get(pk)
        current_text = current.text if kind == "commentary" and current else ""
        if kind == "comment" and current is not None:
            current_text = current.comment
        current_version = current.version if current is not None else 0
        if text == current_text:
            continue
        if item.read_version is not None and item.read_version != current_version:
            if text == item.read_text.strip():
                continue  # untouched here: theirs stands
            who = current.updated_by if kind == "commentary" and current else None
            if kind == "comment" and current is not None:
                who = current.acknowledged_by
            conflicts.append(
                Conflict(
                    key=(kind, pk),
                    what=describe(pk),
                    who=_who(who),
                    when=current.updated_at if current else timezone.now(),
                    theirs=current_text[:80],
                    yours=text[:80],
                )
            )
            continue
        changes[pk] = text
    return changes, conflicts


def _commentaries_saved(scope: EntryScope, period) -> dict:
    """The scope's commentaries of the quarter by (indicator id, area id), locked for the save."""
    return {
        (c.indicator_id, c.area_id): c
        for c in Commentary.objects.filter(
            period=period, indicator__in=scope.indicators, area__in=scope.areas
        )
        .select_related("updated_by")
        .select_for_update(of=("self",))
    }


def _write_commentaries(user, scope: EntryScope, period, changes: dict, saved) -> None:
    indicators = {indicator.pk for indicator in scope.indicators}
    areas = {area.pk for area in scope.areas}
    for (indicator_id, area_id), text in changes.items():
        if indicator_id not in indicators or area_id not in areas:
            continue
        commentary_write(
            user=user,
            current=saved.get((indicator_id, area_id)),
            key={
                "indicator_id": indicator_id,
                "area_id": area_id,
                "period": period,
                "organisation": scope.organisation,
            },
            text=text,
        )


def _write_acknowledgements(user, warnings: dict, changes: dict[int, str]) -> None:
    now = timezone.now()
    changed = []
    for warning_id, comment in changes.items():
        warning = warnings[warning_id]
        warning.comment = comment
        warning.acknowledged_by = user if comment else None
        warning.acknowledged_at = now if comment else None
        warning.version += 1
        warning.updated_at = now
        changed.append(warning)
    if changed:
        EntryWarning.objects.bulk_update(
            changed, ["comment", "acknowledged_by", "acknowledged_at", "version", "updated_at"]
        )


def quarter_warnings_sync(
    *,
    quarter_return: QuarterReturn,
    scope: EntryScope,
    period_rows: dict | None = None,
    saved: dict | None = None,
) -> list:
    """Re-run the checks on what is saved; keep acknowledgements of warnings that still hold.

    ``saved`` may hold the figures of the quarter and of a year earlier, keyed as
    ``figures_by_box`` keys them, when the caller has just written them."""
    boxes = scope.boxes()
    specs = {spec for _, spec, _ in boxes}
    last_specs = {spec.shifted(-1) for spec in specs}
    if saved is None:
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
    period_rows = period_rows or Period.objects.ensure(specs)
    current = {
        (w.indicator_id, w.area_id, w.period.code if w.period else "", w.kind): w
        for w in quarter_return.warnings.select_related("period")
    }
    kept, created, changed = set(), [], []
    for flag in flags:
        key = (flag.indicator_id, flag.area_id, flag.period_code, flag.kind)
        kept.add(key)
        warning = current.get(key)
        if warning is None:
            created.append(
                EntryWarning(
                    quarter_return=quarter_return,
                    indicator_id=flag.indicator_id,
                    area_id=flag.area_id,
                    period=period_rows.get(flag.period_code),
                    kind=flag.kind,
                    message=flag.message[:1000],
                )
            )
        elif warning.message != flag.message[:1000]:
            warning.message = flag.message[:1000]
            warning.comment, warning.acknowledged_by, warning.acknowledged_at = "", None, None
            warning.version += 1
            changed.append(warning)
    if created:
        EntryWarning.objects.bulk_create(created)
    if changed:
        EntryWarning.objects.bulk_update(
            changed, ["message", "comment", "acknowledged_by", "acknowledged_at", "version"]
        )
    stale = [w.pk for key, w in current.items() if key not in kept]
    if stale:
        EntryWarning.objects.filter(pk__in=stale).delete()
    return flags
