"""Targets set and changed in the app by the performance lead: checked, kept with history, and
the RAG follows once the comparisons are recomputed; a stale change is refused."""

import pytest
from django.urls import reverse

from indicators.models import Area, Comparison, Indicator, Target
from indicators.services.comparisons import comparisons_recompute
from indicators.services.imports import figures_import
from indicators.services.targets import TargetInput, target_save
from shp.errors import ApplicationError
from shp.models import Job
from shp.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(catalogue):
    figures_import(
        content=b"area,indicator,period,value\n"
        b"Hartlepool,SHOP,2014/15,1000\nHartlepool,SHOP,2015/16,1030\n",
        filename="f.csv",
        status="approved",
        recompute=False,
    )
    return Indicator.objects.get(code="SHOP"), Area.objects.get(name="Hartlepool")


@pytest.fixture
def lead(role_user):
    return role_user(Role.PERFORMANCE_LEAD, username="the-lead")


def url(indicator, area, **query):
    base = reverse("indicators:target-edit", kwargs={"code": indicator.code, "area": area.code})
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


FORM = {
    "period": "2015/16",
    "kind": "reduce",
    "value": "",
    "baseline_period": "2014/15",
    "amber_tolerance": "5",
    "read_version": "0",
}


def test_a_target_set_in_the_app_gives_the_rag_after_the_recompute(client, shop, lead):
    indicator, area = shop
    client.force_login(lead)
    page = client.get(url(indicator, area))
    assert page.status_code == 200 and "Set a target" in page.content.decode()
    response = client.post(url(indicator, area), FORM)
    assert response.status_code == 302
    assert Job.objects.filter(kind="comparisons-recompute").exists()  # queued on commit
    comparisons_recompute()
    row = Comparison.objects.get(indicator=indicator, area=area, period__code="2015/16")
    assert row.rag == "amber"  # 1,030 is over the 1,000 baseline by less than 5%
    # Changing it: a 2% band makes the same figure red.
    target = Target.objects.get()
    assert target.version == 1 and target.updated_by == lead
    changed = {**FORM, "amber_tolerance": "2", "read_version": str(target.version)}
    assert client.post(url(indicator, area, period="2015/16"), changed).status_code == 302
    comparisons_recompute()
    row = Comparison.objects.get(indicator=indicator, area=area, period__code="2015/16")
    assert row.rag == "red"
    assert Target.history.count() == 2


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"period": "2015/17"}, "period", ""),
        ({"baseline_period": "2016/17"}, "baseline_period", "must come before"),
        ({"baseline_period": "2015/16 Q1"}, "baseline_period", "same kind of period"),
        ({"kind": "sideways"}, "kind", "Select a valid choice"),
        ({"kind": "relative", "value": ""}, "value", "Enter the target's value"),
        ({"kind": "relative", "value": "1_0"}, "value", "underscore"),
        ({"kind": "absolute", "value": "-3"}, "value", "negative"),
        ({"amber_tolerance": "150"}, "amber_tolerance", "between 0 and 100"),
        ({"amber_tolerance": "lots"}, "amber_tolerance", "not a number"),
        ({"period": ""}, "period", "Enter the period"),
        ({"period": "x" * 5000}, "period", "at most 40 characters"),
    ],
)
def test_a_bad_target_is_refused_with_its_field_and_nothing_is_saved(
    client, shop, lead, change, field, message
):
    indicator, area = shop
    client.force_login(lead)
    response = client.post(url(indicator, area), {**FORM, **change})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert not Target.objects.exists()


def test_a_stale_change_is_refused_and_names_who_changed_it(shop, lead, role_user):
    indicator, area = shop
    other = role_user(Role.ADMINISTRATOR, username="admin-two")
    data = TargetInput("2015/16", "reduce", "", "2014/15", "5", read_version=0)
    target_save(user=lead, indicator=indicator, area=area, data=data)
    # A second "new" target for the same period is refused, naming who set the first.
    with pytest.raises(ApplicationError, match="already a 2015/16 target.*last set by"):
        target_save(
            user=other,
            indicator=indicator,
            area=area,
            data=TargetInput("2015/16", "increase", "", "2014/15", "5", read_version=0),
        )
    # A change from a page read at version 1, after the lead changed it again (version 2).
    target_save(
        user=lead,
        indicator=indicator,
        area=area,
        data=TargetInput("2015/16", "reduce", "", "2014/15", "3", read_version=1),
    )
    with pytest.raises(ApplicationError, match="changed the 2015/16 target"):
        target_save(
            user=other,
            indicator=indicator,
            area=area,
            data=TargetInput("2015/16", "increase", "", "2014/15", "5", read_version=1),
        )
    target = Target.objects.get()
    assert (target.kind, target.amber_tolerance, target.version) == ("reduce", 3, 2)


@pytest.mark.parametrize("role", [None, Role.OFFICER, Role.MEMBER, Role.DEMOCRATIC_SERVICES])
def test_only_the_lead_sets_targets(client, shop, role_user, role):
    indicator, area = shop
    if role is not None:
        client.force_login(role_user(role))
    response = client.post(url(indicator, area), FORM)
    assert response.status_code == (302 if role is None else 403)
    assert not Target.objects.exists()
    with pytest.raises(ApplicationError, match="Only the performance lead"):
        target_save(
            user=role_user(Role.MEMBER, username="m2"),
            indicator=indicator,
            area=area,
            data=TargetInput("2015/16", "reduce", "", "2014/15", "5"),
        )


def test_an_unknown_indicator_or_area_is_404(client, shop, lead):
    client.force_login(lead)
    bad = reverse("indicators:target-edit", kwargs={"code": "NOPE", "area": "E06000001"})
    assert client.get(bad).status_code == 404
    bad = reverse("indicators:target-edit", kwargs={"code": "SHOP", "area": "<script>"})
    assert client.get(bad).status_code == 404
