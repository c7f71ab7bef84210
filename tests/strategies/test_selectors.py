"""Reads: the latest RAG of linked indicators, the RAG summary and progress over quarters."""

from datetime import date

import pytest
from django.utils import timezone

from indicators import periods
from indicators.models import Area, Comparison, Indicator, Period
from shp.models import Partnership
from strategies import selectors
from strategies.models import Update
from tests.strategies.factories import plan_with_actions

pytestmark = pytest.mark.django_db


def comparison(indicator, area, code, rag):
    period = Period.objects.ensure([periods.parse(code)])[code]
    return Comparison.objects.create(
        indicator=indicator,
        area=area,
        period=period,
        baseline_period=period,
        change_unit="n",
        rag=rag,
        computed_at=timezone.now(),
    )


def test_an_actions_indicator_shows_its_latest_rag_for_the_partnership_area():
    Partnership.objects.create(name="Test partnership", area_code="E06000001")
    indicator = Indicator.objects.create(code="T1", name="Test crime", theme="asb")
    home = Area.objects.create(code="E06000001", name="Hartlepool", kind="district")
    elsewhere = Area.objects.create(code="E06000002", name="Middlesbrough", kind="district")
    comparison(indicator, home, "2014/15", "green")
    comparison(indicator, home, "2015/16", "red")
    comparison(indicator, home, "2016/17", "")  # no RAG yet: not the latest RAG
    comparison(indicator, elsewhere, "2016/17", "amber")
    plan = plan_with_actions(objectives=1, actions_per_objective=1)
    action = plan.actions.get()
    action.indicators.add(indicator)
    rows = selectors.action_rows(
        plan=plan, actions=selectors.plan_actions(plan=plan), today=date(2017, 1, 1)
    )
    (rag,) = rows[0].indicator_rags
    assert (rag.code, rag.rag, rag.period) == ("T1", "red", "2015/16")


def test_rag_summary_and_progress_count_each_actions_latest_update():
    plan = plan_with_actions()
    first, second, third, _ = plan.actions.order_by("sort_key")
    for action, year, quarter, rag, percent in [
        (first, 2016, 1, "green", 10),
        (first, 2016, 2, "red", 20),
        (second, 2016, 2, "amber", 60),
        (third, 2016, 1, "green", 100),
    ]:
        Update.objects.create(
            action=action,
            year=year,
            quarter=quarter,
            rag=rag,
            percent_complete=percent,
            commentary="Demo.",
        )
    today = date(2016, 8, 1)
    rows = selectors.action_rows(plan=plan, actions=selectors.plan_actions(plan=plan), today=today)
    summary = selectors.rag_summary(objectives=plan.objectives.all(), rows=rows)
    assert [(s.red, s.amber, s.green, s.no_update) for s in summary] == [(1, 1, 0, 0), (0, 0, 1, 1)]
    assert [r.missing_update for r in rows] == [False, False, True, True]
    progress = selectors.progress_by_quarter(plan=plan, today=today)
    assert [(p.label, p.red, p.amber, p.green, p.mean_percent) for p in progress] == [
        ("2016/17 Q1", 0, 0, 2, 55.0),
        ("2016/17 Q2", 1, 1, 0, 40.0),
    ]
