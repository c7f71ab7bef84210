"""A committee's templates (standing items, report sections) carry one version: every change
raises it, so a change made from a page opened before another change is refused."""

from django.db.models import F

from meetings.models import Committee
from shp.errors import ApplicationError


def committee_locked(committee: Committee, read_version: int | None) -> Committee:
    locked = Committee.objects.select_for_update().get(pk=committee.pk)
    if read_version is not None and read_version != locked.templates_version:
        raise ApplicationError(
            f"Someone changed {locked.name}'s templates after you opened this page, so your "
            "change was not saved. Look again and make it once more."
        )
    return locked


def committee_touched(committee: Committee) -> None:
    Committee.objects.filter(pk=committee.pk).update(templates_version=F("templates_version") + 1)
