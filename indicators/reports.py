"""The performance appendix and the quarterly performance report, built from the comparisons.

``performance_appendix_html`` returns an HTML fragment for a printed document: the indicator
table by strategic objective, recorded crime in the area, crime and ASB across the force's
districts per 1,000, ASB by category and deliberate fires, a trend chart and a district chart as
static SVG (plotly via kaleido), and every consistency warning as a numbered footnote.
"""

import base64
from dataclasses import dataclass, field

from django.template.loader import render_to_string

from indicators import charts, selectors
from indicators.arithmetic import Unit
from indicators.models import Area, Comparison, Indicator, Period, Target
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


def _svg_data_uri(figure) -> str:
    """A plotly figure as an SVG data URI (kaleido drives Debian's Chromium)."""
    figure.update_layout(font={"family": "Liberation Sans, Arial, sans-serif"})
    svg = figure.to_image(format="svg", width=720, height=320)
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()


def performance_appendix_context(*, options: dict, with_charts: bool = True) -> dict:
    """Everything the appendix prints, for ``options`` {area, period, baseline}."""
    area, period, baseline = _resolve(options)
    rows = selectors.yoy_table(area=area, period=period, baseline=baseline)
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
    for value, label in Indicator.Objective.choices:
        lines = [
            line(code)
            for code, indicator in indicators.items()
            if indicator.objective == value and code in targets
        ]
        lines = [x for x in lines if x]
        if lines:
            objectives.append({"label": label, "lines": lines})
    crime = [x for x in (line(c) for c in CRIME_CODES) if x]
    asb = [x for x in (line(c) for c in ASB_CODES) if x]
    fires = [x for x in (line(c) for c in FIRE_CODES) if x]
    districts = []
    for code in DISTRICT_CODES:
        indicator = Indicator.objects.filter(code=code).first()
        if indicator is None:
            continue
        compared = selectors.district_rates(indicator=indicator, period=period)
        if compared:
            districts.append({"indicator": indicator, "rows": compared})
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
    }
    if with_charts:
        context["charts"] = _charts(area=area, period=period, districts=districts)
    return context


def _charts(*, area, period, districts) -> list[dict]:
    made = []
    trc = Indicator.objects.filter(code="TRC").first()
    if trc is not None:
        series = list(selectors.indicator_series(indicator=trc, area=area))
        shown = charts.chart_rows(series)
        if len(shown) > 1:
            figure = charts.trend_figure(indicator=trc, rows=shown)
            values = ", ".join(
                f"{row.period.code}: {row.current_value.normalize():,f}"
                for row in shown
                if row.current_value is not None
            )
            made.append(
                {
                    "src": _svg_data_uri(figure),
                    "alt": f"Line chart of total recorded crime in {area.name}: {values}.",
                    "caption": f"Total recorded crime in {area.name}",
                }
            )
    if districts:
        first = districts[0]
        figure = charts.district_figure(indicator=first["indicator"], rows=first["rows"])
        rates = ", ".join(f"{r.area.name} {r.rate_per_1000}" for r in first["rows"])
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
    """What the appendix is made from, so a pack is re-rendered only when it changes."""
    area, period, baseline = _resolve(options)
    latest = (
        Comparison.objects.filter(area=area, period__in=[period, baseline])
        .order_by("-computed_at")
        .values_list("computed_at", flat=True)
        .first()
    )
    return f"{area.code}|{period.code}|{baseline.code}|{latest}"
