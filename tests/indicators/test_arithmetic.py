"""Property-based tests of the arithmetic, and of its vectorised twin in the recompute job."""

from decimal import Decimal
from fractions import Fraction

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from indicators import arithmetic as a
from indicators.services.comparisons import round_half_away_div

counts = st.integers(min_value=0, max_value=10**9).map(Decimal)
percentages = st.decimals(min_value=0, max_value=100, places=1)


@given(current=counts, baseline=counts)
def test_pct_change_has_the_sign_of_the_change(current, baseline):
    pct = a.pct_change(current, baseline)
    if baseline == 0:
        assert pct is None
        assert a.pct_change_display(current, baseline) == "n/a"
    else:
        assert (pct > 0) == (current > baseline)
        assert (pct == 0) == (current == baseline)


@given(current=percentages, baseline=percentages)
def test_percentage_indicators_change_in_points(current, baseline):
    assert a.change_unit(a.Unit.PERCENTAGE) == "pp"
    assert a.pct_change(current, baseline, a.Unit.PERCENTAGE) == current - baseline
    # A zero baseline is fine in percentage points: 0% → 4% is +4 pp.
    assert a.pct_change(current, Decimal(0), a.Unit.PERCENTAGE) == current


def test_the_seed_percentage_rows():
    assert a.pct_change_display(Decimal("4.1"), Decimal(7), a.Unit.PERCENTAGE) == "-2.9"
    assert a.pct_change_display(Decimal(25), Decimal("36.7"), a.Unit.PERCENTAGE) == "-11.7"


@given(st.integers(-(10**12), 10**12), st.integers(1, 10**6))
def test_rounding_is_half_away_from_zero(numerator, denominator):
    exact = Fraction(numerator, denominator)
    rounded = a.round_half_away(Decimal(numerator) / Decimal(denominator), 1)
    # The rounded value is within half a tenth, and ties go away from zero.
    assert abs(Fraction(rounded) - exact) <= Fraction(1, 20)
    tenths = exact * 10
    if tenths.denominator == 2:
        assert abs(Fraction(rounded) * 10) > abs(tenths)


def test_rounding_examples():
    assert a.round_half_away(Decimal("2.25")) == Decimal("2.3")
    assert a.round_half_away(Decimal("-2.25")) == Decimal("-2.3")
    assert a.round_half_away(Decimal("-22.745098")) == Decimal("-22.7")
    assert a.round_half_away(Decimal("0.05")) == Decimal("0.1")


@given(
    st.lists(
        st.tuples(st.integers(-(10**13), 10**13), st.integers(-(10**9), 10**9)),
        min_size=1,
        max_size=50,
    )
)
def test_vectorised_rounding_matches_the_scalar(pairs):
    pairs = [(n, d) for n, d in pairs if d != 0]
    if not pairs:
        return
    numerators = np.array([n for n, _ in pairs], dtype=np.int64)
    denominators = np.array([d for _, d in pairs], dtype=np.int64)
    vectorised = round_half_away_div(numerators, denominators)
    for (n, d), got in zip(pairs, vectorised, strict=True):
        assert Decimal(int(got)) == a.round_half_away(Decimal(n) / Decimal(d), 0)


@given(value=counts, denominator=st.integers(1, 10**7))
def test_rate_per_1000(value, denominator):
    rate = a.rate_per_1000(value, denominator)
    assert abs(Fraction(rate) - Fraction(int(value) * 1000, denominator)) <= Fraction(1, 20)
    assert a.rate_per_1000(value, 0) is None


def test_direction_follows_polarity():
    up, down = (Decimal(2), Decimal(1)), (Decimal(1), Decimal(2))
    assert a.direction(*up, a.Polarity.HIGHER_IS_BETTER) == a.Direction.IMPROVED
    assert a.direction(*up, a.Polarity.LOWER_IS_BETTER) == a.Direction.WORSENED
    assert a.direction(*down, a.Polarity.LOWER_IS_BETTER) == a.Direction.IMPROVED
    assert a.direction(*up, a.Polarity.NO_JUDGEMENT) == a.Direction.NOT_JUDGED
    assert a.direction(Decimal(1), Decimal(1), a.Polarity.LOWER_IS_BETTER) == a.Direction.NO_CHANGE
