"""Checks on a quarter's figures that do not stop a save but must be acknowledged to submit.

Pure functions over the values an organisation has entered: a missing box, parts that do not add
up to their total, and a swing against the same period last year larger than the thresholds in
settings (``ENTRY_SWING_PERCENT`` with at least ``ENTRY_SWING_MIN_CHANGE`` for counts and
rates, ``ENTRY_SWING_POINTS`` percentage points for percentages).
"""

from dataclasses import dataclass
from decimal import Decimal

from indicators.arithmetic import Unit, round_half_away


@dataclass(frozen=True)
class Thresholds:
    percent: Decimal
    min_change: Decimal
    points: Decimal


@dataclass(frozen=True)
class Flag:
    """A warning; the one for missing boxes covers them all (no indicator, area or period)."""

    indicator_id: int | None
    area_id: int | None
    period_code: str
    kind: str  # EntryWarning.Kind values
    message: str


@dataclass(frozen=True)
class Entered:
    """A box as saved: a value, "not available", or nothing (value None, reason "")."""

    value: Decimal | None
    reason: str = ""

    @property
    def is_missing(self) -> bool:
        return self.value is None and not self.reason


def _number(value: Decimal) -> str:
    return f"{round_half_away(value, 1).normalize():,f}"


def entry_flags(
    *,
    boxes,
    entered: dict[tuple, Entered],
    last_year: dict[tuple, Decimal],
    components_of: dict[int, list],
    thresholds: Thresholds,
) -> list[Flag]:
    """Flags for ``boxes`` — (indicator, period spec, area) — from ``entered`` and ``last_year``,
    both keyed (indicator id, area id, period code). ``components_of`` maps a total's id to every
    part summed into it; a total is checked only when all its parts are among the boxes."""
    flags, missing = [], []
    for indicator, spec, area in boxes:
        key = (indicator.pk, area.pk, spec.code)
        box = entered.get(key, Entered(None))
        where = f"{area.name}, {indicator.name}, {spec.code}"
        if box.is_missing:
            missing.append(where)
            continue
        if box.value is None:
            continue
        previous = last_year.get(key)
        if previous is not None:
            swing = _swing(box.value, previous, indicator.unit, thresholds)
            if swing:
                flags.append(Flag(*key, "swing", f"{where}: {swing}"))
    flags.extend(_parts_flags(boxes, entered, components_of))
    if missing:
        flags.append(Flag(None, None, "", "missing", _missing_message(missing, len(boxes))))
    return flags


def _missing_message(missing: list[str], total: int, named: int = 4) -> str:
    """One warning for every empty box, so that one comment can explain them all."""
    shown = "; ".join(missing[:named])
    more = f"; and {len(missing) - named} more" if len(missing) > named else ""
    return (
        f"{len(missing)} of {total} boxes have no figure and no reason it is missing: {shown}{more}"
    )


def _swing(current: Decimal, previous: Decimal, unit: str, thresholds: Thresholds) -> str:
    change = current - previous
    if unit == Unit.PERCENTAGE:
        if abs(change) > thresholds.points:
            return (
                f"{_number(current)}% against {_number(previous)}% a year earlier, a change of "
                f"{_number(change)} percentage points (more than {_number(thresholds.points)})"
            )
        return ""
    if previous == 0 or abs(change) < thresholds.min_change:
        return ""
    percent = change / previous * 100
    if abs(percent) <= thresholds.percent:
        return ""
    return (
        f"{_number(current)} against {_number(previous)} a year earlier, a change of "
        f"{_number(percent)}% (more than {_number(thresholds.percent)}%)"
    )


def _parts_flags(boxes, entered: dict[tuple, Entered], components_of: dict[int, list]) -> list:
    """A total whose parts are all entered here and do not add up to it."""
    in_boxes = {(indicator.pk, spec.code) for indicator, spec, _ in boxes}
    flags = []
    for indicator, spec, area in boxes:
        components = components_of.get(indicator.pk)
        if not components or any((c.pk, spec.code) not in in_boxes for c in components):
            continue
        total = entered.get((indicator.pk, area.pk, spec.code), Entered(None)).value
        values = [entered.get((c.pk, area.pk, spec.code), Entered(None)).value for c in components]
        if total is None or any(value is None for value in values):
            continue
        added = sum(values)
        if added != total:
            names = ", ".join(c.name for c in components)
            flags.append(
                Flag(
                    indicator.pk,
                    area.pk,
                    spec.code,
                    "parts",
                    f"{area.name}, {indicator.name}, {spec.code}: the total is {_number(total)} "
                    f"but its parts ({names}) add up to {_number(added)}, a difference of "
                    f"{_number(total - added)}",
                )
            )
    return flags
