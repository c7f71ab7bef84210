"""The public's open-data file: every area and period the public page shows, one row per
indicator, approved figures only and small numbers suppressed exactly as on the page."""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain

from indicators.arithmetic import Unit, round_half_away
from indicators.denominators import DenominatorTable
from indicators.models import Area, Indicator, Period
from indicators.public import (
    FEWER_THAN_5,
    NOT_SHOWN,
    catalogue_order,
    public_periods,
    public_rate,
    shown_cells,
)
from shp.spreadsheets import spreadsheet_safe_row


@dataclass(frozen=True)
class Column:
    name: str
    meaning: str


COLUMNS = (
    Column("area_code", "The area's code (ONS GSS code for a local authority; the force's code)."),
    Column("area_name", "The area's name."),
    Column("area_type", "district (a local authority) or force (a police force area)."),
    Column(
        "period_code",
        'The period: "2015/16" (financial year, April to March), "2015/16 Q3" '
        '(a quarter of it), "2015/16 Q1-Q3" (year to date), "2016" (calendar year), '
        '"R12 2016-03" (12 months to March 2016) or "2016-04" (a month).',
    ),
    Column("period_type", "financial_year, quarter, ytd, calendar_year, rolling_12 or month."),
    Column("period_start", "The first day of the period (YYYY-MM-DD)."),
    Column("period_end", "The last day of the period (YYYY-MM-DD)."),
    Column("indicator_code", "The indicator's code in the partnership's catalogue."),
    Column("indicator_name", "The indicator's name."),
    Column("theme", "The theme the indicator belongs to."),
    Column("unit", "count (a number of incidents or people) or percentage."),
    Column("value", 'The approved value; empty where value_status is not "published".'),
    Column(
        "value_status",
        f'published; "{FEWER_THAN_5}" (a count from 1 to 4); "{NOT_SHOWN}" '
        "(hidden so that a small count cannot be worked out from a total); or not available.",
    ),
    Column("previous_year_value", "The same period a year earlier, on the same terms."),
    Column("previous_year_status", "As value_status, for previous_year_value."),
    Column("change", "value minus previous_year_value (percentage points for a percentage)."),
    Column(
        "pct_change",
        "The change as a percentage of previous_year_value, to 1 decimal place "
        "(rounded half away from zero); empty for percentages and where it cannot be worked out.",
    ),
    Column("rate_per_1000", "value per 1,000 of the population or households, to 1 decimal place."),
    Column("rate_denominator", "population or households: what the rate divides by."),
    Column("population_year", "The year of the mid-year estimate the rate divides by."),
)


def _plain(value) -> str:
    return "" if value is None else f"{value.normalize():f}"


def _cell(found) -> tuple[str, str, object]:
    """(value, status, number) of a shown cell, or three blanks where there is none."""
    if found is None:
        return "", "", None
    figure, cell = found
    if cell.hidden:
        return "", cell.text, None
    if figure.value is None:
        return "", "not available", None
    return _plain(figure.value), "published", figure.value


def open_data_rows() -> Iterator[list[str]]:
    """The file's rows after its header, oldest period first."""
    indicators = {i.pk: i for i in Indicator.objects.all()}
    ordered = catalogue_order(indicators)
    areas = list(Area.objects.order_by("display_order", "name"))
    denominators = DenominatorTable.load()
    shown = public_periods()
    known = {**{p.code: p for p in Period.objects.all()}, **{p.code: p for p in shown}}
    cache: dict[str, dict] = {}

    def cells(period):
        if period is None:
            return {}
        if period.code not in cache:
            cache[period.code] = shown_cells(period, indicators)
        return cache[period.code]

    for period in reversed(shown):
        current = cells(period)
        previous = cells(known.get(period.spec.shifted(-1).code))
        for area in areas:
            for indicator in ordered:
                found = current.get((indicator.pk, area.pk))
                if found is None:
                    continue
                value, status, now = _cell(found)
                before, before_status, then = _cell(previous.get((indicator.pk, area.pk)))
                change = pct = ""
                if now is not None and then is not None:
                    change = _plain(now - then)
                    if indicator.unit == Unit.COUNT and then:
                        pct = str(round_half_away((now - then) / then * 100, 1))
                rate, year = public_rate(indicator, area, period, *found, denominators)
                yield [
                    area.code,
                    area.name,
                    area.kind,
                    period.code,
                    period.kind,
                    period.start.isoformat(),
                    period.end.isoformat(),
                    indicator.code,
                    indicator.name,
                    indicator.get_theme_display(),
                    indicator.unit,
                    value,
                    status,
                    before,
                    before_status,
                    change,
                    pct,
                    "" if rate is None else f"{rate:.1f}",
                    indicator.rate_denominator if rate is not None else "",
                    "" if year is None else str(year),
                ]


def open_data_lines() -> Iterator[str]:
    """The CSV file, line by line (for a streamed download)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in chain([[c.name for c in COLUMNS]], open_data_rows()):
        writer.writerow(spreadsheet_safe_row(row))
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
