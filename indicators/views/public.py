"""The public's performance page: approved figures only, with small numbers suppressed."""

from django.views.generic import TemplateView

from indicators.models import Area
from indicators.public import FEWER_THAN_5, NOT_SHOWN, public_periods, public_table
from indicators.selectors import default_period
from indicators.views.dashboard import chosen
from shp.permissions import PUBLIC, AccessRequiredMixin


class PublicPerformanceView(AccessRequiredMixin, TemplateView):
    access = PUBLIC
    template_name = "indicators/public_performance.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        areas = list(Area.objects.order_by("display_order", "name"))
        periods = public_periods()
        area = chosen(self.request, "area", areas, areas[0] if areas else None)
        period = chosen(self.request, "period", periods, default_period(periods))
        rows = public_table(period=period, area=area) if area and period else []
        context.update(
            areas=areas,
            periods=periods,
            area=area,
            period=period,
            rows=rows,
            fewer_than_5=FEWER_THAN_5,
            not_shown=NOT_SHOWN,
            any_hidden=any(r.current.hidden or r.baseline.hidden for r in rows),
        )
        return context
