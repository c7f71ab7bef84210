"""Choosing a quarter to enter, and the completeness of every organisation's return."""

from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.views.generic import TemplateView

from indicators import periods
from indicators.converters import quarter_slug
from indicators.entry import quarter_choices, quarter_completeness, quarter_suggested
from indicators.models import QuarterReturn
from shp.permissions import AccessRequiredMixin, user_roles
from shp.roles import PERFORMANCE_LEAD_ROLES, STAFF_ROLES

RECENT_QUARTERS = 8


class QuarterListView(AccessRequiredMixin, TemplateView):
    """Pick a quarter; an officer sees their organisation's recent returns."""

    access = STAFF_ROLES
    template_name = "indicators/quarter_list.html"

    def get(self, request, *args, **kwargs):
        wanted = request.GET.get("quarter")
        if wanted:
            try:
                spec = periods.parse(wanted)
            except periods.PeriodError:
                raise Http404("There is no such quarter.") from None
            if spec.kind != periods.PeriodKind.QUARTER:
                raise Http404("Choose a quarter.")
            organisation = self.organisation()
            if organisation is not None:
                return redirect(
                    "indicators:quarter-entry", quarter=spec, organisation=organisation.slug
                )
            return redirect("indicators:quarter-completeness", quarter=spec)
        return super().get(request, *args, **kwargs)

    def organisation(self):
        person = getattr(self.request.user, "person", None)
        if user_roles(self.request.user) & PERFORMANCE_LEAD_ROLES or person is None:
            return None
        return person.organisation

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        suggested = quarter_suggested(today=today)
        choices = quarter_choices(today=today)
        organisation = self.organisation()
        recent = [spec for spec in choices if spec.first_month <= suggested.first_month]
        recent = recent[:RECENT_QUARTERS]
        statuses = {}
        if organisation is not None:
            statuses = {
                r.period.code: r.get_status_display()
                for r in QuarterReturn.objects.filter(organisation=organisation).select_related(
                    "period"
                )
            }
        context.update(
            choices=[(quarter_slug(spec), spec) for spec in choices],
            suggested=suggested,
            organisation=organisation,
            recent=[(spec, statuses.get(spec.code, "Not started")) for spec in recent],
        )
        return context


class QuarterCompletenessView(AccessRequiredMixin, TemplateView):
    """Which organisation and area has submitted a quarter, what is missing, what is overdue."""

    access = STAFF_ROLES
    template_name = "indicators/quarter_completeness.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        quarter = kwargs["quarter"]
        today = timezone.localdate()
        context.update(
            quarter=quarter,
            rows=quarter_completeness(quarter=quarter, today=today),
            today=today,
        )
        return context
