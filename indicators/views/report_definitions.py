"""The performance lead's pages for report definitions: what the performance appendix and the
performance report print, section by section."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, FormView, ListView, View

from indicators.forms import ReportDefinitionForm, ReportSectionForm
from indicators.models import ReportDefinition, ReportSection
from indicators.services import report_definitions as services
from shp.errors import ApplicationError
from shp.forms import ServiceFormMixin
from shp.permissions import AccessRequiredMixin
from shp.roles import PERFORMANCE_LEAD_ROLES


def _read_version(request) -> int:
    """The definition's version the page was read at (-1, never current, if missing)."""
    try:
        return int(request.POST.get("read_version", ""))
    except ValueError:
        return -1


class ReportDefinitionListView(AccessRequiredMixin, ListView):
    access = PERFORMANCE_LEAD_ROLES
    template_name = "indicators/report_definition_list.html"
    context_object_name = "definitions"
    queryset = ReportDefinition.objects.prefetch_related("sections")


class ReportDefinitionDetailView(AccessRequiredMixin, DetailView):
    access = PERFORMANCE_LEAD_ROLES
    template_name = "indicators/report_definition_detail.html"
    context_object_name = "definition"
    queryset = ReportDefinition.objects.prefetch_related("sections__indicators")


class ReportDefinitionEditView(AccessRequiredMixin, ServiceFormMixin, FormView):
    """Add a report definition, or rename the one the URL names."""

    access = PERFORMANCE_LEAD_ROLES
    template_name = "indicators/report_definition_form.html"
    form_class = ReportDefinitionForm

    def dispatch(self, request, *args, **kwargs):
        slug = kwargs.get("slug")
        self.definition = get_object_or_404(ReportDefinition, slug=slug) if slug else None
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        if self.definition is None:
            return {"read_version": 0}
        d = self.definition
        return {
            "name": d.name,
            "description": d.description,
            "is_default": d.is_default,
            "read_version": d.version,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(definition=self.definition, **kwargs)

    def form_valid(self, form):
        values = dict(form.cleaned_data)
        read_version = values.pop("read_version")
        try:
            saved = services.definition_save(
                user=self.request.user,
                definition=self.definition,
                read_version=read_version if self.definition else None,
                **values,
            )
        except ApplicationError as error:
            return self.service_error(form, error)
        messages.success(self.request, f"{saved.name} was saved.")
        return redirect(saved)


class ReportSectionEditView(AccessRequiredMixin, ServiceFormMixin, FormView):
    """Add a section to a report definition, or change one."""

    access = PERFORMANCE_LEAD_ROLES
    template_name = "indicators/report_section_form.html"
    form_class = ReportSectionForm

    def dispatch(self, request, *args, **kwargs):
        self.definition = get_object_or_404(ReportDefinition, slug=kwargs["slug"])
        position = kwargs.get("position")
        self.section = (
            get_object_or_404(ReportSection, definition=self.definition, position=position)
            if position
            else None
        )
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        initial = {"read_version": self.definition.version}
        if self.section is not None:
            s = self.section
            initial.update(
                kind=s.kind,
                title=s.title,
                indicators=list(s.indicators.all()),
                show_rate=s.show_rate,
                show_chart=s.show_chart,
            )
        return initial

    def get_context_data(self, **kwargs):
        return super().get_context_data(definition=self.definition, section=self.section, **kwargs)

    def form_valid(self, form):
        values = dict(form.cleaned_data)
        read_version = values.pop("read_version")
        try:
            services.section_save(
                user=self.request.user,
                definition=self.definition,
                section=self.section,
                read_version=read_version,
                **values,
            )
        except ApplicationError as error:
            return self.service_error(form, error)
        messages.success(self.request, "The section was saved.")
        return redirect(self.definition)


class ReportSectionActionView(AccessRequiredMixin, View):
    """Move a section up or down, or remove it (POST buttons on the definition's page)."""

    access = PERFORMANCE_LEAD_ROLES
    http_method_names = ["post"]

    def post(self, request, slug, position):
        definition = get_object_or_404(ReportDefinition, slug=slug)
        section = get_object_or_404(ReportSection, definition=definition, position=position)
        action = request.POST.get("action", "")
        read_version = _read_version(request)
        try:
            if action == "up":
                services.section_move(
                    user=request.user, section=section, step=-1, read_version=read_version
                )
            elif action == "down":
                services.section_move(
                    user=request.user, section=section, step=1, read_version=read_version
                )
            elif action == "remove":
                services.section_delete(
                    user=request.user, section=section, read_version=read_version
                )
            else:
                raise ApplicationError("Choose to move the section or remove it")
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "The sections were changed.")
        return redirect(definition)
