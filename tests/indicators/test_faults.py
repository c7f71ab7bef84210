"""Faults lose nothing: a worker killed in the middle of writing the comparisons, PostgreSQL
restarted under a loop of requests, and the job queue (Redis) down while figures are saved.
Each runs against the run's real servers, which scripts/test starts (tests/servers.py)."""

import re
import signal
import threading
import time

import psycopg
import pytest
import requests
from django.db import connection, connections
from django.urls import reverse

from indicators.models import Commentary, Comparison
from indicators.services.comparisons import RECOMPUTE_JOB_KIND, comparisons_recompute
from indicators.services.imports import figures_import
from indicators.tasks import comparisons_recompute_task
from shp import services as core_services
from shp.models import Job
from shp.roles import Role
from shp.tasks import jobs_send_waiting_task
from tests.factories import user_with_role
from tests.servers import postgres_restart, redis_answers, redis_stopped
from tests.worker import start_celery_worker, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

FIGURES = b"area,indicator,period,value\nHartlepool,TRC,2014/15,7308\nHartlepool,TRC,2015/16,%d\n"


def stored_comparisons() -> list[tuple]:
    """Every stored comparison, both bases, as it would be read."""
    return list(
        Comparison.all_bases.order_by("basis", "indicator_id", "area_id", "period_id").values_list(
            "basis", "indicator_id", "area_id", "period_id", "current_value", "computed_at"
        )
    )


def trc_now() -> set:
    rows = Comparison.objects.filter(indicator__code="TRC", period__code="2015/16")
    return {row.current_value for row in rows}


def _other_connection():
    params = connection.get_connection_params()
    return psycopg.connect(**{k: v for k, v in params.items() if k != "cursor_factory"})


def _blocked_replacement(watcher) -> int | None:
    """The backend of a recompute that is replacing the comparisons and waits on our lock: a
    full recompute at its swap (dropping the old table, its last step), after the new rows
    are written and indexed; a recompute of what changed at its DELETE."""
    row = watcher.execute(
        "SELECT pid FROM pg_stat_activity"
        " WHERE query ~ '^(DELETE FROM|DROP TABLE) \"?indicators_comparison\"?( |$)'"
        " AND wait_event_type = 'Lock'"
    ).fetchone()
    return row[0] if row else None


def test_a_worker_killed_while_writing_comparisons_leaves_the_old_ones_whole_and_the_retry_completes(  # noqa: E501
    catalogue_committed, tmp_path
):
    figures_import(content=FIGURES % 8133, filename="f.csv", status="approved", recompute=False)
    comparisons_recompute()
    before = stored_comparisons()
    assert trc_now() == {8133}
    figures_import(content=FIGURES % 9191, filename="f.csv", status="approved", recompute=False)

    # Hold one stored row, so that the worker's replacement stops part-way: at the swap.
    locker = _other_connection()
    locker.execute("SELECT id FROM indicators_comparison ORDER BY ctid DESC LIMIT 1 FOR UPDATE")
    watcher = _other_connection()
    watcher.autocommit = True
    # A message taken by a killed worker goes back on the queue after 3 s (acks late).
    quick = {"CELERY_VISIBILITY_TIMEOUT": "3"}
    first = start_celery_worker(tmp_path / "first.log", queues="faults", env_extra=quick)
    job = core_services.job_create(
        kind=RECOMPUTE_JOB_KIND, title="Recompute comparisons", total_steps=9, created_by=None
    )
    comparisons_recompute_task.apply_async(args=[str(job.pk)], queue="faults")
    try:
        backend = wait_for(lambda: _blocked_replacement(watcher), timeout=60)
        first.send_signal(signal.SIGKILL)  # as the kernel's out-of-memory killer would
        first.wait(timeout=10)
    finally:
        locker.rollback()
        locker.close()
    gone = "SELECT count(*) FROM pg_stat_activity WHERE pid = %s"
    wait_for(lambda: watcher.execute(gone, [backend]).fetchone()[0] == 0, timeout=30)
    watcher.close()
    assert stored_comparisons() == before, "the killed write left part of itself visible"
    assert trc_now() == {8133}
    assert Job.objects.get(pk=job.pk).status == Job.Status.RUNNING  # as the kill left it

    time.sleep(3.5)  # past the visibility timeout: the next worker takes the message back
    second = start_celery_worker(tmp_path / "second.log", queues="faults", env_extra=quick)
    try:
        finished = wait_for(
            lambda: Job.objects.filter(pk=job.pk, status__in=["succeeded", "failed"]).first(),
            timeout=90,
        )
    finally:
        second.terminate()
        second.wait(timeout=20)
    assert finished.status == Job.Status.SUCCEEDED, finished.error
    assert trc_now() == {9191}
    assert len(stored_comparisons()) == len(before)


def test_with_the_job_queue_down_figures_are_saved_and_recomputed_once_it_is_back(
    celery_worker_process, catalogue_committed, client
):
    figures_import(content=FIGURES % 8133, filename="f.csv", status="approved", recompute=False)
    comparisons_recompute()
    lead = user_with_role(Role.PERFORMANCE_LEAD, username="lead")
    client.force_login(lead)
    with redis_stopped():
        started = time.monotonic()
        result = figures_import(
            content=FIGURES % 9393, filename="f.csv", status="approved", user=lead
        )
        assert time.monotonic() - started < 10, "saving waited too long on the queue"
        job = Job.objects.get(pk=result.recompute_job_id)
        assert job.status == Job.Status.WAITING and job.sent_at is None
        page = client.get(
            reverse("indicators:dashboard"), {"area": "E06000001", "period": "2015/16"}
        ).content.decode()
        assert "Recompute waiting" in page and "starts by itself" in page
        assert trc_now() == {8133}  # the comparisons wait; the figure itself is saved
    assert redis_answers()
    jobs_send_waiting_task.delay()  # what the schedule sends every minute
    finished = wait_for(
        lambda: Job.objects.filter(pk=job.pk, status__in=["succeeded", "failed"]).first(),
        timeout=90,
    )
    assert finished.status == Job.Status.SUCCEEDED, finished.error
    assert finished.sent_at is not None
    assert trc_now() == {9393}


def _form_token(session, url) -> str:
    page = session.get(url, timeout=10)
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


def test_postgresql_restarted_under_requests_gives_clean_pages_then_recovers_losing_nothing(
    catalogue_committed, live_server, client
):
    lead = user_with_role(Role.PERFORMANCE_LEAD, username="lead")
    client.force_login(lead)
    session = requests.Session()
    session.cookies.set("sessionid", client.cookies["sessionid"].value)
    quarter = "2016/17 Q1"
    path = reverse("indicators:commentary-edit", kwargs={"code": "SHOP", "area": "E06000001"})
    url = f"{live_server.url}{path}?quarter={quarter}"
    token = _form_token(session, url)
    pages = [live_server.url + "/", live_server.url + reverse("indicators:public-performance")]
    answers: list[tuple[str, int, str]] = []
    saved: list[str] = []
    restarted = threading.Event()
    version = 0

    def loop():
        nonlocal version
        n = 0
        while True:
            n += 1
            for page in pages:
                response = session.get(page, timeout=10)
                answers.append(("GET", response.status_code, response.text))
            text = f"Commentary number {n}."
            response = session.post(
                url,
                {"quarter": quarter, "text": text, "read_version": version,
                 "csrfmiddlewaretoken": token},
                allow_redirects=False, timeout=10,
            )  # fmt: skip
            answers.append(("POST", response.status_code, response.text))
            if response.status_code == 302:
                saved.append(text)
                version += 1
            else:
                # Refused, or cut off (perhaps after it committed): read the version as it is now.
                form = session.get(url, timeout=10)
                found = re.search(r'name="read_version" value="(\d+)"', form.text)
                if form.status_code == 200 and found:
                    version = int(found.group(1))
            if restarted.is_set() and sum(s == 302 for _, s, _ in answers[-9:]) >= 3:
                return

    runner = threading.Thread(target=loop)
    runner.start()
    time.sleep(1.0)
    try:
        postgres_restart()
    finally:
        restarted.set()
        connections.close_all()  # this process's own connection was cut too
    runner.join(timeout=120)
    assert not runner.is_alive(), "requests did not recover after the restart"

    statuses = {status for _, status, _ in answers}
    assert statuses <= {200, 302, 503}, statuses
    unavailable = [body for _, status, body in answers if status == 503]
    assert unavailable, "no request fell in the restart (the loop was too slow to prove it)"
    for body in unavailable:
        assert "Sorry, the service is unavailable" in body and "Traceback" not in body
    assert answers[-1][1] in (200, 302)
    commentary = Commentary.objects.get()
    history = [h.text for h in commentary.history.order_by("history_date")]
    # Every save the server confirmed is kept, in order; none was half-written.
    assert [t for t in history if t in saved] == saved
    assert commentary.text == history[-1] and commentary.version == len(history)
