"""Pages through the test client. The forward plan: what the public reads (a likely-exempt item
by its public title only), democratic services planning and building the agenda from it, bad
input and roles."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import ForwardPlanItem, Section
from shp.roles import Role
from tests.meetings.factories import committee_with_members, scheduled_meeting, seat_holder

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned():
    committee, _ = committee_with_members()
    today = timezone.localdate()
    meeting = scheduled_meeting(committee, day=today + timedelta(days=60), today=today)
    services.forward_plan_item_add(
        committee=committee,
        meeting=meeting,
        section=Section.DECISION,
        title="Community Safety Plan",
        lead_officer="Director of Regeneration and Neighbourhoods",
        is_key_decision=True,
    )
    services.forward_plan_item_add(
        committee=committee,
        meeting=meeting,
        section=Section.INFORMATION,
        title="Operation Merlin",
        lead_officer="Chief Inspector",
        exempt_paragraph=7,
        public_title="A policing matter",
        exempt_reason="Information about the prevention of crime.",
    )
    return committee, meeting


def plan_url(committee, name="forward-plan", **kwargs):
    return reverse(f"meetings:{name}", kwargs={"slug": committee.slug, **kwargs})


def test_the_public_reads_the_plan_with_exempt_items_by_public_title(client, planned):
    committee, _ = planned
    page = client.get(plan_url(committee)).content.decode()
    assert "Community Safety Plan" in page and "Key decision" in page
    assert "A policing matter" in page and "prevention of crime" in page
    assert "Merlin" not in page
    client.force_login(seat_holder(committee, username="holder"))
    assert "Operation Merlin" in client.get(plan_url(committee)).content.decode()


@pytest.mark.parametrize("role", [None, Role.MEMBER, Role.OFFICER, Role.PERFORMANCE_LEAD])
def test_only_democratic_services_plan_items(client, role_user, planned, role):
    committee, meeting = planned
    if role:
        client.force_login(role_user(role))
    data = {"meeting": meeting.pk, "section": "decision", "title": "Sneaky", "lead_officer": "X"}
    response = client.post(plan_url(committee, "forward-plan-add"), data)
    assert response.status_code == (302 if role is None else 403)
    item = ForwardPlanItem.objects.first()
    client.post(plan_url(committee, "forward-plan-remove", pk=item.pk))
    assert ForwardPlanItem.objects.count() == 2
    assert not ForwardPlanItem.objects.filter(title="Sneaky").exists()


def test_democratic_services_plan_change_and_remove_items(client, role_user, planned):
    committee, meeting = planned
    client.force_login(role_user(Role.DEMOCRATIC_SERVICES))
    form = client.get(plan_url(committee, "forward-plan-add")).content.decode()
    assert meeting.date.strftime("%-d %B %Y") in form
    data = {"meeting": meeting.pk, "section": "decision", "title": "Budget", "lead_officer": "X"}
    response = client.post(plan_url(committee, "forward-plan-add"), data)
    assert response.status_code == 302
    budget = ForwardPlanItem.objects.get(title="Budget")
    edit = plan_url(committee, "forward-plan-edit", pk=budget.pk)
    assert 'name="read_version" value="1"' in client.get(edit).content.decode()
    client.post(edit, {**data, "title": "Budget 2031", "read_version": 1})
    stale = client.post(edit, {**data, "title": "Budget old", "read_version": 1})
    assert "after you opened" in stale.content.decode()
    assert 'value="Budget old"' in stale.content.decode()  # what was typed is kept
    budget.refresh_from_db()
    assert budget.title == "Budget 2031"
    client.post(plan_url(committee, "forward-plan-remove", pk=budget.pk), {"read_version": 2})
    assert not ForwardPlanItem.objects.filter(pk=budget.pk).exists()


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"title": ""}, "Enter the item&#x27;s title"),
        ({"title": "x" * 301}, "300 characters or fewer"),
        ({"meeting": "999999"}, "Choose one of the meetings listed"),
        ({"meeting": "<script>"}, "Choose one of the meetings listed"),
        ({"exempt_paragraph": "3"}, "likely to be exempt"),
        ({"exempt_paragraph": "99"}, "Choose a paragraph"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(client, role_user, planned, changes, message):
    committee, meeting = planned
    client.force_login(role_user(Role.DEMOCRATIC_SERVICES))
    data = {"meeting": meeting.pk, "section": "decision", "title": "Budget", "lead_officer": "X"}
    response = client.post(plan_url(committee, "forward-plan-add"), {**data, **changes})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and message in page and "<script>" not in page
    assert ForwardPlanItem.objects.count() == 2


def test_the_agenda_builder_adds_the_planned_items(client, role_user, planned):
    committee, meeting = planned
    client.force_login(role_user(Role.DEMOCRATIC_SERVICES))
    builder = reverse("meetings:agenda", kwargs={"pk": meeting.pk})
    assert "expects 2 items" in client.get(builder).content.decode()
    response = client.post(reverse("meetings:agenda-from-plan", kwargs={"pk": meeting.pk}))
    assert response.status_code == 302
    page = client.get(builder).content.decode()
    assert "Community Safety Plan" in page and "expects" not in page
    assert meeting.items.filter(title="Operation Merlin", exempt_paragraph=7).exists()
    again = client.post(
        reverse("meetings:agenda-from-plan", kwargs={"pk": meeting.pk}), follow=True
    )
    assert "Nothing was added" in again.content.decode()
    assert (
        client.get(reverse("meetings:agenda-from-plan", kwargs={"pk": meeting.pk})).status_code
        == 405
    )
