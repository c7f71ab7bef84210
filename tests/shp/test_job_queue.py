"""Jobs reach the queue once: a job whose message could not be sent waits, marked, and the
sweep sends it (claimed first, so two sweeps never send it twice); a job already sent, or
one that started, is not sent again."""

from datetime import timedelta

import pytest
from django.utils import timezone
from kombu.exceptions import OperationalError

from shp import job_queue
from shp.celery import app
from shp.models import Job
from shp.services import job_create
from shp.tasks import demo_count_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(monkeypatch):
    """What reached the queue; ``sent.down = True`` makes the queue unreachable."""

    class Queue:
        down = False
        calls: list = []

    queue = Queue()
    queue.calls = []

    def apply_async(args=None, **options):
        if queue.down:
            raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
        queue.calls.append(args)

    monkeypatch.setitem(app.conf, "task_always_eager", False)
    monkeypatch.setattr(demo_count_task, "apply_async", apply_async)
    return queue


def queued_job(**fields) -> Job:
    job = job_create(
        kind="demo", title="Demo", total_steps=1, created_by=None, task=demo_count_task
    )
    Job.objects.filter(pk=job.pk).update(**fields)
    return Job.objects.get(pk=job.pk)


def test_a_job_that_cannot_reach_the_queue_waits_and_the_sweep_sends_it_once(
    sent, django_capture_on_commit_callbacks
):
    sent.down = True
    with django_capture_on_commit_callbacks(execute=True):
        job = queued_job()
    job.refresh_from_db()
    assert (job.status, job.sent_at) == (Job.Status.WAITING, None)
    assert job.message == job_queue.WAITING_MESSAGE
    assert job_queue.jobs_send_waiting() == 0  # still down: nothing sent, still waiting
    sent.down = False
    assert job_queue.jobs_send_waiting() == 1
    assert job_queue.jobs_send_waiting() == 0  # run twice: not sent again
    job.refresh_from_db()
    assert (job.status, job.message) == (Job.Status.QUEUED, "") and job.sent_at is not None
    assert sent.calls == [[str(job.pk)]]


def test_a_job_whose_sender_stopped_before_sending_is_sent_after_a_grace_period(sent):
    job = queued_job()  # the commit's callback never ran: as if the web process died
    assert job_queue.jobs_send_waiting() == 0  # within the grace period it may still go
    later = timezone.now() + job_queue.UNSENT_GRACE + timedelta(seconds=1)
    assert job_queue.jobs_send_waiting(now=later) == 1
    assert sent.calls == [[str(job.pk)]]


def test_a_started_job_is_never_sent_again(sent):
    job = queued_job(status=Job.Status.RUNNING)
    later = timezone.now() + job_queue.UNSENT_GRACE * 2
    assert job_queue.jobs_send_waiting(now=later) == 0
    assert job_queue.job_send(job_id=job.pk) is False
    assert sent.calls == []
