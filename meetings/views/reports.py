"""Report authoring and clearance: an officer's reports, the author's draft page, democratic
services' clearance page, the thread, and removing reports and appendices before publication."""

from crispy_forms_gds.layout import Button, Layout
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views import View
from django.views.generic import FormView, TemplateView

from meetings import permissions, services
from meetings.forms import ReportForm
from meetings.forms.reports import AppendixReplaceForm, CommentForm, ReportCommissionForm
from meetings.models import AgendaItem, Appendix, Report
from meetings.selectors.reports import report_revisions, reports_by
from meetings.views.common import ItemEditMixin, PostOnlyMixin
from shp.errors import ApplicationError
from shp.forms import ServiceFormMixin
from shp.permissions import AccessRequiredMixin
from shp.roles import MEETING_EDITOR_ROLES, SIGNED_IN_ROLES


def _version(request) -> int | None:
    value = request.POST.get("read_version", "")
    return int(value) if value.isdigit() else None


class ReportItemMixin:
    """The item and its report, for its authors and democratic services (anyone else: 404)."""

    def get_item(self) -> AgendaItem:
        if not hasattr(self, "_item"):
            item = get_object_or_404(
                AgendaItem.objects.select_related("meeting__committee", "report"),
                pk=self.kwargs["pk"],
            )
            report = getattr(item, "report", None)
            user = self.request.user
            if report is None or not (
                permissions.may_edit(user) or permissions.is_author(user, item)
            ):
                raise Http404("No report of yours here")
            self._item = item
        return self._item

    def get_report(self) -> Report:
        return self.get_item().report

    def thread_context(self) -> dict:
        report = self.get_report()
        return {
            "item": self.get_item(),
            "meeting": self.get_item().meeting,
            "report": report,
            "comments": report.comments.all(),
            "revisions": report_revisions(report=report),
            "comment_form": CommentForm(),
            "is_editor": permissions.may_edit(self.request.user),
        }


class MyReportsView(AccessRequiredMixin, TemplateView):
    access = SIGNED_IN_ROLES
    template_name = "meetings/my_reports.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["reports"] = reports_by(user=self.request.user)
        return context


class ReportDraftView(AccessRequiredMixin, ReportItemMixin, ServiceFormMixin, FormView):
    """The author's page: the draft, the thread and the revisions; save or submit."""

    access = SIGNED_IN_ROLES
    template_name = "meetings/report_draft.html"
    form_class = ReportForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(committee=self.get_item().meeting.committee, with_authors=False)
        return kwargs

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.helper.layout = Layout(
            *form.fields, Button("submit", "Save draft", css_class="govuk-button--secondary")
        )
        return form

    def get_initial(self):
        report = self.get_report()
        initial = {name: getattr(report, name) for name in services.REPORT_FIELDS}
        for key in services.report_section_keys(self.get_item().meeting.committee):
            initial[key] = report.text_of(key)
        initial["read_version"] = report.version
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.get_report()
        context.update(self.thread_context())
        context["may_draft"] = (
            permissions.is_author(self.request.user, self.get_item())
            and report.status == Report.Status.DRAFT
            and not self.get_item().meeting.is_published
        )
        return context

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        read_version = data.pop("read_version", None)
        try:
            report = services.report_draft_save(
                report=self.get_report(), by=self.request.user, read_version=read_version, **data
            )
        except ApplicationError as error:
            return self.service_error(form, error)
        if self.request.POST.get("then") == "submit":
            try:
                services.report_submit(
                    report=report, by=self.request.user, read_version=report.version
                )
            except ApplicationError as error:
                messages.warning(self.request, f"Draft saved, but not submitted: {error.message}")
                return redirect("meetings:report-draft", pk=self.get_item().pk)
            messages.success(self.request, "Report submitted to democratic services for clearance.")
            return redirect("meetings:my-reports")
        messages.success(self.request, "Draft saved.")
        return redirect("meetings:report-draft", pk=self.get_item().pk)


class ReportClearanceView(AccessRequiredMixin, ReportItemMixin, TemplateView):
    """Democratic services read a report, its thread and revisions; clear it or send it back."""

    access = MEETING_EDITOR_ROLES
    template_name = "meetings/report_clearance.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.thread_context())
        context["send_back_form"] = kwargs.get("send_back_form") or CommentForm()
        return context

    def post(self, request, pk):
        report, action = self.get_report(), request.POST.get("action")
        try:
            if action == "clear":
                services.report_clear(
                    report=report, by=request.user, read_version=_version(request)
                )
                messages.success(request, "Report cleared for publication with the agenda.")
            elif action == "send_back":
                services.report_send_back(
                    report=report,
                    by=request.user,
                    note=request.POST.get("text", ""),
                    read_version=_version(request),
                )
                messages.success(request, "Report sent back to its authors with your comments.")
            else:
                raise ApplicationError("Choose to clear the report or send it back.")
        except ApplicationError as error:
            form = CommentForm(request.POST) if action == "send_back" else None
            if form is not None:
                form.is_valid()
                form.add_error("text" if error.field == "text" else None, error.message)
            else:
                messages.error(request, error.message)
            context = self.get_context_data(send_back_form=form)
            return self.render_to_response(context, status=200)
        return redirect("meetings:agenda", pk=report.item.meeting_id)


class ReportCommentView(AccessRequiredMixin, ReportItemMixin, PostOnlyMixin, View):
    access = SIGNED_IN_ROLES

    def post(self, request, pk):
        try:
            services.report_comment_add(
                report=self.get_report(), by=request.user, text=request.POST.get("text", "")
            )
        except ApplicationError as error:
            messages.error(request, f"Your comment was not added: {error.message}")
        else:
            messages.success(request, "Comment added.")
        target = (
            "meetings:report-clearance"
            if permissions.may_edit(request.user)
            else "meetings:report-draft"
        )
        return redirect(target, pk=pk)


class ReportCommissionView(ItemEditMixin, FormView):
    template_name = "meetings/form_page.html"
    form_class = ReportCommissionForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["heading"] = "Ask officers to write the report"
        context["lede"] = f"For {self.get_item().title}."
        return context

    def get_initial(self):
        report = getattr(self.get_item(), "report", None)
        return {"authors": list(report.authors.all())} if report else {}

    def form_valid(self, form):
        item = self.get_item()
        try:
            services.report_commission(
                item=item, authors=form.cleaned_data["authors"], by=self.request.user
            )
        except ApplicationError as error:
            return self.service_error(form, error)
        messages.success(self.request, f"Asked for the report on {item.title}.")
        return redirect("meetings:agenda", pk=item.meeting_id)


class ReportDeleteView(AccessRequiredMixin, PostOnlyMixin, View):
    access = MEETING_EDITOR_ROLES

    def post(self, request, pk):
        item = get_object_or_404(AgendaItem.objects.select_related("report"), pk=pk)
        report = getattr(item, "report", None)
        if report is None:
            raise Http404("No report")
        try:
            services.report_delete(report=report, by=request.user, read_version=_version(request))
        except ApplicationError as error:
            messages.error(request, f"The report was not deleted: {error.message}")
        else:
            messages.success(request, f"Deleted the report on {item.title} and its appendices.")
        return redirect("meetings:agenda", pk=item.meeting_id)


class AppendixRemoveView(AccessRequiredMixin, PostOnlyMixin, View):
    access = MEETING_EDITOR_ROLES

    def post(self, request, pk):
        appendix = get_object_or_404(Appendix.objects.select_related("report__item"), pk=pk)
        try:
            services.appendix_remove(appendix=appendix, by=request.user)
        except ApplicationError as error:
            messages.error(request, f"The appendix was not removed: {error.message}")
        else:
            messages.success(request, f"Removed {appendix.label}.")
        return redirect("meetings:agenda", pk=appendix.report.item.meeting_id)


class AppendixReplaceView(AccessRequiredMixin, ServiceFormMixin, FormView):
    access = MEETING_EDITOR_ROLES
    template_name = "meetings/appendix_replace.html"
    form_class = AppendixReplaceForm

    def get_appendix(self) -> Appendix:
        if not hasattr(self, "_appendix"):
            self._appendix = get_object_or_404(
                Appendix.objects.select_related("report__item__meeting"),
                pk=self.kwargs["pk"],
                kind=Appendix.Kind.UPLOADED,
            )
        return self._appendix

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["appendix"] = self.get_appendix()
        context["meeting"] = self.get_appendix().report.item.meeting
        return context

    def form_valid(self, form):
        appendix, upload = self.get_appendix(), form.cleaned_data["file"]
        try:
            services.pdf_check_size(size=upload.size)
            services.appendix_replace(
                appendix=appendix, filename=upload.name, content=upload.read()
            )
        except ApplicationError as error:
            return self.service_error(form, error)
        messages.success(self.request, f"Replaced the file of {appendix.label}.")
        return redirect("meetings:agenda", pk=appendix.report.item.meeting_id)
