"""The performance lead checks and saves the summary of an area's period (started from the
drafted one); a save made from a stale page is refused with both texts."""

from django.db import transaction
from django.utils import timezone

from indicators.models import Area, Narrative, Period
from shp.errors import ApplicationError
from shp.permissions import user_roles
from shp.roles import PERFORMANCE_LEAD_ROLES

MAX_NARRATIVE = 5000


@transaction.atomic
def narrative_save(*, user, area: Area, period: Period, text: str, read_version: int) -> Narrative:
    """Write or change the summary of ``area`` for ``period``, with its history."""
    if not user_roles(user) & PERFORMANCE_LEAD_ROLES:
        raise ApplicationError("Only the performance lead can write the summary.")
    text = (text or "").strip()
    if not text:
        raise ApplicationError("Enter the summary", field="text")
    if len(text) > MAX_NARRATIVE:
        raise ApplicationError(
            f"The summary must be {MAX_NARRATIVE:,} characters or fewer", field="text"
        )
    current = (
        Narrative.objects.select_for_update()
        .select_related("updated_by")
        .filter(area=area, period=period)
        .first()
    )
    version = current.version if current is not None else 0
    if read_version != version:
        who = current.updated_by if current is not None else None
        name = (who.get_full_name() or who.username) if who else "Someone"
        when = f" at {timezone.localtime(current.updated_at):%H:%M on %-d %B %Y}" if current else ""
        raise ApplicationError(
            f"{name} changed this summary{when} after you opened this page. Theirs: "
            f"“{current.text if current else ''}”. Yours: “{text}”. Yours is below: save "
            "again to replace theirs.",
            field="text",
        )
    if current is None:
        current = Narrative(area=area, period=period, version=0)
    elif current.text == text:
        return current
    current.text, current.updated_by = text, user
    current.version += 1
    current._history_user = user
    current.save()
    return current
