"""Set up a partnership from a folder of files: all of them loaded, or none."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from shp.setup import SetupFailed, SetupFiles, partnership_setup


class Command(BaseCommand):
    help = (
        "Load a partnership from a folder: partnership.json, organisations.csv, areas.csv, "
        "denominators.csv, catalogue.csv, report.json, plans.json, figures.csv, targets.csv "
        "(all but partnership.json optional). Nothing is loaded if any file has a problem."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)

    def handle(self, *args, directory: Path, **options):
        try:
            report = partnership_setup(SetupFiles.from_directory(directory))
        except SetupFailed as failure:
            for problem in failure.problems:
                self.stderr.write(problem)
            raise CommandError(failure.message) from None
        for line in report:
            self.stdout.write(line)
