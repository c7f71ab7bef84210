"""The demonstration job on a real Celery worker process (PostgreSQL and Redis)."""

import pytest

from shp import services
from shp.models import Job
from shp.roles import Role
from shp.tasks import demo_count_task
from tests.worker import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def finished(job_id):
    job = Job.objects.get(pk=job_id)
    return job if job.is_finished else None


def test_worker_runs_the_demo_job_and_records_progress(celery_worker_process, role_user):
    job = services.demo_job_start(user=role_user(Role.PERFORMANCE_LEAD), steps=3)
    seen_running = wait_for(lambda: Job.objects.filter(pk=job.pk, step__gte=1).exists())
    assert seen_running
    job = wait_for(lambda: finished(job.pk))
    assert job.status == Job.Status.SUCCEEDED
    assert (job.step, job.total_steps, job.percent) == (3, 3, 100)
    assert job.message == "Counted 3 steps"
    assert job.started_at <= job.finished_at


def test_a_failing_task_marks_its_job_failed_with_the_reason(celery_worker_process):
    job = services.job_create(kind="demo-count", title="Broken", total_steps=2, created_by=None)
    demo_count_task.delay(str(job.pk), step_seconds="not a number")
    job = wait_for(lambda: finished(job.pk))
    assert job.status == Job.Status.FAILED
    assert job.error.startswith("TypeError")
