"""Sending background jobs to the job queue (Celery's broker) so that none is lost while the
queue is unreachable.

The Job row is written in the caller's transaction with the task's name and arguments
(``shp.services.job_create``); the message goes out once that transaction commits. When the
queue cannot be reached the caller's work stands (its transaction has committed), the job is
marked *waiting* and its pages say so, and ``jobs_send_waiting`` (every minute, and when a
worker starts) sends it once the queue is back. Sending claims the job first, so two sweeps
never send the same job twice."""

import logging
from datetime import timedelta

from celery import current_app
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from kombu.exceptions import OperationalError as QueueUnreachable

from shp.models import Job

logger = logging.getLogger(__name__)

WAITING_MESSAGE = "The job queue could not be reached: this job starts as soon as it is back."
# A job queued but never sent after this long lost its sender between commit and send.
UNSENT_GRACE = timedelta(minutes=2)
NOT_STARTED = (Job.Status.QUEUED, Job.Status.WAITING)


def job_send(*, job_id) -> bool:
    """Send a job that has not started to the queue; False, with the job marked waiting, when
    the queue cannot be reached (or another sender has it)."""
    claimed = Job.objects.filter(pk=job_id, sent_at__isnull=True, status__in=NOT_STARTED)
    if not claimed.update(sent_at=timezone.now()):
        return False
    job = Job.objects.get(pk=job_id)
    task = current_app.tasks[job.task_name]
    args = [str(job.pk), *job.task_args]
    if current_app.conf.task_always_eager:  # development and tests: runs here and now
        task.apply_async(args=args)
        return True
    try:
        task.apply_async(args=args, retry_policy=settings.JOB_SEND_RETRY_POLICY)
    except (QueueUnreachable, ConnectionError) as exc:
        logger.warning("Job %s waits for the job queue: %s", job_id, exc)
        Job.objects.filter(pk=job_id, status__in=NOT_STARTED).update(
            sent_at=None, status=Job.Status.WAITING, message=WAITING_MESSAGE,
            updated_at=timezone.now(),
        )  # fmt: skip
        return False
    Job.objects.filter(pk=job_id, status=Job.Status.WAITING).update(
        status=Job.Status.QUEUED, message="", updated_at=timezone.now()
    )
    return True


def jobs_send_waiting(*, now=None) -> int:
    """Send every job the queue never took — waiting ones, and queued ones never sent — and
    return how many went; stops at the first that cannot (the queue is still away)."""
    now = now or timezone.now()
    unsent = Job.objects.exclude(task_name="").filter(
        Q(status=Job.Status.WAITING)
        | Q(status=Job.Status.QUEUED, sent_at__isnull=True, created_at__lt=now - UNSENT_GRACE)
    )
    sent = 0
    for job_id in unsent.order_by("created_at").values_list("pk", flat=True):
        if not job_send(job_id=job_id):
            if Job.objects.filter(pk=job_id, status=Job.Status.WAITING).exists():
                break  # the queue is still unreachable: the next sweep tries again
            continue  # another sender took it
        sent += 1
    return sent
