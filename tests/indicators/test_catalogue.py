"""The catalogue in the app: anyone signed in searches it; the performance lead adds, changes and
retires indicators with clear errors, history kept and stale changes refused."""

from datetime import date

import pytest
from django.urls import reverse

from indicators.models import Indicator
from indicators.services.catalogue import indicator_retire, indicator_save
from shp.errors import ApplicationError
from shp.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(role_user):
    return role_user(Role.PERFORMANCE_LEAD, username="the-lead")


def form(**change):
    fires = Indicator.objects.get(code="DELIB_FIRES")
    return {
        "code": "DELIB_PRIMARY",
        "name": "Deliberate primary fires (F1)",
        "aliases": "F1 deliberate fires\nPrimary deliberate fires",
        "description": "Deliberate fires in buildings, vehicles and outdoor structures.",
        "theme": "fires",
        "unit": "count",
        "polarity": "lower",
        "parent": str(fires.pk),
        "parent_rule": "subset",
        "rate_denominator": "population",
        "source": "",
        "frequency": "monthly",
        "valid_from": "",
        "valid_to": "",
        "read_version": "0",
        **change,
    }


def test_the_lead_adds_an_indicator_with_a_parent_and_it_keeps_its_history(client, catalogue, lead):
    client.force_login(lead)
    response = client.post(reverse("indicators:indicator-add"), form())
    assert response.status_code == 302
    added = Indicator.objects.get(code="DELIB_PRIMARY")
    assert added.parent.code == "DELIB_FIRES" and added.aliases == [
        "F1 deliberate fires",
        "Primary deliberate fires",
    ]
    listing = client.get(reverse("indicators:indicator-list"), {"q": "primary"}).content.decode()
    assert "Deliberate primary fires (F1)" in listing and "Shoplifting" not in listing
    change_url = reverse("indicators:indicator-edit", kwargs={"code": "DELIB_PRIMARY"})
    assert client.post(change_url, form(name="Primary fires, deliberate", read_version="1"))
    added.refresh_from_db()
    assert added.name == "Primary fires, deliberate" and added.version == 2
    assert added.history.count() == 2


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"code": "delib primary"}, "code", "capital letters"),
        ({"code": "SHOP"}, "code", "already has the code"),
        ({"name": "Shoplifting"}, "name", "already how Shoplifting"),
        ({"aliases": "ASB incidents"}, "aliases", "already how"),
        ({"name": ""}, "name", "Enter the indicator's name"),
        ({"parent": "", "parent_rule": "sum"}, "parent", "Choose the total"),
        ({"parent_rule": ""}, "parent_rule", "adds up to its parent"),
        ({"valid_from": "2018-04-01", "valid_to": "2017-03-31"}, "valid_to", "start before"),
        ({"unit": "furlongs"}, "unit", "Select a valid choice"),
        ({"parent": "999999"}, "parent", "Select a valid choice"),
        ({"code": "X" * 500}, "code", "at most 40"),
    ],
)
def test_a_bad_indicator_is_refused_with_its_field(client, catalogue, lead, change, field, message):
    client.force_login(lead)
    before = Indicator.objects.count()
    response = client.post(reverse("indicators:indicator-add"), form(**change))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert Indicator.objects.count() == before


def test_a_loop_of_parents_and_a_stale_change_are_refused(catalogue, lead):
    total = Indicator.objects.get(code="TRC")
    victim = Indicator.objects.get(code="VBC")
    assert victim.parent == total
    values = {f: getattr(total, f) for f in ("code", "name", "theme", "unit", "polarity")}
    with pytest.raises(ApplicationError, match="cannot also be its total"):
        indicator_save(
            user=lead,
            indicator=total,
            values={**values, "parent": victim, "parent_rule": "sum"},
        )
    with pytest.raises(ApplicationError, match="after you opened this page"):
        indicator_save(user=lead, indicator=total, values=values, read_version=total.version + 5)


def test_retiring_ends_the_definition_and_keeps_the_figures(catalogue, lead):
    shop = Indicator.objects.get(code="SHOP")
    retired = indicator_retire(user=lead, indicator=shop, last_day=date(2020, 3, 31))
    assert retired.valid_to == date(2020, 3, 31)
    assert retired.history.first().history_change_reason == "Retired from 31 March 2020"


@pytest.mark.parametrize("role", [Role.OFFICER, Role.MEMBER, Role.DEMOCRATIC_SERVICES])
def test_only_the_lead_changes_the_catalogue(client, catalogue, role_user, role):
    client.force_login(role_user(role))
    assert client.get(reverse("indicators:indicator-list")).status_code == 200
    assert client.post(reverse("indicators:indicator-add"), form()).status_code == 403
    edit = reverse("indicators:indicator-edit", kwargs={"code": "SHOP"})
    assert client.post(edit, form(code="SHOP", name="Hacked")).status_code == 403
    assert not Indicator.objects.filter(code="DELIB_PRIMARY").exists()
    assert Indicator.objects.get(code="SHOP").name == "Shoplifting"


def test_the_retire_page_ends_the_definition_and_refuses_a_day_before_it_began(
    client, catalogue, lead
):
    client.force_login(lead)
    url = reverse("indicators:indicator-retire", kwargs={"code": "RES_BURG"})
    assert client.get(url).status_code == 200
    response = client.post(url, {"last_day": "2016-01-01"})
    assert "cannot end before it started" in " ".join(response.context["form"].errors["last_day"])
    response = client.post(url, {"last_day": "not a date"})
    assert "Enter a real date" in " ".join(response.context["form"].errors["last_day"])
    assert Indicator.objects.get(code="RES_BURG").valid_to is None
    assert client.post(url, {"last_day": "2024-03-31"}).status_code == 302
    assert Indicator.objects.get(code="RES_BURG").valid_to == date(2024, 3, 31)
