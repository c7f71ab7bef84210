"""Democratic services' pages for a committee's standing items."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views import View
from django.views.generic import FormView

from meetings import standing_items
from meetings.forms import StandingItemForm
from meetings.models import Committee, StandingItem
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
        item = self.get_item()
        if item is None:
            return super().get_initial()
        return {"title": item.title, "section": item.section, "kind": item.kind}

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
                **form.cleaned_data,
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
                standing_items.standing_item_remove(user=request.user, item=item)
                messages.success(request, f"“{item.title}” removed.")
            else:
                standing_items.standing_item_move(user=request.user, item=item, direction=action)
        except ApplicationError as error:
            messages.error(request, error.message)
        return redirect("meetings:standing-items", slug=self.get_committee().slug)
