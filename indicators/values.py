"""Reading a figure typed by a person or found in a file: one set of rules for the entry grid and
the import service."""

import re
from decimal import Decimal, InvalidOperation

from indicators.arithmetic import Unit

# Digits 0–9 only, an optional sign and decimal point; thousands may be grouped by commas or
# spaces in threes. Anything else Python would accept (1_000, 1e3, Arabic-Indic digits, "1,5")
# is refused: a person did not mean it, or meant something else.
PLAIN = re.compile(r"[+-]?(\d+(\.\d+)?|\.\d+)", re.ASCII)
GROUPED = re.compile(r"[+-]?\d{1,3}([, ]\d{3})+(\.\d+)?", re.ASCII)

MAX_ABS_VALUE = Decimal("99999999999999")  # what Figure.value (18 digits, 4 places) holds


def value_parse(text: str, *, unit: str | None, name: str = "") -> tuple[Decimal | None, str]:
    """Return (value, problem). ``problem`` is a sentence for the person who typed ``text``.

    Commas and spaces are ignored ("1,234"); a trailing "%" is accepted for percentages only.
    """
    stripped = text.strip()
    is_percent_sign = stripped.endswith("%")
    if is_percent_sign:
        stripped = stripped[:-1].rstrip()
    shown = text.strip()[:40]
    problem = _written_problem(stripped, shown)
    if problem:
        return None, problem
    cleaned = stripped.replace(",", "").replace(" ", "")
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


def _written_problem(text: str, shown: str) -> str:
    """Why ``text`` is not a number as people write one, or ""."""
    if PLAIN.fullmatch(text) or GROUPED.fullmatch(text):
        return ""
    if any(ch.isdigit() and not ("0" <= ch <= "9") for ch in text):
        return f'"{shown}" uses digits other than 0 to 9; type the number with 0 to 9'
    if "_" in text:
        return f'"{shown}" has an underscore; write the number without it, e.g. 1000 or 1,000'
    if re.fullmatch(r"[+-]?[\d.]+[eE][+-]?\d+", text):
        return f'"{shown}" is in scientific notation; write the number out in full'
    if re.fullmatch(r"[+-]?\d+,\d{1,2}", text):
        return f'"{shown}" has a comma where a decimal point may be meant; use a full stop (1.5)'
    if re.fullmatch(r"[+-]?[\d, ]+(\.\d+)?", text):
        return f'"{shown}" has commas or spaces in the wrong places; group thousands in threes'
    return f'"{shown}" is not a number'


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
