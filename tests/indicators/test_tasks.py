"""The comparisons recompute on a real Celery worker process (PostgreSQL and Redis)."""

import pytest

from indicators.models import Comparison
from indicators.services.imports import figures_import
from shp.models import Job
from tests.worker import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_an_import_queues_a_recompute_that_the_worker_runs(
    celery_worker_process, catalogue_committed
):
    content = (
        b"area,indicator,period,value\nHartlepool,TRC,2014/15,7308\nHartlepool,TRC,2015/16,8133\n"
    )
    result = figures_import(content=content, filename="f.csv", status="approved")
    assert result.recompute_job_id
    job = wait_for(
        lambda: Job.objects.filter(
            pk=result.recompute_job_id, status__in=["succeeded", "failed"]
        ).first()
    )
    assert job.status == "succeeded", job.error
    assert job.message == "Recomputed 4 changed comparisons"  # 2 approved, 2 provisional
    row = Comparison.objects.get(indicator__code="TRC", period__code="2015/16")
    assert (row.change, str(row.pct_change_1dp)) == (825, "11.3")
