"""The performance appendix as a kind of generated appendix for agenda packs, registered with
the meetings app in ``IndicatorsConfig.ready``: the attach form asks for the area, the period,
its baseline and the report definition. The figures the packs printed are checked here for
revisions."""

from django import forms

from indicators.models import Area, Period, ReportDefinition
from shp.errors import ApplicationError

KEY = "performance"


def _build(options: dict, public: bool) -> str:
    from indicators.reports import performance_appendix_html

    # Packs print approved figures; the public pack's are suppressed too.
    return performance_appendix_html(options={**options, "basis": "", "public": public})


def _state(options: dict, public: bool) -> str:
    from indicators.reports import comparisons_fingerprint

    return comparisons_fingerprint(options={**options, "basis": "", "public": public})


def _figures(options: dict, public: bool) -> list[dict]:
    from indicators.snapshots import printed_figures

    return printed_figures(options={**options, "basis": "", "public": public})


def _form_fields() -> dict:
    periods = Period.objects.order_by("-end", "start")
    return {
        "performance_area": forms.ModelChoiceField(
            label="Area (for a performance appendix)",
            queryset=Area.objects.order_by("display_order", "name"),
            required=False,
            empty_label="Choose an area",
            to_field_name="code",
            error_messages={"invalid_choice": "Choose an area from the list"},
        ),
        "performance_period": forms.ModelChoiceField(
            label="Period (for a performance appendix)",
            queryset=periods,
            required=False,
            empty_label="Choose a period",
            to_field_name="code",
            error_messages={"invalid_choice": "Choose a period from the list"},
        ),
        "performance_baseline": forms.ModelChoiceField(
            label="Compared with (optional)",
            queryset=periods,
            required=False,
            empty_label="The same period a year earlier",
            to_field_name="code",
            error_messages={"invalid_choice": "Choose a period from the list"},
        ),
        "performance_definition": forms.ModelChoiceField(
            label="Report definition (optional)",
            queryset=ReportDefinition.objects.order_by("-is_default", "name"),
            required=False,
            empty_label="The default report definition",
            to_field_name="slug",
            error_messages={"invalid_choice": "Choose a report definition from the list"},
        ),
    }


def _form_options(cleaned: dict) -> dict:
    area, period = cleaned.get("performance_area"), cleaned.get("performance_period")
    errors = {}
    if area is None:
        errors["performance_area"] = "Choose the area the appendix reports on"
    if period is None:
        errors["performance_period"] = "Choose the period the appendix reports on"
    if errors:
        raise forms.ValidationError(errors)
    baseline, definition = (
        cleaned.get("performance_baseline"),
        cleaned.get("performance_definition"),
    )
    options = {
        "area": area.code,
        "period": period.code,
        "baseline": baseline.code if baseline else "",
        "definition": definition.slug if definition else "",
    }
    from indicators.reports import performance_options_problem

    problem = performance_options_problem(options)
    if problem:
        raise forms.ValidationError({"performance_baseline": problem})
    return options


def _check(options: dict) -> None:
    from indicators.reports import performance_options_problem

    problem = performance_options_problem(options)
    if problem:
        raise ApplicationError(
            f"The performance appendix needs an area and a period: {problem}",
            field="performance_area",
        )


def _members_packs() -> list:
    """The members' packs that printed figures, as documents whose figures may be revised."""
    from indicators.snapshots import PrintedDocument
    from meetings.packs.snapshots import members_packs_printed

    return [PrintedDocument(p.label, p.url, p.rows) for p in members_packs_printed()]


def register() -> None:
    from indicators.snapshots import revisions, source_register
    from meetings.packs.generators import GeneratedKind, generated_kind_register
    from meetings.packs.snapshots import revisions_source_register

    # Dashboards say which figures were revised since the members' packs printed them, and a
    # pack's page which of its figures were.
    source_register(_members_packs)
    revisions_source_register(revisions)

    generated_kind_register(
        GeneratedKind(
            key=KEY,
            label="Performance appendix for a period",
            build=_build,
            state=_state,
            figures=_figures,
            form_fields=_form_fields,
            form_options=_form_options,
            check=_check,
        )
    )
