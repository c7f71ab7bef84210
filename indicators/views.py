"""Views of the indicators app: uploading figures with a preview before anything is saved."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.text import slugify
from django.views.generic import DetailView, FormView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from django_tables2.export import ExportMixin

from indicators import charts, selectors
from indicators.filters import ComparisonFilter
from indicators.forms import FigureUploadForm
from indicators.models import Comparison, FigureUpload
from indicators.services import uploads
from indicators.services.imports import ImportFailed
from indicators.tables import ComparisonTable
from shp.errors import ApplicationError
from shp.permissions import AccessRequiredMixin
from shp.roles import SIGNED_IN_ROLES, Role

IMPORT_ROLES = frozenset({Role.PERFORMANCE_LEAD, Role.ADMINISTRATOR})
PROBLEMS_SHOWN = 100


class FigureUploadCreateView(AccessRequiredMixin, FormView):
    access = IMPORT_ROLES
    template_name = "indicators/upload_form.html"
    form_class = FigureUploadForm

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            record, _ = uploads.figure_upload_preview(
                user=self.request.user, filename=upload.name, content=upload.read()
            )
        except ImportFailed as failure:
            shown = failure.problems[:PROBLEMS_SHOWN]
            for problem in shown:
                form.add_error("file", str(problem))
            hidden = len(failure.problems) - len(shown)
            if hidden:
                form.add_error("file", f"… and {hidden} more problems")
            return self.form_invalid(form)
        return redirect(record)


class FigureUploadDetailView(AccessRequiredMixin, DetailView):
    """The preview of an upload and the button that applies it."""

    access = IMPORT_ROLES
    template_name = "indicators/upload_detail.html"
    context_object_name = "upload"
    changes_shown = 500

    def get_queryset(self):
        return FigureUpload.objects.for_user(self.request.user).select_related("recompute_job")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.object.status == FigureUpload.Status.PREVIEWED:
            try:
                result = uploads.figure_upload_dry_run(upload=self.object)
            except ImportFailed as failure:
                context["problems"] = [str(p) for p in failure.problems[:PROBLEMS_SHOWN]]
            else:
                changed = [c for c in result.changes if c.action != "unchanged"]
                context["changes"] = changed[: self.changes_shown]
                context["changes_hidden"] = max(0, len(changed) - self.changes_shown)
                context["result"] = result
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        try:
            result = uploads.figure_upload_apply(upload=self.object, user=request.user)
        except ImportFailed as failure:
            messages.error(request, f"{failure.message} {failure.problems[0]}")
            return redirect(self.object)
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect(self.object)
        messages.success(
            request,
            f"Saved {result.count('create')} new and {result.count('update')} changed figures "
            "as drafts. The comparisons are being recomputed.",
        )
        return redirect(self.object)


def chosen(request, name: str, options: list, default):
    """The option whose code the query string names (404 for an unknown one), else ``default``."""
    wanted = request.GET.get(name)
    if not wanted:
        return default
    for option in options:
        if option.code == wanted:
            return option
    raise Http404(f"There is no {name} {wanted!r}.")


class DashboardView(AccessRequiredMixin, ExportMixin, SingleTableMixin, FilterView):
    """An area's performance for a period: scorecard by objective, the year-on-year table."""

    access = SIGNED_IN_ROLES
    template_name = "indicators/dashboard.html"
    table_class = ComparisonTable
    filterset_class = ComparisonFilter
    table_pagination = False
    export_formats = ("csv", "xlsx")

    def get_queryset(self):
        self.areas, self.periods = selectors.dashboard_choices()
        self.area = chosen(self.request, "area", self.areas, self.areas[0] if self.areas else None)
        default = selectors.default_period(self.periods)
        self.period = chosen(self.request, "period", self.periods, default)
        if self.area is None or self.period is None:
            self.base = Comparison.objects.none()
        else:
            self.base = selectors.dashboard_comparisons(area=self.area, period=self.period)
        return self.base

    def get_table_kwargs(self):
        return {"area_code": self.area.code if self.area else ""}

    def get_export_filename(self, export_format):
        return f"year-on-year-{self.area.code}-{slugify(self.period.code)}.{export_format}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        comparisons = list(self.base)  # unfiltered: the scorecard shows every objective
        context.update(
            areas=self.areas,
            periods=self.periods,
            area=self.area,
            period=self.period,
            scorecard=selectors.scorecard(comparisons),
            warning_count=sum(len(c.warnings) for c in comparisons),
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
        areas, _ = selectors.dashboard_choices()
        area = chosen(self.request, "area", areas, areas[0] if areas else None)
        series = []
        if area is not None:
            series = list(selectors.indicator_series(indicator=self.object, area=area))
        context.update(areas=areas, area=area, series=series)
        latest = next((row for row in reversed(series) if row.rate_per_1000 is not None), None)
        if latest is not None:
            compared = selectors.district_rates(indicator=self.object, period=latest.period)
            if len(compared) > 1:
                context["districts_json"] = charts.district_figure(
                    indicator=self.object, rows=compared
                ).to_json()
                context["districts_rows"] = compared
                context["districts_period"] = latest.period
        shown = charts.chart_rows(series)
        if shown:
            context["chart_json"] = charts.trend_figure(indicator=self.object, rows=shown).to_json()
            context["chart_summary"] = (
                f"{self.object.name} in {area.name}, {shown[0].period.label} to "
                f"{shown[-1].period.label}. The table below gives every value."
            )
        return context
