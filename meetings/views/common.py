"""What the meetings views share: POST-only actions, the editing mixins, and the minutes as a
reader sees them."""

from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404

from meetings import permissions, selectors, services
from meetings.models import (
    AgendaItem,
    PaperAccess,
)
from shp.forms import ServiceFormMixin
from shp.permissions import AccessRequiredMixin
from shp.roles import MEETING_EDITOR_ROLES


class PostOnlyMixin:
    def get(self, request, *args, **kwargs):
        return HttpResponseNotAllowed(["POST"])


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


def minutes_for_reader(user, meeting, *, what: str):
    """The minutes' parts and whether this reader sees the private part (each such opening by
    someone other than democratic services is logged as ``what``)."""
    parts = selectors.minutes_parts(minutes=list(selectors.minutes_of(meeting=meeting)))
    show_private = bool(parts.private) and all(
        permissions.minute_visible(user, minute) for minute in parts.private
    )
    if show_private and not permissions.may_edit(user):
        services.paper_access_record(
            user=user, meeting=meeting, kind=PaperAccess.Kind.MINUTES, what=what
        )
    return parts, show_private
