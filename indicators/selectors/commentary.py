"""Which commentary a reader sees beside an area's figures for a period: the commentary of the
quarter that ends the period, as its organisation's return allows (DESIGN.md, "Who sees
what"). On the approved basis only commentary of approved or locked returns; on the
provisional basis every commentary, the unapproved ones marked."""

from dataclasses import dataclass

from indicators import periods
from indicators.models import Basis, Commentary, QuarterReturn

SETTLED_RETURNS = (QuarterReturn.Status.APPROVED, QuarterReturn.Status.LOCKED)


@dataclass(frozen=True)
class ShownCommentary:
    text: str
    quarter: str  # the quarter's code, e.g. "2016/17 Q1"
    provisional: bool  # its return is not yet approved
    updated_at: object
    version: int


def _shown(rows, basis: str) -> list[tuple[Commentary, ShownCommentary]]:
    """The rows the basis shows, each marked provisional while its return is not settled."""
    rows = list(rows)
    if not rows:
        return []
    settled = set(
        QuarterReturn.objects.filter(
            organisation__in={row.organisation_id for row in rows},
            period__in={row.period_id for row in rows},
            status__in=SETTLED_RETURNS,
        ).values_list("organisation_id", "period_id")
    )
    shown = []
    for row in rows:
        provisional = (row.organisation_id, row.period_id) not in settled
        if provisional and basis != Basis.PROVISIONAL:
            continue
        shown.append(
            (
                row,
                ShownCommentary(
                    text=row.text,
                    quarter=row.period.code,
                    provisional=provisional,
                    updated_at=row.updated_at,
                    version=row.version,
                ),
            )
        )
    return shown


def commentaries_shown(*, area, period, basis: str = Basis.APPROVED) -> dict[int, ShownCommentary]:
    """The commentary shown beside each indicator of ``area`` for ``period``, by indicator id."""
    rows = Commentary.objects.filter(
        area=area, period__kind=periods.PeriodKind.QUARTER, period__end=period.end
    ).select_related("period")
    return {row.indicator_id: shown for row, shown in _shown(rows, basis)}


def indicator_commentaries(
    *, indicator, area, basis: str = Basis.APPROVED
) -> list[ShownCommentary]:
    """Every quarter's commentary on ``indicator`` in ``area`` the basis shows, newest first."""
    rows = (
        Commentary.objects.filter(indicator=indicator, area=area)
        .select_related("period")
        .order_by("-period__start")
    )
    return [shown for _, shown in _shown(rows, basis)]
