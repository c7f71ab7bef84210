"""The spreadsheet route for a quarter: a template pre-filled with the boxes, and its upload."""

import tablib
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.views.generic import FormView, View

from indicators.entry import entry_grid
from indicators.forms import FigureUploadForm
from indicators.services import uploads
from indicators.services.imports import ImportFailed
from indicators.views.entry import QuarterScopeMixin
from indicators.views.uploads import add_import_problems
from shp.errors import ApplicationError
from shp.permissions import AccessRequiredMixin
from shp.roles import STAFF_ROLES
from shp.spreadsheets import spreadsheet_safe_row

TEMPLATE_FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class QuarterTemplateView(AccessRequiredMixin, QuarterScopeMixin, View):
    """Every box of the quarter as a row (area, indicator code, period, value, note)."""

    access = STAFF_ROLES

    def get(self, request, *args, **kwargs):
        fmt = kwargs["fmt"]
        if fmt not in TEMPLATE_FORMATS:
            raise Http404("Templates come as csv or xlsx.")
        data = tablib.Dataset(headers=["area", "indicator", "period", "value", "note"])
        data.title = self.scope.quarter.code.replace("/", "-")
        for row in entry_grid(scope=self.scope):
            for box in row.boxes:
                value, note = "", ""
                if box.figure is not None:
                    if box.figure.value is None:
                        value, note = "not available", box.figure.not_available_reason
                    else:
                        value = f"{box.figure.value.normalize():f}"
                data.append(
                    spreadsheet_safe_row(
                        [box.area.name, box.indicator.code, box.spec.code, value, note]
                    )
                )
        name = (
            f"{self.organisation.slug}-{kwargs['quarter'].code.replace('/', '-').replace(' ', '-')}"
        )
        response = HttpResponse(data.export(fmt), content_type=TEMPLATE_FORMATS[fmt])
        response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
        return response


class QuarterUploadView(AccessRequiredMixin, QuarterScopeMixin, FormView):
    """An officer uploads their organisation's quarter; the preview follows, then apply."""

    access = STAFF_ROLES
    template_name = "indicators/quarter_upload.html"
    form_class = FigureUploadForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(organisation=self.organisation, quarter=self.scope.quarter)
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            record, _ = uploads.figure_upload_preview(
                user=self.request.user,
                filename=upload.name,
                content=upload.read(),
                scope=self.scope,
            )
        except ImportFailed as failure:
            add_import_problems(form, failure)
            return self.form_invalid(form)
        except ApplicationError as error:
            form.add_error("file", error.message)
            return self.form_invalid(form)
        return redirect(record)
