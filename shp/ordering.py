"""Ordered rows with a unique ``position`` (report sections, standing items…): move one up or
down, and number them 1, 2, 3… again."""

from shp.errors import ApplicationError

_OFFSET = 1000


def moved(ordered: list, item, direction: str) -> list:
    """``ordered`` with ``item`` swapped with its neighbour above ("up") or below ("down")."""
    index = next(i for i, other in enumerate(ordered) if other.pk == item.pk)
    other = index + {"up": -1, "down": 1}.get(direction, 0)
    if other == index or not 0 <= other < len(ordered):
        raise ApplicationError("It is already at that end of the list, so it cannot move that way.")
    ordered = list(ordered)
    ordered[index], ordered[other] = ordered[other], ordered[index]
    return ordered


def positions_renumber(ordered: list, user) -> None:
    """Positions 1, 2, 3… in this order (in two steps, so unique positions never clash); each
    change is kept in the row's history with ``user``."""
    for number, row in enumerate(ordered, start=1):
        type(row).objects.filter(pk=row.pk).update(position=_OFFSET + number)
    for number, row in enumerate(ordered, start=1):
        row.position = number
        row._history_user = user
        row.save(update_fields=["position", "updated_at"])
