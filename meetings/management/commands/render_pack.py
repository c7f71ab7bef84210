"""Render a meeting's agenda pack through the Celery task, wait for it, and write the PDF."""

import shutil
import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.urls import resolve

from meetings.models import Committee, Meeting, PackVersion
from meetings.packs import services as packs
from shp.errors import ApplicationError
from shp.models import Job


class Command(BaseCommand):
    help = "Queue the agenda pack of a meeting, wait for a Celery worker to render it, save it."

    def add_arguments(self, parser):
        parser.add_argument("--meeting", required=True, help="The meeting's date, YYYY-MM-DD.")
        parser.add_argument("--committee", help="The committee's slug, if several meet that day.")
        parser.add_argument(
            "--public", action="store_true", help="The public pack (exempt items left out)."
        )
        parser.add_argument("--output", required=True, help="Where to write the PDF.")
        parser.add_argument(
            "--timeout", type=float, default=600, help="Seconds to wait for the worker."
        )

    def handle(self, *args, meeting, committee, public, output, timeout, **options):
        try:
            day = date.fromisoformat(meeting)
        except ValueError:
            raise CommandError(f"--meeting {meeting!r} is not a date like 2016-06-17.") from None
        meetings = Meeting.objects.filter(date=day).select_related("committee")
        if committee:
            if not Committee.objects.filter(slug=committee).exists():
                raise CommandError(f"There is no committee {committee!r}.")
            meetings = meetings.filter(committee__slug=committee)
        found = list(meetings)
        if not found:
            raise CommandError(f"There is no meeting on {day:%-d %B %Y}.")
        if len(found) > 1:
            slugs = ", ".join(m.committee.slug for m in found)
            raise CommandError(f"Several committees meet that day ({slugs}): add --committee.")
        variant = PackVersion.Variant.PUBLIC if public else PackVersion.Variant.MEMBERS
        try:
            job = packs.agenda_pack_render_start(meeting=found[0], variant=variant, user=None)
        except ApplicationError as error:
            raise CommandError(error.message) from None
        self.stderr.write(f"Queued job {job.pk}; waiting for a worker…")
        deadline = time.monotonic() + timeout
        last = ""
        while time.monotonic() < deadline:
            job.refresh_from_db()
            if job.message and job.message != last:
                last = job.message
                self.stderr.write(f"  {job.percent}% {job.message}")
            if job.status == Job.Status.FAILED:
                raise CommandError(f"The pack could not be made: {job.error}")
            if job.status == Job.Status.SUCCEEDED:
                version = PackVersion.objects.get(pk=resolve(job.result_url).kwargs["pk"])
                with version.file.open("rb") as source, open(output, "wb") as target:
                    shutil.copyfileobj(source, target)
                self.stdout.write(f"Wrote {output}: {version.pages} pages, {version.size:,} bytes")
                return
            time.sleep(0.5)
        raise CommandError(f"No worker finished the job within {timeout:.0f} seconds.")
