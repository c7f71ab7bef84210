"""Background tasks of the partnership core: thin wrappers that record progress in Job."""

from celery import shared_task
from celery.signals import worker_ready

from shp import job_queue, services


@shared_task(time_limit=120, soft_time_limit=100)
def demo_count_task(job_id: str, step_seconds: float = 0.5) -> None:
    """Run the demonstration job, marking it failed with the reason if anything goes wrong."""
    try:
        services.demo_job_run(job_id=job_id, step_seconds=step_seconds)
    except Exception as exc:
        services.job_fail(job_id=job_id, error=f"{type(exc).__name__}: {exc}")
        raise


@shared_task(time_limit=600, soft_time_limit=540)
def reminders_send_task() -> dict:
    """Send the reminders that are due (see shp/reminders.py); safe to run twice."""
    run = services.reminders_send()
    return {"sent": run.sent, "already_sent": run.already_sent, "failed": run.failed}


@shared_task(time_limit=120, soft_time_limit=100)
def jobs_send_waiting_task() -> int:
    """Send the jobs the job queue never took (it was unreachable); safe to run twice."""
    return job_queue.jobs_send_waiting()


@worker_ready.connect
def send_waiting_jobs_when_a_worker_starts(**kwargs) -> None:
    """A worker starting after an outage sends what waited, without waiting for the schedule."""
    jobs_send_waiting_task.delay()
