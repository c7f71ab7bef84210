"""The public figures: the page opens on a period with figures, shows the force area once its
districts are approved and the population year of each rate; the open-data file."""

import csv
import io

import pytest
from django.urls import reverse

from indicators.arithmetic import rate_per_1000
from indicators.denominators import DenominatorTable
from indicators.models import Area, Figure, Indicator
from indicators.open_data import COLUMNS
from indicators.services.comparisons import comparisons_recompute
from indicators.services.imports import figures_import

pytestmark = pytest.mark.django_db
PAGE = reverse("indicators:public-performance")
FILE = reverse("indicators:open-data")


def _approve(rows: str) -> None:
    content = ("area,indicator,period,value\n" + rows).encode()
    figures_import(content=content, filename="p.csv", status="approved", recompute=False)
    comparisons_recompute()  # as the queued job does: it works out what the public sees


def _open_data(client) -> list[dict]:
    response = client.get(FILE)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment;" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_the_page_opens_on_the_latest_year_with_figures_not_a_year_just_begun(client, seed):
    _approve("Hartlepool,SHOP,2016/17 Q1,290\n")  # a year with one quarter approved so far
    body = client.get(PAGE).content.decode()
    assert '<h1 class="govuk-heading-l">Hartlepool, 2015/16</h1>' in body
    assert 'data-testid="public-table"' in body
    assert 'value="2016/17 Q1"' in body  # the quarter can still be chosen


def test_the_force_area_is_added_up_from_its_approved_districts(client, seed):
    cleveland = Area.objects.get(kind=Area.Kind.FORCE)
    districts = list(Area.objects.filter(parent=cleveland))
    values = [
        Figure.objects.approved().get(indicator__code="TRC", area=d, period__code="2015/16")
        for d in districts
    ]
    body = client.get(PAGE, {"area": cleveland.code, "period": "2015/16"}).content.decode()
    total = sum(f.approved_value for f in values)
    assert f"{cleveland.name}, 2015/16" in body
    row = body.split(">Total recorded crime</th>")[1].split("</tr>")[0]
    assert f"{total.normalize():,f}" in row


def test_each_rate_gives_its_population_year(client, seed):
    body = client.get(PAGE, {"area": "E06000001", "period": "2015/16"}).content.decode()
    figure = Figure.objects.approved().get(
        indicator__code="TRC", area__code="E06000001", period__code="2015/16"
    )
    size, year = DenominatorTable.load().get_with_year(figure.area_id, 2015, "population")
    row = body.split(">Total recorded crime</th>")[1].split("</tr>")[0]
    assert f"{rate_per_1000(figure.approved_value, size):,.1f}" in row
    assert f"({year} population)" in row


def test_the_open_data_file_parses_and_suppresses_like_the_page(client, seed):
    indicator = Indicator.objects.get(code="SHOP")
    _approve("Hartlepool,SHOP,2016/17 Q1,3\n")  # a small count: fewer than 5
    Figure.objects.create(  # a draft nobody approved
        indicator=indicator,
        area=Area.objects.get(code="E06000002"),
        period=Figure.objects.get(indicator=indicator, period__code="2016/17 Q1").period,
        value=48213,
    )
    comparisons_recompute()
    rows = _open_data(client)
    assert list(rows[0]) == [column.name for column in COLUMNS]
    trc = next(
        r
        for r in rows
        if (r["area_code"], r["indicator_code"], r["period_code"])
        == ("E06000001", "TRC", "2015/16")
    )
    approved = Figure.objects.approved().get(
        indicator__code="TRC", area__code="E06000001", period__code="2015/16"
    )
    assert trc["value"] == f"{approved.approved_value.normalize():f}"
    assert trc["value_status"] == "published" and trc["population_year"]
    assert trc["change"] and trc["pct_change"]
    small = next(
        r for r in rows if (r["indicator_code"], r["period_code"]) == ("SHOP", "2016/17 Q1")
    )
    assert small["value"] == "" and small["value_status"] == "fewer than 5"
    assert small["rate_per_1000"] == "" and small["change"] == ""
    assert not any("48213" in value for row in rows for value in row.values())
    assert {r["area_type"] for r in rows} == {"district", "force"}


def test_the_data_dictionary_explains_every_column(client, db):
    body = client.get(reverse("indicators:open-data-dictionary")).content.decode()
    for column in COLUMNS:
        assert f"<code>{column.name}</code>" in body
