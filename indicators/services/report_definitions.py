"""The performance lead edits report definitions: which sections a performance appendix or
report prints, in which order, with which indicators. Every change raises the definition's
version, so a change made from a stale page is refused."""

from django.db import transaction
from django.utils.text import slugify

from indicators.models import Indicator, ReportDefinition, ReportSection
from shp.errors import ApplicationError
from shp.ordering import moved, positions_renumber
from shp.permissions import user_roles
from shp.roles import PERFORMANCE_LEAD_ROLES

MAX_SECTIONS = 30
MAX_TREND_CHARTS = 6


def _require_lead(user) -> None:
    if not user_roles(user) & PERFORMANCE_LEAD_ROLES:
        raise ApplicationError("Only the performance lead can change report definitions.")


def _locked(definition: ReportDefinition, read_version: int | None) -> ReportDefinition:
    locked = ReportDefinition.objects.select_for_update().get(pk=definition.pk)
    if read_version is not None and read_version != locked.version:
        raise ApplicationError(
            f"Someone changed {locked.name} after you opened this page, so your change was not "
            "saved. Open it again to see theirs."
        )
    return locked


def _touched(definition: ReportDefinition, user, reason: str) -> None:
    definition.version += 1
    definition._history_user = user
    definition._change_reason = reason[:100]
    definition.save()


@transaction.atomic
def definition_save(
    *, user, name: str, description: str = "", is_default: bool = False,
    definition: ReportDefinition | None = None, read_version: int | None = None,
) -> ReportDefinition:  # fmt: skip
    """Add a report definition, or rename and describe ``definition``; the default one is used
    wherever no definition is chosen (there is one default at most)."""
    _require_lead(user)
    name = (name or "").strip()
    if not name:
        raise ApplicationError("Enter the report definition's name", field="name")
    others = ReportDefinition.objects.all()
    if definition is not None:
        definition = _locked(definition, read_version)
        others = others.exclude(pk=definition.pk)
    if others.filter(name__iexact=name).exists():
        raise ApplicationError(f"There is already a report definition called {name}", field="name")
    if definition is None:
        slug = slugify(name)[:80]
        if not slug:
            raise ApplicationError("The name needs letters or digits", field="name")
        if ReportDefinition.objects.filter(slug=slug).exists():
            raise ApplicationError(f"There is already a report definition {slug}", field="name")
        definition = ReportDefinition(slug=slug, version=0)
    if is_default:
        others.filter(is_default=True).update(is_default=False)
    elif definition.is_default:
        raise ApplicationError(
            "Make another definition the default instead: one is always used when none is chosen",
            field="is_default",
        )
    definition.name, definition.description = name, (description or "").strip()
    definition.is_default = is_default or definition.is_default
    _touched(definition, user, "Name and description")
    return definition


def _check_section(kind: str, indicators: list[Indicator]) -> None:
    if kind not in ReportSection.Kind.values:
        raise ApplicationError("Choose what the section shows", field="kind")
    if kind == ReportSection.Kind.SCORECARD:
        if indicators:
            raise ApplicationError(
                "A scorecard shows every indicator with a target, by objective: choose no "
                "indicators for it",
                field="indicators",
            )
        return
    if not indicators:
        raise ApplicationError("Choose at least one indicator for the section", field="indicators")
    if kind == ReportSection.Kind.DISTRICTS:
        no_rate = [i.name for i in indicators if not i.rate_denominator]
        if no_rate:
            raise ApplicationError(
                f"{', '.join(no_rate)} has no rate per 1,000, so districts cannot be compared "
                "on it",
                field="indicators",
            )
    charted = (ReportSection.Kind.TREND, ReportSection.Kind.HEADLINE)
    if kind in charted and len(indicators) > MAX_TREND_CHARTS:
        raise ApplicationError(
            f"Choose at most {MAX_TREND_CHARTS} indicators for trend charts", field="indicators"
        )


@transaction.atomic
def section_save(
    *, user, definition: ReportDefinition, kind: str, title: str = "", indicators=(),
    show_rate: bool = False, show_chart: bool = False, section: ReportSection | None = None,
    read_version: int | None = None,
) -> ReportSection:  # fmt: skip
    """Add a section at the end of ``definition``, or change ``section``."""
    _require_lead(user)
    definition = _locked(definition, read_version)
    indicators = list(indicators)
    _check_section(kind, indicators)
    if section is None:
        count = definition.sections.count()
        if count >= MAX_SECTIONS:
            raise ApplicationError(f"A report has at most {MAX_SECTIONS} sections")
        last = definition.sections.order_by("-position").values_list("position", flat=True)
        section = ReportSection(definition=definition, position=(last.first() or 0) + 1)
    elif section.definition_id != definition.pk:
        raise ApplicationError("That section is not part of this report definition")
    section.kind, section.title = kind, (title or "").strip()
    section.show_rate = bool(show_rate) and kind == ReportSection.Kind.TABLE
    section.show_chart = bool(show_chart) and kind == ReportSection.Kind.DISTRICTS
    section._history_user = user
    section.save()
    section.indicators.set(indicators)
    _touched(definition, user, f"Section {section.position}: {section.title or kind}")
    return section


@transaction.atomic
def section_move(*, user, section: ReportSection, step: int, read_version: int | None) -> None:
    """Move a section one place up (``step`` -1) or down (+1)."""
    _require_lead(user)
    definition = _locked(section.definition, read_version)
    ordered = list(definition.sections.order_by("position"))
    ordered = moved(ordered, section, {-1: "up", 1: "down"}.get(step, ""))
    positions_renumber(ordered, user)
    _touched(definition, user, "Sections reordered")


@transaction.atomic
def section_delete(*, user, section: ReportSection, read_version: int | None) -> None:
    """Remove a section (its history is kept)."""
    _require_lead(user)
    definition = _locked(section.definition, read_version)
    section._history_user = user
    section.delete()
    positions_renumber(list(definition.sections.order_by("position")), user)
    _touched(definition, user, "Section removed")
