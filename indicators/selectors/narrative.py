"""Reads behind the drafted summary of an area's period (``indicators.narrative``) and the
summary members are shown: the lead's saved text, kept from members on approved figures while
any figure of the area and period awaits approval (it may quote one)."""

from dataclasses import dataclass

from django.db.models import Q

from indicators import narrative
from indicators.models import Basis, Comparison, Indicator, Narrative, Period, ReportSection
from indicators.selectors import yoy_table


def _ancestors(indicators: dict[int, Indicator], indicator: Indicator) -> tuple[str, ...]:
    found, seen, parent_id = [], set(), indicator.parent_id
    while parent_id is not None and parent_id not in seen and parent_id in indicators:
        seen.add(parent_id)
        found.append(indicators[parent_id].code)
        parent_id = indicators[parent_id].parent_id
    return tuple(found)


def narrative_tables(*, area, period, baseline, basis: str = Basis.APPROVED) -> list:
    """The report definition's tables as narrative lines (headline first), from the comparisons."""
    from indicators.reports import report_definition  # the reports print the narrative too

    definition = report_definition()
    if definition is None:
        return []
    rows = {
        row.indicator: row
        for row in yoy_table(area=area, period=period, baseline=baseline, basis=basis)
    }
    indicators = {i.pk: i for i in Indicator.objects.only("pk", "code", "parent_id")}
    by_code = {i.code: i for i in indicators.values()}
    tables = []
    sections = sorted(definition.sections.all(), key=lambda section: section.position)
    for section in sections:
        if section.kind != ReportSection.Kind.TABLE:
            continue
        chosen = sorted(section.indicators.all(), key=lambda i: (i.display_order, i.name))
        lines = [
            narrative.line_of(rows[i.code], _ancestors(indicators, by_code[i.code]))
            for i in chosen
            if i.code in rows
        ]
        if lines and lines[0].code == chosen[0].code:
            tables.append(lines)
    return tables


def narrative_drafted(*, area, period, basis: str = Basis.APPROVED) -> str:
    """The summary drafted from the comparisons of ``area`` and ``period`` with the same period
    a year earlier ("" when there is nothing to compare)."""
    baseline = Period.objects.filter(code=period.spec.shifted(-1).code).first()
    if baseline is None:  # no figures a year earlier: nothing changed that can be said
        return ""
    tables = narrative_tables(area=area, period=period, baseline=baseline, basis=basis)
    return narrative.narrative_draft(tables=tables, baseline=baseline.code)


@dataclass(frozen=True)
class ShownNarrative:
    text: str
    provisional: bool  # some figure of the area and period awaits approval
    updated_at: object
    version: int


def figures_awaiting_approval(*, area, period) -> bool:
    """Whether any comparison of the area and period rests on a figure not yet approved."""
    return (
        Comparison.on_basis(Basis.PROVISIONAL)
        .for_area_period(area, period)
        .filter(Q(provisional=True) | Q(baseline_provisional=True))
        .exists()
    )


def narrative_shown(*, area, period, basis: str = Basis.APPROVED) -> ShownNarrative | None:
    """The lead's summary as the basis shows it, or None."""
    saved = Narrative.objects.filter(area=area, period=period).first()
    if saved is None:
        return None
    provisional = figures_awaiting_approval(area=area, period=period)
    if provisional and basis != Basis.PROVISIONAL:
        return None
    return ShownNarrative(saved.text, provisional, saved.updated_at, saved.version)
