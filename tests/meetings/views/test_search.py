"""Pages through the test client. Search across published papers, minutes and decisions: what
each reader finds (nothing unpublished, exempt or draft before the public; drafts marked for
partners), ranking and highlighted snippets, and bad or hostile queries. Runs on SQLite's
fallback and on PostgreSQL's full-text search alike; the stemming test is PostgreSQL's own."""

from datetime import date

import pytest
from django.db import connection
from django.urls import reverse

from meetings import services
from meetings.models import Section
from shp.roles import Role
from tests.meetings.factories import (
    FULL_REPORT,
    committee_with_members,
    published_meeting,
    scheduled_meeting,
    seat_holder,
)

pytestmark = pytest.mark.django_db

URL = reverse("meetings:search")


@pytest.fixture
def papers():
    committee, people = committee_with_members()
    meeting, item = published_meeting(committee, day=date(2030, 6, 14), exempt=True)
    services.report_save(
        item=item,
        **{
            **FULL_REPORT,
            "subject": "Night-time economy",
            "background": "Violence near the harbour bars rose; the <b>pubwatch</b> scheme helps.",
        },
    )
    secret = meeting.items.get(title="Named offenders")
    services.report_save(
        item=secret,
        **{**FULL_REPORT, "subject": "Harbour gang referrals", "background": "Harbour gang."},
    )
    draft_only = scheduled_meeting(committee, day=date(2030, 9, 20), today=date(2030, 6, 1))
    services.agenda_item_add(
        meeting=draft_only,
        section=Section.DECISION,
        title="Harbour lighting bid",
        today=date(2030, 6, 1),
    )
    services.meeting_status_set(meeting=meeting, status="held", today=meeting.date)
    minutes = services.minutes_draft(meeting=meeting)
    minute = next(m for m in minutes if m.title == "Test strategy")
    services.decision_add(minute=minute, text="That a harbour patrol be funded.")
    return {"committee": committee, "meeting": meeting, "item": item}


def found(client, query, **extra) -> str:
    response = client.get(URL, {"q": query, **extra})
    assert response.status_code == 200
    return response.content.decode()


def results(page: str) -> str:
    return page.split('data-testid="search-count"')[1] if "search-count" in page else ""


def test_the_public_finds_published_papers_only(client, papers):
    page = results(found(client, "harbour"))
    assert "Night-time economy" in page or "Test strategy" in page
    assert reverse("meetings:report-detail", kwargs={"pk": papers["item"].pk}) in page
    assert "<mark>" in page.lower() or "<mark>harbour</mark>" in page.lower()
    assert "gang" not in page.lower()  # exempt
    assert "lighting" not in page.lower()  # agenda not published
    assert "patrol" not in page.lower()  # minutes not confirmed


def test_partners_find_draft_decisions_marked_and_members_the_exempt_item(
    client, role_user, papers
):
    client.force_login(role_user(Role.OFFICER))
    page = results(found(client, "harbour"))
    assert "harbour patrol be funded" in page.replace("<mark>", "").replace("</mark>", "").lower()
    assert "Draft minutes, not yet confirmed" in page
    assert "gang" not in page.lower()
    client.force_login(seat_holder(papers["committee"], username="holder"))
    assert "Named offenders" in results(found(client, "gang referrals"))


def test_markup_in_papers_and_queries_is_shown_as_text(client, papers):
    page = found(client, "pubwatch")
    # Shown as text (SQLite's snippet) or left out (PostgreSQL's headline), never as markup.
    assert "<b>" not in results(page) and "<mark>pubwatch</mark>" in results(page).lower()
    hostile = found(client, '<script>alert("x")</script> harbour')
    assert "<script>alert" not in hostile


@pytest.mark.parametrize(
    "params, message",
    [
        ({"q": "x" * 201}, "200 characters or fewer"),
        ({"q": "harbour", "kind": "secrets"}, "Choose what to search"),
        ({"q": "!!! ???"}, "Enter words to search for"),
    ],
)
def test_bad_queries_are_explained(client, papers, params, message):
    response = client.get(URL, params)
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page and message in page
    assert 'data-testid="search-results"' not in page


def test_an_empty_query_shows_the_form_only(client, papers):
    page = found(client, "")
    assert "There is a problem" not in page and "search-count" not in page


def test_results_can_be_limited_to_one_kind(client, role_user, papers):
    client.force_login(role_user(Role.OFFICER))
    page = results(found(client, "harbour", kind="decision"))
    assert "Decision (i)" in page and "Agenda paper" not in page


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming is full-text search's")
def test_full_text_search_matches_word_forms_and_ranks(client, papers):
    page = results(found(client, "harbours bar"))  # the paper says "harbour bars"
    assert "Night-time economy" in page or "Test strategy" in page
    assert "<mark>" in page
