"""A series break: the lead records a new definition from a day; the old one is kept, charts
cut the line there and say so, and a change across it is flagged."""

from datetime import date

import pytest
from django.urls import reverse

from indicators import charts
from indicators.models import Comparison, Indicator, SeriesBreak
from indicators.services.comparisons import comparisons_recompute
from shp.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(client, role_user):
    user = role_user(Role.PERFORMANCE_LEAD, username="the-lead")
    client.force_login(user)
    return user


def record(client, code="ASB", **change):
    form = {
        "starts_on": "2015-04-01",
        "definition": "Incidents under the new flamingo counting rules.",
        "reason": "The force changed its incident categories.",
        **change,
    }
    return client.post(reverse("indicators:series-break-add", kwargs={"code": code}), form)


def test_a_break_keeps_the_old_definition_and_flags_a_change_across_it(client, lead, seed):
    asb = Indicator.objects.get(code="ASB")
    old = asb.description
    assert record(client).status_code == 302
    asb.refresh_from_db()
    recorded = SeriesBreak.objects.get(indicator=asb)
    assert asb.description.startswith("Incidents under the new flamingo")
    assert recorded.previous_definition == old and recorded.recorded_by == lead
    assert asb.history.first().history_change_reason.startswith("New definition from 1 April")
    comparisons_recompute()
    across = Comparison.objects.get(indicator=asb, area__code="E06000001", period__code="2015/16")
    assert any("definition changed from 1 April 2015" in w for w in across.warnings)
    page = client.get(reverse("indicators:indicator-detail", kwargs={"code": "ASB"}))
    text = page.content.decode()
    assert "Series breaks" in text and "flamingo" in text
    assert "Series break: the definition changed from 1 April 2015" in text


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"definition": ""}, "Describe the new definition"),
        ({"reason": ""}, "Say why the definition changed"),
        ({"starts_on": "31/02/2015"}, "Enter a real date"),
        ({"reason": "x" * 301}, "at most 300"),
    ],
)
def test_a_bad_break_is_refused_and_nothing_changes(client, lead, catalogue, change, message):
    before = Indicator.objects.get(code="ASB").description
    response = record(client, **change)
    assert response.status_code == 200 and message in response.content.decode()
    assert not SeriesBreak.objects.exists()
    assert Indicator.objects.get(code="ASB").description == before


def test_a_second_break_on_the_same_day_and_one_after_the_end_are_refused(client, lead, catalogue):
    assert record(client).status_code == 302
    again = record(client, definition="Another wording entirely.")
    assert "already recorded" in again.content.decode()
    ended = Indicator.objects.filter(valid_to__isnull=False).first()
    after = ended.valid_to.replace(year=ended.valid_to.year + 1).isoformat()
    late = record(client, code=ended.code, starts_on=after)
    assert "before that day" in late.content.decode()
    assert SeriesBreak.objects.count() == 1


def test_only_the_lead_records_a_break(client, role_user, catalogue):
    client.force_login(role_user(Role.MEMBER))
    assert record(client).status_code == 403
    assert not SeriesBreak.objects.exists()


def test_the_chart_cuts_the_line_at_the_break_and_labels_it():
    class P:
        def __init__(self, code, label, start, end):
            self.code, self.label, self.start, self.end = code, label, start, end

    class Row:
        def __init__(self, period, value):
            self.period, self.current_value, self.provisional = period, value, False

    rows = [
        Row(P("2015/16", "2015/16", date(2015, 4, 1), date(2016, 3, 31)), 10),
        Row(P("2016/17", "2016/17", date(2016, 4, 1), date(2017, 3, 31)), 12),
        Row(P("2017/18", "2017/18", date(2017, 4, 1), date(2018, 3, 31)), 30),
    ]
    indicator = Indicator(code="X", name="Burglary")
    brk = SeriesBreak(starts_on=date(2017, 4, 1))
    figure = charts.trend_figure(indicator=indicator, rows=rows, breaks=[brk])
    lines = [trace for trace in figure.data if trace.mode == "lines+markers"]
    assert [list(t.x) for t in lines] == [["2015/16", "2016/17"], ["2017/18"]]
    assert figure.layout.shapes[0].x0 == 1.5  # between 2016/17 and 2017/18
    assert "Series break: new definition from 1 Apr 2017" in figure.layout.annotations[0].text
