"""Reading a figure typed by a person or found in a file: one set of rules for the entry grid and
the import service."""

from decimal import Decimal, InvalidOperation

from indicators.arithmetic import Unit

MAX_ABS_VALUE = Decimal("99999999999999")  # what Figure.value (18 digits, 4 places) holds


def value_parse(text: str, *, unit: str | None, name: str = "") -> tuple[Decimal | None, str]:
    """Return (value, problem). ``problem`` is a sentence for the person who typed ``text``.

    Commas and spaces are ignored ("1,234"); a trailing "%" is accepted for percentages only.
    """
    cleaned = text.replace(",", "").replace(" ", "").strip()
    is_percent_sign = cleaned.endswith("%")
    if is_percent_sign:
        cleaned = cleaned[:-1]
    shown = text.strip()[:40]
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None, f'"{shown}" is not a number'
    if not value.is_finite():
        return None, f'"{shown}" is not a number'
    if abs(value) > MAX_ABS_VALUE:
        return None, f'"{shown}" is too large'
    if value.as_tuple().exponent < -4:
        return None, f'"{shown}" has more than 4 decimal places'
    if unit is None:
        return value, ""
    if is_percent_sign and unit != Unit.PERCENTAGE:
        return None, f"{name} is not a percentage; write the number without %"
    return value, value_range_problem(value, unit=unit, name=name)


def value_range_problem(value: Decimal, *, unit: str, name: str) -> str:
    """Why ``value`` cannot be a figure of this unit, or ""."""
    if unit == Unit.COUNT:
        if value < 0:
            return f"{value} is negative; a count cannot be below 0"
        if value != value.to_integral_value():
            return f"{value} is not a whole number; {name} is a count"
    if unit == Unit.PERCENTAGE and not 0 <= value <= 100:
        return f"{value}% is not a percentage between 0 and 100"
    if unit in (Unit.RATE, Unit.RATIO) and value < 0:
        return f"{value} is negative; {name} cannot be below 0"
    return ""
