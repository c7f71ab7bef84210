"""The performance appendix and the quarterly performance report, built from the comparisons.

``performance_appendix_html`` returns an HTML fragment for a printed document: the indicator
table by strategic objective, recorded crime in the area, crime and ASB across the force's
districts per 1,000, ASB by category and deliberate fires, a trend chart and a district chart as
static SVG (plotly via kaleido), and every consistency warning as a numbered footnote.
"""

import base64
import hashlib
import json
from dataclasses import dataclass, field, replace
from types import SimpleNamespace

from django.template.loader import render_to_string

from indicators import charts, selectors
from indicators.arithmetic import Unit
from indicators.models import Area, Basis, Comparison, Indicator, Period, Target
from indicators.public import hidden_text, suppressed
from indicators.targets import TargetKind

CRIME_CODES = (
    "TRC", "VBC", "VAP", "SEX", "ROB", "THEFT", "BURG", "DOM_BURG", "VEH", "SHOP", "CDA", "OCAS",
)  # fmt: skip
ASB_CODES = ("ASB", "ASB_PERS", "ASB_NUIS", "ASB_ENV")
FIRE_CODES = ("DELIB_FIRES", "DELIB_DWELL", "DELIB_VEH", "DELIB_RUBBISH")
DISTRICT_CODES = ("TRC", "ASB")


class ReportError(ValueError):
    """The options do not name an area and periods that exist."""


@dataclass
class Footnotes:
    notes: list[str] = field(default_factory=list)

    def mark(self, warnings: list[str]) -> list[int]:
        numbers = []
        for warning in warnings:
            if warning not in self.notes:
                self.notes.append(warning)
            numbers.append(self.notes.index(warning) + 1)
        return numbers


def _target_words(target: Target | None) -> str:
    if target is None:
        return ""
    if target.kind == TargetKind.REDUCE:
        return "Reduce"
    if target.kind == TargetKind.INCREASE:
        return "Increase"
    value = f"{target.value.normalize():f}"
    if target.kind == TargetKind.RELATIVE:
        return f"{value.lstrip('-')}% {'increase' if target.value >= 0 else 'reduction'}"
    return f"{value}%" if target.indicator.unit == Unit.PERCENTAGE else value


def _resolve(options: dict) -> tuple[Area, Period, Period]:
    def find(model, field_names, value, what):
        for name in field_names:
            found = model.objects.filter(**{name: value}).first()
            if found is not None:
                return found
        raise ReportError(f"There is no {what} {value!r}.")

    area = find(Area, ["code", "name"], options.get("area", ""), "area")
    period = find(Period, ["code"], options.get("period", ""), "period")
    baseline_code = options.get("baseline") or period.spec.shifted(-1).code
    baseline = find(Period, ["code"], baseline_code, "baseline period")
    return area, period, baseline


def performance_options_problem(options: dict) -> str:
    """Why a performance appendix cannot be made from ``options``, or ""."""
    try:
        area, period, baseline = _resolve(options)
    except ReportError as error:
        return str(error)
    if baseline.kind != period.kind or baseline.start >= period.start:
        return f"The baseline must be an earlier period of the same kind as {period.code}"
    return ""


def _svg_data_uri(figure) -> str:
    """A plotly figure as an SVG data URI (kaleido drives Debian's Chromium)."""
    figure.update_layout(font={"family": "Liberation Sans, Arial, sans-serif"})
    svg = figure.to_image(format="svg", width=720, height=320)
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()


def _basis(options: dict) -> str:
    """Printed documents show approved figures unless asked for provisional ones; a public
    document never shows them."""
    if options.get("public"):
        return Basis.APPROVED
    return Basis.PROVISIONAL if options.get("basis") == Basis.PROVISIONAL else Basis.APPROVED


class _PublicCells:
    """Suppression of the approved comparisons of a period, for public documents."""

    def __init__(self):
        self.indicators = {i.pk: i for i in Indicator.objects.all()}
        self.areas = list(Area.objects.all())
        self.cached: dict[int, tuple[set, set]] = {}

    def hidden(self, indicator_id: int, area_id: int, period: Period) -> str:
        if period.pk not in self.cached:
            rows = Comparison.objects.filter(period=period).values_list(
                "indicator_id", "area_id", "current_value"
            )
            values = {(ind, area): value for ind, area, value in rows}
            self.cached[period.pk] = suppressed(values, period, self.indicators, self.areas)
        primary, secondary = self.cached[period.pk]
        return hidden_text((indicator_id, area_id), primary, secondary)


def _suppress_row(row, indicator_id, area, period, baseline, cells: _PublicCells):
    now = cells.hidden(indicator_id, area.pk, period)
    before = cells.hidden(indicator_id, area.pk, baseline)
    if not (now or before):
        return row
    return replace(
        row,
        current=now or row.current,
        baseline=before or row.baseline,
        change="",
        pct_change="",
        rate_per_1000="" if now else row.rate_per_1000,
    )


def performance_appendix_context(*, options: dict, with_charts: bool = True) -> dict:
    """Everything the appendix prints, for ``options`` {area, period, baseline, and optionally
    basis ("provisional" to include figures not yet approved, marked) or public (approved
    figures with small numbers suppressed)}."""
    area, period, baseline = _resolve(options)
    basis = _basis(options)
    public = bool(options.get("public"))
    cells = _PublicCells() if public else None
    rows = selectors.yoy_table(area=area, period=period, baseline=baseline, basis=basis)
    ids = dict(
        Indicator.objects.filter(code__in=[r.indicator for r in rows]).values_list("code", "pk")
    )
    if public:
        rows = [
            _suppress_row(row, ids[row.indicator], area, period, baseline, cells) for row in rows
        ]
    by_code = {row.indicator: row for row in rows}
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=by_code)}
    targets = {
        t.indicator.code: t
        for t in Target.objects.filter(area=area, period=period).select_related("indicator")
    }
    footnotes = Footnotes()

    def line(code: str) -> dict | None:
        row = by_code.get(code)
        if row is None:
            return None
        return {
            "row": row,
            "target": _target_words(targets.get(code)),
            "notes": footnotes.mark(row.warnings),
        }

    objectives = []
    for title, indicator_ids in selectors.objective_groups(period):
        lines = [
            line(code)
            for code, indicator in indicators.items()
            if indicator.pk in indicator_ids and code in targets
        ]
        lines = [x for x in lines if x]
        if lines:
            objectives.append({"label": title, "lines": lines})
    crime = [x for x in (line(c) for c in CRIME_CODES) if x]
    asb = [x for x in (line(c) for c in ASB_CODES) if x]
    fires = [x for x in (line(c) for c in FIRE_CODES) if x]
    districts = []
    for code in DISTRICT_CODES:
        indicator = Indicator.objects.filter(code=code).first()
        if indicator is None:
            continue
        compared = selectors.district_rates(indicator=indicator, period=period, basis=basis)
        if compared:
            districts.append(
                {
                    "indicator": indicator,
                    "rows": [_district_line(row, period, cells) for row in compared],
                }
            )
    context = {
        "area": area,
        "period": period,
        "baseline": baseline,
        "objectives": objectives,
        "crime": crime,
        "asb": asb,
        "fires": fires,
        "districts": districts,
        "footnotes": footnotes.notes,
        "charts": [],
        "provisional_basis": basis == Basis.PROVISIONAL,
        "public": public,
        "computed_at": Comparison.on_basis(basis)
        .filter(area=area, period=period)
        .values_list("computed_at", flat=True)
        .first(),
        "printed": [
            {
                "indicator": row.indicator,
                "area": area.code,
                "period": period.code,
                "baseline_period": baseline.code,
                "current": row.current,
                "baseline": row.baseline,
                "provisional": row.provisional,
            }
            for row in rows
        ],
    }
    trend = _trend_rows(area=area, basis=basis, cells=cells)
    context["trend_values"] = [(row.period.code, str(row.current_value)) for row in trend]
    if with_charts:
        context["charts"] = _charts(area=area, period=period, districts=districts, trend=trend)
    return context


@dataclass(frozen=True)
class DistrictLine:
    area: Area
    current: str
    rate: str
    pct: str
    provisional: bool


def _district_line(row, period, cells) -> DistrictLine:
    hidden = cells.hidden(row.indicator_id, row.area_id, period) if cells else ""
    pct = "n/a" if row.pct_change_1dp is None else f"{row.pct_change_1dp}%"
    return DistrictLine(
        area=row.area,
        current=hidden or f"{row.current_value.normalize():f}",
        rate="" if hidden else str(row.rate_per_1000),
        pct="" if hidden else pct,
        provisional=row.provisional,
    )


def _trend_rows(*, area, basis, cells) -> list:
    """Total recorded crime over the periods the chart draws (suppressed points left out)."""
    trc = Indicator.objects.filter(code="TRC").first()
    if trc is None:
        return []
    series = list(selectors.indicator_series(indicator=trc, area=area, basis=basis))
    shown = charts.chart_rows(series)
    if cells is not None:
        shown = [row for row in shown if not cells.hidden(trc.pk, area.pk, row.period)]
    return shown


def _charts(*, area, period, districts, trend) -> list[dict]:
    made = []
    if len(trend) > 1:
        figure = charts.trend_figure(indicator=trend[0].indicator, rows=trend)
        values = ", ".join(
            f"{row.period.code}: {row.current_value.normalize():,f}"
            f"{' (provisional)' if row.provisional else ''}"
            for row in trend
            if row.current_value is not None
        )
        made.append(
            {
                "src": _svg_data_uri(figure),
                "alt": f"Line chart of total recorded crime in {area.name}: {values}.",
                "caption": f"Total recorded crime in {area.name}",
            }
        )
    drawable = [d for d in districts if all(line.rate for line in d["rows"])]
    if drawable:
        first = drawable[0]
        rows = [
            SimpleNamespace(area=line.area, rate_per_1000=line.rate, provisional=line.provisional)
            for line in first["rows"]
        ]
        figure = charts.district_figure(indicator=first["indicator"], rows=rows)
        rates = ", ".join(f"{r.area.name} {r.rate_per_1000}" for r in rows)
        made.append(
            {
                "src": _svg_data_uri(figure),
                "alt": f"Bar chart of {first['indicator'].name.lower()} per 1,000 in "
                f"{period.label}: {rates}.",
                "caption": f"{first['indicator'].name} per 1,000, {period.label}",
            }
        )
    return made


def performance_appendix_html(*, options: dict, with_charts: bool = True) -> str:
    """The appendix as an HTML fragment for a printed document."""
    context = performance_appendix_context(options=options, with_charts=with_charts)
    return render_to_string("print/performance_appendix.html", context)


def comparisons_fingerprint(*, options: dict) -> str:
    """What the appendix prints (every figure, footnote and chart value), so a pack is
    re-rendered only when that changes, not whenever the comparisons were recomputed."""
    context = performance_appendix_context(options=options, with_charts=False)
    context["computed_at"] = None  # when the recompute ran is not a change to what is printed
    printed = render_to_string("print/performance_appendix.html", context)
    state = json.dumps([printed, context["trend_values"]], sort_keys=True)
    return hashlib.sha256(state.encode()).hexdigest()


def performance_snapshot(*, options: dict) -> list[dict]:
    """The figures the appendix prints, as a pack keeps them."""
    return performance_appendix_context(options=options, with_charts=False)["printed"]
