"""Views of the meetings app: public papers, the agenda builder, attendance and minutes.

Reading views are PUBLIC and ask the selectors what this user may see (404 otherwise); every
editing view is for democratic services and administrators only.
"""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from meetings import calendar, permissions, selectors, services
from meetings.forms import (
    ActionForm,
    AgendaItemForm,
    AppendixUploadForm,
    AttendanceForm,
    DecisionForm,
    DeclarationForm,
    MeetingForm,
    MemberAttendanceForm,
    MembershipEndForm,
    MembershipForm,
    MinuteForm,
    ReportForm,
    SeatForm,
)
from meetings.models import (
    Action,
    AgendaItem,
    Appendix,
    Committee,
    Meeting,
    Membership,
    Minute,
    PaperAccess,
    Seat,
)
from shp.errors import ApplicationError
from shp.forms import ServiceFormMixin
from shp.permissions import PUBLIC, AccessRequiredMixin
from shp.roles import MEETING_EDITOR_ROLES, SIGNED_IN_ROLES


class PostOnlyMixin:
    def get(self, request, *args, **kwargs):
        return HttpResponseNotAllowed(["POST"])


# --- Public reading -------------------------------------------------------------------------


class MeetingListView(AccessRequiredMixin, ListView):
    access = PUBLIC
    template_name = "meetings/meeting_list.html"
    context_object_name = "meetings"

    def get_queryset(self):
        return selectors.meeting_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_edit"] = selectors.can_edit(self.request.user)
        context["committees"] = Committee.objects.filter(is_active=True, parent__isnull=True)
        return context


class CommitteeDetailView(AccessRequiredMixin, DetailView):
    access = PUBLIC
    template_name = "meetings/committee_detail.html"
    context_object_name = "committee"

    def get_queryset(self):
        return Committee.objects.filter(is_active=True)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context["seats"] = selectors.committee_seats(committee=self.object, day=today)
        context["today"] = today
        context["can_edit"] = selectors.can_edit(self.request.user)
        return context


class SeatCreateView(AccessRequiredMixin, ServiceFormMixin, FormView):
    access = MEETING_EDITOR_ROLES
    template_name = "meetings/form_page.html"
    form_class = SeatForm
    extra_context = {"heading": "Add a seat"}

    def get_committee(self):
        return get_object_or_404(Committee, slug=self.kwargs["slug"], is_active=True)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lede"] = f"A new seat on {self.get_committee()}."
        return context

    def form_valid(self, form):
        committee = self.get_committee()
        try:
            seat = services.seat_create(committee=committee, **form.cleaned_data)
        except ApplicationError as error:
            return self.service_error(form, error)
        messages.success(self.request, f"Added the seat {seat.title}.")
        return redirect(committee)


class MembershipCreateView(AccessRequiredMixin, ServiceFormMixin, FormView):
    """Appoint a seat's next holder; the seat outlives the change."""

    access = MEETING_EDITOR_ROLES
    template_name = "meetings/form_page.html"
    form_class = MembershipForm
    extra_context = {"heading": "Appoint a holder"}

    def get_seat(self):
        return get_object_or_404(Seat.objects.select_related("committee"), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lede"] = f"Seat: {self.get_seat().title}."
        return context

    def form_valid(self, form):
        seat = self.get_seat()
        try:
            membership = services.membership_appoint(seat=seat, **form.cleaned_data)
        except ApplicationError as error:
            return self.service_error(form, error)
        messages.success(
            self.request,
            f"{membership.person} holds the seat from {membership.start_date:%-d %B %Y}.",
        )
        return redirect(seat.committee)


class MembershipEndView(AccessRequiredMixin, ServiceFormMixin, FormView):
    access = MEETING_EDITOR_ROLES
    template_name = "meetings/form_page.html"
    form_class = MembershipEndForm
    extra_context = {"heading": "End a term"}

    def get_membership(self):
        return get_object_or_404(
            Membership.objects.select_related("seat__committee", "person"), pk=self.kwargs["pk"]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        membership = self.get_membership()
        context["lede"] = f"{membership.person}, {membership.seat.title}."
        return context

    def form_valid(self, form):
        membership = self.get_membership()
        try:
            services.membership_end(membership=membership, **form.cleaned_data)
        except ApplicationError as error:
            return self.service_error(form, error)
        messages.success(self.request, f"{membership.person}'s term ends; the seat remains.")
        return redirect(membership.seat.committee)


class MeetingDetailView(AccessRequiredMixin, DetailView):
    """The meeting: its agenda and papers once published, and its minutes when visible."""

    access = PUBLIC
    template_name = "meetings/meeting_detail.html"
    context_object_name = "meeting"

    def get_queryset(self):
        return selectors.meeting_detail_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, meeting = self.request.user, self.object
        editor = selectors.can_edit(user)
        show_agenda = editor or (
            meeting.is_published and meeting.status != Meeting.Status.CANCELLED
        )
        rows = selectors.agenda_rows(meeting=meeting, include_exempt=True) if show_agenda else []
        for row in rows:
            # An exempt item is listed for everyone: its substance only for those entitled.
            row.exempt_hidden = bool(
                row.item and row.item.is_exempt and not permissions.may_read_exempt(user, row.item)
            )
        actions = selectors.open_actions_for(meeting=meeting) if show_agenda else []
        context.update(
            can_edit=editor,
            show_agenda=show_agenda,
            rows=rows,
            members=selectors.members_on(committee=meeting.committee, day=meeting.date),
            next_meeting=selectors.next_meeting(meeting=meeting),
            minutes_visible=selectors.minutes_visible_to(user=user, meeting=meeting),
            open_actions=permissions.actions_visible(user, actions),
            deadline=selectors.deadline_status(meeting=meeting, today=timezone.localdate()),
            confirmable=selectors.minutes_to_confirm_at(meeting=meeting) if editor else None,
        )
        return context


class ReportDetailView(AccessRequiredMixin, DetailView):
    """An agenda item's report and appendices, if this user may read it."""

    access = PUBLIC
    template_name = "meetings/report_detail.html"
    context_object_name = "item"

    def get_queryset(self):
        return selectors.report_detail_queryset()

    def get_object(self, queryset=None):
        item = super().get_object(queryset)
        if not permissions.item_substance_visible(self.request.user, item):
            raise Http404("No such paper.")
        if item.is_exempt:
            services.paper_access_record(
                user=self.request.user,
                meeting=item.meeting,
                kind=PaperAccess.Kind.REPORT,
                what=f"Item {item.number} {item.title}",
            )
        return item

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["report"] = getattr(self.object, "report", None)
        context["can_edit"] = selectors.can_edit(self.request.user)
        return context


class AppendixDownloadView(AccessRequiredMixin, View):
    access = PUBLIC

    def get(self, request, pk):
        appendix = get_object_or_404(selectors.appendix_queryset(), pk=pk)
        item = appendix.report.item
        if not permissions.item_substance_visible(request.user, item):
            raise Http404("No such paper.")
        if appendix.kind != Appendix.Kind.UPLOADED or not appendix.file:
            raise Http404("This appendix is generated with the agenda pack.")
        if item.is_exempt:
            services.paper_access_record(
                user=request.user,
                meeting=item.meeting,
                kind=PaperAccess.Kind.APPENDIX,
                what=f"Item {item.number} {appendix.label}: {appendix.title}",
            )
        response = FileResponse(
            appendix.file.open("rb"),
            content_type="application/pdf",
            as_attachment=False,
            filename=f"{appendix.label}.pdf",
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


class MinutesDetailView(AccessRequiredMixin, DetailView):
    """The minutes and decision record: public once confirmed, drafts for partnership roles."""

    access = PUBLIC
    template_name = "meetings/minutes_detail.html"
    context_object_name = "meeting"

    def get_queryset(self):
        return selectors.meeting_detail_queryset()

    def get_object(self, queryset=None):
        meeting = super().get_object(queryset)
        if not selectors.minutes_visible_to(user=self.request.user, meeting=meeting):
            raise Http404("These minutes are not published.")
        return meeting

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        parts = selectors.minutes_parts(minutes=list(selectors.minutes_of(meeting=self.object)))
        show_private = bool(parts.private) and all(
            permissions.minute_visible(user, minute) for minute in parts.private
        )
        if show_private and not permissions.may_edit(user):
            services.paper_access_record(
                user=user,
                meeting=self.object,
                kind=PaperAccess.Kind.MINUTES,
                what=f"Private part of the minutes of {self.object.date:%-d %B %Y}",
            )
        context.update(
            parts=parts,
            show_private=show_private,
            attendance=selectors.attendance_summary(meeting=self.object),
            can_edit=selectors.can_edit(self.request.user),
        )
        return context


class MeetingCalendarView(AccessRequiredMixin, View):
    """Every meeting not cancelled, as an iCalendar feed."""

    access = PUBLIC

    def get(self, request):
        body = calendar.meetings_ical(
            meetings=selectors.meeting_list().exclude(status=Meeting.Status.CANCELLED),
            base_url=request.build_absolute_uri("/").rstrip("/"),
        )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="meetings.ics"'
        return response


class ActionListView(AccessRequiredMixin, ListView):
    access = SIGNED_IN_ROLES
    template_name = "meetings/action_list.html"
    context_object_name = "actions"

    def get_queryset(self):
        return permissions.actions_visible(self.request.user, selectors.action_list())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_edit"] = selectors.can_edit(self.request.user)
        return context


class PaperAccessListView(AccessRequiredMixin, ListView):
    """Who opened exempt papers and members' packs, and when: for democratic services."""

    access = MEETING_EDITOR_ROLES
    template_name = "meetings/paper_access.html"
    context_object_name = "accesses"
    paginate_by = 100

    def get_queryset(self):
        return PaperAccess.objects.select_related("meeting__committee")


# --- Democratic services: meetings and agendas -------------------------------------------------


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


class MeetingEditMixin(AccessRequiredMixin, ServiceFormMixin):
    access = MEETING_EDITOR_ROLES

    def get_meeting(self):
        if not hasattr(self, "_meeting"):
            self._meeting = get_object_or_404(
                selectors.meeting_detail_queryset(), pk=self.kwargs["pk"]
            )
        return self._meeting

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["meeting"] = self.get_meeting()
        return context


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


class ItemEditMixin(AccessRequiredMixin, ServiceFormMixin):
    access = MEETING_EDITOR_ROLES

    def get_item(self):
        if not hasattr(self, "_item"):
            self._item = get_object_or_404(
                AgendaItem.objects.select_related("meeting__committee", "report"),
                pk=self.kwargs["pk"],
            )
        return self._item

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["item"] = self.get_item()
        context["meeting"] = self.get_item().meeting
        return context


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
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sections = self.get_item().meeting.committee.report_sections.filter(is_required=True)
        context["required"] = [s.heading for s in sections.order_by("position")]
        return context

    def form_valid(self, form):
        item = self.get_item()
        try:
            report = services.report_save(item=item, **form.cleaned_data)
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


# --- Democratic services: attendance, declarations, minutes -----------------------------------


class AttendanceView(MeetingEditMixin, FormView):
    """Who attended, whether every responsible authority was there, and a form to add people."""

    template_name = "meetings/attendance.html"
    form_class = AttendanceForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.get_meeting()
        summary = selectors.attendance_summary(meeting=meeting)
        if "member_form" not in context:
            context["member_form"] = self.member_form()
        context.update(
            summary=summary,
            recorded=[
                ("Present", summary.present),
                ("Substitutes", summary.substitutes),
                ("Apologies", summary.apologies),
                ("Absent", summary.absent),
                ("Also present", summary.also_present),
                ("Officers", summary.officers),
            ],
            members=selectors.members_on(committee=meeting.committee, day=meeting.date),
            declarations=meeting.declarations.select_related("person", "item"),
        )
        return context

    def member_form(self, data=None):
        meeting = self.get_meeting()
        current = {record.person_id: record for record in meeting.attendance.all()}
        return MemberAttendanceForm(
            data,
            members=selectors.members_on(committee=meeting.committee, day=meeting.date),
            current=current,
        )

    def post(self, request, *args, **kwargs):
        if "bulk" not in request.POST:
            return super().post(request, *args, **kwargs)
        member_form = self.member_form(request.POST)
        if member_form.is_valid():
            try:
                count = services.attendance_record_members(
                    meeting=self.get_meeting(), statuses=member_form.chosen()
                )
            except ApplicationError as error:
                member_form.add_error(None, error.message)
            else:
                messages.success(request, f"Recorded the attendance of {count} members.")
                return redirect("meetings:attendance", pk=self.get_meeting().pk)
        return self.render_to_response(
            self.get_context_data(form=self.get_form_class()(), member_form=member_form)
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.attendance_record(
                meeting=self.get_meeting(),
                person=data["person"],
                status=data["status"],
                substitute_for=data["substitute_for"],
                in_the_chair=data["in_the_chair"],
                capacity=data["capacity"],
            )
        except ApplicationError as error:
            return self.service_error(form, error)
        messages.success(self.request, f"Recorded {data['person']}.")
        return redirect("meetings:attendance", pk=self.get_meeting().pk)


class DeclarationCreateView(MeetingEditMixin, FormView):
    template_name = "meetings/form_page.html"
    form_class = DeclarationForm
    extra_context = {"heading": "Record a declaration of interest"}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["meeting"] = self.get_meeting()
        return kwargs

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.declaration_record(meeting=self.get_meeting(), **data)
        except ApplicationError as error:
            return self.service_error(form, error)
        messages.success(self.request, f"Recorded {data['person']}'s declaration.")
        return redirect("meetings:attendance", pk=self.get_meeting().pk)


class MinutesEditView(MeetingEditMixin, TemplateView):
    """The draft minutes with links to each minute, or the button that starts them."""

    template_name = "meetings/minutes_edit.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.get_meeting()
        context["minutes"] = selectors.minutes_of(meeting=meeting)
        context["later_meetings"] = meeting.minutes_items.select_related("meeting")
        return context

    def post(self, request, pk):
        meeting = self.get_meeting()
        try:
            made = services.minutes_draft(meeting=meeting)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                f"Draft minutes {made[0].number} to {made[-1].number} started from the agenda.",
            )
        return redirect("meetings:minutes-edit", pk=meeting.pk)


class MinuteUpdateView(AccessRequiredMixin, ServiceFormMixin, FormView):
    access = MEETING_EDITOR_ROLES
    template_name = "meetings/minute_form.html"
    form_class = MinuteForm

    def get_minute(self):
        if not hasattr(self, "_minute"):
            self._minute = get_object_or_404(
                Minute.objects.select_related("meeting__committee"), pk=self.kwargs["pk"]
            )
        return self._minute

    def remove_decision(self, request):
        minute = self.get_minute()
        decision = minute.decisions.filter(pk=request.POST.get("remove_decision")).first()
        if decision is None:
            messages.error(request, "That decision is not part of this minute.")
        else:
            try:
                services.decision_remove(decision=decision)
            except ApplicationError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, "Decision removed; the others are renumbered.")
        return redirect("meetings:minute-edit", pk=minute.pk)

    def get_initial(self):
        minute = self.get_minute()
        return {
            "number": minute.number,
            "title": minute.title,
            "lead_officer": minute.lead_officer,
            "purpose": minute.purpose,
            "issues": minute.issues,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        minute = self.get_minute()
        context.update(
            minute=minute,
            meeting=minute.meeting,
            decisions=minute.decisions.prefetch_related("actions__owner"),
            decision_form=kwargs.get("decision_form") or DecisionForm(),
        )
        return context

    def post(self, request, *args, **kwargs):
        if "remove_decision" in request.POST:
            return self.remove_decision(request)
        if "add_decision" not in request.POST:
            return super().post(request, *args, **kwargs)
        minute = self.get_minute()
        decision_form = DecisionForm(request.POST)
        if decision_form.is_valid():
            try:
                decision = services.decision_add(minute=minute, **decision_form.cleaned_data)
            except ApplicationError as error:
                field = error.field if error.field in decision_form.fields else None
                decision_form.add_error(field, error.message)
            else:
                messages.success(
                    request, f"Decision {decision.numeral} added to minute {minute.number}."
                )
                return redirect("meetings:minute-edit", pk=minute.pk)
        form = self.form_class(initial=self.get_initial())
        return self.render_to_response(
            self.get_context_data(form=form, decision_form=decision_form)
        )

    def form_valid(self, form):
        minute = self.get_minute()
        try:
            services.minute_update(minute=Minute.objects.get(pk=minute.pk), **form.cleaned_data)
        except ApplicationError as error:
            return self.service_error(form, error)
        messages.success(self.request, f"Minute {form.cleaned_data['number']} saved.")
        return redirect("meetings:minutes-edit", pk=minute.meeting_id)


class MinutesConfirmView(MeetingEditMixin, PostOnlyMixin, View):
    """At this meeting, confirm the previous meeting's minutes as a correct record."""

    def post(self, request, pk):
        meeting = self.get_meeting()
        item = meeting.items.filter(minutes_of__isnull=False).select_related("minutes_of").first()
        if item is None:
            messages.error(request, "This meeting's agenda has no minutes to confirm.")
            return redirect(meeting)
        try:
            services.minutes_confirm(meeting=item.minutes_of, at_meeting=meeting)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                f"The minutes of {item.minutes_of.date:%-d %B %Y} are confirmed as a correct "
                "record and now public.",
            )
        return redirect(meeting)


class ActionUpdateView(AccessRequiredMixin, ServiceFormMixin, FormView):
    access = MEETING_EDITOR_ROLES
    template_name = "meetings/form_page.html"
    form_class = ActionForm

    def get_action(self):
        return get_object_or_404(Action.objects.select_related("owner"), pk=self.kwargs["pk"])

    def get_initial(self):
        action = self.get_action()
        return {"status": action.status, "due_date": action.due_date}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        action = self.get_action()
        context["heading"] = "Update an action"
        context["lede"] = f"{action.description} (owner: {action.owner})"
        return context

    def form_valid(self, form):
        try:
            services.action_update(action=self.get_action(), **form.cleaned_data)
        except ApplicationError as error:
            return self.service_error(form, error)
        messages.success(self.request, "Action updated.")
        return redirect("meetings:action-list")
