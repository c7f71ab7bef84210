"""The read API: what each reader gets (planted values shown absent or marked), paging, CSV,
bad parameters answered with 422 (never 500), and the throttle."""

import csv
import io
from datetime import date

import pytest

from api.api import api
from indicators.services.comparisons import comparisons_recompute
from indicators.services.imports import figures_import
from meetings import services
from shp.roles import Role
from tests.meetings.factories import committee_with_members, published_meeting, seat_holder

pytestmark = pytest.mark.django_db


def figures_file(rows: str, status: str) -> None:
    content = ("area,indicator,period,value\n" + rows).encode()
    figures_import(content=content, filename="f.csv", status=status, recompute=False)
    comparisons_recompute()  # as the queued job does: it works out what the public sees


def test_figures_are_the_published_ones_with_small_numbers_suppressed(client, catalogue):
    figures_file("Hartlepool,TRC,2015/16,8187\nHartlepool,ASB,2015/16,3\n", "approved")
    figures_file("Hartlepool,SHOP,2015/16,7771\n", "draft")
    answer = client.get("/api/figures", {"area": "Hartlepool", "page_size": 500}).json()
    by_code = {row["indicator_code"]: row for row in answer["results"]}
    assert by_code["TRC"]["value"] == "8187" and by_code["TRC"]["value_status"] == "published"
    assert by_code["ASB"]["value"] == "" and by_code["ASB"]["value_status"] == "fewer than 5"
    assert "7771" not in str(answer)
    catalogue_rows = client.get("/api/indicators", {"page_size": 500}).json()["results"]
    theme = next(i["theme"] for i in catalogue_rows if i["code"] == "TRC")
    themed = client.get("/api/figures", {"theme": theme, "page_size": 500}).json()["results"]
    codes = {i["code"] for i in catalogue_rows if i["theme"] == theme}
    assert "TRC" in {row["indicator_code"] for row in themed}
    assert {row["indicator_code"] for row in themed} <= codes
    other = next(i["theme"] for i in catalogue_rows if i["theme"] != theme)
    assert "TRC" not in str(client.get("/api/figures", {"theme": other}).json()["results"])
    rows = list(csv.DictReader(io.StringIO(client.get("/api/figures.csv").content.decode())))
    assert "7771" not in str(rows) and any(r["value"] == "8187" for r in rows)


def test_lists_are_paged(client, catalogue):
    first = client.get("/api/indicators", {"page_size": 2}).json()
    assert len(first["results"]) == 2 and first["pages"] == -(-first["count"] // 2)
    last = client.get("/api/indicators", {"page_size": 2, "page": first["pages"] + 5}).json()
    assert last["results"] == []
    huge = client.get("/api/indicators", {"page_size": 10**6}).json()
    assert len(huge["results"]) == min(huge["count"], 500)


@pytest.fixture
def decided(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    committee, _ = committee_with_members()
    meeting, _ = published_meeting(committee, day=date(2030, 6, 14), exempt=True)
    services.meeting_status_set(meeting=meeting, status="held", today=meeting.date)
    minutes = services.minutes_draft(meeting=meeting)
    public = next(m for m in minutes if m.title == "Test strategy")
    secret = next(m for m in minutes if m.title == "Named offenders")
    services.decision_add(minute=public, text="That the Wren plan be adopted.")
    services.decision_add(minute=secret, text="That the Jackdaw names be passed on.")
    return committee, meeting


def test_decisions_follow_who_sees_what(client, role_user, decided):
    committee, meeting = decided
    assert client.get("/api/decisions").json()["count"] == 0  # draft minutes: not public
    client.force_login(role_user(Role.OFFICER))
    texts = [d["text"] for d in client.get("/api/decisions").json()["results"]]
    assert "That the Wren plan be adopted." in texts and not any("Jackdaw" in t for t in texts)
    client.force_login(seat_holder(committee, username="holder"))
    texts = [d["text"] for d in client.get("/api/decisions").json()["results"]]
    assert any("Jackdaw" in t for t in texts)
    client.logout()
    services.decisions_publish(meeting=meeting)
    answer = client.get("/api/decisions").json()
    assert [d["text"] for d in answer["results"]] == ["That the Wren plan be adopted."]
    assert answer["results"][0]["minutes_confirmed"] is False
    assert "Jackdaw" not in client.get("/api/decisions.csv").content.decode()


def test_an_agenda_shows_an_exempt_item_by_its_public_title_only(client, decided):
    _, meeting = decided
    items = client.get(f"/api/meetings/{meeting.pk}/agenda").json()
    titles = [i["title"] for i in items]
    assert "Test strategy" in titles and "Named offenders" not in titles
    exempt = next(i for i in items if i["exempt_paragraph"] == 7)
    assert exempt["report_url"] is None
    assert client.get("/api/meetings/999999/agenda").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/api/meetings?date_from=not-a-date",
        "/api/decisions?date_to=2030-02-31",
        "/api/indicators?page=abc",
        "/api/meetings/abc/agenda",
        "/api/meetings?committee=a%00b",
        "/api/decisions?committee=%00",
        "/api/indicators?theme=%00",
        "/api/figures?area=" + "x" * 300,
    ],
)
def test_bad_parameters_are_refused_with_a_reason(client, catalogue, url):
    response = client.get(url)
    assert response.status_code in (404, 422)
    if response.status_code == 422:
        assert response.json()["detail"]


def test_the_docs_page_and_schema_describe_every_list(client):
    schema = client.get("/api/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    for path in ("/areas", "/indicators", "/figures", "/meetings", "/decisions"):
        assert any(p.endswith(path) for p in schema["paths"]), path
    page = client.get("/api/").content.decode()
    assert "/api/figures.csv" in page and "page_size" in page
    assert "GET /api/figures</code>" in page and "/api/api/" not in page
    assert "date (YYYY-MM-DD)" in page


def test_clients_are_throttled(client, monkeypatch):
    throttle = api.throttle[0]
    monkeypatch.setattr(throttle, "num_requests", 3)
    codes = [client.get("/api/areas", REMOTE_ADDR="10.1.1.1").status_code for _ in range(5)]
    assert codes[:3] == [200, 200, 200] and codes[-1] == 429
