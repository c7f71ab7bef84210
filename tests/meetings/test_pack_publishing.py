"""Packs made on publication and remade when a published paper changes (by the Celery task,
run eagerly here; tests/meetings/test_pack_worker.py runs the real worker), with a supplement
listing what was revised; and each pack as one accessible web page, for those who may read it."""

import subprocess
from datetime import date

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import PackVersion, PaperAccess
from shp.celery import app
from shp.roles import Role
from tests.meetings.factories import (
    FULL_REPORT,
    committee_with_members,
    published_meeting,
    seat_holder,
    tiny_pdf,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def eager(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    settings.MEETINGS_PACKS_ON_PUBLISH = True
    monkeypatch.setitem(app.conf, "task_always_eager", True)


def pdf_text(version) -> str:
    with version.file.open("rb") as handle:
        done = subprocess.run(
            ["pdftotext", "-", "-"], input=handle.read(), capture_output=True, check=True
        )
    return " ".join(done.stdout.decode().split())


def test_publishing_makes_both_packs_and_a_revision_remakes_them(
    eager, django_capture_on_commit_callbacks
):
    committee, _ = committee_with_members()
    with django_capture_on_commit_callbacks(execute=True):
        meeting, item = published_meeting(committee, day=date(2030, 6, 14), exempt=True)
    made = {v.variant: v for v in PackVersion.objects.filter(meeting=meeting)}
    assert set(made) == {"public", "members"}
    assert "Named offenders" not in pdf_text(made["public"])
    assert "Named offenders" in pdf_text(made["members"])
    with django_capture_on_commit_callbacks(execute=True):
        services.report_save(item=item, **{**FULL_REPORT, "purpose": "Revised purpose."})
    latest = PackVersion.objects.filter(meeting=meeting, variant="public").first()
    assert latest.pk != made["public"].pk
    text = pdf_text(latest)
    assert "Papers revised since publication" in text and "Revised purpose." in text
    assert "Papers revised since publication" in latest.html


@pytest.fixture
def packed(settings, tmp_path):
    from meetings.packs.services import agenda_pack_render

    settings.MEDIA_ROOT = tmp_path
    committee, _ = committee_with_members()
    meeting, item = published_meeting(committee, day=date(2030, 6, 14), exempt=True)
    appendix = services.appendix_upload(
        report=item.report, label="Appendix A", title="Plan", filename="p.pdf", content=tiny_pdf()
    )
    for variant in ("public", "members"):
        agenda_pack_render(meeting=meeting, variant=variant)
    return {"meeting": meeting, "appendix": appendix, "committee": committee}


def html_url(meeting, variant):
    return reverse("meetings:pack-html", kwargs={"pk": meeting.pk, "variant": variant})


def test_the_web_page_of_the_public_pack_links_the_uploads_and_withholds_exempt_items(
    client, packed
):
    page = client.get(html_url(packed["meeting"], "public")).content.decode()
    assert "To agree the strategy." in page and 'id="agenda"' in page
    assert reverse("meetings:appendix", kwargs={"pk": packed["appendix"].pk}) in page
    assert "Named offenders" not in page and "paragraph 7" in page
    assert client.get(html_url(packed["meeting"], "members")).status_code == 404
    assert client.get(html_url(packed["meeting"], "<script>")).status_code == 404


def test_the_members_pack_page_is_for_members_and_is_logged(client, role_user, packed):
    client.force_login(role_user(Role.OFFICER))
    assert client.get(html_url(packed["meeting"], "members")).status_code == 404
    client.force_login(seat_holder(packed["committee"], username="holder"))
    page = client.get(html_url(packed["meeting"], "members")).content.decode()
    assert "Named offenders" in page and "not for publication" in page
    assert PaperAccess.objects.filter(username="holder", kind="members_pack").exists()
