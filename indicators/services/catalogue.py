"""The performance lead keeps the indicator catalogue in the app: add, change and retire
indicators, with their history kept; a stale change is refused."""

import re
from datetime import date

from django.db import transaction

from indicators.models import Indicator, SeriesBreak, normalise_name
from shp.errors import ApplicationError
from shp.permissions import user_roles
from shp.roles import PERFORMANCE_LEAD_ROLES

CODE = re.compile(r"[A-Z][A-Z0-9_]{0,39}")
FIELDS = (
    "code",
    "name",
    "aliases",
    "description",
    "theme",
    "unit",
    "polarity",
    "parent",
    "parent_rule",
    "rate_denominator",
    "source",
    "owner",
    "frequency",
    "valid_from",
    "valid_to",
)


def _require_lead(user) -> None:
    if not user_roles(user) & PERFORMANCE_LEAD_ROLES:
        raise ApplicationError("Only the performance lead can change the catalogue.")


def _ancestors(indicator: Indicator | None) -> set[int]:
    seen = set()
    while indicator is not None and indicator.pk not in seen:
        seen.add(indicator.pk)
        indicator = indicator.parent
    return seen


@transaction.atomic
def indicator_save(
    *, user, values: dict, indicator: Indicator | None = None, read_version: int | None = None
) -> Indicator:
    """Add an indicator, or change ``indicator``; ``values`` are the model's fields (the form's
    cleaned data), and optionally ``objectives``, the strategic objectives it measures (left as
    they are when absent). A change made from a stale page (``read_version``) is refused."""
    _require_lead(user)
    values = dict(values)
    objectives = values.pop("objectives", None)
    if indicator is not None:
        indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
        if read_version is not None and read_version != indicator.version:
            raise ApplicationError(
                f"Someone changed {indicator.name} after you opened this page, so your changes "
                "were not saved. Open it again to see theirs."
            )
    indicator = indicator_write(user=user, values=values, indicator=indicator)
    if objectives is not None:
        indicator.objectives.set(objectives)
    from indicators.services.comparisons import comparisons_recompute_start

    comparisons_recompute_start(user=user, full=True)
    return indicator


def indicator_write(
    *, user, values: dict, indicator: Indicator | None = None, reason: str = ""
) -> Indicator:
    """Check and save one indicator's fields, with no role check, lock or recompute (the
    callers do those once). Checks what the database cannot say clearly: the code's form, names
    and aliases unique across the catalogue, a parent with a rule and no loop, dates in order."""
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise ApplicationError(f"Unknown catalogue fields: {', '.join(sorted(unknown))}")
    code = (values.get("code") or "").strip().upper()
    if not CODE.fullmatch(code):
        raise ApplicationError(
            "The code must start with a letter and use only capital letters, digits and "
            "underscores (at most 40), for example DELIB_PRIMARY",
            field="code",
        )
    name = (values.get("name") or "").strip()
    if not name:
        raise ApplicationError("Enter the indicator's name", field="name")
    if len(name) > Indicator._meta.get_field("name").max_length:
        raise ApplicationError("The name must be 200 characters or fewer", field="name")
    aliases = [a.strip() for a in values.get("aliases") or [] if a.strip()]
    others = Indicator.objects.exclude(pk=indicator.pk) if indicator else Indicator.objects.all()
    if others.filter(code=code).exists():
        raise ApplicationError(f"Another indicator already has the code {code}", field="code")
    taken = {}
    for other in others.only("code", "name", "aliases"):
        for text in [other.code, other.name, *other.aliases]:
            taken[normalise_name(text)] = other
    for text, field in [(name, "name"), *((a, "aliases") for a in aliases)]:
        clash = taken.get(normalise_name(text))
        if clash is not None:
            raise ApplicationError(
                f'"{text}" is already how {clash.name} ({clash.code}) is known: names and '
                "aliases must tell indicators apart in uploaded files",
                field=field,
            )
    parent, rule = values.get("parent"), values.get("parent_rule") or ""
    if parent is None and rule:
        raise ApplicationError("Choose the total this is part of, or no rule", field="parent")
    if parent is not None and not rule:
        raise ApplicationError(
            "Say whether it adds up to its parent or is only a subset of it", field="parent_rule"
        )
    if parent is not None and indicator is not None and indicator.pk in _ancestors(parent):
        raise ApplicationError(
            f"{parent.name} is part of {indicator.name}, so it cannot also be its total",
            field="parent",
        )
    valid_from, valid_to = values.get("valid_from"), values.get("valid_to")
    if valid_from and valid_to and valid_from > valid_to:
        raise ApplicationError("The definition must start before it ends", field="valid_to")
    indicator = indicator or Indicator(version=0)
    for field in FIELDS:
        if field in values:
            setattr(indicator, field, values[field])
    indicator.code, indicator.name, indicator.aliases = code, name, aliases
    indicator.parent_rule = rule
    indicator.version += 1
    indicator._history_user = user
    if reason:
        indicator._change_reason = reason[:100]
    indicator.save()
    return indicator


@transaction.atomic
def indicator_retire(*, user, indicator: Indicator, last_day: date) -> Indicator:
    """Retire an indicator: its definition ends on ``last_day``; its figures stay."""
    _require_lead(user)
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    if indicator.valid_from and last_day < indicator.valid_from:
        raise ApplicationError("It cannot end before it started", field="last_day")
    indicator.valid_to = last_day
    indicator.version += 1
    indicator._history_user = user
    indicator._change_reason = f"Retired from {last_day:%-d %B %Y}"
    indicator.save()
    from indicators.services.comparisons import comparisons_recompute_start

    comparisons_recompute_start(user=user, full=True)
    return indicator


@transaction.atomic
def series_break_record(
    *, user, indicator: Indicator, starts_on: date, definition: str, reason: str
) -> SeriesBreak:
    """A new definition of ``indicator`` from ``starts_on``; the old one is kept on the break
    (and in the indicator's history). Charts cut the line there."""
    _require_lead(user)
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    definition, reason = (definition or "").strip(), (reason or "").strip()
    if not definition:
        raise ApplicationError("Describe the new definition", field="definition")
    if not reason:
        raise ApplicationError("Say why the definition changed", field="reason")
    if definition == indicator.description.strip():
        raise ApplicationError(
            "The new definition is the same as the current one", field="definition"
        )
    if indicator.valid_from and starts_on <= indicator.valid_from:
        raise ApplicationError(
            f"The break must come after the definition starts ({indicator.valid_from:%-d %B %Y})",
            field="starts_on",
        )
    if indicator.valid_to and starts_on > indicator.valid_to:
        raise ApplicationError(
            f"{indicator.name} ends on {indicator.valid_to:%-d %B %Y}, before that day",
            field="starts_on",
        )
    if indicator.series_breaks.filter(starts_on=starts_on).exists():
        raise ApplicationError(
            f"A series break from {starts_on:%-d %B %Y} is already recorded", field="starts_on"
        )
    recorded = SeriesBreak(
        indicator=indicator,
        starts_on=starts_on,
        previous_definition=indicator.description,
        definition=definition,
        reason=reason,
        recorded_by=user,
    )
    recorded._history_user = user
    recorded.save()
    indicator.description = definition
    indicator.version += 1
    indicator._history_user = user
    indicator._change_reason = f"New definition from {starts_on:%-d %B %Y}: {reason}"[:100]
    indicator.save()
    from indicators.services.comparisons import comparisons_recompute_start

    comparisons_recompute_start(user=user, full=True)
    return recorded
