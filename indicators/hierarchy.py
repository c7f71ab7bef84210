"""Rows of a table as the catalogue's hierarchy: each total first, its parts indented under it."""

from collections import defaultdict


def in_hierarchy(rows) -> list:
    """``rows`` (each with an ``indicator``) depth first: a total, then its parts, siblings in
    catalogue order. Each row gains ``depth`` (0 for a top-level total), ``ancestors`` (the
    codes of the totals above it, nearest last) and ``has_parts``. A row whose total is not
    among ``rows`` (filtered out) stands at the top level."""
    rows = list(rows)
    present = {row.indicator.pk for row in rows}
    children = defaultdict(list)
    for row in rows:
        parent = row.indicator.parent_id
        children[parent if parent in present else None].append(row)
    for siblings in children.values():
        siblings.sort(key=lambda row: (row.indicator.display_order, row.indicator.name))
    ordered: list = []

    def visit(row, ancestors: tuple) -> None:
        row.depth = len(ancestors)
        row.ancestors = ancestors
        row.has_parts = bool(children.get(row.indicator.pk))
        ordered.append(row)
        for part in children.get(row.indicator.pk, ()):
            visit(part, (*ancestors, row.indicator.code))

    for row in children[None]:
        visit(row, ())
    if len(ordered) < len(rows):  # a loop in the catalogue's parents: show the rest flat
        seen = {id(row) for row in ordered}
        for row in rows:
            if id(row) not in seen:
                row.depth, row.ancestors, row.has_parts = 0, (), False
                ordered.append(row)
    return ordered
