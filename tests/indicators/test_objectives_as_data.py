"""Strategic objectives are the plans' data: the scorecard and the appendix group by the
objectives in force, a new plan needs no code, and the lead links indicators in the catalogue."""

from datetime import date

import pytest
from django.urls import reverse

from indicators.models import Indicator, Period
from indicators.reports import performance_appendix_html
from shp.roles import Role
from strategies.models import Objective, Plan

pytestmark = pytest.mark.django_db


def plan(title, start, end, status=Plan.Status.APPROVED, objectives=()):
    made = Plan.objects.create(
        title=title, slug=title.lower().replace(" ", "-"), status=status,
        start_date=start, end_date=end,
    )  # fmt: skip
    for number, (heading, codes) in enumerate(objectives, start=1):
        objective = Objective.objects.create(plan=made, number=number, title=heading)
        objective.indicators.set(Indicator.objects.filter(code__in=codes))
    return made


def test_a_new_plan_groups_the_scorecard_and_the_appendix_without_code(client, role_user, seed):
    plan("Streets Plan 2015-18", date(2015, 4, 1), date(2018, 3, 31),
         objectives=[("Keep every street zebra-safe", ["TRC"])])  # fmt: skip
    plan("Unapproved Plan", date(2015, 4, 1), date(2018, 3, 31), status=Plan.Status.DRAFT,
         objectives=[("A draft walrus objective", ["TRC"])])  # fmt: skip
    client.force_login(role_user(Role.MEMBER))
    body = client.get(reverse("indicators:dashboard")).content.decode()
    scorecard = body.split("Compared with the same period")[0]
    assert "Keep every street zebra-safe" in scorecard
    assert "Reduce Crime &amp; Repeat Victimisation" in scorecard  # 2014-17, still in force
    assert "walrus" not in body
    appendix = performance_appendix_html(
        options={"area": "E06000001", "period": "2015/16"}, with_charts=False
    )
    assert "Keep every street zebra-safe" in appendix and "walrus" not in appendix


def test_after_every_plan_ends_the_latest_started_plan_still_groups(seed):
    later = plan("Plan 2017-20", date(2017, 4, 1), date(2020, 3, 31),
                 objectives=[("Later objective", ["ASB"])])  # fmt: skip
    assert [o.plan for o in Objective.objects.in_force(date(2021, 4, 1), date(2022, 3, 31))] == [
        later
    ]
    period = Period.objects.get(code="2015/16")
    titles = [o.title for o in Objective.objects.in_force(period.start, period.end)]
    assert "Later objective" not in titles and "Reduce Crime & Repeat Victimisation" in titles


def test_the_lead_links_an_indicator_to_objectives_in_the_catalogue(client, role_user, seed):
    objective = Objective.objects.get(title="Reduce Crime & Repeat Victimisation")
    shop = Indicator.objects.get(code="SHOP")
    client.force_login(role_user(Role.PERFORMANCE_LEAD))
    url = reverse("indicators:indicator-edit", kwargs={"code": "SHOP"})
    page = client.get(url).content.decode()
    assert "Community Safety Plan 2014-17: Reduce Crime &amp; Repeat Victimisation" in page
    form = {
        "code": "SHOP", "name": shop.name, "aliases": "\n".join(shop.aliases),
        "description": shop.description, "theme": shop.theme, "unit": shop.unit,
        "polarity": shop.polarity, "parent": str(shop.parent_id), "parent_rule": shop.parent_rule,
        "rate_denominator": shop.rate_denominator, "source": str(shop.source_id or ""),
        "frequency": shop.frequency, "valid_from": "", "valid_to": "",
        "read_version": str(shop.version),
    }  # fmt: skip
    assert client.post(url, {**form, "objectives": [str(objective.pk)]}).status_code == 302
    assert list(shop.objectives.all()) == [objective]
    detail = client.get(reverse("indicators:indicator-detail", kwargs={"code": "SHOP"}))
    assert "Reduce Crime &amp; Repeat Victimisation" in detail.content.decode()
    refused = client.post(url, {**form, "read_version": str(shop.version + 1), "objectives": "x"})
    assert "Choose objectives from the list" in refused.content.decode()
    assert list(shop.objectives.all()) == [objective]


def test_the_catalogue_has_no_objective_choices_in_code():
    assert not hasattr(Indicator, "Objective")
    assert "objective" not in {f.name for f in Indicator._meta.concrete_fields}
