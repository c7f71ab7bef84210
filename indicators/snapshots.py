"""What members saw: the figures a printed document carried, and which have been revised since.

A printed document (an agenda pack, a performance report) keeps ``printed_figures``: each value
as printed with the figure (id, version) behind it. Apps that keep such documents register a
source in their ``AppConfig.ready()``; dashboards then say "revised since the pack of …: was …,
now …" by comparing each printed value with today's approved one.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from indicators.models import Comparison, Figure


@dataclass(frozen=True)
class PrintedDocument:
    label: str  # "the pack of 17 June 2016"
    url: str
    rows: list[dict]


@dataclass(frozen=True)
class Revision:
    indicator: str  # code
    name: str
    area: str  # code
    period: str
    document: str
    url: str
    was: str
    now: str

    @property
    def sentence(self) -> str:
        return f"revised since {self.document}: was {self.was}, now {self.now}"


# Each returns the printed documents members were given, newest first.
SOURCES: list[Callable[[], Iterable[PrintedDocument]]] = []


def source_register(source: Callable[[], Iterable[PrintedDocument]]) -> None:
    """Called by an app's AppConfig.ready() with a function listing its printed documents."""
    if source not in SOURCES:
        SOURCES.append(source)


def _plain(value: Decimal | None) -> str:
    return "not available" if value is None else f"{Decimal(value).normalize():f}"


def _shown(text: str) -> str:
    try:
        return f"{Decimal(text):,f}"
    except ArithmeticError:
        return text


def printed_figures(*, options: dict) -> list[dict]:
    """The figures the performance appendix prints for ``options``, each with the entered
    figure (id, version) behind it, if any (a derived total has none)."""
    from indicators.reports import performance_snapshot

    rows = performance_snapshot(options=options)
    if not rows:
        return []
    figures = Figure.objects.filter(
        indicator__code__in={r["indicator"] for r in rows},
        area__code__in={r["area"] for r in rows},
        period__code__in={r["period"] for r in rows},
    ).values_list("indicator__code", "area__code", "period__code", "pk", "version")
    behind = {(i, a, p): [pk, version] for i, a, p, pk, version in figures}
    return [{**r, "figure": behind.get((r["indicator"], r["area"], r["period"]))} for r in rows]


def revisions(rows: list[dict], *, document: str = "", url: str = "") -> list[Revision]:
    """The printed rows whose approved value is different today."""
    if not rows:
        return []
    current = {
        (i, a, p): (name, value)
        for i, a, p, name, value in Comparison.objects.filter(
            indicator__code__in={r["indicator"] for r in rows},
            area__code__in={r["area"] for r in rows},
            period__code__in={r["period"] for r in rows},
        ).values_list(
            "indicator__code", "area__code", "period__code", "indicator__name", "current_value"
        )
    }
    found = []
    for row in rows:
        key = (row["indicator"], row["area"], row["period"])
        if key not in current:
            continue
        name, value = current[key]
        now = _plain(value)
        if now != row["current"]:
            found.append(
                Revision(
                    indicator=row["indicator"],
                    name=name,
                    area=row["area"],
                    period=row["period"],
                    document=document,
                    url=url,
                    was=_shown(row["current"]),
                    now=_shown(now),
                )
            )
    return found


def revised_since_printed(*, area_code: str, period_code: str) -> dict[str, list[Revision]]:
    """For one area and period: each indicator's values revised since a document printed them,
    by indicator code."""
    by_indicator: dict[str, list[Revision]] = {}
    for source in SOURCES:
        for document in source():
            rows = [
                r for r in document.rows if r["area"] == area_code and r["period"] == period_code
            ]
            for revision in revisions(rows, document=document.label, url=document.url):
                by_indicator.setdefault(revision.indicator, []).append(revision)
    return by_indicator


def revised_for_indicator(*, indicator_code: str, area_code: str) -> dict[str, list[Revision]]:
    """For one indicator in one area: its values revised since a document printed them, by
    period code."""
    by_period: dict[str, list[Revision]] = {}
    for source in SOURCES:
        for document in source():
            rows = [
                r
                for r in document.rows
                if r["indicator"] == indicator_code and r["area"] == area_code
            ]
            for revision in revisions(rows, document=document.label, url=document.url):
                by_period.setdefault(revision.period, []).append(revision)
    return by_period
