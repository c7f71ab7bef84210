"""The backup and restore procedure of the README, exercised: back up a database with figures,
their history, a meeting and an uploaded appendix, restore it into a new database and media
folder, and compare what a reader would find."""

import hashlib
import os
import subprocess
from datetime import date
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from indicators.services.imports import figures_import
from meetings import services
from tests.meetings.factories import committee_with_members, published_meeting, tiny_pdf

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
SCRIPTS = Path(settings.BASE_DIR) / "scripts"
TABLES = [
    "indicators_figure",
    "indicators_historicalfigure",
    "meetings_meeting",
    "meetings_report",
    "meetings_appendix",
    "shp_person",
]


def url_of(name: str) -> str:
    conf = connection.settings_dict
    password = f":{conf['PASSWORD']}" if conf.get("PASSWORD") else ""
    return f"postgresql://{conf['USER']}{password}@{conf['HOST']}:{conf['PORT']}/{name}"


def counts(url: str) -> dict:
    with psycopg.connect(url) as db:
        return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}  # noqa: S608


def digests(folder: Path) -> dict:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_a_backup_restores_into_a_new_database_with_nothing_lost(catalogue, tmp_path, settings):
    if connection.vendor != "postgresql":
        pytest.skip("the procedure is PostgreSQL's")
    settings.MEDIA_ROOT = tmp_path / "media"
    figures_import(
        content=b"area,indicator,period,value\nHartlepool,TRC,2015/16,8187\n",
        filename="f.csv",
        status="approved",
        recompute=False,
    )
    committee, _ = committee_with_members()
    _, item = published_meeting(committee, day=date(2030, 6, 14))
    services.appendix_upload(
        report=item.report, label="Appendix A", title="Plan", filename="p.pdf", content=tiny_pdf()
    )
    source = url_of(connection.settings_dict["NAME"])
    target_name = "shp_restore_check"
    with psycopg.connect(url_of("postgres"), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {target_name}")
        admin.execute(f"CREATE DATABASE {target_name}")
    try:
        env = {**os.environ, "DATABASE_URL": source, "MEDIA_ROOT": str(tmp_path / "media")}
        subprocess.run([SCRIPTS / "backup", tmp_path / "backup"], env=env, check=True)
        env = {
            **os.environ,
            "DATABASE_URL": url_of(target_name),
            "MEDIA_ROOT": str(tmp_path / "restored"),
        }
        subprocess.run([SCRIPTS / "restore", tmp_path / "backup"], env=env, check=True)
        before = counts(source)
        assert before["indicators_figure"] >= 1 and before["meetings_appendix"] == 1
        assert counts(url_of(target_name)) == before
        with psycopg.connect(url_of(target_name)) as db:
            value = db.execute(
                "SELECT approved_value FROM indicators_figure f JOIN indicators_indicator i"
                " ON i.id = f.indicator_id WHERE i.code = 'TRC'"
            ).fetchone()[0]
        assert value == 8187
        assert digests(tmp_path / "restored") == digests(tmp_path / "media")
    finally:
        with psycopg.connect(url_of("postgres"), autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {target_name}")
