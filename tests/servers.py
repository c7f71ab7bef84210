"""Stopping and starting the run's own Redis and PostgreSQL servers, for the fault tests.

scripts/test starts both under a temporary directory and says where (SHP_REDIS_ARGS,
SHP_REDIS_DIR, SHP_PG_CTL, SHP_PGDATA); elsewhere these tests fail with how to run them."""

import os
import shlex
import subprocess
import time
from contextlib import contextmanager
from urllib.parse import urlparse

import pytest
from django.conf import settings


def _needs(*names: str) -> None:
    missing = [name for name in names if not os.environ.get(name)]
    if missing:
        pytest.fail(f"{', '.join(missing)} not set: run the fault tests through scripts/test.")


def _redis_port() -> int:
    return urlparse(settings.CELERY_BROKER_URL).port


def redis_answers() -> bool:
    found = subprocess.run(
        ["redis-cli", "-p", str(_redis_port()), "ping"], capture_output=True, text=True
    )
    return found.stdout.strip() == "PONG"


@contextmanager
def redis_stopped():
    """Stop the broker (Redis) for the block, then start it again on the same port."""
    _needs("SHP_REDIS_ARGS", "SHP_REDIS_DIR")
    port = str(_redis_port())
    subprocess.run(["redis-cli", "-p", port, "shutdown", "nosave"], capture_output=True)
    deadline = time.monotonic() + 10
    while redis_answers():
        if time.monotonic() > deadline:
            pytest.fail("Redis did not stop")
        time.sleep(0.1)
    try:
        yield
    finally:
        folder = os.environ["SHP_REDIS_DIR"]
        arguments = shlex.split(os.environ["SHP_REDIS_ARGS"])
        subprocess.run(
            ["redis-server", *arguments, "--daemonize", "yes", "--dir", folder,
             "--pidfile", f"{folder}/redis.pid", "--logfile", f"{folder}/redis-again.log"],
            check=True,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while not redis_answers():
            if time.monotonic() > deadline:
                pytest.fail("Redis did not start again")
            time.sleep(0.1)


def _as_postgres(command: list[str]) -> list[str]:
    """PostgreSQL's own tools refuse to run as root."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def postgres_restart() -> None:
    """Restart the run's PostgreSQL server (fast shutdown: open connections are cut)."""
    _needs("SHP_PG_CTL", "SHP_PGDATA")
    data = os.environ["SHP_PGDATA"]
    log = os.path.join(os.path.dirname(data), "restarted.log")  # not our pipe: pg_ctl would wait
    subprocess.run(
        _as_postgres(
            [os.environ["SHP_PG_CTL"], "-D", data, "-l", log, "-m", "fast", "-w", "restart"]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
