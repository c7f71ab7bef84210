"""Recompute every stored comparison now, on both bases (after an upgrade, or by hand)."""

from django.core.management.base import BaseCommand

from indicators.services.comparisons import comparisons_recompute


class Command(BaseCommand):
    help = "Recompute all comparisons from the figures (approved and provisional bases)."

    def handle(self, *args, **options):
        count = comparisons_recompute()
        self.stdout.write(f"Recomputed {count:,} comparisons.")
