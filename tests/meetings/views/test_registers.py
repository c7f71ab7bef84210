"""Pages through the test client. The decisions register: filters, CSV, who sees which decision
(draft minutes marked, exempt decisions only for those entitled), and bad filter input."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import Action
from shp.roles import Role
from tests.meetings.factories import committee_with_members, published_meeting

pytestmark = pytest.mark.django_db

URL = reverse("meetings:decision-register")


def held_with_decision(committee, people, *, day, text, action=None):
    meeting, _ = published_meeting(committee, day=day)
    services.meeting_status_set(meeting=meeting, status="held", today=meeting.date)
    minutes = services.minutes_draft(meeting=meeting)
    minute = next(m for m in minutes if m.title == "Test strategy")
    services.decision_add(
        minute=minute,
        text=text,
        action_description=action or "",
        owner=people[0] if action else None,
    )
    return meeting


@pytest.fixture
def register():
    committee, people = committee_with_members()
    confirmed = held_with_decision(
        committee,
        people,
        day=date(2030, 3, 1),
        text="That the Osprey plan be approved.",
        action="Publish the Osprey plan",
    )
    draft = held_with_decision(
        committee, people, day=date(2030, 6, 14), text="That the Heron review be noted."
    )
    services.minutes_confirm(meeting=confirmed, at_meeting=draft)
    return {"committee": committee, "confirmed": confirmed, "draft": draft}


def rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_the_public_reads_confirmed_decisions_only(client, register):
    page = client.get(URL).content.decode()
    assert "Osprey plan be approved" in page and "Publish the Osprey plan" in page
    assert "Heron" not in page
    assert [r["Decision text"] for r in rows(client.get(URL + "?format=csv"))] == [
        "That the Osprey plan be approved."
    ]


def test_partners_read_draft_decisions_marked_as_draft(client, role_user, register):
    client.force_login(role_user(Role.MEMBER))
    response = client.get(URL)
    page = response.content.decode()
    assert "Heron review be noted" in page
    heron = next(d for d in response.context["object_list"] if "Heron" in d.text)
    assert heron.is_draft
    # The June meeting's two decisions: the Heron one, and confirming March's minutes.
    assert page.count('data-testid="draft-tag"') == 2
    statuses = {
        r["Decision text"]: r["Minutes status"] for r in rows(client.get(URL + "?format=csv"))
    }
    assert statuses == {
        "Confirmed as a correct record.": "Draft",
        "That the Heron review be noted.": "Draft",
        "That the Osprey plan be approved.": "Confirmed",
    }


def test_filters_narrow_by_text_date_committee_and_action_status(client, role_user, register):
    client.force_login(role_user(Role.MEMBER))

    def texts(query):
        found = [r["Decision text"] for r in rows(client.get(URL + "?format=csv&" + query))]
        return [text for text in found if text != "Confirmed as a correct record."]

    assert texts("q=osprey+approved") == ["That the Osprey plan be approved."]
    assert texts("q=osprey+noted") == []
    assert texts("date_from=1/6/2030") == ["That the Heron review be noted."]
    assert texts("date_to=2030-03-31") == ["That the Osprey plan be approved."]
    assert texts("action_status=open") == ["That the Osprey plan be approved."]
    assert texts("action_status=none") == ["That the Heron review be noted."]
    Action.objects.update(status=Action.Status.DONE)
    assert texts("action_status=open") == []
    assert len(texts(f"committee={register['committee'].pk}")) == 2
    assert len(rows(client.get(URL + "?format=csv"))) == 3
    other, _ = committee_with_members("Another Partnership")
    assert texts(f"committee={other.pk}") == []


@pytest.mark.parametrize(
    "query, message",
    [
        ("date_from=31/02/2030", "Meetings from"),
        ("date_to=yesterday", "Meetings to"),
        ("committee=999999", "Committee"),
        ("action_status=<script>", "Its actions"),
        ("q=" + "x" * 500, "Words in the decision"),
    ],
)
def test_bad_filters_are_explained_and_show_nothing(client, register, query, message):
    response = client.get(URL + "?" + query)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and message in page
    assert "<script>" not in page
    assert "Osprey" not in page.split("decisions-register")[1]


def test_csv_cells_that_look_like_formulas_are_written_as_text(client, role_user):
    committee, people = committee_with_members()
    held_with_decision(committee, people, day=date(2030, 6, 14), text='=HYPERLINK("x")')
    client.force_login(role_user(Role.MEMBER))
    [row] = rows(client.get(URL + "?format=csv"))
    assert row["Decision text"] == '\'=HYPERLINK("x")'
