"""A committee's forward plan: the public page, and democratic services planning items and
building an agenda from them."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import FormView, TemplateView

from meetings import services
from meetings.forms.forward_plan import ForwardPlanItemForm
from meetings.models import Committee, ForwardPlanItem, Meeting
from meetings.permissions import may_edit
from meetings.selectors.forward_plan import forward_plan, may_read_planned_exempt
from meetings.views.common import PostOnlyMixin
from shp.errors import ApplicationError
from shp.forms import ServiceFormMixin
from shp.permissions import PUBLIC, AccessRequiredMixin
from shp.roles import MEETING_EDITOR_ROLES


def _plan_url(committee) -> str:
    return reverse("meetings:forward-plan", kwargs={"slug": committee.slug})


class ForwardPlanView(AccessRequiredMixin, TemplateView):
    access = PUBLIC
    template_name = "meetings/forward_plan.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        committee = get_object_or_404(Committee, slug=self.kwargs["slug"], is_active=True)
        planned = forward_plan(committee=committee, today=timezone.localdate())
        for group in planned:
            for item in group.items:
                item.title_shown = (
                    item.title
                    if not item.is_exempt or may_read_planned_exempt(self.request.user, item)
                    else item.shown_title
                )
        context.update(
            committee=committee,
            planned=planned,
            can_edit=may_edit(self.request.user),
        )
        return context


class ForwardPlanItemFormView(AccessRequiredMixin, ServiceFormMixin, FormView):
    access = MEETING_EDITOR_ROLES
    template_name = "meetings/form_page.html"
    form_class = ForwardPlanItemForm

    def get_committee(self):
        return get_object_or_404(Committee, slug=self.kwargs["slug"], is_active=True)

    def get_item(self):
        return None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(committee=self.get_committee(), today=timezone.localdate())
        item = self.get_item()
        if item is not None and self.request.method == "GET":
            kwargs["initial"] = {
                "meeting": item.meeting_id,
                "section": item.section,
                "title": item.title,
                "lead_officer": item.lead_officer,
                "is_key_decision": item.is_key_decision,
                "exempt_paragraph": item.exempt_paragraph,
                "public_title": item.public_title,
                "exempt_reason": item.exempt_reason,
                "urgency_reason": item.urgency_reason,
                "read_version": item.version,
            }
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        committee = self.get_committee()
        context["lede"] = f"Business expected at a meeting of {committee} still to come."
        if not context["form"].fields["meeting"].queryset.exists():
            context["warning"] = (
                "No meeting still to come is scheduled without a published agenda: schedule "
                "the meeting first."
            )
        return context


class ForwardPlanItemCreateView(ForwardPlanItemFormView):
    extra_context = {"heading": "Plan an item"}

    def form_valid(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k != "read_version"}
        committee = self.get_committee()
        try:
            item = services.forward_plan_item_add(committee=committee, **data)
        except ApplicationError as error:
            return self.service_error(form, error)
        messages.success(self.request, f"Added {item.title} to the forward plan.")
        return redirect(_plan_url(committee))


class ForwardPlanItemUpdateView(ForwardPlanItemFormView):
    extra_context = {"heading": "Change a planned item"}

    def get_item(self):
        if not hasattr(self, "_item"):
            self._item = get_object_or_404(
                ForwardPlanItem.objects.select_related("meeting"),
                pk=self.kwargs["pk"],
                committee__slug=self.kwargs["slug"],
            )
        return self._item

    def form_valid(self, form):
        try:
            item = services.forward_plan_item_update(item=self.get_item(), **form.cleaned_data)
        except ApplicationError as error:
            return self.service_error(form, error)
        messages.success(self.request, f"Saved {item.title}.")
        return redirect(_plan_url(self.get_committee()))


class ForwardPlanItemRemoveView(AccessRequiredMixin, PostOnlyMixin, View):
    access = MEETING_EDITOR_ROLES

    def post(self, request, slug, pk):
        item = get_object_or_404(ForwardPlanItem, pk=pk, committee__slug=slug)
        committee = item.committee
        version = request.POST.get("read_version", "")
        try:
            services.forward_plan_item_remove(
                item=item, read_version=int(version) if version.isdigit() else None
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"Took {item.title} off the forward plan.")
        return redirect(_plan_url(committee))


class AgendaFromPlanView(AccessRequiredMixin, PostOnlyMixin, View):
    access = MEETING_EDITOR_ROLES

    def post(self, request, pk):
        meeting = get_object_or_404(Meeting, pk=pk)
        try:
            added = services.agenda_from_forward_plan(meeting=meeting)
        except ApplicationError as error:
            messages.error(request, f"Nothing was added: {error.message}")
        else:
            messages.success(
                request,
                f"Added {len(added)} planned item{'s' if len(added) != 1 else ''} to the agenda.",
            )
        return redirect("meetings:agenda", pk=meeting.pk)
