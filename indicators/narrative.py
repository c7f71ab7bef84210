"""A drafted summary of an area's period, written from the comparisons alone: deterministic, so
the same figures always give the same words, and every number in it is a comparison's.

Each table of the report definition gives one sentence: its first indicator (the headline, a
total) and how it changed; where the headline is a total of counts, its two largest moves in
the same direction among the table's most detailed rows (rows no other row of the table is
part of), so that a total and its own part are never both named. The performance lead edits
the draft before it goes into the report and the pack appendix."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

PARTS_NAMED = 2


@dataclass(frozen=True)
class NarrativeLine:
    """One row of a comparison, as the narrative reads it."""

    code: str
    name: str
    change: Decimal | None
    pct_change: str  # rounded to one decimal place, or "n/a"
    change_unit: str  # "%" or "pp"
    ancestors: tuple[str, ...]  # codes of the totals it is part of, nearest first


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text) if text not in ("", None) else None
    except (InvalidOperation, TypeError):
        return None


def line_of(row, ancestors: tuple[str, ...]) -> NarrativeLine:
    """A YoyRow (from ``selectors.yoy_table``) as a narrative line."""
    return NarrativeLine(
        code=row.indicator,
        name=row.name,
        change=_decimal(row.change),
        pct_change=row.pct_change,
        change_unit=row.change_unit,
        ancestors=ancestors,
    )


def _mid_sentence(name: str) -> str:
    """ "Total recorded crime" → "total recorded crime"; "ASB – personal" stays as it is."""
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name


def _count(value: Decimal) -> str:
    text = f"{abs(value).normalize():,f}"
    return f"+{text}" if value > 0 else f"−{text}"


def _moved(line: NarrativeLine) -> str:
    """ "rose 11.3% (+825)", "fell 2.9 percentage points", "did not change"."""
    if line.change is None:
        return ""
    if line.change == 0:
        return "did not change"
    verb = "rose" if line.change > 0 else "fell"
    if line.change_unit == "pp":
        return f"{verb} {abs(line.change).normalize():f} percentage points"
    if line.pct_change in ("", "n/a"):
        return f"{verb} by {_count(line.change)[1:]} from none"
    pct = line.pct_change.lstrip("+-")
    return f"{verb} {pct}% ({_count(line.change)})"


def _largest_parts(headline: NarrativeLine, lines: list[NarrativeLine]) -> list[NarrativeLine]:
    codes = {line.code for line in lines}
    detailed = [
        line
        for line in lines
        if headline.code in line.ancestors
        and line.change is not None
        and line.change_unit != "pp"
        and not any(line.code in other.ancestors for other in lines if other.code in codes)
    ]
    rising = headline.change > 0
    moving = [line for line in detailed if (line.change > 0) == rising and line.change != 0]
    moving.sort(key=lambda line: (-abs(line.change), line.name))
    return moving[:PARTS_NAMED]


def _sentence(lines: list[NarrativeLine], baseline: str, first: bool) -> str:
    headline = lines[0]
    moved = _moved(headline)
    if not moved:
        return ""
    text = f"{headline.name} {moved}" + (f" on {baseline}" if first else "")
    if headline.change and headline.change_unit != "pp":
        parts = _largest_parts(headline, lines[1:])
        if parts:
            kind = "rise" if headline.change > 0 else "fall"
            named = " and ".join(
                f"{_mid_sentence(part.name)} ({_count(part.change)})" for part in parts
            )
            were = "s were" if len(parts) > 1 else " was"
            text += f"; the largest {kind}{were} {named}"
    return text


def narrative_draft(*, tables: list[list[NarrativeLine]], baseline: str) -> str:
    """The summary of ``tables`` (each a headline line, then its table's other lines)."""
    sentences = []
    for lines in tables:
        if not lines:
            continue
        sentence = _sentence(lines, baseline, first=not sentences)
        if sentence:
            sentences.append(sentence)
    if not sentences:
        return ""
    return ". ".join(sentences) + "."
