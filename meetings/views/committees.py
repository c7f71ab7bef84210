"""Democratic services edit a committee: its seats and their holders, its standing agenda items
and its report template."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views import View
from django.views.generic import FormView

from meetings import report_templates, services, standing_items
from meetings.forms import (
    CommitteeReportSectionForm,
    MembershipEndForm,
    MembershipForm,
    SeatForm,
    StandingItemForm,
)
from meetings.models import (
    Committee,
    CommitteeReportSection,
    Membership,
    Seat,
    StandingItem,
)
from shp.errors import ApplicationError
from shp.forms import ServiceFormMixin
from shp.permissions import AccessRequiredMixin
from shp.roles import MEETING_EDITOR_ROLES


class CommitteeMixin(AccessRequiredMixin):
    access = MEETING_EDITOR_ROLES

    def get_committee(self) -> Committee:
        if not hasattr(self, "_committee"):
            self._committee = get_object_or_404(Committee, slug=self.kwargs["slug"])
        return self._committee

    def read_version(self) -> int:
        """The templates version the page was drawn from (-1, never current, if missing)."""
        text = self.request.POST.get("read_version", "")
        return int(text) if text.isdigit() else -1

    def get_item(self) -> StandingItem | None:
        pk = self.kwargs.get("pk")
        return (
            get_object_or_404(StandingItem, committee=self.get_committee(), pk=pk) if pk else None
        )


class StandingItemsView(CommitteeMixin, ServiceFormMixin, FormView):
    """The committee's standing items in order, and a form to add or change one."""

    template_name = "meetings/standing_items.html"
    form_class = StandingItemForm

    def get_initial(self):
        version = {"read_version": self.get_committee().templates_version}
        item = self.get_item()
        if item is None:
            return {**super().get_initial(), **version}
        return {"title": item.title, "section": item.section, "kind": item.kind, **version}

    def get_context_data(self, **kwargs):
        committee = self.get_committee()
        return super().get_context_data(
            committee=committee,
            items=list(committee.standing_items.order_by("position")),
            editing=self.get_item(),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            saved = standing_items.standing_item_save(
                user=self.request.user,
                committee=self.get_committee(),
                item=self.get_item(),
                **{**form.cleaned_data, "read_version": self.read_version()},
            )
        except ApplicationError as error:
            return self.service_error(form, error)
        messages.success(
            self.request, f"“{saved.title}” saved. Meetings scheduled from now on start with it."
        )
        return redirect("meetings:standing-items", slug=self.get_committee().slug)


class StandingItemActionView(CommitteeMixin, View):
    """Move a standing item up or down, or remove it."""

    def post(self, request, *args, **kwargs):
        item = self.get_item()
        action = request.POST.get("action", "")
        try:
            if action == "remove":
                standing_items.standing_item_remove(
                    user=request.user, item=item, read_version=self.read_version()
                )
                messages.success(request, f"“{item.title}” removed.")
            else:
                standing_items.standing_item_move(
                    user=request.user,
                    item=item,
                    direction=action,
                    read_version=self.read_version(),
                )
        except ApplicationError as error:
            messages.error(request, error.message)
        return redirect("meetings:standing-items", slug=self.get_committee().slug)


class ReportSectionsView(CommitteeMixin, ServiceFormMixin, FormView):
    """The sections of the committee's reports in order, and a form to add or change one."""

    template_name = "meetings/report_sections.html"
    form_class = CommitteeReportSectionForm

    def get_section(self) -> CommitteeReportSection | None:
        pk = self.kwargs.get("pk")
        if pk is None:
            return None
        return get_object_or_404(CommitteeReportSection, committee=self.get_committee(), pk=pk)

    def get_initial(self):
        version = {"read_version": self.get_committee().templates_version}
        section = self.get_section()
        if section is None:
            return {**super().get_initial(), **version}
        return {"heading": section.heading, "is_required": section.is_required, **version}

    def get_context_data(self, **kwargs):
        committee = self.get_committee()
        return super().get_context_data(
            committee=committee,
            sections=list(committee.report_sections.order_by("position")),
            editing=self.get_section(),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            saved = report_templates.report_section_save(
                user=self.request.user,
                committee=self.get_committee(),
                section=self.get_section(),
                **{**form.cleaned_data, "read_version": self.read_version()},
            )
        except ApplicationError as error:
            return self.service_error(form, error)
        messages.success(self.request, f"“{saved.heading}” saved.")
        return redirect("meetings:report-sections", slug=self.get_committee().slug)


class ReportSectionActionView(CommitteeMixin, View):
    """Move a report section up or down, or remove it."""

    def post(self, request, *args, **kwargs):
        section = get_object_or_404(
            CommitteeReportSection, committee=self.get_committee(), pk=kwargs["pk"]
        )
        action = request.POST.get("action", "")
        try:
            if action == "remove":
                report_templates.report_section_remove(
                    user=request.user, section=section, read_version=self.read_version()
                )
                messages.success(request, f"“{section.heading}” removed.")
            else:
                report_templates.report_section_move(
                    user=request.user,
                    section=section,
                    direction=action,
                    read_version=self.read_version(),
                )
        except ApplicationError as error:
            messages.error(request, error.message)
        return redirect("meetings:report-sections", slug=self.get_committee().slug)


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
