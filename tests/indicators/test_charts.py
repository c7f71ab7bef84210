"""Chart builders: a definition change is a break between two series, never one joined line."""

import json

import pytest
from django.urls import reverse

from indicators import charts
from indicators.models import Comparison, Indicator
from indicators.services.comparisons import comparisons_recompute
from indicators.services.imports import figures_import
from shp.roles import Role

pytestmark = pytest.mark.django_db


def test_a_restated_year_is_drawn_apart_from_the_series(catalogue):
    content = (
        b"area,indicator,period,value\nHartlepool,RES_BURG,2016/17,310\n"
        b"Hartlepool,RES_BURG,2017/18,320\nHartlepool,RES_BURG,2018/19,300\n"
    )
    figures_import(content=content, filename="b.csv", status="approved", recompute=False)
    comparisons_recompute()
    rows = list(
        Comparison.objects.filter(indicator__code="RES_BURG")
        .select_related("period")
        .order_by("period__start")
    )
    figure = charts.trend_figure(indicator=Indicator.objects.get(code="RES_BURG"), rows=rows)
    traces = {trace.name: list(trace.y) for trace in figure.data}
    assert traces == {
        "On an earlier definition (re-stated)": [310.0],
        "Residential burglary": [320.0, 300.0],
    }


def test_the_indicator_page_carries_the_chart_and_its_summary(client, role_user, seed):
    client.force_login(role_user(Role.MEMBER))
    body = client.get(reverse("indicators:indicator-detail", kwargs={"code": "TRC"})).content
    body = body.decode()
    assert 'data-chart="trend-financial_year"' in body
    assert "Total recorded crime in Hartlepool, financial years: 2014/15 to 2015/16" in body
    data = body.split('id="trend-financial_year-data" type="application/json">')[1]
    data = data.split("</script>")[0]
    figure = json.loads(json.loads(data))
    assert figure["data"][0]["y"] == [7308.0, 8133.0]
    assert "/static/vendor/plotly/plotly.min.js" in body


def test_districts_are_compared_per_1000_with_the_force(client, role_user, seed):
    client.force_login(role_user(Role.MEMBER))
    url = reverse("indicators:indicator-detail", kwargs={"code": "VAP"})
    body = client.get(url).content.decode()
    assert "Districts compared, 2015/16" in body
    data = body.split('id="district-rates-data" type="application/json">')[1].split("</script>")[0]
    figure = json.loads(json.loads(data))
    bars = dict(zip(figure["data"][0]["x"], figure["data"][0]["y"], strict=True))
    assert bars == {
        "Hartlepool": 20.0,
        "Redcar and Cleveland": 15.8,
        "Middlesbrough": 29.1,
        "Stockton-on-Tees": 16.3,
    }
    assert figure["layout"]["shapes"][0]["y0"] == 20.0  # Cleveland's rate across the districts


def test_the_trend_has_baseline_and_target_lines_from_the_target(catalogue):
    from indicators import selectors
    from indicators.models import Area
    from indicators.services.reference import targets_import

    figures_import(
        content=b"area,indicator,period,value\nHartlepool,SHOP,2014/15,1000\n"
        b"Hartlepool,SHOP,2015/16,1100\n",
        filename="s.csv",
        status="approved",
        recompute=False,
    )
    targets_import(
        content=b"area,indicator,period,kind,value,baseline_period,amber_tolerance\n"
        b"Hartlepool,SHOP,2015/16,relative,-3,2014/15,5\n"
    )
    comparisons_recompute()
    indicator = Indicator.objects.get(code="SHOP")
    hartlepool = Area.objects.get(name="Hartlepool")
    lines = selectors.trend_reference_lines(
        indicator=indicator, area=hartlepool, kind="financial_year"
    )
    assert [(line.label, line.value, line.is_target) for line in lines] == [
        ("Baseline 2014/15: 1,000", 1000, False),
        ("Target 2015/16: 970", 970, True),
    ]
    rows = list(Comparison.objects.filter(indicator=indicator, area=hartlepool))
    figure = charts.trend_figure(indicator=indicator, rows=rows, lines=lines)
    drawn = {shape.y0 for shape in figure.layout.shapes}
    assert drawn == {1000.0, 970.0}
    assert (
        selectors.trend_reference_lines(indicator=indicator, area=hartlepool, kind="quarter") == []
    )


def test_a_quarter_arriving_keeps_the_years_trend_and_its_lines(client, role_user, catalogue):
    from indicators.services.reference import targets_import

    figures_import(
        content=b"area,indicator,period,value\nHartlepool,SHOP,2014/15,1000\n"
        b"Hartlepool,SHOP,2015/16,1100\nHartlepool,SHOP,2016/17 Q1,290\n",
        filename="s.csv",
        status="approved",
        recompute=False,
    )
    targets_import(
        content=b"area,indicator,period,kind,value,baseline_period,amber_tolerance\n"
        b"Hartlepool,SHOP,2015/16,relative,-3,2014/15,5\n"
    )
    comparisons_recompute()
    client.force_login(role_user(Role.MEMBER))
    body = client.get(reverse("indicators:indicator-detail", kwargs={"code": "SHOP"})).content
    body = body.decode()

    def drawn(kind):
        data = body.split(f'id="trend-{kind}-data" type="application/json">')[1]
        return json.loads(json.loads(data.split("</script>")[0]))

    years, quarters = drawn("financial_year"), drawn("quarter")
    assert years["data"][0]["y"] == [1000.0, 1100.0]
    assert {shape["y0"] for shape in years["layout"]["shapes"]} == {1000.0, 970.0}
    assert quarters["data"][0]["y"] == [290.0]
    assert "Baseline 2014/15: 1,000" in body and "Target 2015/16: 970" in body
