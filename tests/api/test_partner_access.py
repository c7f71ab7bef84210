"""The read API for partners: tokens (made, used, refused, revoked), comparisons and entered
figures by role and organisation (planted drafts absent or marked), committees, and published
documents (an exempt item's never)."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from api.models import ApiToken
from api.services import MAX_ACTIVE_TOKENS
from indicators.services.comparisons import comparisons_recompute
from indicators.services.imports import figures_import
from shp.models import Organisation
from shp.roles import Role
from tests.factories import user_with_role
from tests.meetings.factories import committee_with_members, published_meeting

pytestmark = pytest.mark.django_db

POLICE_DRAFT = "7771"  # SHOP (Cleveland Police) in draft
FIRE_DRAFT = "6661"  # DELIB_FIRES (Cleveland Fire Brigade) in draft
YEAR_2015_16 = {"period_from": "2015-04-01", "period_to": "2015-04-01", "page_size": 500}


def figures_file(rows: str, status: str) -> None:
    content = ("area,indicator,period,value\n" + rows).encode()
    figures_import(content=content, filename="f.csv", status=status, recompute=False)


@pytest.fixture
def figures(catalogue):
    figures_file(
        "Hartlepool,TRC,2014/15,7308\nHartlepool,TRC,2015/16,8133\n"
        "Hartlepool,ASB,2014/15,9\nHartlepool,ASB,2015/16,3\n",
        "approved",
    )
    figures_file(f"Hartlepool,SHOP,2015/16,{POLICE_DRAFT}\n", "draft")
    figures_file(f"Hartlepool,DELIB_FIRES,2015/16,{FIRE_DRAFT}\n", "draft")
    comparisons_recompute()


def bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def make_token(client, user, name="Analysts' extract") -> str:
    client.force_login(user)
    page = client.post(reverse("api-tokens"), {"name": name})
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    key = page.context["key"]
    assert key in page.content.decode()
    client.logout()
    return key


def test_a_token_reads_as_its_user_until_revoked(client, figures):
    police = Organisation.objects.get(name="Cleveland Police")
    officer = user_with_role(Role.OFFICER, username="officer", organisation=police)
    key = make_token(client, officer)
    token = ApiToken.objects.get()
    assert key not in (token.digest, token.prefix) and key.startswith(token.prefix)
    answer = client.get("/api/entered-figures", {"figures": "provisional"}, **bearer(key))
    assert answer.status_code == 200 and answer["Cache-Control"].startswith("private")
    assert POLICE_DRAFT in str(answer.json())
    assert ApiToken.objects.get().last_used_at is not None
    client.force_login(officer)
    listed = client.get(reverse("api-tokens")).content.decode()
    assert key not in listed and token.prefix in listed  # the key is shown once only
    client.post(reverse("api-token-revoke", args=[token.pk]))
    client.logout()
    refused = client.get("/api/entered-figures", **bearer(key))
    assert refused.status_code == 401 and "revoked" in refused.json()["detail"]
    assert POLICE_DRAFT not in refused.content.decode()


@pytest.mark.parametrize(
    "header",
    ["Bearer shp_not-a-real-key", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer " + "x" * 5000],
)
def test_a_wrong_token_is_refused_never_read_as_anonymous(client, figures, header):
    answer = client.get("/api/figures", HTTP_AUTHORIZATION=header)
    assert answer.status_code == 401 and answer["WWW-Authenticate"].startswith("Bearer")
    assert "results" not in answer.json()


def test_tokens_are_checked_and_only_their_owner_revokes_them(client, figures):
    lead = user_with_role(Role.PERFORMANCE_LEAD, username="lead")
    member = user_with_role(Role.MEMBER, username="member")
    key = make_token(client, lead, name="Dashboard feed")
    client.force_login(lead)
    for name, message in [
        ("", "Enter what the token is for"),
        ("   ", "Enter what the token is for"),
        ("x" * 101, "100 characters or fewer"),
        ("Dashboard  feed", "already have a token named"),
    ]:
        page = client.post(reverse("api-tokens"), {"name": name})
        assert message in page.content.decode(), name
    assert ApiToken.objects.count() == 1
    for n in range(MAX_ACTIVE_TOKENS - 1):
        client.post(reverse("api-tokens"), {"name": f"Feed {n}"})
    page = client.post(reverse("api-tokens"), {"name": "One too many"})
    assert "revoke one you no longer use" in page.content.decode()
    assert ApiToken.objects.count() == MAX_ACTIVE_TOKENS
    client.force_login(member)
    first = ApiToken.objects.get(name="Dashboard feed")
    client.post(reverse("api-token-revoke", args=[first.pk]), follow=True)
    assert ApiToken.objects.get(pk=first.pk).revoked_at is None  # not the member's to revoke
    client.logout()
    assert client.get("/api/areas", **bearer(key)).status_code == 200
    assert client.get(reverse("api-tokens")).status_code == 302  # anonymous: sign in first


def test_comparisons_for_the_public_are_approved_and_suppressed(client, figures):
    answer = client.get("/api/comparisons", {"area": "Hartlepool", **YEAR_2015_16})
    rows = {r["indicator_code"]: r for r in answer.json()["results"]}
    assert rows["TRC"]["current_value"] == "8133" and rows["TRC"]["change"] == "825"
    assert rows["ASB"]["current_value"] is None
    assert rows["ASB"]["current_status"] == "fewer than 5"
    assert rows["ASB"]["change"] is None and rows["ASB"]["rag"] == ""
    assert rows["ASB"]["warnings"] == []
    assert "SHOP" not in rows and POLICE_DRAFT not in answer.content.decode()
    assert FIRE_DRAFT not in answer.content.decode()
    refused = client.get("/api/comparisons", {"figures": "provisional"})
    assert refused.status_code == 403
    assert client.get("/api/comparisons.csv", {"figures": "provisional"}).status_code == 403
    text = client.get("/api/comparisons.csv", {"area": "Hartlepool"}).content.decode()
    assert POLICE_DRAFT not in text and "fewer than 5" in text


def test_comparisons_for_members_are_unsuppressed_and_provisional_ones_marked(client, figures):
    client.force_login(user_with_role(Role.MEMBER, username="member"))
    approved = client.get("/api/comparisons", {"area": "Hartlepool", **YEAR_2015_16}).json()
    rows = {r["indicator_code"]: r for r in approved["results"]}
    assert rows["ASB"]["current_value"] == "3" and "SHOP" not in rows
    asked = client.get(
        "/api/comparisons", {"area": "Hartlepool", "figures": "provisional", **YEAR_2015_16}
    ).json()
    rows = {r["indicator_code"]: r for r in asked["results"]}
    assert rows["SHOP"]["current_value"] == POLICE_DRAFT and rows["SHOP"]["provisional"] is True
    assert rows["TRC"]["provisional"] is False


def test_an_officer_sees_their_own_organisations_drafts_and_no_one_elses(client, figures):
    police = Organisation.objects.get(name="Cleveland Police")
    client.force_login(user_with_role(Role.OFFICER, username="officer", organisation=police))
    plain = client.get("/api/entered-figures", {"page_size": 500}).content.decode()
    assert POLICE_DRAFT not in plain and FIRE_DRAFT not in plain and "8133" in plain
    asked = client.get("/api/entered-figures", {"figures": "provisional", "page_size": 500})
    rows = {r["indicator_code"]: r for r in asked.json()["results"]}
    assert rows["SHOP"]["value"] == POLICE_DRAFT and rows["SHOP"]["provisional"] is True
    assert rows["SHOP"]["status"] == "draft"
    assert "DELIB_FIRES" not in rows and FIRE_DRAFT not in asked.content.decode()
    assert rows["TRC"]["status"] == "approved" and rows["TRC"]["provisional"] is False
    refused = client.get("/api/comparisons", {"figures": "provisional"})
    assert refused.status_code == 403 and "entered-figures" in refused.json()["detail"]
    text = client.get("/api/entered-figures.csv", {"figures": "provisional"}).content.decode()
    assert POLICE_DRAFT in text and FIRE_DRAFT not in text


def test_entered_figures_are_for_signed_in_partners_only(client, figures):
    answer = client.get("/api/entered-figures")
    assert answer.status_code == 401 and "/api/figures" in answer.json()["detail"]
    assert client.get("/api/entered-figures.csv").status_code == 401
    client.force_login(user_with_role(None, username="no-role"))
    assert client.get("/api/entered-figures").json()["results"] == []
    client.force_login(user_with_role(Role.MEMBER, username="member"))
    asked = client.get("/api/entered-figures", {"figures": "provisional", "page_size": 500})
    rows = {r["indicator_code"]: r for r in asked.json()["results"]}
    assert rows["DELIB_FIRES"]["value"] == FIRE_DRAFT and rows["DELIB_FIRES"]["provisional"]


def test_entered_figures_filters_are_checked(client, figures):
    client.force_login(user_with_role(Role.MEMBER, username="member"))
    for bad in [{"period_from": "1458000000"}, {"figures": "everything"}, {"area": "a\x00b"}]:
        assert client.get("/api/entered-figures", bad).status_code == 422, bad
    found = client.get(
        "/api/entered-figures", {"period_from": "2015-04-01", "indicator": "TRC"}
    ).json()
    assert [r["period_code"] for r in found["results"]] == ["2015/16"]


def test_documents_are_the_published_non_exempt_papers(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    committee, _ = committee_with_members()
    meeting, item = published_meeting(committee, day=date(2030, 6, 14), exempt=True)
    answer = client.get("/api/documents").json()
    titles = [d["title"] for d in answer["results"]]
    assert "Test strategy" in titles and "Named offenders" not in titles
    client.force_login(user_with_role(Role.DEMOCRATIC_SERVICES, username="ds"))
    assert "Named offenders" not in str(client.get("/api/documents").json())  # never exempt
    rows = list(csv.DictReader(io.StringIO(client.get("/api/documents.csv").content.decode())))
    assert [r["kind"] for r in rows] == ["report"] and rows[0]["url"].endswith(
        item.get_absolute_url()
    )
    committees = client.get("/api/committees").json()["results"]
    assert committee.slug in [c["slug"] for c in committees]


def test_a_published_agendas_items_come_as_csv_exempt_ones_by_public_title(
    client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    committee, _ = committee_with_members()
    meeting, _ = published_meeting(committee, day=date(2030, 6, 14), exempt=True)
    text = client.get(f"/api/meetings/{meeting.pk}/agenda.csv").content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert "Test strategy" in [r["title"] for r in rows]
    assert "Named offenders" not in text and any(r["exempt_paragraph"] == "7" for r in rows)
    assert client.get("/api/meetings/999999/agenda.csv").status_code == 404
