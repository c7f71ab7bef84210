"""The catalogue as a file: every signed-in partner exports it; the performance lead imports a
file, or the national reference catalogue, through a preview."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.views.generic import DetailView, FormView, View

from indicators import catalogue_files
from indicators.forms import CatalogueUploadForm
from indicators.models import CatalogueUpload
from indicators.selectors import catalogue_state
from indicators.services import catalogue_imports
from indicators.services.imports import ImportFailed
from indicators.views.uploads import PROBLEMS_SHOWN, add_import_problems
from shp.errors import ApplicationError
from shp.permissions import AccessRequiredMixin
from shp.roles import PERFORMANCE_LEAD_ROLES, SIGNED_IN_ROLES

EXPORTS = {
    "csv": ("text/csv; charset=utf-8", catalogue_files.catalogue_csv),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        catalogue_files.catalogue_xlsx,
    ),
}


class CatalogueExportView(AccessRequiredMixin, View):
    access = SIGNED_IN_ROLES

    def get(self, request, fmt):
        if fmt not in EXPORTS:
            raise Http404("There is no such format.")
        content_type, build = EXPORTS[fmt]
        response = HttpResponse(build(), content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="indicator-catalogue.{fmt}"'
        return response


class CatalogueUploadCreateView(AccessRequiredMixin, FormView):
    access = PERFORMANCE_LEAD_ROLES
    template_name = "indicators/catalogue_upload_form.html"
    form_class = CatalogueUploadForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(columns=catalogue_files.COLUMNS, **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            record, _ = catalogue_imports.catalogue_upload_preview(
                user=self.request.user,
                filename=upload.name,
                content=upload.read(),
                update_existing=form.cleaned_data["update_existing"],
            )
        except ImportFailed as failure:
            add_import_problems(form, failure)
            return self.form_invalid(form)
        return redirect(record)


class NationalReferenceView(AccessRequiredMixin, View):
    """Preview the shipped national reference catalogue (it adds only what is missing)."""

    access = PERFORMANCE_LEAD_ROLES

    def post(self, request):
        try:
            record, _ = catalogue_imports.national_reference_preview(user=request.user)
        except ImportFailed as failure:
            messages.error(request, f"{failure.message} {failure.problems[0]}")
            return redirect("indicators:catalogue-import")
        return redirect(record)


class CatalogueUploadDetailView(AccessRequiredMixin, DetailView):
    """The preview of a catalogue file and the button that applies it."""

    access = PERFORMANCE_LEAD_ROLES
    template_name = "indicators/catalogue_upload_detail.html"
    context_object_name = "upload"

    def get_queryset(self):
        return CatalogueUpload.objects.for_user(self.request.user).select_related(
            "recompute_job", "uploaded_by"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.object.status == CatalogueUpload.Status.PREVIEWED:
            context["read_state"] = catalogue_state()
            try:
                result = catalogue_imports.catalogue_upload_dry_run(upload=self.object)
            except ImportFailed as failure:
                context["problems"] = [str(p) for p in failure.problems[:PROBLEMS_SHOWN]]
            else:
                context["result"] = result
                context["changes"] = [c for c in result.changes if c.action in WRITES]
                context["counts"] = {a: result.count(a) for a in ACTIONS}
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        try:
            result = catalogue_imports.catalogue_upload_apply(
                upload=self.object, user=request.user, read_state=request.POST.get("state", "")
            )
        except ImportFailed as failure:
            messages.error(request, f"{failure.message} {failure.problems[0]}")
            return redirect(self.object)
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect(self.object)
        new, changed = result.count("create"), result.count("update")
        messages.success(
            request,
            f"Added {new} and changed {changed} indicator{'s' if new + changed != 1 else ''}. "
            "The comparisons are being worked out again.",
        )
        return redirect(self.object)


WRITES = ("create", "update")
ACTIONS = ("create", "update", "unchanged", "kept")
