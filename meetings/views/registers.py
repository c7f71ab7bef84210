"""The decisions register: every decision the reader may see, filtered, on a page or as CSV."""

import csv

from django.http import HttpResponse
from django.views.generic import ListView

from meetings.filters import DecisionFilter
from meetings.models import Decision
from meetings.selectors.decisions import (
    decision_is_draft,
    decision_url,
    decisions_visible_to,
)
from shp.permissions import PUBLIC, AccessRequiredMixin
from shp.spreadsheets import spreadsheet_safe

CSV_HEADINGS = [
    "Committee",
    "Meeting date",
    "Minute",
    "Minute title",
    "Decision",
    "Decision text",
    "Minutes status",
    "Actions",
    "Link",
]


class DecisionRegisterView(AccessRequiredMixin, ListView):
    access = PUBLIC
    template_name = "meetings/decision_register.html"
    paginate_by = 50

    def get_queryset(self):
        self.filter = DecisionFilter(
            self.request.GET or None, queryset=decisions_visible_to(user=self.request.user)
        )
        if self.filter.is_bound and not self.filter.is_valid():
            return Decision.objects.none()
        return self.filter.qs

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "csv":
            return self.csv_response(self.get_queryset())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for decision in context["object_list"]:
            decision.is_draft = decision_is_draft(decision)
            decision.url = decision_url(decision, self.request.user)
        context.update(filter=self.filter, csv_query=self._csv_query())
        return context

    def _csv_query(self) -> str:
        query = self.request.GET.copy()
        query.pop("page", None)
        query["format"] = "csv"
        return query.urlencode()

    def csv_response(self, decisions) -> HttpResponse:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="decisions.csv"'
        writer = csv.writer(response)
        writer.writerow(CSV_HEADINGS)
        for decision in decisions:
            minute, meeting = decision.minute, decision.minute.meeting
            actions = "; ".join(
                f"{a.description} ({a.owner}, {a.get_status_display().lower()})"
                for a in decision.actions.all()
            )
            link = self.request.build_absolute_uri(decision_url(decision, self.request.user))
            row = [
                meeting.committee.name,
                meeting.date.isoformat(),
                str(minute.number),
                minute.title,
                decision.numeral,
                decision.text,
                "Draft" if decision_is_draft(decision) else "Confirmed",
                actions,
                link,
            ]
            writer.writerow([spreadsheet_safe(value) for value in row])
        return response
