"""Democratic services schedule meetings and build, publish and fill their agendas: items,
reports and appendices."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.views import View
from django.views.generic import FormView, TemplateView

from meetings import selectors, services
from meetings.forms import (
    AgendaItemForm,
    AppendixUploadForm,
    MeetingForm,
    ReportForm,
)
from meetings.models import (
    AgendaItem,
    Appendix,
)
from meetings.selectors.forward_plan import planned_for
from meetings.views.common import ItemEditMixin, MeetingEditMixin, PostOnlyMixin
from shp.errors import ApplicationError
from shp.forms import ServiceFormMixin
from shp.permissions import AccessRequiredMixin
from shp.roles import MEETING_EDITOR_ROLES


class MeetingCreateView(AccessRequiredMixin, ServiceFormMixin, FormView):
    access = MEETING_EDITOR_ROLES
    template_name = "meetings/form_page.html"
    form_class = MeetingForm
    extra_context = {"heading": "Schedule a meeting"}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            meeting, warnings = services.meeting_schedule(
                committee=data["committee"],
                day=data["date"],
                start_time=data["start_time"],
                venue=data["venue"],
            )
        except ApplicationError as error:
            return self.service_error(form, error)
        for warning in warnings:
            messages.warning(self.request, warning)
        messages.success(self.request, "Meeting scheduled with its standing agenda items.")
        return redirect("meetings:agenda", pk=meeting.pk)


class MeetingUpdateView(MeetingEditMixin, FormView):
    template_name = "meetings/form_page.html"
    form_class = MeetingForm
    extra_context = {"heading": "Change the meeting's date, time or venue"}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["include_committee"] = False
        return kwargs

    def get_initial(self):
        meeting = self.get_meeting()
        return {
            "date": meeting.date,
            "start_time": meeting.start_time,
            "end_time": meeting.end_time,
            "venue": meeting.venue,
        }

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.meeting_update(
                meeting=self.get_meeting(),
                day=data["date"],
                start_time=data["start_time"],
                venue=data["venue"],
                end_time=data["end_time"],
            )
        except ApplicationError as error:
            return self.service_error(form, error)
        messages.success(self.request, "Meeting changed.")
        return redirect(self.get_meeting())


class MeetingStatusView(MeetingEditMixin, PostOnlyMixin, View):
    def post(self, request, pk):
        meeting = self.get_meeting()
        try:
            services.meeting_status_set(meeting=meeting, status=request.POST.get("status", ""))
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Meeting status changed.")
        return redirect(meeting)


class AgendaBuilderView(MeetingEditMixin, TemplateView):
    """The agenda as a task list: each item's report and appendices, and the deadline."""

    template_name = "meetings/agenda_builder.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.get_meeting()
        context.update(
            rows=selectors.agenda_rows(meeting=meeting, include_exempt=True),
            deadline=selectors.deadline_status(meeting=meeting, today=timezone.localdate()),
            problems=selectors.publication_problems(meeting=meeting),
            open_actions=selectors.open_actions_for(meeting=meeting),
            planned=planned_for(meeting=meeting),
        )
        return context


class AgendaItemCreateView(MeetingEditMixin, FormView):
    template_name = "meetings/form_page.html"
    form_class = AgendaItemForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.get_meeting()
        context["heading"] = "Add an agenda item"
        deadline = selectors.deadline_status(meeting=meeting, today=timezone.localdate())
        if meeting.is_published or deadline.missed:
            context["warning"] = (
                "This item is late: the agenda is published or its deadline has passed. "
                "Give the reason it is urgent."
            )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            item = services.agenda_item_add(
                meeting=self.get_meeting(),
                section=data["section"],
                title=data["title"],
                lead_officer=data["lead_officer"],
                exempt_paragraph=data["exempt_paragraph"],
                public_title=data["public_title"],
                urgency_reason=data["urgency_reason"],
            )
        except ApplicationError as error:
            return self.service_error(form, error)
        messages.success(self.request, f"Added {item.title}.")
        return redirect("meetings:agenda", pk=item.meeting_id)


class AgendaItemUpdateView(ItemEditMixin, FormView):
    template_name = "meetings/form_page.html"
    form_class = AgendaItemForm
    extra_context = {"heading": "Change an agenda item"}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(instance=self.get_item(), editing=True)
        return kwargs

    def form_valid(self, form):
        data = form.cleaned_data
        item = self.get_item()
        try:
            services.agenda_item_update(
                item=AgendaItem.objects.get(pk=item.pk),
                title=data["title"],
                lead_officer=data["lead_officer"],
                exempt_paragraph=data["exempt_paragraph"],
                public_title=data["public_title"],
            )
        except ApplicationError as error:
            return self.service_error(form, error)
        messages.success(self.request, "Item changed.")
        return redirect("meetings:agenda", pk=item.meeting_id)


class AgendaItemMoveView(ItemEditMixin, PostOnlyMixin, View):
    def post(self, request, pk):
        item = self.get_item()
        try:
            services.agenda_item_move(item=item, direction=request.POST.get("direction", ""))
        except ApplicationError as error:
            messages.error(request, error.message)
        return redirect("meetings:agenda", pk=item.meeting_id)


class AgendaItemRemoveView(ItemEditMixin, PostOnlyMixin, View):
    def post(self, request, pk):
        item = self.get_item()
        try:
            services.agenda_item_remove(item=item)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"Removed {item.title} from the agenda.")
        return redirect("meetings:agenda", pk=item.meeting_id)


class AgendaPublishView(MeetingEditMixin, TemplateView):
    """What stops publication, and the button to publish when nothing does."""

    template_name = "meetings/agenda_publish.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.get_meeting()
        context["problems"] = selectors.publication_problems(meeting=meeting)
        context["deadline"] = selectors.deadline_status(meeting=meeting, today=timezone.localdate())
        return context

    def post(self, request, pk):
        meeting = self.get_meeting()
        try:
            services.agenda_publish(meeting=meeting)
        except ApplicationError:
            messages.error(request, "The agenda has not been published: fix the problems below.")
            return redirect("meetings:agenda-publish", pk=meeting.pk)
        messages.success(request, "Agenda published. Its numbering is now frozen.")
        return redirect(meeting)


class ReportEditView(ItemEditMixin, FormView):
    template_name = "meetings/report_form.html"
    form_class = ReportForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "committee": self.get_item().meeting.committee}

    def get_initial(self):
        item = self.get_item()
        report = getattr(item, "report", None)
        if report is None:
            return {"subject": item.title, "report_of": item.lead_officer}
        initial = {name: getattr(report, name) for name in services.REPORT_FIELDS}
        for key in services.report_section_keys(item.meeting.committee):
            initial[key] = report.text_of(key)
        initial["authors"] = list(report.authors.all())
        initial["read_version"] = report.version
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sections = self.get_item().meeting.committee.report_sections.filter(is_required=True)
        context["required"] = [s.heading for s in sections.order_by("position")]
        return context

    def form_valid(self, form):
        item = self.get_item()
        try:
            report = services.report_save(item=item, by=self.request.user, **form.cleaned_data)
        except ApplicationError as error:
            return self.service_error(form, error)
        missing = report.missing_sections()
        if missing:
            messages.warning(
                self.request,
                "Report saved. Before the agenda can be published, complete: "
                + ", ".join(missing)
                + ".",
            )
        else:
            messages.success(self.request, "Report saved: every required section is complete.")
        return redirect("meetings:agenda", pk=item.meeting_id)


class AppendixCreateView(ItemEditMixin, FormView):
    template_name = "meetings/appendix_form.html"
    form_class = AppendixUploadForm

    def get(self, request, *args, **kwargs):
        if getattr(self.get_item(), "report", None) is None:
            messages.error(request, "Write the report before attaching appendices.")
            return redirect("meetings:report-edit", pk=self.get_item().pk)
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        item = self.get_item()
        report = getattr(item, "report", None)
        if report is None:
            form.add_error(None, "Write the report before attaching appendices.")
            return self.form_invalid(form)
        data = form.cleaned_data
        try:
            if data["kind"] == Appendix.Kind.UPLOADED:
                upload = data["file"]
                services.appendix_upload(
                    report=report,
                    label=data["label"],
                    title=data["title"],
                    filename=upload.name,
                    content=upload.read(),
                )
            else:
                services.appendix_generated_add(
                    report=report,
                    label=data["label"],
                    title=data["title"],
                    generator=data["generator"],
                    options=data.get("generator_options") or {},
                )
        except ApplicationError as error:
            return self.service_error(form, error)
        messages.success(self.request, f"{data['label']} attached.")
        return redirect("meetings:agenda", pk=item.meeting_id)
