"""A held meeting's record before confirmation: democratic services publish the draft minutes
or the decision notice; the notice as a page; the minutes as a PDF."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.views import View
from django.views.generic import DetailView

from meetings import permissions, selectors, services
from meetings.models import Meeting
from meetings.packs.compose import PACK_CSS
from meetings.selectors.decisions import decision_is_draft, decisions_visible_to
from meetings.views.common import PostOnlyMixin, minutes_for_reader
from shp.errors import ApplicationError
from shp.permissions import PUBLIC, AccessRequiredMixin
from shp.printing import PrintDocument, render_pdf
from shp.roles import MEETING_EDITOR_ROLES


class RecordPublishView(AccessRequiredMixin, PostOnlyMixin, View):
    access = MEETING_EDITOR_ROLES

    def post(self, request, pk):
        meeting = get_object_or_404(Meeting, pk=pk)
        what = request.POST.get("what")
        try:
            if what == "minutes":
                services.minutes_draft_publish(meeting=meeting)
                messages.success(request, "Draft minutes published, subject to confirmation.")
            elif what == "decisions":
                services.decisions_publish(meeting=meeting)
                messages.success(request, "Decision notice published.")
            else:
                raise ApplicationError("Choose to publish the draft minutes or the decisions.")
        except ApplicationError as error:
            messages.error(request, f"Nothing was published: {error.message}")
        return redirect(meeting)


class DecisionNoticeView(AccessRequiredMixin, DetailView):
    access = PUBLIC
    template_name = "meetings/decision_notice.html"
    context_object_name = "meeting"

    def get_queryset(self):
        return selectors.meeting_detail_queryset()

    def get_object(self, queryset=None):
        meeting = super().get_object(queryset)
        if not (
            meeting.decisions_are_public or permissions.may_read_draft_minutes(self.request.user)
        ):
            raise Http404("No decisions are published for this meeting.")
        return meeting

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        decisions = list(
            decisions_visible_to(user=self.request.user)
            .filter(minute__meeting=self.object)
            .order_by("minute__number", "position")
        )
        for decision in decisions:
            decision.is_draft = decision_is_draft(decision)
        context["decisions"] = decisions
        return context


class MinutesPdfView(AccessRequiredMixin, View):
    """The minutes as a PDF, with the same parts as the page for the same reader."""

    access = PUBLIC

    def get(self, request, pk):
        meeting = get_object_or_404(selectors.meeting_detail_queryset(), pk=pk)
        user = request.user
        if not selectors.minutes_visible_to(user=user, meeting=meeting):
            raise Http404("These minutes are not published.")
        parts, show_private = minutes_for_reader(
            user, meeting, what=f"Private part of the minutes of {meeting.date:%-d %B %Y} (PDF)"
        )
        body = render_to_string(
            "print/minutes.html",
            {
                "meeting": meeting,
                "parts": parts,
                "show_private": show_private,
                "attendance": selectors.attendance_summary(meeting=meeting),
            },
        )
        title = f"Minutes of {meeting.committee}, {meeting.date:%-d %B %Y}"
        pdf = render_pdf(
            PrintDocument(
                title=title,
                subject=title,
                body_html=body,
                running_header=title,
                extra_css=PACK_CSS.read_text(),
            )
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="minutes-{meeting.date:%Y-%m-%d}.pdf"'
        return response
