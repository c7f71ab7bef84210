"""Work out the population (and households) that published rates per 1,000 imply."""

from django.core.management.base import BaseCommand

from indicators.services.denominators import derived_denominators


class Command(BaseCommand):
    help = (
        "For each area, print the range of populations and of households that reproduces the "
        "most published rates per 1,000 for a period, and its middle."
    )

    def add_arguments(self, parser):
        parser.add_argument("--period", default="2015/16")

    def handle(self, *args, period, **options):
        for item in derived_denominators(period_code=period):
            self.stdout.write(
                f"{item.area.name:<22} {item.kind:<10} {item.middle:>8,}  range "
                f"{float(item.low):,.1f}–{float(item.high):,.1f}  "
                f"from {item.agreeing} of {item.rows} rates"
            )
