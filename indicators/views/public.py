"""The public's performance page: approved figures only, with small numbers suppressed."""

from django.http import StreamingHttpResponse
from django.utils.text import slugify
from django.views.generic import TemplateView, View

from indicators.cache import area_version, cached, comparisons_version
from indicators.models import Area
from indicators.open_data import COLUMNS, open_data_lines
from indicators.period_choices import period_groups
from indicators.public import (
    FEWER_THAN_5,
    NOT_SHOWN,
    public_default_period,
    public_periods,
    public_table,
)
from indicators.views.dashboard import chosen
from shp.models import Partnership
from shp.permissions import PUBLIC, AccessRequiredMixin


class PublicPerformanceView(AccessRequiredMixin, TemplateView):
    access = PUBLIC
    template_name = "indicators/public_performance.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        areas = cached("areas", compute=_areas)
        periods = cached("public-periods", compute=public_periods)
        area = chosen(self.request, "area", areas, areas[0] if areas else None)
        period = chosen(self.request, "period", periods, None)
        if period is None:  # the latest with figures the public may see, not merely the latest
            period = cached(
                "public-default-period", area.pk if area else None,
                compute=lambda: public_default_period(periods, area), area=area,
            ) or (periods or [None])[0]  # fmt: skip
        rows = (
            cached(
                "public-table",
                area.pk,
                period.pk,
                compute=lambda: public_table(period=period, area=area),
                area=area,
            )  # fmt: skip
            if area and period
            else []
        )
        context.update(
            areas=areas,
            periods=periods,
            # Called by the template only when its cached body is not there to reuse.
            period_groups=lambda: period_groups(periods, period),
            area=area,
            period=period,
            rows=rows,
            figures_version=comparisons_version(),
            area_version=area_version(area.pk) if area else comparisons_version(),
            fewer_than_5=FEWER_THAN_5,
            not_shown=NOT_SHOWN,
            any_hidden=any(r.current.hidden or r.baseline.hidden for r in rows),
        )
        return context


def _areas() -> list[Area]:
    return list(Area.objects.order_by("display_order", "name"))


class OpenDataView(AccessRequiredMixin, View):
    """Every area and period of the public page as one CSV file, streamed."""

    access = PUBLIC

    def get(self, request):
        response = StreamingHttpResponse(open_data_lines(), content_type="text/csv; charset=utf-8")
        name = slugify(f"{Partnership.objects.current().name} open data") or "open-data"
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response


class OpenDataDictionaryView(AccessRequiredMixin, TemplateView):
    """What each column of the open-data file means."""

    access = PUBLIC
    template_name = "indicators/open_data_dictionary.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(columns=COLUMNS, **kwargs)
