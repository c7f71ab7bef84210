"""Is a change beyond noise? The exact test of two Poisson counts and the 95% confidence
intervals of rates, checked against published values of the methods, and shown on the
dashboard with the method stated."""

import csv
import io
import math
from decimal import Decimal

import pytest
from django.urls import reverse

from indicators import significance
from indicators.models import Comparison
from shp.roles import Role

# Exact 95% Poisson limits as tabulated (e.g. in PHE's "Commonly used public health
# statistics and their confidence intervals" and standard statistical tables).
PUBLISHED_EXACT = {
    0: (0.0, 3.689),
    1: (0.0253, 5.572),
    2: (0.2422, 7.225),
    5: (1.6235, 11.668),
    9: (4.1150, 17.085),
    10: (4.7954, 18.390),
    100: (81.364, 121.627),
}


@pytest.mark.parametrize("count", [0, 1, 2, 5, 9])
def test_small_counts_use_the_exact_limits(count):
    lower, upper = significance.count_interval(count)
    want_lower, want_upper = PUBLISHED_EXACT[count]
    assert lower == pytest.approx(want_lower, abs=5e-4)
    assert upper == pytest.approx(want_upper, abs=5e-4)


@pytest.mark.parametrize("count", [10, 100])
def test_byars_is_within_a_hundredth_of_the_exact_limits_from_ten(count):
    lower, upper = significance.count_interval(count)
    want_lower, want_upper = PUBLISHED_EXACT[count]
    assert lower == pytest.approx(want_lower, abs=0.01)
    assert upper == pytest.approx(want_upper, abs=0.01)


def test_the_exact_test_matches_the_binomial_worked_by_hand():
    # 10 against 2: P(X >= 10 | n = 12, p = 1/2) = (66 + 12 + 1) / 4096, doubled.
    test = significance.change_test(10, 2)
    assert test.p_value == pytest.approx(79 / 2048)
    assert test.verdict == significance.RISE
    assert significance.change_test(2, 10).verdict == significance.FALL
    # 5 against none is not enough: p = 2 / 32.
    five = significance.change_test(5, 0)
    assert five.p_value == pytest.approx(1 / 16) and five.verdict == significance.NONE
    assert significance.change_test(0, 0).verdict == significance.NONE
    assert significance.change_test(6, 6).p_value == pytest.approx(1.0)
    with pytest.raises(ValueError):
        significance.change_test(-1, 3)


def test_a_rate_interval_is_the_count_interval_over_the_denominator():
    lower, upper = significance.rate_interval(100, 50_000)
    assert (lower, upper) == (Decimal("1.6"), Decimal("2.4"))  # 81.364 and 121.627 per 50,000
    with pytest.raises(ValueError):
        significance.rate_interval(5, 0)


@pytest.fixture
def member(client, role_user, seed):
    client.force_login(role_user(Role.MEMBER))


def test_the_dashboard_says_whether_each_count_changed_beyond_chance(client, member):
    page = client.get(reverse("indicators:dashboard"), {"area": "E06000001", "period": "2015/16"})
    table = page.context["table"]
    rows = {c.indicator.code: c for c in Comparison.objects.filter(
        area__code="E06000001", period__code="2015/16").select_related("indicator")}  # fmt: skip
    trc = rows["TRC"]
    expected = significance.change_test(int(trc.current_value), int(trc.baseline_value))
    found = table.significance[trc.pk]
    assert found.verdict == expected.verdict and math.isclose(found.p_value, expected.p_value)
    low, high = found.rate_interval
    assert low < trc.rate_per_1000 < high
    body = page.content.decode()
    assert f"({low} to {high})" in body
    assert "exact test of two Poisson counts" in body and "Byars" in body
    # A percentage is not tested.
    assert table.significance[rows["MARAC_REPEAT"].pk].verdict == ""


def test_the_export_carries_the_verdict(client, member):
    response = client.get(
        reverse("indicators:dashboard"),
        {"area": "E06000001", "period": "2015/16", "_export": "csv"},
    )
    reader = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    verdicts = {row["Indicator"]: row["Beyond chance?"] for row in reader}
    assert set(verdicts.values()) <= {
        significance.RISE,
        significance.FALL,
        significance.NONE,
        "",
    }
    assert verdicts["Total recorded crime"] in (significance.RISE, significance.FALL,
                                                significance.NONE)  # fmt: skip
