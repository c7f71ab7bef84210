"""Reading views of the meetings app: meetings, committees, agendas, reports, appendices and
minutes, and the calendar feed. They are PUBLIC and ask the selectors what this user may see
(404 otherwise)."""

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views import View
from django.views.generic import DetailView, ListView

from meetings import calendar, permissions, selectors, services
from meetings.models import (
    Appendix,
    Committee,
    Meeting,
    PaperAccess,
)
from meetings.views.common import minutes_for_reader
from shp.permissions import PUBLIC, AccessRequiredMixin


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
            still_to_come=meeting.date > timezone.localdate(),
            notice_due=services.decision_notice_due(meeting) if editor else None,
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
        parts, show_private = minutes_for_reader(
            self.request.user,
            self.object,
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
    """Every meeting (cancelled ones marked so), as an iCalendar feed."""

    access = PUBLIC

    def get(self, request):
        body = calendar.meetings_ical(
            meetings=selectors.meeting_list(),
            base_url=request.build_absolute_uri("/").rstrip("/"),
        )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="meetings.ics"'
        return response
