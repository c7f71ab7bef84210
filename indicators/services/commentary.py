"""Commentary on an indicator's figures in an area and a quarter: written by the reporting
organisation's officer on the quarter grid, edited by the performance lead from the indicator's
page. One write path for both, with history; a save made from a stale page is refused."""

from django.db import transaction

from indicators import periods
from indicators.models import Area, Commentary, Indicator, Period
from indicators.services.texts import text_checked, version_checked
from shp.errors import ApplicationError
from shp.permissions import user_roles
from shp.roles import PERFORMANCE_LEAD_ROLES

MAX_COMMENTARY = 5000


def commentary_write(
    *, user, current: Commentary | None, key: dict, text: str
) -> Commentary | None:
    """Write (or, for an emptied text, remove) one commentary with its history. ``key`` holds
    indicator_id, area_id, period and organisation for a new one; callers check versions."""
    if not text:
        if current is not None:  # emptied on purpose: kept in the commentary's history
            current._history_user = user
            current.delete()
        return None
    if current is None:
        current = Commentary(version=0, **key)
    current.text, current.updated_by = text, user
    current.version += 1
    current._history_user = user
    current.save()
    return current


@transaction.atomic
def commentary_save(
    *, user, indicator: Indicator, area: Area, quarter: str, text: str, read_version: int
) -> Commentary:
    """The performance lead writes or changes the commentary of ``indicator`` in ``area`` for a
    quarter. Refused when empty or too long, and when someone saved it after the page was read
    (the message gives both texts)."""
    if not user_roles(user) & PERFORMANCE_LEAD_ROLES:
        raise ApplicationError("Only the performance lead can edit commentary here.")
    try:
        spec = periods.parse(quarter)
    except periods.PeriodError as error:
        raise ApplicationError(str(error), field="quarter") from None
    if spec.kind != periods.PeriodKind.QUARTER:
        raise ApplicationError("Commentary is written for a quarter.", field="quarter")
    if indicator.source_id is None:
        raise ApplicationError(
            f"{indicator.name} has no reporting organisation, so its commentary has no return "
            "to belong to. Set its source in the catalogue first."
        )
    text = text_checked(text, what="commentary", limit=MAX_COMMENTARY)
    period = Period.objects.ensure([spec])[spec.code]
    current = (
        Commentary.objects.select_for_update(of=("self",))
        .select_related("updated_by")
        .filter(indicator=indicator, area=area, period=period)
        .first()
    )
    version_checked(current, read_version=read_version, what="commentary", yours=text)
    if current is not None and current.text == text:
        return current
    return commentary_write(
        user=user,
        current=current,
        key={
            "indicator_id": indicator.pk,
            "area_id": area.pk,
            "period": period,
            "organisation_id": indicator.source_id,
        },
        text=text,
    )
