"""Shared fixtures: users per role, the Celery worker process, and what the run is using."""

import os

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from shp.roles import Role
from tests.factories import user_with_role
from tests.worker import celery_worker_process  # noqa: F401  (a fixture)


def pytest_report_header(config):
    """Say which real parts this run uses, so the CI log shows PostgreSQL, Redis and Chromium."""
    database = settings.DATABASES["default"]
    lines = [
        f"database engine: {database['ENGINE']} (host {database.get('HOST') or 'local file'}"
        f", port {database.get('PORT') or '-'})",
        f"celery broker: {settings.CELERY_BROKER_URL.split('@')[-1]}",
        f"browser: {os.environ.get('SHP_CHROMIUM', '/usr/bin/chromium')}",
    ]
    return lines


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test's database starts again at comparisons version 0: what another test cached
    under that version must not be read (indicators/cache.py)."""
    from django.core.cache import cache

    from indicators.cache import cached_clear_recent

    cache.clear()
    cached_clear_recent()


@pytest.fixture
def role_user(db):
    """Factory fixture: ``role_user(Role.OFFICER)`` returns a user holding that role."""

    def make(role: Role | None, **kwargs):
        return user_with_role(role, **kwargs)

    return make


@pytest.fixture
def database_vendor(db):
    return connection.vendor


@pytest.fixture
def catalogue(db):
    """Areas, denominators and the indicator catalogue (reference data only)."""
    call_command(
        "loaddata",
        "partnership.json",
        "indicators/areas.json",
        "indicators/catalogue.json",
        "indicators/report_definitions.json",
        verbosity=0,
    )
