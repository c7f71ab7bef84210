"""Small-number suppression for public outputs, as a pure function.

Counts from 1 to 4 are shown as "fewer than 5" (primary suppression). A table that also shows a
total and all but one of its parts would give the hidden number away by subtraction, so for
every sum relation — a total and its parts, a force area and its districts — a suppressed member
must never be the only one: the smallest other non-zero shown member is hidden too (secondary
suppression), repeated until no relation reveals a hidden cell.
"""

from collections.abc import Hashable, Iterable
from decimal import Decimal

SMALLEST_SHOWN = 5


def is_small(value: Decimal | None) -> bool:
    return value is not None and 1 <= value < SMALLEST_SHOWN


def suppressed_cells(
    values: dict[Hashable, Decimal | None],
    *,
    counts: set[Hashable],
    relations: Iterable[tuple[Hashable, list[Hashable]]],
) -> tuple[set[Hashable], set[Hashable]]:
    """Return (primary, secondary): the cells to hide.

    ``values`` maps a cell key to its value (None when there is no figure); ``counts`` are the
    keys that are counts (only counts are suppressed); ``relations`` are (total key, part keys)
    where the total equals the sum of the parts.
    """
    primary = {key for key in counts if is_small(values.get(key))}
    hidden = set(primary)
    relations = [
        (total, parts)
        for total, parts in relations
        if total in values and parts and all(part in values for part in parts)
    ]
    changed = True
    while changed:
        changed = False
        for total, parts in relations:
            members = [total, *parts]
            if any(values[m] is None for m in members):
                continue  # an unknown member already keeps the hidden cell from being derived
            if sum(1 for m in members if m in hidden) != 1:
                continue
            shown_parts = [p for p in parts if p not in hidden]
            candidates = [p for p in shown_parts if values[p] != 0] or shown_parts
            extra = min(candidates, key=lambda p: values[p]) if candidates else total
            if extra in hidden:
                extra = total
            hidden.add(extra)
            changed = True
    return primary, hidden - primary
