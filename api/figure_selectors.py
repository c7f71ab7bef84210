"""What the API reads of comparisons and entered figures, by the same rules as the pages
(indicators/permissions.py):

- Comparisons: the approved basis for everyone; the public's with small numbers suppressed
  exactly as on the published figures page (a hidden value takes its change, rate, direction
  and RAG with it, and consistency warnings are left out); the basis including provisional
  figures only for the roles that may ask for it, each value that rests on one marked.
- Entered figures: signed-in callers only; approved values for everyone, and — asked for with
  ``figures=provisional`` — working values of figures not yet approved for those who may see
  them (an officer: their own organisation's), marked provisional.
"""

from datetime import date
from decimal import Decimal

from django.db.models import Q

from indicators.models import Basis, Comparison, Figure, Indicator
from indicators.permissions import (
    SETTLED,
    figures_visible_to,
    may_include_provisional,
    sees_unapproved_of,
)
from indicators.public import shown_cells

PUBLISHED = "published"
NOT_AVAILABLE = "not available"


NEWEST_FIRST = (
    "-period__end",
    "area__display_order",
    "indicator__display_order",
    "indicator__name",
)


class NotAllowed(Exception):
    """The caller may not read what was asked for; the message says why."""


def _plain(value) -> str | None:
    if value is None:
        return None
    return f"{Decimal(value).normalize():f}"


def _filtered(found, *, area, indicator, theme, period_from, period_to, prefix=""):
    if area:
        found = found.filter(Q(area__code=area) | Q(area__name=area))
    if indicator:
        found = found.filter(indicator__code=indicator)
    if theme:
        found = found.filter(indicator__theme=theme)
    if period_from:
        found = found.filter(period__start__gte=period_from)
    if period_to:
        found = found.filter(period__start__lte=period_to)
    return found


def comparisons(
    *, user, provisional: bool = False, area: str = "", indicator: str = "", theme: str = "",
    period_from: date | None = None, period_to: date | None = None,
) -> list[dict]:  # fmt: skip
    """Year-on-year comparisons as this caller may read them (see the module's rules)."""
    if provisional and not may_include_provisional(user):
        raise NotAllowed(
            "Comparisons including provisional figures are for members, the performance lead, "
            "democratic services and administrators; officers read their own organisation's "
            "drafts at /api/entered-figures?figures=provisional."
        )
    basis = Basis.PROVISIONAL if provisional else Basis.APPROVED
    related = Comparison.on_basis(basis).select_related(
        "indicator", "area", "period", "baseline_period"
    )
    found = _filtered(
        related,
        area=area,
        indicator=indicator,
        theme=theme,
        period_from=period_from,
        period_to=period_to,
    ).order_by(*NEWEST_FIRST)
    rows = [_comparison_row(c) for c in found]
    if user.is_authenticated:
        return rows
    return _as_the_public_sees(rows, list(found))


def _comparison_row(c: Comparison) -> dict:
    return {
        "indicator_code": c.indicator.code,
        "indicator_name": c.indicator.name,
        "unit": c.indicator.unit,
        "area_code": c.area.code,
        "area_name": c.area.name,
        "period_code": c.period.code,
        "period_start": c.period.start,
        "baseline_period_code": c.baseline_period.code if c.baseline_period else None,
        "current_value": _plain(c.current_value),
        "current_status": PUBLISHED if c.current_value is not None else NOT_AVAILABLE,
        "baseline_value": _plain(c.baseline_value),
        "baseline_status": PUBLISHED if c.baseline_value is not None else NOT_AVAILABLE,
        "change": _plain(c.change),
        "change_unit": c.change_unit,
        "pct_change": _plain(c.pct_change_1dp),
        "rate_per_1000": _plain(c.rate_per_1000),
        "direction": c.direction,
        "target_status": c.target_status,
        "rag": c.rag,
        "provisional": c.provisional,
        "baseline_provisional": c.baseline_provisional,
        "warnings": [str(w) for w in c.warnings],
    }


def _as_the_public_sees(rows: list[dict], found: list[Comparison]) -> list[dict]:
    """Only cells the published figures page shows, suppressed as there."""
    indicators = {i.pk: i for i in Indicator.objects.all()}
    periods = {c.period_id: c.period for c in found}
    periods.update({c.baseline_period_id: c.baseline_period for c in found if c.baseline_period})
    shown = {pk: shown_cells(period, indicators) for pk, period in periods.items()}
    public = []
    for row, c in zip(rows, found, strict=True):
        current = shown[c.period_id].get((c.indicator_id, c.area_id))
        if current is None:
            continue  # not published (not every part of it approved, say)
        row["warnings"] = []
        if current[1].hidden:
            _hide(row, "current", current[1].text)
        baseline = shown.get(c.baseline_period_id, {}).get((c.indicator_id, c.area_id))
        if baseline is None:
            row["baseline_value"], row["baseline_status"] = None, NOT_AVAILABLE
            _blank_the_comparison(row)
        elif baseline[1].hidden:
            _hide(row, "baseline", baseline[1].text)
        public.append(row)
    return public


def _hide(row: dict, which: str, text: str) -> None:
    row[f"{which}_value"], row[f"{which}_status"] = None, text
    if which == "current":
        row["rate_per_1000"] = None
        row["rag"] = row["target_status"] = ""
    _blank_the_comparison(row)


def _blank_the_comparison(row: dict) -> None:
    row["change"] = row["pct_change"] = None
    row["direction"] = ""


def entered_figures(
    *, user, provisional: bool = False, area: str = "", indicator: str = "", theme: str = "",
    period_from: date | None = None, period_to: date | None = None,
) -> list[dict]:  # fmt: skip
    """Figures as entered, as this signed-in caller may read them (see the module's rules)."""
    if not user.is_authenticated:
        raise NotAllowed(
            "Entered figures are for signed-in partners (a session or a token); the published "
            "figures are at /api/figures."
        )
    sees_all = provisional and may_include_provisional(user)
    figures = Figure.objects.select_related("indicator", "area", "period")
    found = _filtered(
        figures if sees_all else figures_visible_to(user, figures),
        area=area,
        indicator=indicator,
        theme=theme,
        period_from=period_from,
        period_to=period_to,
    ).order_by(*NEWEST_FIRST)
    rows = []
    for figure in found:
        working = provisional and (sees_all or sees_unapproved_of(user, figure))
        if working and figure.status not in SETTLED:
            value, reason = figure.value, figure.not_available_reason
            status, marked = figure.status, True
        elif figure.approved_at is not None:
            value, reason = figure.approved_value, figure.approved_not_available_reason
            status, marked = Figure.Status.APPROVED.value, False
        else:
            continue  # a draft the caller did not ask for
        rows.append(
            {
                "indicator_code": figure.indicator.code,
                "area_code": figure.area.code,
                "period_code": figure.period.code,
                "period_start": figure.period.start,
                "value": _plain(value),
                "not_available_reason": reason,
                "status": status,
                "provisional": marked,
            }
        )
    return rows
