"""Members' views: the performance dashboard and an indicator's page."""

import hashlib

from django.http import Http404, HttpResponse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.views.generic import DetailView, View
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from indicators import charts, exports, selectors, significance
from indicators.arithmetic import Unit
from indicators.cache import area_version, cached, comparisons_version
from indicators.filters import ComparisonFilter
from indicators.hierarchy import in_hierarchy
from indicators.models import Basis, Comparison
from indicators.period_choices import period_groups
from indicators.permissions import (
    PROVISIONAL_PARAMETER,
    figures_basis,
    figures_visible_to,
    may_include_provisional,
)
from indicators.selectors.commentary import commentaries_shown, indicator_commentaries
from indicators.selectors.headlines import districts_compared, headline_indicators, headlines
from indicators.selectors.narrative import narrative_shown
from indicators.services.printed import report_printed
from indicators.snapshots import revised_for_indicator, revised_since_printed
from indicators.tables import ComparisonTable, status_words
from shp.permissions import AccessRequiredMixin, user_roles
from shp.roles import PERFORMANCE_LEAD_ROLES, SIGNED_IN_ROLES

# The query string a plain dashboard request carries; only those pages' tables are cached.
DASHBOARD_PARAMETERS = {"area", "period", "theme", "sort", PROVISIONAL_PARAMETER}


def chosen(request, name: str, options: list, default):
    """The option whose code the query string names (404 for an unknown one), else ``default``."""
    wanted = request.GET.get(name)
    if not wanted:
        return default
    for option in options:
        if option.code == wanted:
            return option
    raise Http404(f"There is no {name} {wanted!r}.")


def basis_context(request, basis: str, rows) -> dict:
    """What every page built on the comparisons says about the figures it shows."""
    return {
        "freshness": selectors.figures_freshness(rows=rows, user=request.user),
        "basis": basis,
        "provisional": basis == Basis.PROVISIONAL,
        "provisional_count": sum(1 for row in rows if row.provisional or row.baseline_provisional),
        "may_include_provisional": may_include_provisional(request.user),
        "provisional_parameter": PROVISIONAL_PARAMETER,
    }


class DashboardView(AccessRequiredMixin, SingleTableMixin, FilterView):
    """An area's performance for a period: scorecard by objective, the year-on-year table."""

    access = SIGNED_IN_ROLES
    template_name = "indicators/dashboard.html"
    table_class = ComparisonTable
    filterset_class = ComparisonFilter
    table_pagination = False
    export_formats = ("csv", "xlsx")
    export_parameter = "_export"

    def get_queryset(self):
        self.basis = figures_basis(self.request)
        self.areas, self.periods = cached(
            "dashboard-choices", self.basis, compute=lambda: selectors.dashboard_choices(self.basis)
        )
        self.area = chosen(self.request, "area", self.areas, self.areas[0] if self.areas else None)
        default = selectors.default_period(self.periods)
        self.period = chosen(self.request, "period", self.periods, default)
        if self.area is None or self.period is None:
            self.base = Comparison.objects.none()
        else:
            self.base = selectors.dashboard_comparisons(
                area=self.area, period=self.period, basis=self.basis
            )
        return self.base

    def significance(self) -> dict:
        """Each row's test and interval, worked out once per request (table and export)."""
        if not hasattr(self, "_significance"):
            self._significance = (
                cached(
                    "significance",
                    self.area.pk,
                    self.period.pk,
                    self.basis,
                    compute=lambda: selectors.change_significance(self.base, self.period),
                    area=self.area,
                )  # fmt: skip
                if self.period and self.area
                else {}
            )
        return self._significance

    def get_table_data(self):
        rows = super().get_table_data()
        if self.request.GET.get("sort"):  # sorted by a column: a flat list
            return rows
        return in_hierarchy(rows)

    def get_table_kwargs(self):
        return {
            "area_code": self.area.code if self.area else "",
            "provisional": self.basis == Basis.PROVISIONAL,
            "significance": self.significance(),
            "commentaries": commentaries_shown(area=self.area, period=self.period, basis=self.basis)
            if self.area and self.period
            else {},
        }

    def get_export_filename(self, export_format):
        suffix = "-provisional" if self.basis == Basis.PROVISIONAL else ""
        name = f"year-on-year-{self.area.code}-{slugify(self.period.code)}{suffix}"
        return f"{name}.{export_format}"

    def render_to_response(self, context, **kwargs):
        wanted = self.request.GET.get(self.export_parameter, "")
        if wanted not in self.export_formats:
            return super().render_to_response(context, **kwargs)
        if self.area is None or self.period is None:
            raise Http404("There are no figures to download yet.")
        return self.export_response(wanted)

    def export_response(self, export_format: str) -> HttpResponse:
        """The table as shown (filtered, totals before their parts) as typed CSV or XLSX."""
        rows = exports.export_rows(
            rows=self.get_table_data(),
            area=self.area,
            period=self.period,
            significance=self.significance(),
            status_of=status_words,
        )
        if export_format == "csv":
            response = HttpResponse(exports.as_csv(rows), content_type="text/csv; charset=utf-8")
        else:
            basis = (
                "Including provisional figures (not yet approved), marked in the Status column."
                if self.basis == Basis.PROVISIONAL
                else "Approved figures only."
            )
            content = exports.as_xlsx(
                rows,
                title=f"{self.area.name}, {self.period.label}: compared with a year earlier",
                notes=[
                    basis,
                    "Counts are whole numbers; % change is rounded to one decimal place; a "
                    "percentage indicator's change is in percentage points.",
                    significance.TEST_METHOD,
                    significance.INTERVAL_METHOD,
                ],
            )
            response = HttpResponse(
                content,
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        filename = self.get_export_filename(export_format)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def _table_html(self) -> str:
        """The year-on-year table as HTML. It depends only on the comparisons (their version),
        the query string and the commentary shown, so a plain request reads it from the cache;
        an unusual query string (a bad filter, an unknown sort) is rendered afresh."""
        table_kwargs = self.get_table_kwargs()

        def render() -> str:
            return self.get_table(**table_kwargs).as_html(self.request)

        query = dict(self.request.GET.lists())
        sort = self.request.GET.get("sort", "").lstrip("-")
        usual = (
            self.area is not None
            and self.period is not None
            and set(query) <= DASHBOARD_PARAMETERS
            and self.filterset.is_valid()
            and (not sort or sort in ComparisonTable.base_columns)
        )
        if not usual:
            return render()
        shown = repr(sorted((k, v) for k, v in table_kwargs["commentaries"].items()))
        inputs = repr(sorted(query.items())) + shown
        return cached(
            "dashboard-table", self.area.pk, self.period.pk, self.basis,
            hashlib.sha256(inputs.encode()).hexdigest(), compute=render, area=self.area,
        )  # fmt: skip

    def get_context_data(self, **kwargs):
        # The filter's context (FilterView), not SingleTableMixin's eager table: see _table_html.
        context = super(SingleTableMixin, self).get_context_data(**kwargs)
        context["table_html"] = mark_safe(self._table_html())  # rendered by django-tables2
        comparisons = (  # unfiltered: the scorecard shows every objective
            cached(
                "dashboard-rows",
                self.area.pk,
                self.period.pk,
                self.basis,
                compute=lambda: list(self.base),
                area=self.area,
            )  # fmt: skip
            if self.area and self.period
            else []
        )
        context.update(
            areas=self.areas,
            periods=self.periods,
            # Called by the template only when its cached pickers are not there to reuse.
            period_groups=lambda: period_groups(self.periods, self.period),
            figures_version=comparisons_version(),
            area_version=area_version(self.area.pk) if self.area else comparisons_version(),
            theme_key=self.filterset.form.cleaned_data.get("theme", "")
            if self.filterset.is_valid()
            else "",
            area=self.area,
            period=self.period,
            scorecard=selectors.scorecard(comparisons, self.period) if self.period else [],
            test_method=significance.TEST_METHOD,
            interval_method=significance.INTERVAL_METHOD,
            warning_count=sum(len(c.warnings) for c in comparisons),
            **cached(
                "headlines",
                self.area.pk if self.area else None,
                self.period.pk if self.period else None,
                self.basis,
                compute=lambda: _headline_context(
                    area=self.area, period=self.period, basis=self.basis
                ),
                area=self.area,
            ),
            narrative=narrative_shown(area=self.area, period=self.period, basis=self.basis)
            if self.area and self.period
            else None,
            can_write_summary=bool(self.area and self.period)
            and bool(user_roles(self.request.user) & PERFORMANCE_LEAD_ROLES),
            **basis_context(self.request, self.basis, comparisons),
            revised=revised_since_printed(area_code=self.area.code, period_code=self.period.code)
            if self.area and self.period
            else {},
        )
        return context


class IndicatorDetailView(AccessRequiredMixin, DetailView):
    """An indicator's definition and every period's figure in one area."""

    access = SIGNED_IN_ROLES
    template_name = "indicators/indicator_detail.html"
    context_object_name = "indicator"
    slug_field = "code"
    slug_url_kwarg = "code"

    def get_queryset(self):
        return selectors.indicator_detail_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        basis = figures_basis(self.request)
        areas, _ = cached(
            "dashboard-choices", basis, compute=lambda: selectors.dashboard_choices(basis)
        )
        area = chosen(self.request, "area", areas, areas[0] if areas else None)
        indicator = self.object
        # The same for every reader of this basis until the area's rows change.
        shared = (
            cached(
                "indicator-page",
                indicator.pk,
                basis,
                area=area,
                compute=lambda: _indicator_series_context(
                    indicator=indicator, area=area, basis=basis
                ),
            )  # fmt: skip
            if area is not None
            else {"series": [], "significance": {}, "trends": []}
        )
        series = shared["series"]
        context.update(
            areas=areas,
            area=area,
            series=series,
            significance=shared["significance"],
            test_method=significance.TEST_METHOD,
            interval_method=significance.INTERVAL_METHOD,
            commentaries=indicator_commentaries(indicator=indicator, area=area, basis=basis)
            if area is not None
            else [],
            figure_ids={},
            revised={},
            can_set_targets=bool(user_roles(self.request.user) & PERFORMANCE_LEAD_ROLES),
        )
        if area is not None:
            context["revised"] = revised_for_indicator(
                indicator_code=indicator.code, area_code=area.code
            )
        context.update(basis_context(self.request, basis, series))
        if area is not None:
            visible = figures_visible_to(self.request.user).filter(indicator=indicator, area=area)
            context["figure_ids"] = dict(visible.values_list("period_id", "pk"))
        latest = next((row for row in reversed(series) if row.rate_per_1000 is not None), None)
        if latest is not None:
            # Every district's rate: it spans areas, so it is kept under every recompute's version.
            context.update(
                cached(
                    "indicator-districts",
                    indicator.pk,
                    latest.period.pk,
                    basis,
                    compute=lambda: _districts_context(
                        indicator=indicator, period=latest.period, basis=basis
                    ),
                )  # fmt: skip
            )
        if area is not None:
            context["trends"] = shared["trends"]
            context["series_breaks"] = list(indicator.series_breaks.all())
        return context


def _indicator_series_context(*, indicator, area, basis) -> dict:
    """An indicator's every period in one area: the rows, each one's significance and the
    trend charts."""
    series = list(selectors.indicator_series(indicator=indicator, area=area, basis=basis))
    return {
        "series": series,
        "significance": selectors.change_significance(series),
        "trends": _trend_charts(indicator=indicator, area=area, series=series, basis=basis),
    }


def _districts_context(*, indicator, period, basis) -> dict:
    """One period's rate per 1,000 in every district and its force, as a chart and rows."""
    compared = selectors.district_rates(indicator=indicator, period=period, basis=basis)
    if len(compared) <= 1:
        return {}
    return {
        "districts_json": charts.district_figure(indicator=indicator, rows=compared).to_json(),
        "districts_rows": compared,
        "districts_period": period,
    }


def _headline_context(*, area, period, basis) -> dict:
    """The strip of small trend charts for the headline indicators, and the districts compared
    on them per 1,000."""
    if area is None or period is None:
        return {"headlines": [], "district_rows": []}
    indicators = headline_indicators()
    cards = []
    for number, headline in enumerate(
        headlines(indicators=indicators, area=area, period=period, basis=basis)
    ):
        values = [
            f"{row.period.label} {row.current_value.normalize():,f}"
            for row in headline.rows
            if row.current_value is not None
        ]
        cards.append(
            {
                "headline": headline,
                "chart_id": f"headline-{number}",
                "json": charts.headline_figure(rows=headline.rows).to_json()
                if len(values) > 1
                else None,
                "summary": f"{headline.indicator.name} in {area.name}: " + "; ".join(values),
                # count_verdict says nothing ("") where either value is missing.
                "verdict": significance.count_verdict(
                    headline.latest.current_value, headline.latest.baseline_value
                )
                if headline.latest is not None and headline.indicator.unit == Unit.COUNT
                else "",
            }
        )
    district_areas, district_rows = districts_compared(
        indicators=indicators, period=period, basis=basis
    )
    context = {
        "headlines": cards,
        "district_areas": district_areas,
        "district_rows": district_rows,
    }
    if district_rows:
        first = district_rows[0]
        rows = [first.cells[a.pk] for a in district_areas if a.pk in first.cells]
        if sum(1 for row in rows if row.area.kind == "district") > 1:
            context["district_chart"] = {
                "indicator": first.indicator,
                "json": charts.district_figure(indicator=first.indicator, rows=rows).to_json(),
            }
    return context


def _trend_charts(*, indicator, area, series, basis) -> list[dict]:
    """One chart per kind of period (years, quarters…), each with its own baseline and target."""
    breaks = list(indicator.series_breaks.all())
    trends = []
    for trend in charts.trend_series(series):
        lines = selectors.trend_reference_lines(
            indicator=indicator, area=area, kind=trend.kind, basis=basis
        )
        rows = trend.rows
        trends.append(
            {
                "kind": trend.kind,
                "title": trend.title,
                "lines": lines,
                "json": charts.trend_figure(
                    indicator=indicator, rows=rows, lines=lines, breaks=breaks
                ).to_json(),
                "summary": f"{indicator.name} in {area.name}, {trend.title.lower()}: "
                f"{rows[0].period.label} to {rows[-1].period.label}. "
                "The table below gives every value.",
            }
        )
    return trends


class PerformanceReportView(AccessRequiredMixin, View):
    """The quarterly performance report as a PDF: the appendix's tables, charts and warnings."""

    access = SIGNED_IN_ROLES

    def get(self, request):
        from indicators.reports import ReportError, performance_appendix_html, performance_subject
        from shp.printing import PrintDocument, render_pdf

        options = {
            "area": request.GET.get("area", "")[:40],
            "period": request.GET.get("period", "")[:40],
            "baseline": request.GET.get("baseline", "")[:40],
            "basis": figures_basis(request),
        }
        try:
            body = performance_appendix_html(options=options)
            area, period, _ = performance_subject(options)
        except ReportError as error:
            raise Http404(str(error)) from None
        report_printed(options=options, user=request.user)
        title = f"Performance report: {area.name}, {period.code}"
        if options["basis"] == Basis.PROVISIONAL:
            title += " (including provisional figures)"
        pdf = render_pdf(
            PrintDocument(
                title=title,
                subject="Performance indicators compared with the year before",
                body_html=f"<h1>{escape(title)}</h1>{body}",
                running_header=title,
            )
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        name = slugify(f"performance-{area.name}-{period.code}")
        response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
        return response
