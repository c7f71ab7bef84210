"""Import figures from a CSV or XLSX file (the same service as the web upload)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from indicators.models import Figure
from indicators.services.imports import ImportFailed, figures_import


class Command(BaseCommand):
    help = (
        "Import figures: columns area, indicator, period, value and optional note. Every row is "
        "checked first; if any row has a problem nothing is written and the exit status is 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check; write nothing.")
        parser.add_argument(
            "--status",
            choices=[s for s, _ in Figure.Status.choices if s != Figure.Status.LOCKED],
            default=Figure.Status.DRAFT,
            help="Status of new figures (default: draft).",
        )
        parser.add_argument(
            "--max-mb", type=int, default=None, help="Largest file accepted, in MB."
        )

    def handle(self, *args, file: Path, dry_run: bool, status: str, max_mb, **options):
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from None
        try:
            result = figures_import(
                content=content,
                filename=file.name,
                dry_run=dry_run,
                status=status,
                max_bytes=max_mb * 1_000_000 if max_mb else None,
            )
        except ImportFailed as failure:
            for problem in failure.problems:
                self.stderr.write(str(problem))
            raise CommandError(failure.message) from None
        for warning in result.warnings:
            self.stdout.write(f"warning: {warning}")
        verb = "Would import" if dry_run else "Imported"
        self.stdout.write(
            f"{verb} {len(result.changes)} rows: {result.count('create')} new, "
            f"{result.count('update')} updated, {result.count('unchanged')} unchanged."
        )
        if result.recompute_job_id:
            self.stdout.write(f"Comparisons are being recomputed (job {result.recompute_job_id}).")
