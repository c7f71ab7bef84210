"""Two recomputes never interleave: the second waits for the first (PostgreSQL advisory lock)."""

import threading

import psycopg
import pytest
from django.db import connection, connections

from indicators.services.comparisons import RECOMPUTE_LOCK, comparisons_recompute

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_a_recompute_waits_while_another_holds_the_lock(catalogue_committed):
    if connection.vendor != "postgresql":
        pytest.fail("This test needs PostgreSQL: run it through scripts/test.")
    params = connection.get_connection_params()
    other = psycopg.connect(
        **{k: v for k, v in params.items() if k != "cursor_factory"}, autocommit=True
    )
    other.execute("SELECT pg_advisory_lock(%s)", [RECOMPUTE_LOCK])
    finished = threading.Event()

    def run():
        try:
            comparisons_recompute()
        finally:
            connections.close_all()
            finished.set()

    worker = threading.Thread(target=run)
    worker.start()
    try:
        assert not finished.wait(1.5), "the recompute did not wait for the lock"
    finally:
        other.execute("SELECT pg_advisory_unlock(%s)", [RECOMPUTE_LOCK])
        other.close()
    assert finished.wait(30), "the recompute did not run once the lock was released"
    worker.join()
