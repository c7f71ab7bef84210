"""The performance lead checks and saves the summary of an area's period (started from the
drafted one); a save made from a stale page is refused with both texts."""

from django.db import transaction

from indicators.models import Area, Narrative, Period
from indicators.services.texts import text_checked, version_checked
from shp.errors import ApplicationError
from shp.permissions import user_roles
from shp.roles import PERFORMANCE_LEAD_ROLES

MAX_NARRATIVE = 5000


@transaction.atomic
def narrative_save(*, user, area: Area, period: Period, text: str, read_version: int) -> Narrative:
    """Write or change the summary of ``area`` for ``period``, with its history."""
    if not user_roles(user) & PERFORMANCE_LEAD_ROLES:
        raise ApplicationError("Only the performance lead can write the summary.")
    text = text_checked(text, what="summary", limit=MAX_NARRATIVE)
    current = (
        Narrative.objects.select_for_update(of=("self",))
        .select_related("updated_by")
        .filter(area=area, period=period)
        .first()
    )
    version_checked(current, read_version=read_version, what="summary", yours=text)
    if current is None:
        current = Narrative(area=area, period=period, version=0)
    elif current.text == text:
        return current
    current.text, current.updated_by = text, user
    current.version += 1
    current._history_user = user
    current.save()
    return current
