"""The performance appendix and the quarterly performance report, built from the comparisons.

``performance_appendix_html`` returns an HTML fragment for a printed document: the sections of a
report definition (data the lead edits: a scorecard by the strategic objectives in force, tables
of chosen indicators, districts per 1,000, trend charts as static SVG by plotly via kaleido), then
every consistency warning as a numbered footnote.
"""

import base64
import hashlib
import json
import logging
import time
from dataclasses import dataclass, field, replace
from types import SimpleNamespace

from django.template.loader import render_to_string

from indicators import charts, selectors, significance
from indicators.arithmetic import Unit
from indicators.models import (
    Area,
    Basis,
    Comparison,
    Indicator,
    Period,
    ReportDefinition,
    ReportSection,
    Target,
)
from indicators.public import hidden_text
from indicators.selectors.commentary import commentaries_shown
from indicators.selectors.narrative import narrative_shown
from indicators.services.public_figures import suppressed
from indicators.targets import TargetKind

logger = logging.getLogger(__name__)


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


def performance_subject(options: dict) -> tuple[Area, Period, Period]:
    """The area, period and baseline the options name (raising ReportError if they do not)."""
    return _resolve(options)


def performance_options_problem(options: dict) -> str:
    """Why a performance appendix cannot be made from ``options``, or ""."""
    try:
        area, period, baseline = _resolve(options)
    except ReportError as error:
        return str(error)
    if baseline.kind != period.kind or baseline.start >= period.start:
        return f"The baseline must be an earlier period of the same kind as {period.code}"
    try:
        report_definition(options.get("definition") or "")
    except ReportError as error:
        return str(error)
    return ""


KALEIDO_ATTEMPTS = 3


def _svg_data_uri(figure) -> str:
    """A plotly figure as an SVG data URI (kaleido drives Debian's Chromium).

    On a busy machine kaleido sometimes calls into its page before the page's script has
    loaded ("kaleido_scopes is not defined"); that one error is tried again, twice at most."""
    figure.update_layout(font={"family": "Liberation Sans, Arial, sans-serif"})
    for attempt in range(1, KALEIDO_ATTEMPTS + 1):
        try:
            svg = figure.to_image(format="svg", width=720, height=320)
            break
        except Exception as error:  # kaleido's JavascriptError is private to it
            if "kaleido_scopes is not defined" not in str(error) or attempt == KALEIDO_ATTEMPTS:
                raise
            logger.warning("Chart export: kaleido's page was not ready; trying again")
            time.sleep(0.5 * attempt)
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


def report_definition(slug: str = "") -> ReportDefinition | None:
    """The report definition ``slug`` names, or the default one (None if there is none)."""
    definitions = ReportDefinition.objects.prefetch_related("sections__indicators")
    if slug:
        found = definitions.filter(slug=slug).first()
        if found is None:
            raise ReportError(f"There is no report definition {slug!r}.")
        return found
    return definitions.filter(is_default=True).first()


def _sections(definition: ReportDefinition | None) -> list:
    """The definition's sections in order; without a definition, the scorecard alone."""
    if definition is None:
        return [ReportSection(kind=ReportSection.Kind.SCORECARD, position=1)]
    return sorted(definition.sections.all(), key=lambda section: section.position)


def _chosen(section: ReportSection) -> list[Indicator]:
    return sorted(section.indicators.all(), key=lambda i: (i.display_order, i.name))


def _title(section: ReportSection, area: Area, period: Period, baseline: Period) -> str:
    return (
        section.title.replace("{area}", area.name)
        .replace("{period}", period.code)
        .replace("{baseline}", baseline.code)
    )


def performance_appendix_context(*, options: dict, with_charts: bool = True) -> dict:
    """Everything the appendix prints, for ``options`` {area, period, baseline, and optionally
    definition (a report definition's slug; else the default one), basis ("provisional" to
    include figures not yet approved, marked) or public (approved figures with small numbers
    suppressed)}."""
    area, period, baseline = _resolve(options)
    definition = report_definition(options.get("definition") or "")
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
    commentaries = commentaries_shown(area=area, period=period, basis=basis)

    def line(code: str) -> dict | None:
        row = by_code.get(code)
        if row is None:
            return None
        counted = indicators[code].unit == Unit.COUNT and row.change != ""
        return {
            "row": row,
            "target": _target_words(targets.get(code)),
            "notes": footnotes.mark(row.warnings),
            "verdict": significance.count_verdict(row.current, row.baseline) if counted else "",
        }

    def scorecard() -> list[dict]:
        groups = []
        for title, indicator_ids in selectors.objective_groups(period):
            lines = [
                line(code)
                for code, indicator in indicators.items()
                if indicator.pk in indicator_ids and code in targets
            ]
            lines = [x for x in lines if x]
            if lines:
                groups.append({"label": title, "lines": lines})
        return groups

    sections, trends, district_charts = [], [], []
    for section in _sections(definition):
        if section.kind == ReportSection.Kind.HEADLINE:
            continue  # the dashboard's headline charts: not printed
        made = {"kind": section.kind, "title": _title(section, area, period, baseline)}
        made["show_rate"] = section.show_rate
        if section.kind == ReportSection.Kind.SCORECARD:
            made["groups"] = scorecard()
            keep = bool(made["groups"])
        elif section.kind == ReportSection.Kind.TABLE:
            made["lines"] = [x for x in (line(i.code) for i in _chosen(section)) if x]
            keep = bool(made["lines"])
        elif section.kind == ReportSection.Kind.DISTRICTS:
            made["blocks"] = []
            for indicator in _chosen(section):
                compared = selectors.district_rates(indicator=indicator, period=period, basis=basis)
                if compared:
                    lines = [_district_line(row, period, cells) for row in compared]
                    made["blocks"].append({"indicator": indicator, "rows": lines})
            if section.show_chart and made["blocks"]:
                district_charts.append((made, made["blocks"][0]))
            keep = bool(made["blocks"])
        else:
            made["charts"] = []
            for indicator in _chosen(section):
                trend = _trend_rows(indicator=indicator, area=area, basis=basis, cells=cells)
                if len(trend) > 1:
                    trends.append((made, indicator, trend))
            keep = any(made is m for m, _, _ in trends)
        if keep:
            sections.append(made)
    context = {
        "area": area,
        "period": period,
        "baseline": baseline,
        "definition": definition,
        "sections": sections,
        "footnotes": footnotes.notes,
        "commentaries": [
            {"name": row.name, "commentary": commentaries[indicators[row.indicator].pk]}
            for row in rows
            if indicators[row.indicator].pk in commentaries
        ],
        "test_method": significance.TEST_METHOD,
        # The summary compares with a year earlier: printed only where the report does too.
        "narrative": narrative_shown(area=area, period=period, basis=basis)
        if period.spec.shifted(-1).code == baseline.code
        else None,
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
    context["trend_values"] = [
        (indicator.code, row.period.code, str(row.current_value))
        for _, indicator, trend in trends
        for row in trend
    ]
    if with_charts:
        for made, indicator, trend in trends:
            made["charts"].append(_trend_chart(indicator=indicator, area=area, trend=trend))
        for made, block in district_charts:
            chart = _district_chart(block=block, period=period)
            if chart:
                made.setdefault("charts", []).append(chart)
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


def _trend_rows(*, indicator, area, basis, cells) -> list:
    """An indicator's values over the periods the chart draws (suppressed points left out)."""
    series = list(selectors.indicator_series(indicator=indicator, area=area, basis=basis))
    shown = charts.chart_rows(series)
    if cells is not None:
        shown = [row for row in shown if not cells.hidden(indicator.pk, area.pk, row.period)]
    return shown


def _trend_chart(*, indicator, area, trend) -> dict:
    breaks = list(indicator.series_breaks.all())
    figure = charts.trend_figure(indicator=indicator, rows=trend, breaks=breaks)
    values = ", ".join(
        f"{row.period.code}: {row.current_value.normalize():,f}"
        f"{' (provisional)' if row.provisional else ''}"
        for row in trend
        if row.current_value is not None
    )
    said = "".join(
        f" The definition changed from {b.starts_on:%-d %B %Y}: values either side are not joined."
        for b in breaks
    )
    return {
        "src": _svg_data_uri(figure),
        "alt": f"Line chart of {indicator.name[:1].lower()}{indicator.name[1:]} in {area.name}: "
        f"{values}.{said}",
        "caption": f"{indicator.name} in {area.name}",
    }


def _district_chart(*, block, period) -> dict | None:
    if not all(line.rate for line in block["rows"]):
        return None
    rows = [
        SimpleNamespace(area=line.area, rate_per_1000=line.rate, provisional=line.provisional)
        for line in block["rows"]
    ]
    indicator = block["indicator"]
    figure = charts.district_figure(indicator=indicator, rows=rows)
    rates = ", ".join(f"{r.area.name} {r.rate_per_1000}" for r in rows)
    return {
        "src": _svg_data_uri(figure),
        "alt": f"Bar chart of {indicator.name.lower()} per 1,000 in {period.label}: {rates}.",
        "caption": f"{indicator.name} per 1,000, {period.label}",
    }


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
