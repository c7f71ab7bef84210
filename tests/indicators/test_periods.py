"""Periods: financial years run April–March; codes round-trip; a year earlier is 12 months."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators import periods

years = st.integers(min_value=1990, max_value=2080)


@pytest.mark.parametrize(
    ("text", "code", "start", "end"),
    [
        ("2015/16", "2015/16", date(2015, 4, 1), date(2016, 3, 31)),
        ("2015-16", "2015/16", date(2015, 4, 1), date(2016, 3, 31)),
        ("2015/16 Q3", "2015/16 Q3", date(2015, 10, 1), date(2015, 12, 31)),
        ("Q4 2015/16", "2015/16 Q4", date(2016, 1, 1), date(2016, 3, 31)),
        ("2015/16 Q1-Q3", "2015/16 Q1-Q3", date(2015, 4, 1), date(2015, 12, 31)),
        ("2017", "2017", date(2017, 1, 1), date(2017, 12, 31)),
        ("2016-04", "2016-04", date(2016, 4, 1), date(2016, 4, 30)),
        ("April 2016", "2016-04", date(2016, 4, 1), date(2016, 4, 30)),
        ("2011-12", "2011-12", date(2011, 12, 1), date(2011, 12, 31)),
        ("R12 2016-09", "R12 2016-09", date(2015, 10, 1), date(2016, 9, 30)),
    ],
)
def test_codes_and_dates(text, code, start, end):
    spec = periods.parse(text)
    assert (spec.code, spec.start, spec.end) == (code, start, end)


def test_quarter_labels_name_their_months():
    assert periods.parse("2015/16 Q3").label == "2015/16 Q3 (October to December 2015)"


@pytest.mark.parametrize("text", ["", "2015/17", "Q5 2015/16", "banana", "R12 2016-13", "13/14"])
def test_bad_periods_are_refused_with_a_reason(text):
    with pytest.raises(periods.PeriodError):
        periods.parse(text)


@given(fy=years, quarter=st.integers(1, 4))
def test_quarter_codes_round_trip_and_sit_inside_their_year(fy, quarter):
    spec = periods.quarter(fy, quarter)
    assert periods.parse(spec.code) == spec
    assert periods.financial_year(fy).contains(spec)
    assert spec.shifted(-1) == periods.quarter(fy - 1, quarter)


@given(fy=years)
def test_four_quarters_make_the_financial_year(fy):
    year = periods.financial_year(fy)
    quarters = periods.quarters_of(year)
    assert [q.code for q in quarters] == [f"{periods.fy_code(fy)} Q{n}" for n in range(1, 5)]
    assert quarters[0].start == year.start and quarters[-1].end == year.end
    assert len(periods.months_of(year)) == 12


@given(year=years, month=st.integers(1, 12))
def test_month_and_rolling_codes_round_trip(year, month):
    for spec in (periods.month(year, month), periods.rolling_12(year, month)):
        assert periods.parse(spec.code) == spec
        assert periods.parse(spec.label) == spec


def test_the_picker_groups_every_kind_and_marks_a_period_not_yet_over():
    from datetime import date

    from indicators.models import Period
    from indicators.period_choices import period_groups

    def stored(code):
        spec = periods.parse(code)
        return Period(
            code=spec.code, kind=spec.kind, start=spec.start, end=spec.end, label=spec.label
        )

    codes = [
        "2016/17",
        "2016/17 Q1",
        "2016/17 Q2",
        "2016/17 Q1-Q2",
        "2016",
        "R12 2016-09",
        "2017/18 Q1",
    ]
    found = [stored(code) for code in codes]
    groups = period_groups(found, found[0], today=date(2017, 5, 15))
    titles = [group.title for group in groups]
    assert titles == [
        "Financial years",
        "Year to date",
        "Quarters",
        "Rolling 12 months",
        "Calendar years",
    ]
    ytd = {option.code: option.label for option in groups[1].options}
    assert ytd["2016/17 Q1"] == "2016/17 Q1-Q1 (the first quarter)"
    assert ytd["2016/17"] == "2016/17 Q1-Q4 (the whole year)"
    assert "2016/17 Q1-Q2" in ytd and "2017/18 Q1" in ytd
    assert ytd["2017/18 Q1"].endswith("(partial: it has not ended)")  # ends 30 June 2017
    selected = [o.code for g in groups for o in g.options if o.selected]
    assert selected == ["2016/17"]  # once, in its own group
