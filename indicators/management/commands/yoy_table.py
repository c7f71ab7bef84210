"""Print the year-on-year table of an area for a period, as CSV or JSON."""

import csv
import json

from django.core.management.base import BaseCommand, CommandError

from indicators import periods
from indicators.matching import area_index
from indicators.models import Area, Basis, Period
from indicators.selectors import YoyRow, yoy_table
from shp.spreadsheets import spreadsheet_safe_row

COLUMNS = [name for name in YoyRow.__dataclass_fields__ if name != "provisional"]


class Command(BaseCommand):
    help = "Print one row per indicator: baseline, current, change, % change, RAG and warnings."

    def add_arguments(self, parser):
        parser.add_argument("--area", required=True, help="Area code, name or alias")
        parser.add_argument("--period", required=True, help='e.g. "2015/16" or "2015/16 Q3"')
        parser.add_argument("--baseline", required=True, help='e.g. "2014/15"')
        parser.add_argument("--format", choices=["csv", "json"], default="csv")
        parser.add_argument(
            "--provisional",
            action="store_true",
            help="Include figures not yet approved (a provisional column marks them)",
        )

    def handle(self, *args, area, period, baseline, format, provisional, **options):
        found = area_index(Area.objects.all()).get(area)
        if found is None:
            nearest = area_index(Area.objects.all()).nearest(area)
            hint = f" Did you mean {' or '.join(nearest)}?" if nearest else ""
            raise CommandError(f'"{area}" is not a known area.{hint}')
        current_period = self._period(period)
        baseline_period = self._period(baseline)
        basis = Basis.PROVISIONAL if provisional else Basis.APPROVED
        columns = [*COLUMNS, "provisional"] if provisional else COLUMNS
        rows = yoy_table(area=found, period=current_period, baseline=baseline_period, basis=basis)
        if not rows:
            raise CommandError(
                f"No comparisons for {found.name} in {current_period.code}. Import figures, "
                "then let the recompute job finish."
            )
        if format == "json":
            shown = [{c: row.as_dict()[c] for c in columns} for row in rows]
            self.stdout.write(json.dumps(shown, indent=2))
            return
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            values = row.as_dict()
            values["warnings"] = " | ".join(values["warnings"])
            writer.writerow(spreadsheet_safe_row(values[column] for column in columns))

    def _period(self, text: str) -> Period:
        try:
            spec = periods.parse(text)
        except periods.PeriodError as error:
            raise CommandError(str(error)) from None
        found = Period.objects.filter(code=spec.code).first()
        if found is None:
            raise CommandError(f"There are no figures for {spec.code}.")
        return found
