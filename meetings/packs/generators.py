"""Generated appendices: each ``Appendix.Generator`` value names a function that returns the
appendix body as HTML, and one that fingerprints what it is made from."""

import hashlib
import json
import re

from meetings.models import Appendix


class GeneratorMissing(Exception):
    """An appendix names a generator this installation does not have."""


def _performance(options: dict, public: bool) -> str:
    from indicators.reports import performance_appendix_html

    # Packs print approved figures; the public pack's are suppressed too.
    return performance_appendix_html(options={**options, "basis": "", "public": public})


def _performance_state(options: dict, public: bool) -> str:
    from indicators.reports import comparisons_fingerprint

    return comparisons_fingerprint(options={**options, "basis": "", "public": public})


def _action_plan(options: dict, public: bool) -> str:
    from strategies.reports import action_plan_body_html  # added with the strategies app

    return action_plan_body_html(**options)


def _action_plan_state(options: dict, public: bool) -> str:
    # The report says the day it was made; that alone is not a change to the pack.
    return re.sub(r"Progress as recorded on [^.<]*\.", "", _action_plan(options, public))


def _performance_snapshot(options: dict, public: bool) -> list[dict]:
    from indicators.snapshots import printed_figures

    return printed_figures(options={**options, "basis": "", "public": public})


def _no_figures(options: dict, public: bool) -> list[dict]:
    return []


# kind → (body HTML, state to fingerprint, the figures it prints)
GENERATORS = {
    "performance": (_performance, _performance_state, _performance_snapshot),
    "action_plan": (_action_plan, _action_plan_state, _no_figures),
}


def _resolve(appendix: Appendix):
    try:
        return GENERATORS[appendix.generator]
    except KeyError:
        raise GeneratorMissing(
            f"{appendix.label} asks for a generated appendix of kind {appendix.generator!r}, "
            "which this installation cannot make."
        ) from None


def generated_html(appendix: Appendix, *, public: bool) -> str:
    """The generated appendix's body HTML, for the public pack or the members' pack."""
    build, _, _ = _resolve(appendix)
    return build(dict(appendix.generator_options), public)


def generated_state(appendix: Appendix, *, public: bool) -> str:
    """A short text that changes whenever the generated appendix would change."""
    _, state, _ = _resolve(appendix)
    text = state(dict(appendix.generator_options), public)
    options = json.dumps(appendix.generator_options, sort_keys=True)
    return hashlib.sha256(f"{appendix.generator}|{options}|{text}".encode()).hexdigest()


def generated_figures(appendix: Appendix, *, public: bool) -> list[dict]:
    """The figures the generated appendix prints, to keep with the pack."""
    _, _, snapshot = _resolve(appendix)
    return snapshot(dict(appendix.generator_options), public)
