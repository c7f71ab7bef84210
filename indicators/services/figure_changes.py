"""Recording which figures a write touched, so that the recompute that follows works out only
what depends on them (indicators/recompute_scope.py). Every write of figures records here, in
its own transaction: figures_write, figures_set_status and figure_clear."""

from collections import defaultdict
from collections.abc import Iterable

from indicators.models import FigureChange
from shp.bulk_writes import rows_create


def figure_changes_record(keys: Iterable[tuple[int, int, int]]) -> int:
    """Record figures written, as (indicator id, area id, period id): one row per area and
    period, naming its indicators. Returns how many rows were recorded."""
    indicators_by_place: dict[tuple[int, int], set[int]] = defaultdict(set)
    for indicator_id, area_id, period_id in keys:
        indicators_by_place[(area_id, period_id)].add(indicator_id)
    changes = [
        FigureChange(area_id=area_id, period_id=period_id, indicator_ids=sorted(indicators))
        for (area_id, period_id), indicators in indicators_by_place.items()
    ]
    rows_create(FigureChange, changes)
    return len(changes)


def figure_changes_forget(change_ids: list[int]) -> None:
    """Remove the changes a recompute has taken into account (in its storing transaction)."""
    for start in range(0, len(change_ids), 10_000):
        FigureChange.objects.filter(pk__in=change_ids[start : start + 10_000])._raw_delete(
            FigureChange.objects.db
        )
