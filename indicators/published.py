"""Check a row of a published table against its own numbers and against the recorded figures.

Published tables contain arithmetic errors; each problem found is a sentence a reader can act on.
"""

from decimal import Decimal

from indicators.arithmetic import Unit, change, pct_change, round_half_away


def _n(value: Decimal, places: int | None = None) -> str:
    """A number as a table prints it: thousands separated, and ``places`` decimals if given."""
    value = Decimal(value)
    if places is not None:
        return f"{round_half_away(value, places):,.{places}f}"
    return f"{value.normalize():,f}"


def published_row_problems(
    *,
    row,
    unit: str,
    recorded_current: Decimal | None,
    recorded_baseline: Decimal | None,
    denominator: int | None,
    denominator_label: str = "",
) -> list[str]:
    """Every way the published row disagrees with itself or with the recorded figures."""
    problems = []
    where = f"{row.source}, “{row.row_label}”"
    if row.current is not None and recorded_current is not None and row.current != recorded_current:
        problems.append(
            f"{where}: printed {_n(row.current)} for {row.period.code}, but the recorded figure is "
            f"{_n(recorded_current)}"
        )
    if (
        row.baseline is not None
        and recorded_baseline is not None
        and row.baseline != recorded_baseline
    ):
        baseline_code = row.baseline_period.code if row.baseline_period else "the baseline"
        problems.append(
            f"{where}: printed {_n(row.baseline)} for {baseline_code}, but the recorded figure is "
            f"{_n(recorded_baseline)}"
        )
    current = row.current if row.current is not None else recorded_current
    baseline = row.baseline if row.baseline is not None else recorded_baseline
    if row.change is not None and current is not None and baseline is not None:
        expected = change(current, baseline)
        if row.change != expected:
            problems.append(
                f"{where}: printed a change of {_n(row.change)}, but {_n(current)} − "
                f"{_n(baseline)} = {_n(expected)}"
            )
    if row.pct_change is not None and current is not None and baseline is not None:
        exact = pct_change(current, baseline, unit)
        label = "percentage-point change" if unit == Unit.PERCENTAGE else "% change"
        if exact is None:
            problems.append(
                f"{where}: printed a {label} of {_n(row.pct_change, row.pct_places)} on a zero "
                "baseline"
            )
        else:
            expected = round_half_away(exact, row.pct_places)
            if round_half_away(row.pct_change, row.pct_places) != expected:
                problems.append(
                    f"{where}: printed a {label} of {_n(row.pct_change, row.pct_places)}, but "
                    f"from {_n(baseline)} to {_n(current)} it is {expected}"
                )
    if row.rate_per_1000 is not None and current is not None and denominator:
        expected = round_half_away(Decimal(current) * 1000 / Decimal(denominator), row.rate_places)
        if round_half_away(row.rate_per_1000, row.rate_places) != expected:
            problems.append(
                f"{where}: printed a rate of {_n(row.rate_per_1000, row.rate_places)} per 1,000, "
                f"but {_n(current)} ÷ {denominator:,}{denominator_label} × 1,000 = {expected}"
            )
    return problems


def check_published_row(*, row, indicator, current, baseline, denominators) -> list[str]:
    """``published_row_problems`` with the row's denominator looked up (and named) for it."""
    from indicators.denominators import denominator_year

    denominator, year = denominators.get_with_year(
        row.area_id, denominator_year(row.period.spec), indicator.rate_denominator
    )
    return published_row_problems(
        row=row,
        unit=indicator.unit,
        recorded_current=current,
        recorded_baseline=baseline,
        denominator=denominator,
        denominator_label=f" ({indicator.rate_denominator}, {year})",
    )
