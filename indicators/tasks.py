"""Background tasks of the indicators app: thin wrappers that record progress in Job."""

from celery import shared_task

from indicators.services import comparisons
from shp import services as core_services


@shared_task(time_limit=60 * 60, soft_time_limit=55 * 60)
def comparisons_recompute_task(job_id: str, full: bool = True) -> None:
    """Recompute the comparisons (``full``, or what the figures written since the last one
    change); the job records progress, or the reason it failed."""
    try:
        comparisons.comparisons_recompute(job_id=job_id, full=full)
    except Exception as exc:
        core_services.job_fail(job_id=job_id, error=f"{type(exc).__name__}: {exc}")
        raise
