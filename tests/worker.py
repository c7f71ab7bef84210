"""A real Celery worker process for task tests, consuming the run's broker (Redis in CI).

The worker is a separate process, so it can only see committed rows in a database server that
both processes reach: tests that use it are marked ``worker`` and need PostgreSQL.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from shp.celery_config import QUEUES

ROOT = Path(__file__).resolve().parent.parent


def _database_url_for_test_db() -> str:
    db = connection.settings_dict
    user = db.get("USER") or ""
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or "5432"
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


def start_celery_worker(log_path, *, queues: str = "", env_extra: dict | None = None):
    """Start ``celery -A shp worker`` on the test database; return once it is ready."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "shp.settings.test",
        "DATABASE_URL": _database_url_for_test_db(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        **(env_extra or {}),
    }
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "shp",
        "worker",
        "--pool=solo",
        "--loglevel=INFO",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "--hostname",
        f"test-worker-{os.getpid()}-{queues or 'default'}@%h",
    ]
    command += ["--queues", queues or ",".join(QUEUES)]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while "ready." not in log_path.read_text(errors="replace"):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"Celery worker did not start:\n{log_path.read_text()[-3000:]}")
        time.sleep(0.2)
    return process


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker, tmp_path_factory):
    """Start ``celery -A shp worker`` against the test database; stop it after the session."""
    if connection.vendor != "postgresql":
        pytest.fail("Worker tests need PostgreSQL: run them through scripts/test.")
    if settings.CELERY_BROKER_URL.startswith(("memory://", "filesystem://")):
        pytest.fail("Worker tests need a broker server (Redis): run them through scripts/test.")
    log_path = tmp_path_factory.mktemp("celery") / "worker.log"
    media_root = tmp_path_factory.mktemp("worker-media")
    process = start_celery_worker(log_path, env_extra={"MEDIA_ROOT": str(media_root)})
    process.media_root = media_root  # tests that read the worker's files point MEDIA_ROOT here
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        print(f"\n[celery worker log: {log_path}]")


def wait_for(predicate, *, timeout: float = 30.0, interval: float = 0.2):
    """Poll ``predicate`` until it returns something truthy, failing after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"Timed out after {timeout}s waiting for {predicate}")
