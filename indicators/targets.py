"""Targets and RAG, as pure functions: each assessment says its rule in words."""

from dataclasses import dataclass
from decimal import Decimal

from indicators.arithmetic import Polarity, Unit, round_half_away


class TargetKind:
    REDUCE = "reduce"
    INCREASE = "increase"
    RELATIVE = "relative"
    ABSOLUTE = "absolute"
    CHOICES = [
        (REDUCE, "Reduce (on the baseline)"),
        (INCREASE, "Increase (on the baseline)"),
        (RELATIVE, "Relative change on the baseline, e.g. 3% increase"),
        (ABSOLUTE, "Absolute level, e.g. 12%"),
    ]


class TargetStatus:
    MET = "met"
    NOT_MET = "not met"
    NO_TARGET = "no target"
    NO_DATA = "no data"


class Rag:
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NONE = ""


@dataclass(frozen=True)
class Assessment:
    status: str
    rag: str
    rule: str
    level: Decimal | None


def _fmt(value: Decimal, unit: str) -> str:
    number = round_half_away(value, 1).normalize()
    text = f"{number:,f}"
    return f"{text}%" if unit == Unit.PERCENTAGE else text


def target_level(kind: str, value: Decimal | None, baseline: Decimal | None) -> Decimal | None:
    """The level the indicator must reach (the baseline itself for directional targets)."""
    if kind == TargetKind.ABSOLUTE:
        return value
    if baseline is None:
        return None
    if kind == TargetKind.RELATIVE:
        return Decimal(baseline) * (1 + Decimal(value) / 100)
    return Decimal(baseline)


def wants_higher(kind: str, value: Decimal | None, polarity: str) -> bool:
    """Whether meeting the target means being above its level."""
    if kind == TargetKind.INCREASE:
        return True
    if kind == TargetKind.REDUCE:
        return False
    if kind == TargetKind.RELATIVE:
        return Decimal(value) >= 0
    return polarity != Polarity.LOWER_IS_BETTER


def tolerance_amount(level: Decimal, tolerance: Decimal, unit: str) -> Decimal:
    """Amber band: percentage points for percentage indicators, else a percentage of the level."""
    if unit == Unit.PERCENTAGE:
        return Decimal(tolerance)
    return abs(Decimal(level)) * Decimal(tolerance) / 100


def assess(
    *,
    kind: str | None,
    value: Decimal | None,
    tolerance: Decimal,
    baseline: Decimal | None,
    baseline_label: str,
    current: Decimal | None,
    polarity: str,
    unit: str,
) -> Assessment:
    """Target status and RAG of ``current`` against a target, with the rule in words."""
    if kind is None:
        return Assessment(TargetStatus.NO_TARGET, Rag.NONE, "No target set.", None)
    level = target_level(kind, value, baseline)
    if level is None:
        return Assessment(
            TargetStatus.NO_DATA, Rag.NONE, f"No {baseline_label} baseline to compare with.", None
        )
    higher = wants_higher(kind, value, polarity)
    band = tolerance_amount(level, tolerance, unit)
    what = (
        f"the {baseline_label} baseline of {_fmt(level, unit)}"
        if kind in (TargetKind.REDUCE, TargetKind.INCREASE)
        else f"the target of {_fmt(level, unit)}"
    )
    tolerance_text = f"{round_half_away(Decimal(tolerance), 1).normalize():f}"
    band_words = (
        f"{tolerance_text} percentage points" if unit == Unit.PERCENTAGE else f"{tolerance_text}%"
    )
    if higher:
        strict = kind == TargetKind.INCREASE
        rule = (
            f"Green: {'above' if strict else 'at or above'} {what}. "
            f"Amber: short of it by no more than {band_words}. Red: further below."
        )
        met = current is not None and (current > level if strict else current >= level)
        amber = current is not None and current >= level - band
    else:
        strict = kind == TargetKind.REDUCE
        rule = (
            f"Green: {'below' if strict else 'at or below'} {what}. "
            f"Amber: over it by no more than {band_words}. Red: further above."
        )
        met = current is not None and (current < level if strict else current <= level)
        amber = current is not None and current <= level + band
    if current is None:
        return Assessment(TargetStatus.NO_DATA, Rag.NONE, rule, level)
    if met:
        return Assessment(TargetStatus.MET, Rag.GREEN, rule, level)
    return Assessment(TargetStatus.NOT_MET, Rag.AMBER if amber else Rag.RED, rule, level)
