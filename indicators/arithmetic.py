"""The published arithmetic, exactly (DESIGN.md, "The arithmetic, exactly").

Scalar functions on Decimals, used by reports and tests; ``indicators.services.comparisons``
does the same arithmetic vectorised and is checked against these functions.
"""

from decimal import ROUND_HALF_UP, Decimal

NOT_APPLICABLE = "n/a"


class Unit:
    COUNT = "count"
    PERCENTAGE = "percentage"
    RATE = "rate"
    RATIO = "ratio"
    CHOICES = [
        (COUNT, "Count"),
        (PERCENTAGE, "Percentage"),
        (RATE, "Rate"),
        (RATIO, "Ratio"),
    ]


class Polarity:
    LOWER_IS_BETTER = "lower"
    HIGHER_IS_BETTER = "higher"
    NO_JUDGEMENT = "none"
    CHOICES = [
        (LOWER_IS_BETTER, "Lower is better"),
        (HIGHER_IS_BETTER, "Higher is better"),
        (NO_JUDGEMENT, "No judgement"),
    ]


class Direction:
    IMPROVED = "improved"
    WORSENED = "worsened"
    NO_CHANGE = "no change"
    NOT_JUDGED = "not judged"


def round_half_away(value: Decimal, places: int = 1) -> Decimal:
    """Round half away from zero (2.25 → 2.3, −2.25 → −2.3), as published tables do."""
    quantum = Decimal(1).scaleb(-places)
    return Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)


def change(current: Decimal, baseline: Decimal) -> Decimal:
    """current − baseline (in percentage points for percentage indicators)."""
    return Decimal(current) - Decimal(baseline)


def change_unit(unit: str) -> str:
    """'pp' for percentage indicators, whose change is a difference of percentages; else '%'."""
    return "pp" if unit == Unit.PERCENTAGE else "%"


def pct_change(current: Decimal, baseline: Decimal, unit: str = Unit.COUNT) -> Decimal | None:
    """% change at full precision; percentage points for percentages; None on a zero baseline."""
    difference = change(current, baseline)
    if unit == Unit.PERCENTAGE:
        return difference
    if Decimal(baseline) == 0:
        return None
    return difference / Decimal(baseline) * 100


def pct_change_display(
    current: Decimal, baseline: Decimal, unit: str = Unit.COUNT, places: int = 1
) -> str:
    """% change as a published table shows it: rounded half away from zero, or "n/a"."""
    value = pct_change(current, baseline, unit)
    if value is None:
        return NOT_APPLICABLE
    return str(round_half_away(value, places))


def rate_per_1000(value: Decimal, denominator: int | None) -> Decimal | None:
    """value ÷ denominator × 1,000, rounded half away from zero to one decimal place."""
    if not denominator:
        return None
    return round_half_away(Decimal(value) * 1000 / Decimal(denominator), 1)


def direction(current: Decimal, baseline: Decimal, polarity: str) -> str:
    """Whether the change is an improvement, judged by the indicator's polarity."""
    if polarity == Polarity.NO_JUDGEMENT:
        return Direction.NOT_JUDGED
    difference = change(current, baseline)
    if difference == 0:
        return Direction.NO_CHANGE
    better = difference < 0 if polarity == Polarity.LOWER_IS_BETTER else difference > 0
    return Direction.IMPROVED if better else Direction.WORSENED
