"""Send the reminders due now (as the schedule does every hour); safe to run twice."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from shp.services import reminders_send


class Command(BaseCommand):
    help = "E-mail the reminders that are due; one already sent is not sent again."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="As if today were this day (YYYY-MM-DD).")

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError("--date must be a day written YYYY-MM-DD.") from None
        run = reminders_send(today=today)
        self.stdout.write(
            f"Sent {run.sent}; {run.already_sent} already sent; {run.failed} could not be sent."
        )
