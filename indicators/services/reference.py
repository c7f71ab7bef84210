"""Load targets and published tables from CSV: checked whole, then written whole."""

import csv
import io
from decimal import Decimal, InvalidOperation

from django.db import transaction

from indicators import periods
from indicators.matching import area_index, indicator_index
from indicators.models import Area, Indicator, Period, PublishedValue, Target
from indicators.services.imports import ImportFailed, Problem
from indicators.targets import TargetKind


def _rows(content: bytes, required: set[str]):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFailed([Problem(None, None, "The file is not UTF-8 text.")]) from None
    reader = csv.DictReader(io.StringIO(text))
    missing = required - set(reader.fieldnames or [])
    if missing:
        raise ImportFailed([Problem(1, None, f"missing columns {', '.join(sorted(missing))}")])
    return list(enumerate(reader, start=2))


class _Resolver:
    def __init__(self):
        self.areas = area_index(Area.objects.all())
        self.indicators = indicator_index(Indicator.objects.all())
        self.problems: list[Problem] = []
        self.specs: dict[str, periods.PeriodSpec] = {}

    def area(self, number, text):
        found = self.areas.get(text)
        if found is None:
            self.problems.append(Problem(number, "area", f'"{text}" is not a known area'))
        return found

    def indicator(self, number, text):
        found = self.indicators.get(text)
        if found is None:
            self.problems.append(Problem(number, "indicator", f'"{text}" is not a known indicator'))
        return found

    def period(self, number, column, text, *, optional=False):
        if optional and not text:
            return None
        try:
            spec = periods.parse(text)
        except periods.PeriodError as error:
            self.problems.append(Problem(number, column, str(error)))
            return None
        self.specs[spec.code] = spec
        return spec.code

    def number(self, number, column, text):
        if not text:
            return None
        try:
            return Decimal(text.replace(",", ""))
        except InvalidOperation:
            self.problems.append(Problem(number, column, f'"{text}" is not a number'))
            return None


@transaction.atomic
def targets_import(*, content: bytes) -> int:
    """Create or update targets from CSV (area, indicator, period, kind, value, baseline_period,
    amber_tolerance)."""
    rows = _rows(content, {"area", "indicator", "period", "kind", "baseline_period"})
    resolve = _Resolver()
    planned = []
    kinds = {kind for kind, _ in TargetKind.CHOICES}
    for number, row in rows:
        area = resolve.area(number, row["area"])
        indicator = resolve.indicator(number, row["indicator"])
        period = resolve.period(number, "period", row["period"])
        baseline = resolve.period(number, "baseline_period", row["baseline_period"])
        kind = row["kind"].strip().lower()
        if kind not in kinds:
            resolve.problems.append(Problem(number, "kind", f'"{kind}" is not a kind of target'))
        value = resolve.number(number, "value", row.get("value", ""))
        if kind in (TargetKind.RELATIVE, TargetKind.ABSOLUTE) and value is None:
            resolve.problems.append(Problem(number, "value", f"a {kind} target needs a value"))
        tolerance = resolve.number(number, "amber_tolerance", row.get("amber_tolerance", "")) or 5
        planned.append((area, indicator, period, kind, value, baseline, tolerance))
    if resolve.problems:
        raise ImportFailed(resolve.problems)
    period_rows = Period.objects.ensure(resolve.specs.values())
    for area, indicator, period, kind, value, baseline, tolerance in planned:
        Target.objects.update_or_create(
            indicator=indicator,
            area=area,
            period=period_rows[period],
            defaults={
                "kind": kind,
                "value": value,
                "baseline_period": period_rows[baseline],
                "amber_tolerance": tolerance,
            },
        )
    return len(planned)


@transaction.atomic
def published_values_import(*, content: bytes) -> int:
    """Replace the published rows of each source named in the CSV with the file's rows."""
    rows = _rows(content, {"source", "row_label", "indicator", "area", "period"})
    resolve = _Resolver()
    planned = []
    for number, row in rows:
        planned.append(
            PublishedValue(
                source=row["source"].strip(),
                row_label=row["row_label"].strip(),
                indicator=resolve.indicator(number, row["indicator"]),
                area=resolve.area(number, row["area"]),
                period_id=None,
                current=resolve.number(number, "current", row.get("current", "")),
                baseline=resolve.number(number, "baseline", row.get("baseline", "")),
                change=resolve.number(number, "change", row.get("change", "")),
                pct_change=resolve.number(number, "pct_change", row.get("pct_change", "")),
                pct_places=int(row.get("pct_places") or 1),
                rate_per_1000=resolve.number(number, "rate_per_1000", row.get("rate_per_1000", "")),
                rate_places=int(row.get("rate_places") or 1),
            )
        )
        planned[-1]._codes = (
            resolve.period(number, "period", row["period"]),
            resolve.period(
                number, "baseline_period", row.get("baseline_period", ""), optional=True
            ),
        )
    if resolve.problems:
        raise ImportFailed(resolve.problems)
    period_rows = Period.objects.ensure(resolve.specs.values())
    for value in planned:
        period_code, baseline_code = value._codes
        value.period = period_rows[period_code]
        value.baseline_period = period_rows[baseline_code] if baseline_code else None
    PublishedValue.objects.filter(source__in={v.source for v in planned}).delete()
    PublishedValue.objects.bulk_create(planned)
    return len(planned)
