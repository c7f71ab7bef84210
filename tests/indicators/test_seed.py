"""The seed's 2015/16 performance appendix, reproduced from the fixtures.

Every published row whose own numbers agree with each other and with the other tables of the
document is reproduced exactly (with the published rounding). Every row that contradicts itself
or another table raises a warning; the test names those rows.
"""

from decimal import Decimal

import pytest
from django.core.management import call_command

from indicators.arithmetic import pct_change_display, round_half_away
from indicators.models import Area, Comparison, Denominator, Figure
from indicators.selectors import published_checks, yoy_table
from indicators.services.denominators import derived_denominators

INDICATOR_TABLE = "SHP performance indicators 2015/16"
CLEVELAND_CRIME = "Recorded crime in Cleveland 2015/16"
CLEVELAND_ASB = "Anti-social behaviour in Cleveland 2015/16"
FIRE = "Cleveland Fire Brigade performance statistics, Hartlepool district, April 2016"

# Published rows that contradict themselves or another table of the document.
CONTRADICTORY_ROWS = {
    (INDICATOR_TABLE, "Repeat Incidents of Domestic Violence – MARAC", "Hartlepool"),
    (INDICATOR_TABLE, "Anti-social Behaviour Incidents reported to the Police", "Hartlepool"),
    (INDICATOR_TABLE, "Deliberate Fires", "Hartlepool"),
    (INDICATOR_TABLE, "Criminal Damage to Dwellings", "Hartlepool"),
    (INDICATOR_TABLE, "Re-offending rate of young offenders", "Hartlepool"),
    (INDICATOR_TABLE, "First-Time Entrants to the Criminal Justice System", "Hartlepool"),
    (CLEVELAND_ASB, "AS21 - Personal", "Middlesbrough"),
    (CLEVELAND_ASB, "AS22 - Nuisance", "Middlesbrough"),
    (CLEVELAND_ASB, "Total", "Middlesbrough"),
    (FIRE, "Arson / deliberate – rubbish fires", "Hartlepool"),
    (FIRE, "Arson / deliberate – rubbish fires", "Middlesbrough"),
    (FIRE, "Arson / deliberate – rubbish fires", "Stockton-on-Tees"),
    (FIRE, "Arson / deliberate – all incidents", "Redcar and Cleveland"),
}
# Totals whose printed parts do not add up to them (Recorded crime in Cleveland 2015/16).
TOTALS_NOT_ADDING_UP = {
    ("Redcar and Cleveland", "Victim-based crime"),
    ("Redcar and Cleveland", "Violence against the person"),
    ("Redcar and Cleveland", "Theft and robbery"),
    ("Cleveland", "Victim-based crime"),
    ("Cleveland", "Violence against the person"),
    ("Cleveland", "Theft and robbery"),
}

pytestmark = pytest.mark.django_db


def test_contradictory_rows_are_flagged_and_only_those(seed):
    flagged = {
        (check.row.source, check.row.row_label, check.row.area.name)
        for check in published_checks()
        if check.problems
    }
    assert flagged == CONTRADICTORY_ROWS


def test_totals_that_do_not_add_up_are_flagged_with_the_difference(seed):
    flagged = {
        (c.area.name, c.indicator.name)
        for c in Comparison.objects.select_related("area", "indicator")
        if any("but its parts" in warning for warning in c.warnings)
    }
    assert flagged == TOTALS_NOT_ADDING_UP
    theft = Comparison.objects.get(
        area__name="Redcar and Cleveland", indicator__code="THEFT_ROB", period__code="2015/16"
    )
    assert any("a difference of 384" in warning for warning in theft.warnings)


def test_consistent_rows_are_reproduced_exactly(seed):
    checked = 0
    for check in published_checks():
        row = check.row
        if check.problems:
            continue
        comparison = Comparison.objects.get(
            indicator=row.indicator, area=row.area, period=row.period
        )
        if row.current is not None:
            assert comparison.current_value == row.current, row.row_label
        if row.change is not None:
            assert comparison.change == row.change, row.row_label
            checked += 1
        if row.pct_change is not None and check.recorded_baseline is not None:
            shown = pct_change_display(
                check.recorded_current, check.recorded_baseline, row.indicator.unit, row.pct_places
            )
            assert Decimal(shown) == round_half_away(row.pct_change, row.pct_places), row.row_label
            checked += 1
        if row.rate_per_1000 is not None and row.rate_places == 1:
            assert comparison.rate_per_1000 == row.rate_per_1000, (row.row_label, row.area.name)
            checked += 1
    assert checked > 200  # the appendix's changes, % changes and rates, not a handful


def test_seed_totals_add_up_where_the_document_is_right(seed):
    hartlepool = Comparison.objects.filter(area__name="Hartlepool", period__code="2015/16")
    assert not any("but its parts" in w for c in hartlepool for w in c.warnings)
    assert not any(
        "its districts add up" in w for c in Comparison.objects.all() for w in c.warnings
    )


def test_not_available_is_its_own_state_not_zero(seed):
    figure = Figure.objects.get(indicator__code="ALCOHOL_ADMISSIONS", period__code="2015/16")
    assert figure.value is None
    assert "Foundation Trust" in figure.not_available_reason
    row = next(
        r
        for r in yoy_table(
            area=Area.objects.get(name="Hartlepool"),
            period=figure.period,
            baseline=Figure.objects.get(
                indicator__code="ALCOHOL_ADMISSIONS", period__code="2014/15"
            ).period,
        )
        if r.indicator == "ALCOHOL_ADMISSIONS"
    )
    assert (row.current, row.pct_change, row.rag) == ("not available", "n/a", "")


def test_denominators_are_the_ones_the_published_rates_imply(seed):
    for derived in derived_denominators(period_code="2015/16"):
        if derived.area.kind == Area.Kind.FORCE:
            districts = Denominator.objects.filter(area__parent=derived.area, year=2015)
            total = sum(getattr(d, derived.kind) for d in districts)
            assert derived.low <= total <= derived.high  # the force is its districts' sum
            continue
        stored = Denominator.objects.get(area=derived.area, year=2015)
        assert getattr(stored, derived.kind) == derived.middle
        assert "Derived from the rates per 1,000" in stored.population_source


def test_targets_and_rag_of_the_indicator_table(seed):
    rows = {
        r.indicator: r
        for r in yoy_table(
            area=Area.objects.get(name="Hartlepool"),
            period=Figure.objects.filter(period__code="2015/16").first().period,
            baseline=Figure.objects.filter(period__code="2014/15").first().period,
        )
    }
    assert (rows["TRC"].target_status, rows["TRC"].rag) == ("not met", "red")
    assert (rows["DOM_BURG"].target_status, rows["DOM_BURG"].rag) == ("met", "green")
    assert (rows["HATE"].direction, rows["HATE"].rag) == ("improved", "green")  # increase wanted
    assert rows["OPIATE_EFFECTIVE"].rag == "red"  # 653 against a target of 676 + 3%
    assert (rows["OPIATE_COMPLETE"].change_unit, rows["OPIATE_COMPLETE"].pct_change) == (
        "pp",
        "-2.9",
    )
    assert rows["TF_ENGAGED"].rag == "green"  # 286 families against a minimum of 143
    rule = Comparison.objects.get(
        indicator__code="TRC", area__name="Hartlepool", period__code="2015/16"
    ).rag_rule
    assert rule.startswith("Green: below the 2014/15 baseline of 7,308")


def test_loading_the_demo_again_changes_nothing(seed):
    before = list(Figure.objects.order_by("pk").values_list("pk", "value", "updated_at"))
    history = Figure.history.count()
    call_command("load_demo", "--no-users", verbosity=0)
    assert list(Figure.objects.order_by("pk").values_list("pk", "value", "updated_at")) == before
    assert Figure.history.count() == history
