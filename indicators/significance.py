"""Is a change beyond noise? Tests and intervals for counts of events, as public health
statisticians publish them, so that a board does not react to chance in small numbers.

- A year-on-year change in a count is tested with the exact conditional test of two Poisson
  counts: given the two periods' total, this period's count is binomial with p = ½ when the
  underlying rate has not changed (periods of equal length). Two-sided, at the 5% level.
- A rate per 1,000 has a 95% confidence interval from its count: exact Poisson limits below
  10 events, Byars' approximation from 10 (the method of PHE's Fingertips tools), divided by
  the denominator.
"""

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from scipy import stats

LEVEL = 0.05
Z = 1.959963984540054  # the standard normal's 97.5th percentile
BYARS_FROM = 10

RISE, FALL, NONE = "significant rise", "significant fall", "no significant change"
TEST_METHOD = (
    "A change is called significant when the exact test of two Poisson counts (this period's "
    "count given both periods' total, binomial with p = ½) gives p < 0.05, two-sided. Counts "
    "only; percentages and rates are not tested."
)
INTERVAL_METHOD = (
    "Rates per 1,000 show a 95% confidence interval: exact Poisson limits for fewer than 10 "
    "events, Byars' method from 10, as Public Health England's Fingertips tools publish them."
)


@dataclass(frozen=True)
class ChangeTest:
    verdict: str  # RISE, FALL or NONE
    p_value: float


def change_test(current: int, previous: int) -> ChangeTest:
    """The exact conditional test of two Poisson counts over periods of the same length."""
    if current < 0 or previous < 0:
        raise ValueError("Counts cannot be negative.")
    total = current + previous
    if total == 0:
        return ChangeTest(NONE, 1.0)
    p_value = float(stats.binomtest(current, total, 0.5).pvalue)
    if p_value >= LEVEL or current == previous:
        return ChangeTest(NONE, p_value)
    return ChangeTest(RISE if current > previous else FALL, p_value)


def count_interval(count: int) -> tuple[float, float]:
    """95% confidence limits for the expected value behind an observed count."""
    if count < 0:
        raise ValueError("A count cannot be negative.")
    if count < BYARS_FROM:
        lower = 0.0 if count == 0 else stats.chi2.ppf(LEVEL / 2, 2 * count) / 2
        upper = stats.chi2.ppf(1 - LEVEL / 2, 2 * count + 2) / 2
        return float(lower), float(upper)
    lower = count * (1 - 1 / (9 * count) - Z / (3 * math.sqrt(count))) ** 3
    above = count + 1
    upper = above * (1 - 1 / (9 * above) + Z / (3 * math.sqrt(above))) ** 3
    return lower, upper


def rate_interval(count: int, denominator: int, per: int = 1000) -> tuple[Decimal, Decimal]:
    """The 95% confidence interval of a rate per ``per``, to one decimal place (half up)."""
    if denominator <= 0:
        raise ValueError("The denominator must be positive.")
    lower, upper = count_interval(count)
    tenth = Decimal("0.1")

    def rounded(value: float) -> Decimal:
        return (Decimal(repr(value)) * per / denominator).quantize(tenth, ROUND_HALF_UP)

    return rounded(lower), rounded(upper)


def count_verdict(current, previous) -> str:
    """RISE, FALL or NONE for two whole, non-negative counts; "" for anything else."""
    try:
        values = [Decimal(str(value)) for value in (current, previous)]
    except (ArithmeticError, ValueError, TypeError):
        return ""
    if any(value < 0 or value != value.to_integral_value() for value in values):
        return ""
    return change_test(int(values[0]), int(values[1])).verdict
