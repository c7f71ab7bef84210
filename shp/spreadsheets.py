"""Cells written to CSV and Excel files that a spreadsheet will show, never run."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Text that a spreadsheet will not run as a formula (a leading apostrophe is added)."""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value
    return value


def spreadsheet_unsafe(text: str) -> str:
    """The text :func:`spreadsheet_safe` wrote, read back from a file."""
    if text[:1] == "'" and text[1:2] in FORMULA_STARTS:
        return text[1:]
    return text


def spreadsheet_safe_row(values) -> list:
    """A row of cells, each text cell made safe (numbers and dates stay as they are)."""
    return [spreadsheet_safe(value) for value in values]
