"""Keeping what a printed performance report showed."""

from indicators.models import Area, Period, PrintedReport
from indicators.snapshots import printed_figures


def report_printed(*, options: dict, user) -> PrintedReport:
    """Record the figures a performance report printed, and who made it."""
    area = Area.objects.filter(code=options["area"]).first() or Area.objects.get(
        name=options["area"]
    )
    return PrintedReport.objects.create(
        area=area,
        period=Period.objects.get(code=options["period"]),
        basis=options.get("basis") or "approved",
        made_by=user if user.is_authenticated else None,
        figures=printed_figures(options=options),
    )
