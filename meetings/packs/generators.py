"""Generated appendices: each app registers the kinds it can make in its ``AppConfig.ready``
(the indicators app a performance appendix, the strategies app an action-plan report), so the
meetings app knows none of them. A kind says how to build its body HTML, what to fingerprint,
the figures it prints, and which fields the attach form asks for."""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from meetings.models import Appendix


class GeneratorMissing(Exception):
    """An appendix names a generator this installation does not have."""


def _no_figures(options: dict, public: bool) -> list[dict]:
    return []


def _no_fields() -> dict:
    return {}


def _any_options(options: dict) -> None:
    return None


@dataclass(frozen=True)
class GeneratedKind:
    key: str  # stored on the appendix
    label: str  # what the attach form offers, and the default title
    build: Callable[[dict, bool], str]  # (options, public) → body HTML
    state: Callable[[dict, bool], str]  # (options, public) → text that changes when it would
    figures: Callable[[dict, bool], list[dict]] = _no_figures  # the figures it prints
    form_fields: Callable[[], dict] = _no_fields  # name → form field, each name starting key_
    # The attach form's cleaned data → the options; raises forms.ValidationError({field: …}).
    form_options: Callable[[dict], dict] = field(default=lambda cleaned: {})
    check: Callable[[dict], None] = _any_options  # raises ApplicationError for bad options


_KINDS: dict[str, GeneratedKind] = {}


def generated_kind_register(kind: GeneratedKind) -> None:
    _KINDS[kind.key] = kind


def generated_kinds() -> list[GeneratedKind]:
    return list(_KINDS.values())


def generated_kind(key: str) -> GeneratedKind:
    try:
        return _KINDS[key]
    except KeyError:
        raise GeneratorMissing(f"There is no kind of generated appendix {key!r}.") from None


def _resolve(appendix: Appendix) -> GeneratedKind:
    try:
        return generated_kind(appendix.generator)
    except GeneratorMissing:
        raise GeneratorMissing(
            f"{appendix.label} asks for a generated appendix of kind {appendix.generator!r}, "
            "which this installation cannot make."
        ) from None


def generated_html(appendix: Appendix, *, public: bool) -> str:
    """The generated appendix's body HTML, for the public pack or the members' pack."""
    return _resolve(appendix).build(dict(appendix.generator_options), public)


def generated_state(appendix: Appendix, *, public: bool) -> str:
    """A short text that changes whenever the generated appendix would change."""
    text = _resolve(appendix).state(dict(appendix.generator_options), public)
    options = json.dumps(appendix.generator_options, sort_keys=True)
    return hashlib.sha256(f"{appendix.generator}|{options}|{text}".encode()).hexdigest()


def generated_figures(appendix: Appendix, *, public: bool) -> list[dict]:
    """The figures the generated appendix prints, to keep with the pack."""
    return _resolve(appendix).figures(dict(appendix.generator_options), public)
