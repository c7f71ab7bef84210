"""The indicator catalogue in the app: every signed-in partner lists and searches it; the
performance lead adds and changes indicators (history kept) and retires them."""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import FormView, ListView

from indicators.forms import IndicatorForm, IndicatorRetireForm, SeriesBreakForm
from indicators.models import Indicator
from indicators.services.catalogue import (
    indicator_retire,
    indicator_save,
    series_break_record,
)
from shp.errors import ApplicationError
from shp.forms import ServiceFormMixin
from shp.permissions import AccessRequiredMixin, user_roles
from shp.roles import PERFORMANCE_LEAD_ROLES, SIGNED_IN_ROLES

MAX_QUERY = 100


class IndicatorListView(AccessRequiredMixin, ListView):
    """The catalogue, searchable by code, name or other name."""

    access = SIGNED_IN_ROLES
    template_name = "indicators/indicator_list.html"
    context_object_name = "indicators"
    paginate_by = 100

    def get_queryset(self):
        self.query = self.request.GET.get("q", "")[:MAX_QUERY].strip()
        indicators = Indicator.objects.select_related("parent", "source")
        if self.query:
            indicators = indicators.filter(
                Q(code__icontains=self.query)
                | Q(name__icontains=self.query)
                | Q(aliases__icontains=self.query)
            )
        return indicators

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            query=self.query,
            can_edit=bool(user_roles(self.request.user) & PERFORMANCE_LEAD_ROLES),
        )
        return context


class IndicatorEditView(AccessRequiredMixin, ServiceFormMixin, FormView):
    """Add an indicator, or change the one whose code the URL names."""

    access = PERFORMANCE_LEAD_ROLES
    template_name = "indicators/indicator_form.html"
    form_class = IndicatorForm

    def get_indicator(self):
        code = self.kwargs.get("code")
        return get_object_or_404(Indicator, code=code) if code else None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.get_indicator()
        return kwargs

    def get_initial(self):
        indicator = self.get_indicator()
        return {"read_version": indicator.version if indicator else 0}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["indicator"] = self.get_indicator()
        return context

    def form_valid(self, form):
        values = {k: v for k, v in form.cleaned_data.items() if k != "read_version"}
        indicator = self.get_indicator()
        try:
            saved = indicator_save(
                user=self.request.user,
                values=values,
                indicator=indicator,
                read_version=form.cleaned_data.get("read_version") if indicator else None,
            )
        except ApplicationError as error:
            return self.service_error(form, error)
        messages.success(
            self.request,
            f"{saved.name} ({saved.code}) was {'changed' if indicator else 'added'}. The "
            "comparisons are being worked out again.",
        )
        return redirect("indicators:indicator-detail", code=saved.code)


class LeadIndicatorFormView(AccessRequiredMixin, ServiceFormMixin, FormView):
    """A performance lead's form about the indicator whose code the URL names."""

    access = PERFORMANCE_LEAD_ROLES

    def dispatch(self, request, *args, **kwargs):
        self.indicator = get_object_or_404(Indicator, code=kwargs["code"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(indicator=self.indicator, **kwargs)


class IndicatorRetireView(LeadIndicatorFormView):
    """End an indicator's definition on a day; its figures and history stay."""

    template_name = "indicators/indicator_retire.html"
    form_class = IndicatorRetireForm

    def form_valid(self, form):
        try:
            retired = indicator_retire(
                user=self.request.user,
                indicator=self.indicator,
                last_day=form.cleaned_data["last_day"],
            )
        except ApplicationError as error:
            return self.service_error(form, error)
        messages.success(
            self.request,
            f"{retired.name} is defined until {retired.valid_to:%-d %B %Y}. Its figures are kept; "
            "figures for later periods will be flagged as outside its dates.",
        )
        return redirect("indicators:indicator-detail", code=retired.code)


class SeriesBreakView(LeadIndicatorFormView):
    """Record a new definition of an indicator from a day; the old one is kept."""

    template_name = "indicators/series_break_form.html"
    form_class = SeriesBreakForm

    def form_valid(self, form):
        try:
            recorded = series_break_record(
                user=self.request.user, indicator=self.indicator, **form.cleaned_data
            )
        except ApplicationError as error:
            return self.service_error(form, error)
        messages.success(
            self.request,
            f"{self.indicator.name} has a new definition from {recorded.starts_on:%-d %B %Y}. "
            "Its charts now break there; the old definition is kept.",
        )
        return redirect("indicators:indicator-detail", code=self.indicator.code)
