"""Packs on a real Celery worker (Redis, PostgreSQL): the render_pack command, and a worker
killed half way through a render that leaves nothing behind, then a retry that completes."""

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from meetings.models import Meeting, PackVersion
from meetings.packs.services import PACK_STEPS, agenda_pack_render_start, pack_job_kind
from meetings.tasks import agenda_pack_render_task
from shp import services as core_services
from shp.models import Job
from tests.worker import start_celery_worker, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db, celery_worker_process, settings):
    settings.MEDIA_ROOT = celery_worker_process.media_root
    call_command("load_demo", "--no-users", verbosity=0)
    return Meeting.objects.get(date=date(2016, 6, 17))


def test_render_pack_queues_the_task_waits_and_writes_the_file(demo, tmp_path):
    output = tmp_path / "pack.pdf"
    call_command("render_pack", "--meeting", "2016-06-17", "--public", "--output", str(output))
    reader = PdfReader(io.BytesIO(output.read_bytes()))
    version = PackVersion.objects.get(meeting=demo, variant="public")
    assert len(reader.pages) == version.pages
    last = reader.pages[-1].extract_text()
    assert f"Page {version.pages} of {version.pages}" in last
    with pytest.raises(CommandError, match="is not a date"):
        call_command("render_pack", "--meeting", "17/06/2016", "--output", str(output))
    with pytest.raises(CommandError, match="There is no meeting on 18 June 2016"):
        call_command("render_pack", "--meeting", "2016-06-18", "--output", str(output))
    with pytest.raises(CommandError, match="There is no committee"):
        call_command(
            "render_pack", "--meeting", "2016-06-17", "--committee", "nope", "--output", "x.pdf"
        )


def test_a_worker_killed_mid_render_leaves_no_pack_and_a_retry_completes(demo, tmp_path, settings):
    packs_dir = settings.MEDIA_ROOT / "meetings" / "packs"
    before = set(packs_dir.rglob("*")) if packs_dir.exists() else set()
    doomed = start_celery_worker(
        tmp_path / "doomed.log",
        queues="pack-kill-test",
        env_extra={"MEDIA_ROOT": str(settings.MEDIA_ROOT)},
    )
    try:
        job = core_services.job_create(
            kind=pack_job_kind(demo), title="Doomed render", total_steps=PACK_STEPS, created_by=None
        )
        agenda_pack_render_task.apply_async(
            (str(job.pk), demo.pk, "members"), queue="pack-kill-test"
        )
        wait_for(lambda: "Rendering appendix" in Job.objects.get(pk=job.pk).message, timeout=60)
        doomed.kill()  # SIGKILL: no clean-up code runs
        doomed.wait(timeout=10)
    finally:
        if doomed.poll() is None:
            doomed.kill()
    assert not PackVersion.objects.exists()
    after = set(packs_dir.rglob("*")) if packs_dir.exists() else set()
    assert not [path for path in after - before if path.is_file()]  # not even a partial file
    assert Job.objects.get(pk=job.pk).status == Job.Status.RUNNING  # never claimed success

    retry = agenda_pack_render_start(meeting=demo, variant="members", user=None)
    wait_for(lambda: Job.objects.get(pk=retry.pk).is_finished, timeout=180)
    retry.refresh_from_db()
    assert retry.status == Job.Status.SUCCEEDED, retry.error
    version = PackVersion.objects.get()
    with version.file.open("rb") as handle:
        assert len(PdfReader(handle).pages) == version.pages
