"""The performance lead's upload of a figures file: preview every change, then apply."""

from django.contrib import messages
from django.shortcuts import redirect
from django.views.generic import DetailView, FormView, View
from django.views.generic.detail import SingleObjectMixin

from indicators.forms import FigureUploadForm
from indicators.models import FigureUpload
from indicators.services import uploads
from indicators.services.imports import ImportFailed
from shp.errors import ApplicationError
from shp.permissions import AccessRequiredMixin
from shp.roles import PERFORMANCE_LEAD_ROLES, STAFF_ROLES

PROBLEMS_SHOWN = 100


def add_import_problems(form, failure: ImportFailed) -> None:
    """Each of a file's problems as an error on the form's file field (the first hundred)."""
    shown = failure.problems[:PROBLEMS_SHOWN]
    for problem in shown:
        form.add_error("file", str(problem))
    hidden = len(failure.problems) - len(shown)
    if hidden:
        form.add_error("file", f"… and {hidden} more problems")


class FigureUploadCreateView(AccessRequiredMixin, FormView):
    access = PERFORMANCE_LEAD_ROLES
    template_name = "indicators/upload_form.html"
    form_class = FigureUploadForm

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            record, _ = uploads.figure_upload_preview(
                user=self.request.user, filename=upload.name, content=upload.read()
            )
        except ImportFailed as failure:
            add_import_problems(form, failure)
            return self.form_invalid(form)
        return redirect(record)


class FigureUploadDetailView(AccessRequiredMixin, DetailView):
    """The preview of an upload and the button that applies it."""

    access = PERFORMANCE_LEAD_ROLES | STAFF_ROLES  # officers see only their own uploads (for_user)
    template_name = "indicators/upload_detail.html"
    context_object_name = "upload"

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
                context["changes"] = result.changes
                context["changes_hidden"] = result.changes_not_listed
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
        messages.success(request, applied_message(result, quarter=bool(self.object.organisation)))
        return redirect(self.object)


def applied_message(result, *, quarter: bool) -> str:
    """Exactly what saving a file did, for the person who saved it."""
    new, changed = result.count("create"), result.count("update")
    text = f"Saved {new} new and {changed} changed figure{'s' if new + changed != 1 else ''}"
    if quarter:
        return f"{text} as drafts of the quarter: check any warnings, then submit them."
    text += ", awaiting approval."
    if result.revisions:
        text += (
            f" {result.revisions} of them revise approved figures: members and the public see "
            "the approved values until you approve the revisions."
        )
    return f"{text} The comparisons are being recomputed."


class FigureUploadApproveView(AccessRequiredMixin, SingleObjectMixin, View):
    """The performance lead approves the figures a file wrote."""

    access = PERFORMANCE_LEAD_ROLES

    def get_queryset(self):
        return FigureUpload.objects.for_user(self.request.user)

    def post(self, request, *args, **kwargs):
        upload = self.get_object()
        try:
            approved, left = uploads.figure_upload_approve(upload=upload, user=request.user)
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect(upload)
        text = f"Approved {approved} figure{'s' if approved != 1 else ''}."
        if left:
            text += (
                f" {left} changed since this file was saved and were left for their own approval."
            )
        messages.success(request, text)
        return redirect(upload)
