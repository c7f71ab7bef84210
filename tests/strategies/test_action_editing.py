"""The performance lead adds and changes a plan's actions; bad input is refused, nothing lost."""

import pytest
from django.urls import reverse

from indicators.models import Indicator
from shp.models import Organisation
from shp.roles import Role
from strategies.models import Action
from tests.factories import OrganisationFactory
from tests.strategies.factories import plan_with_actions

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return plan_with_actions()


@pytest.fixture
def lead_client(client, role_user):
    client.force_login(role_user(Role.PERFORMANCE_LEAD, username="the-lead"))
    return client


def valid(plan, **changes):
    data = {
        "objective": plan.objectives.get(number=2).pk,
        "number": "9",
        "description": "Run a summer campaign on knife crime in schools.",
        "owner": "Community Safety Team",
        "responsible_to": "Safer Hartlepool Partnership",
        "outcome": "Fewer young people carrying knives.",
        "coverage": "Hartlepool",
        "measurement": "Possession of weapons offences.",
        "timing": "Summer 2017",
        "due_date": "2017-09-30",
    }
    data.update(changes)
    return data


def test_the_lead_adds_an_action_with_leads_and_indicators(lead_client, plan):
    council = OrganisationFactory(name="A Borough Council")
    indicator = Indicator.objects.create(
        code="WEAPONS_T", name="Weapons (test)", theme="other_crimes"
    )
    url = reverse("strategies:action-add", kwargs={"slug": plan.slug})
    assert lead_client.get(url).status_code == 200
    response = lead_client.post(
        url, {**valid(plan), "lead_organisations": [council.pk], "indicators": [indicator.pk]}
    )
    action = Action.objects.get(plan=plan, number="9")
    assert response["Location"] == action.get_absolute_url()
    assert list(action.lead_organisations.all()) == [council]
    assert list(action.indicators.all()) == [indicator]
    assert action.history.latest().history_user.username == "the-lead"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"due_date": "2020-01-31"},
            "The due date must be within the plan, 1 April 2016 to 31 March 2019",
        ),
        ({"due_date": "2017-02-30"}, "Enter the due date as a real date"),
        ({"number": "1"}, "This plan already has an action 1"),
        ({"number": ""}, "Enter the action&#x27;s number"),
        ({"description": ""}, "Describe the action"),
        ({"is_ongoing": "on"}, "An ongoing action has no due date"),
        ({"number": "x" * 11}, "Ensure this value has at most 10 characters"),
    ],
)
def test_bad_input_is_refused_and_what_was_typed_is_kept(lead_client, plan, changes, message):
    url = reverse("strategies:action-add", kwargs={"slug": plan.slug})
    before = Action.objects.count()
    response = lead_client.post(url, valid(plan, **changes))
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert (
        "Run a summer campaign on knife crime in schools." in page
        or changes.get("description") == ""
    )
    assert Action.objects.count() == before


def test_an_objective_of_another_plan_is_refused(lead_client, plan):
    other = plan_with_actions(title="Other plan 2016-19")
    url = reverse("strategies:action-add", kwargs={"slug": plan.slug})
    data = valid(plan, objective=other.objectives.first().pk)
    assert "Choose one of this plan" in lead_client.post(url, data).content.decode()
    assert not Action.objects.filter(plan=plan, number="9").exists()


def test_the_lead_changes_an_action(lead_client, plan):
    action = plan.actions.get(number="1")
    url = reverse("strategies:action-edit", kwargs={"pk": action.pk})
    page = lead_client.get(url).content.decode()
    assert action.description in page
    version = action.version
    stale = lead_client.post(url, {**valid(plan, number="1", description="Lost."),
                                   "read_version": version - 1})  # fmt: skip
    assert "Someone changed action 1" in stale.content.decode()
    lead_client.post(
        url, {**valid(plan, number="1", description="Changed wording."), "read_version": version}
    )
    action.refresh_from_db()
    assert action.description == "Changed wording." and action.objective.number == 2
    assert action.version == version + 1
    again = lead_client.post(
        url, {**valid(plan, number="1", description="Overwrite."), "read_version": version}
    )
    assert "Someone changed action 1" in again.content.decode()
    action.refresh_from_db()
    assert action.description == "Changed wording."


@pytest.mark.parametrize("role", [Role.OFFICER, Role.MEMBER, Role.DEMOCRATIC_SERVICES])
def test_only_the_lead_and_administrators_may_add_or_change_actions(client, role_user, plan, role):
    organisation = Organisation.objects.create(name="Leading body", slug="leading-body")
    action = plan.actions.get(number="1")
    action.lead_organisations.add(organisation)
    client.force_login(role_user(role, organisation=organisation))
    add = reverse("strategies:action-add", kwargs={"slug": plan.slug})
    edit = reverse("strategies:action-edit", kwargs={"pk": action.pk})
    assert client.post(add, valid(plan)).status_code == 403
    assert client.post(edit, valid(plan, number="1", description="Forged.")).status_code == 403
    action.refresh_from_db()
    assert action.description != "Forged." and not plan.actions.filter(number="9").exists()
