"""The indicators app's part of setting up a partnership from files (see ``shp.setup``):

- ``areas.csv``: ``code, name, short_name, kind (district|force), parent, display_order,
  aliases, reported_by`` — the parent is the force area's code; aliases and reporting
  organisations (slugs) are separated by semicolons;
- ``denominators.csv``: ``area, year, population, population_source, households,
  households_source``;
- ``catalogue.csv`` or ``catalogue.xlsx``: the catalogue file (as the catalogue import reads it);
- ``report.json``: the default report definition, ``{"name", "description", "sections":
  [{"kind", "title", "indicators": [codes], "show_rate", "show_chart"}]}``;
- ``figures.csv`` or ``figures.xlsx``: published (approved) figures, as the figures import reads
  them; ``targets.csv``: targets, as the targets import reads them.
"""

from django.utils.text import slugify

from indicators.models import Area, Denominator, Figure, Indicator, ReportDefinition, ReportSection
from indicators.services.catalogue_imports import catalogue_load
from indicators.services.imports import ImportFailed, figures_import
from indicators.services.reference import targets_import
from indicators.services.report_definitions import _check_section
from shp.errors import ApplicationError
from shp.models import Organisation
from shp.setup import SetupFailed, register_setup_step


def _failed(name: str, failure: ImportFailed) -> SetupFailed:
    return SetupFailed([f"{name}: {problem}" for problem in failure.problems])


def _split(text: str) -> list[str]:
    return [part.strip() for part in (text or "").split(";") if part.strip()]


def _areas_load(files, *, user, recompute_now) -> list[str]:
    rows = files.csv_rows("areas.csv", {"code", "name", "kind"})
    problems = []
    kinds = set(Area.Kind.values)
    organisations = {o.slug: o for o in Organisation.objects.all()}
    codes = [row["code"] for _, row in rows]
    ordered = sorted(rows, key=lambda item: bool(item[1].get("parent")))  # forces first
    for number, row in ordered:
        where = f"areas.csv: row {number}"
        code, name, kind = row["code"], row["name"], row["kind"].lower()
        if not code or not name:
            problems.append(f"{where}: code and name are needed")
            continue
        if codes.count(code) > 1:
            problems.append(f"{where}, column code: {code} is in the file more than once")
            continue
        if kind not in kinds:
            problems.append(f'{where}, column kind: "{kind}" is not district or force')
            continue
        parent = None
        if row.get("parent"):
            parent = Area.objects.filter(code=row["parent"], kind=Area.Kind.FORCE).first()
            if parent is None:
                problems.append(f"{where}, column parent: {row['parent']} is not a force area")
                continue
        order = row.get("display_order") or "0"
        if not order.isdigit():
            problems.append(f'{where}, column display_order: "{order}" is not a whole number')
            continue
        missing = [slug for slug in _split(row.get("reported_by", "")) if slug not in organisations]
        if missing:
            problems.append(f"{where}, column reported_by: no organisation {', '.join(missing)}")
            continue
        if Area.objects.filter(name=name).exclude(code=code).exists():
            problems.append(f'{where}, column name: "{name}" is another area\'s name')
            continue
        area, _ = Area.objects.update_or_create(
            code=code,
            defaults={
                "name": name[:100],
                "short_name": (row.get("short_name") or "")[:40],
                "kind": kind,
                "parent": parent,
                "display_order": int(order),
                "aliases": _split(row.get("aliases", "")),
            },
        )
        area.reported_by.set(organisations[slug] for slug in _split(row.get("reported_by", "")))
    if problems:
        raise SetupFailed(problems)
    return [f"Areas: {len(rows)}"] if rows else []


def _whole_number(text: str, where: str, column: str, problems, *, optional=False):
    if not text and optional:
        return None
    if not text.replace(",", "").isdigit():
        problems.append(f'{where}, column {column}: "{text}" is not a whole number')
        return None
    return int(text.replace(",", ""))


def _denominators_load(files, *, user, recompute_now) -> list[str]:
    rows = files.csv_rows("denominators.csv", {"area", "year", "population", "population_source"})
    problems = []
    areas = {a.code: a for a in Area.objects.all()} | {a.name: a for a in Area.objects.all()}
    for number, row in rows:
        where = f"denominators.csv: row {number}"
        area = areas.get(row["area"])
        if area is None:
            problems.append(f'{where}, column area: "{row["area"]}" is not an area')
            continue
        year = _whole_number(row["year"], where, "year", problems)
        population = _whole_number(row["population"], where, "population", problems)
        households = _whole_number(
            row.get("households", ""), where, "households", problems, optional=True
        )
        if not row["population_source"]:
            problems.append(f"{where}, column population_source: say where the number came from")
        if year is None or population is None or problems:
            continue
        Denominator.objects.update_or_create(
            area=area,
            year=year,
            defaults={
                "population": population,
                "population_source": row["population_source"][:300],
                "households": households,
                "households_source": (row.get("households_source") or "")[:300],
            },
        )
    if problems:
        raise SetupFailed(problems)
    return [f"Denominators: {len(rows)}"] if rows else []


def _catalogue_load(files, *, user, recompute_now) -> list[str]:
    found = files.get("catalogue.csv", "catalogue.xlsx")
    if found is None:
        return []
    name, content = found
    try:
        result = catalogue_load(content=content, filename=name, user=user)
    except ImportFailed as failure:
        raise _failed(name, failure) from None
    return [f"Catalogue: {result.count('create')} new, {result.count('update')} changed"]


def _report_load(files, *, user, recompute_now) -> list[str]:
    data = files.json("report.json")
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
        raise SetupFailed(["report.json: must be an object with a name and a list of sections"])
    name = str(data.get("name") or "").strip()[:200]
    if not name:
        raise SetupFailed(["report.json: name is missing"])
    codes = {i.code: i for i in Indicator.objects.all()}
    problems, sections = [], []
    for number, section in enumerate(data["sections"], start=1):
        where = f"report.json: section {number}"
        if not isinstance(section, dict):
            problems.append(f"{where}: must be an object")
            continue
        wanted = section.get("indicators") or []
        if not isinstance(wanted, list):
            problems.append(f"{where}: indicators must be a list of codes")
            continue
        unknown = [str(c) for c in wanted if not isinstance(c, str) or c not in codes]
        if unknown:
            problems.append(f"{where}: no indicator {', '.join(unknown)}")
            continue
        indicators = [codes[c] for c in wanted]
        kind = str(section.get("kind") or "")
        try:
            _check_section(kind, indicators)
        except ApplicationError as error:
            problems.append(f"{where}: {error.message}")
            continue
        sections.append((kind, str(section.get("title") or "")[:200], indicators, section))
    if problems:
        raise SetupFailed(problems)
    slug = slugify(name)[:80] or "report"
    ReportDefinition.objects.filter(is_default=True).exclude(slug=slug).update(is_default=False)
    definition, _ = ReportDefinition.objects.update_or_create(
        slug=slug,
        defaults={
            "name": name,
            "description": str(data.get("description") or ""),
            "is_default": True,
        },
    )
    definition.sections.all().delete()
    for position, (kind, title, indicators, section) in enumerate(sections, start=1):
        saved = ReportSection.objects.create(
            definition=definition,
            position=position,
            kind=kind,
            title=title,
            show_rate=bool(section.get("show_rate")),
            show_chart=bool(section.get("show_chart")),
        )
        saved.indicators.set(indicators)
    return [f"Report definition: {name}, {len(sections)} sections"]


def _figures_load(files, *, user, recompute_now) -> list[str]:
    lines = []
    found = files.get("figures.csv", "figures.xlsx")
    if found is not None:
        name, content = found
        try:
            result = figures_import(
                content=content,
                filename=name,
                user=user,
                status=Figure.Status.APPROVED,
                recompute=False,
            )
        except ImportFailed as failure:
            raise _failed(name, failure) from None
        lines.append(f"Figures: {result.count('create')} new, {result.count('update')} changed")
    found = files.get("targets.csv")
    if found is not None:
        try:
            lines.append(f"Targets: {targets_import(content=found[1])}")
        except ImportFailed as failure:
            raise _failed("targets.csv", failure) from None
    return lines


def _recompute(files, *, user, recompute_now) -> list[str]:
    from indicators.services.comparisons import (
        comparisons_recompute,
        comparisons_recompute_start,
    )

    if recompute_now:
        return [f"Comparisons: {comparisons_recompute()}"]
    comparisons_recompute_start(user=user, full=True)
    return ["Comparisons: being worked out by a background job"]


def register() -> None:
    register_setup_step(order=30, files=("areas.csv",), load=_areas_load)
    register_setup_step(order=31, files=("denominators.csv",), load=_denominators_load)
    register_setup_step(order=40, files=("catalogue.csv", "catalogue.xlsx"), load=_catalogue_load)
    register_setup_step(order=50, files=("report.json",), load=_report_load)
    register_setup_step(
        order=70, files=("figures.csv", "figures.xlsx", "targets.csv"), load=_figures_load
    )
    register_setup_step(order=90, files=(), load=_recompute)
