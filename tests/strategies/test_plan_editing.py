"""The performance lead keeps plans in the app: a plan, its objectives (with the indicators
that measure them) and each year's priorities; bad input and stale pages are refused with
nothing changed; other roles are turned away."""

from datetime import date

import pytest
from django.urls import reverse

from indicators.models import Indicator
from strategies.models import Objective, Plan, Priority
from tests.meetings.factories import committee_with_members, published_meeting
from tests.strategies.factories import plan_with_actions

pytestmark = pytest.mark.django_db

from shp.roles import Role  # noqa: E402


@pytest.fixture
def lead(client, role_user):
    user = role_user(Role.PERFORMANCE_LEAD, username="the-lead")
    client.force_login(user)
    return user


PLAN = {
    "title": "Flamingo Safety Strategy 2020-23",
    "kind": "strategy",
    "status": "draft",
    "start_date": "2020-04-01",
    "end_date": "2023-03-31",
    "summary": "A test plan.",
}


def test_the_lead_adds_a_plan_its_objectives_and_priorities(client, lead):
    shop = Indicator.objects.create(code="SHOP", name="Shoplifting", theme="victim_based")
    response = client.post(reverse("strategies:plan-add"), PLAN)
    assert response.status_code == 302
    plan = Plan.objects.get(title=PLAN["title"])
    assert plan.history.first().history_user == lead
    add_objective = reverse("strategies:objective-add", kwargs={"slug": plan.slug})
    form = client.get(add_objective)
    assert form.context["form"].initial["number"] == 1
    response = client.post(
        add_objective,
        {"number": 1, "title": "Fewer shops robbed", "indicators": [shop.pk],
         "read_version": plan.version},
    )  # fmt: skip
    assert response.status_code == 302
    objective = Objective.objects.get(plan=plan, number=1)
    assert list(objective.indicators.all()) == [shop]
    plan.refresh_from_db()
    add_priority = reverse("strategies:priority-add", kwargs={"slug": plan.slug, "number": 1})
    response = client.post(
        add_priority,
        {"year": 2021, "title": "Work with town-centre shops", "read_version": plan.version},
    )
    assert response.status_code == 302
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Fewer shops robbed" in page and "2021/22: Work with town-centre shops" in page
    assert "Measured by: Shoplifting" in page


def test_a_change_from_a_stale_page_is_refused(client, lead):
    plan = plan_with_actions(objectives=1, actions_per_objective=0)
    url = reverse("strategies:objective-edit", kwargs={"slug": plan.slug, "number": 1})
    stale_version = client.get(url).context["form"].initial["read_version"]
    edit = reverse("strategies:plan-edit", kwargs={"slug": plan.slug})
    assert (
        client.post(edit, {**PLAN, "title": plan.title, "read_version": stale_version}).status_code
        == 302
    )
    response = client.post(
        url, {"number": 1, "title": "Overwritten", "read_version": stale_version}
    )
    assert "Someone changed" in response.content.decode()
    assert Objective.objects.get(plan=plan).title == "Objective 1"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"end_date": "2019-03-31"}, "end_date", "must start before it ends"),
        ({"title": "Existing Plan 2016-19"}, "title", "already a plan called"),
        ({"title": "existing plan 2016-19"}, "title", "already a plan called"),
        ({"title": " "}, "title", "Enter the plan"),
        ({"start_date": "31/02/2020"}, "start_date", "real date"),
        ({"status": "rubber-stamped"}, "status", "Select a valid choice"),
    ],
)
def test_a_bad_plan_is_refused_with_nothing_saved(client, lead, change, field, message):
    plan_with_actions(title="Existing Plan 2016-19", objectives=0)
    response = client.post(reverse("strategies:plan-add"), {**PLAN, **change})
    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    assert not Plan.objects.filter(summary="A test plan.").exists()


def test_the_years_cannot_shrink_past_an_actions_due_date(client, lead):
    plan = plan_with_actions(objectives=1, actions_per_objective=1)
    plan.actions.update(due_date=date(2018, 6, 30))
    response = client.post(
        reverse("strategies:plan-edit", kwargs={"slug": plan.slug}),
        {**PLAN, "title": plan.title, "start_date": "2016-04-01", "end_date": "2017-03-31",
         "read_version": plan.version},
    )  # fmt: skip
    assert "outside those years" in str(response.context["form"].errors)
    plan.refresh_from_db()
    assert plan.end_date == date(2019, 3, 31)


def test_the_approving_minute_must_be_of_the_owning_committee(client, lead):
    from meetings import services as meeting_services

    ours, _ = committee_with_members("Our Board")
    theirs, _ = committee_with_members("Their Board")
    meeting, _ = published_meeting(theirs)
    minute = meeting_services.minutes_draft(meeting=meeting)[0]
    plan = plan_with_actions(objectives=0)
    form = {**PLAN, "title": plan.title, "owner_committee": ours.pk, "read_version": plan.version}
    url = reverse("strategies:plan-edit", kwargs={"slug": plan.slug})
    response = client.post(url, {**form, "approved_minute": minute.pk})
    assert "another committee" in str(response.context["form"].errors["approved_minute"])
    form["owner_committee"] = theirs.pk
    assert client.post(url, {**form, "approved_minute": minute.pk}).status_code == 302
    page = client.get(plan.get_absolute_url()).content.decode()
    assert f"Minute {minute.number}" in page


def test_objectives_and_priorities_refuse_bad_input(client, lead):
    plan = plan_with_actions(objectives=1, actions_per_objective=0)
    url = reverse("strategies:objective-add", kwargs={"slug": plan.slug})
    taken = client.post(url, {"number": 1, "title": "Again", "read_version": plan.version})
    assert "already has an objective 1" in str(taken.context["form"].errors["number"])
    priority_url = reverse("strategies:priority-add", kwargs={"slug": plan.slug, "number": 1})
    outside = client.post(
        priority_url, {"year": 2025, "title": "Late", "read_version": plan.version}
    )
    assert "Choose a year the plan covers" in str(outside.context["form"].errors["year"])
    ok = {"year": 2016, "title": "First", "read_version": plan.version}
    assert client.post(priority_url, ok).status_code == 302
    again = client.post(priority_url, {**ok, "read_version": plan.version + 1})
    assert "already there for that year" in str(again.context["form"].errors["title"])
    assert Priority.objects.count() == 1
    assert client.post(url, {"number": 2, "title": "", "read_version": 9}).status_code == 200
    assert plan.objectives.count() == 1


def test_a_priority_with_actions_is_not_removed(client, lead):
    plan = plan_with_actions(objectives=1, actions_per_objective=1)
    objective = plan.objectives.get()
    used = Priority.objects.create(objective=objective, year=2016, title="Used")
    spare = Priority.objects.create(objective=objective, year=2017, title="Spare")
    plan.actions.update(priority=used)

    def remove(priority, version):
        url = reverse(
            "strategies:priority-remove",
            kwargs={"slug": plan.slug, "number": 1, "pk": priority.pk},
        )
        return client.post(url, {"read_version": version}, follow=True).content.decode()

    assert "Actions are filed under" in remove(used, plan.version)
    assert "Someone changed" in remove(spare, plan.version + 5)
    assert "was removed" in remove(spare, plan.version)
    assert list(objective.priorities.all()) == [used]


@pytest.mark.parametrize("role", [Role.OFFICER, Role.MEMBER, Role.DEMOCRATIC_SERVICES])
def test_only_the_lead_edits_plans(client, role_user, role):
    plan = plan_with_actions(objectives=1, actions_per_objective=0)
    client.force_login(role_user(role))
    assert client.post(reverse("strategies:plan-add"), PLAN).status_code == 403
    url = reverse("strategies:objective-edit", kwargs={"slug": plan.slug, "number": 1})
    assert client.post(url, {"number": 1, "title": "Hijacked"}).status_code == 403
    assert not Plan.objects.filter(title=PLAN["title"]).exists()
    assert Objective.objects.get(plan=plan).title == "Objective 1"
