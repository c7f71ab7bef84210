"""Load the reference data and the demo users; safe to run again (it updates in place)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from indicators import demo as indicators_demo
from meetings import demo as meetings_demo
from shp import services
from strategies import demo as strategies_demo

# Reference-data fixtures, in dependency order, then each app's demo loader.
DEMO_FIXTURES = (
    "partnership.json",
    *indicators_demo.FIXTURES,
    *meetings_demo.FIXTURES,
    *strategies_demo.FIXTURES,
)
DEMO_LOADERS = (indicators_demo.demo_load, meetings_demo.demo_load, strategies_demo.demo_load)


class Command(BaseCommand):
    help = "Load the partnership's reference data and create one demo user per role."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-users", action="store_true", help="Load reference data only, no demo users."
        )

    def handle(self, *args, no_users=False, **options):
        services.role_groups_sync()
        for fixture in DEMO_FIXTURES:
            call_command("loaddata", fixture, verbosity=0)
        services.history_backfill()
        self.stdout.write(f"Loaded reference data: {', '.join(DEMO_FIXTURES)}")
        for loader in DEMO_LOADERS:
            for line in loader():
                self.stdout.write(line)
        if no_users:
            return
        users = services.demo_users_create()
        self.stdout.write("Demo users (username / password — role):")
        for demo in users:
            self.stdout.write(f"  {demo.username:<11} / {demo.password:<21} — {demo.role.label}")
