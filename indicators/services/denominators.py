"""Derive the denominators a published table must have used, from its rates per 1,000."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from indicators.models import Area, Indicator, PublishedValue


@dataclass(frozen=True)
class DerivedDenominator:
    area: Area
    kind: str  # "population" or "households"
    low: Fraction
    high: Fraction
    agreeing: int
    rows: int

    @property
    def middle(self) -> int:
        middle = (self.low + self.high) / 2
        return int(Decimal(middle.numerator / middle.denominator).quantize(0, ROUND_HALF_UP))


def rate_interval(count: Decimal, rate: Decimal, places: int) -> tuple[Fraction, Fraction]:
    """The denominators D for which count ÷ D × 1,000 rounds to ``rate``."""
    half = Fraction(1, 2 * 10**places)
    count, rate = Fraction(count), Fraction(rate)
    low = count * 1000 / (rate + half)
    high = count * 1000 / (rate - half) if rate > half else Fraction(10**12)
    return low, high


def most_agreed(intervals: list[tuple[Fraction, Fraction]]) -> tuple[Fraction, Fraction, int]:
    """The stretch covered by the most intervals (a sweep over their ends)."""
    events = sorted([(low, 0) for low, _ in intervals] + [(high, 1) for _, high in intervals])
    best, depth, best_low, best_high = 0, 0, None, None
    for position, (point, is_end) in enumerate(events):
        if is_end:
            depth -= 1
            continue
        depth += 1
        if depth > best:
            best, best_low = depth, point
            # this stretch ends at the next interval end
            best_high = next(p for p, end in events[position + 1 :] if end)
    return best_low, best_high, best


def derived_denominators(*, period_code: str) -> list[DerivedDenominator]:
    """For each area: the population and households that most published rates agree on."""
    rows = PublishedValue.objects.filter(
        period__code=period_code, rate_per_1000__isnull=False, current__gt=0
    ).select_related("area", "indicator")
    groups: dict[tuple[Area, str], list] = {}
    for row in rows:
        kind = row.indicator.rate_denominator
        if kind not in (Indicator.Denominator.POPULATION, Indicator.Denominator.HOUSEHOLDS):
            continue
        interval = rate_interval(row.current, row.rate_per_1000, row.rate_places)
        groups.setdefault((row.area, kind), []).append(interval)
    found = []
    for (area, kind), intervals in sorted(groups.items(), key=lambda g: (g[0][0].pk, g[0][1])):
        low, high, agreeing = most_agreed(intervals)
        found.append(DerivedDenominator(area, kind, low, high, agreeing, len(intervals)))
    return found
