"""Production settings read in a fresh interpreter, as a web process would load them."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def settings_read(module: str, **env: str) -> dict:
    """DATABASES["default"] as the named settings module builds it from `env`."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"CONN_MAX_AGE", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    environment.update(
        SECRET_KEY="x" * 50, DATABASE_URL="postgres://shp@db.internal:5432/shp", **env
    )
    code = f"import json, {module} as s; print(json.dumps(s.DATABASES['default'], default=str))"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_production_keeps_database_connections_between_requests():
    database = settings_read("shp.settings.production")
    assert database["CONN_MAX_AGE"] == 60
    assert database["CONN_HEALTH_CHECKS"] is True


def test_production_connection_age_can_be_set():
    assert settings_read("shp.settings.production", CONN_MAX_AGE="0")["CONN_MAX_AGE"] == 0


def test_development_opens_a_connection_per_request():
    # runserver serves each request on a new thread, so a kept connection would never be reused
    assert settings_read("shp.settings.local")["CONN_MAX_AGE"] == 0
