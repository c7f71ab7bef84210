"""Democratic services record attendance and declarations, write and confirm the minutes, and
follow up the actions."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from meetings import permissions, selectors, services
from meetings.forms import (
    ActionForm,
    AttendanceForm,
    DecisionForm,
    DeclarationForm,
    MemberAttendanceForm,
    MinuteForm,
)
from meetings.models import (
    Action,
    Minute,
)
from meetings.views.common import MeetingEditMixin, PostOnlyMixin
from shp.errors import ApplicationError
from shp.forms import ServiceFormMixin
from shp.permissions import AccessRequiredMixin
from shp.roles import MEETING_EDITOR_ROLES, SIGNED_IN_ROLES


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
                substitute_reason=data["substitute_reason"],
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
