"""The action-plan report as a kind of generated appendix for agenda packs, registered with the
meetings app in ``StrategiesConfig.ready``: the attach form asks for the plan and the report's
filters."""

import re

from django import forms

from shp.errors import ApplicationError
from shp.models import Organisation
from strategies.models import Action, Objective, Plan

KEY = "action_plan"


def _build(options: dict, public: bool) -> str:
    from strategies.reports import action_plan_body_html

    return action_plan_body_html(**options)


def _state(options: dict, public: bool) -> str:
    # The report says the day it was made; that alone is not a change to the pack.
    return re.sub(r"Progress as recorded on [^.<]*\.", "", _build(options, public))


class _ObjectiveChoice(forms.ModelChoiceField):
    def label_from_instance(self, objective):
        return f"{objective.plan.title} — {objective.number}. {objective.title}"


def _form_fields() -> dict:
    return {
        "action_plan": forms.ModelChoiceField(
            label="Plan (for an action-plan report)",
            queryset=Plan.objects.all(),
            required=False,
            empty_label="Choose a plan",
            error_messages={"invalid_choice": "Choose a plan from the list"},
        ),
        "action_plan_objective": _ObjectiveChoice(
            label="Only this objective (optional)",
            queryset=Objective.objects.select_related("plan"),
            required=False,
            empty_label="All objectives",
            error_messages={"invalid_choice": "Choose an objective from the list"},
        ),
        "action_plan_status": forms.ChoiceField(
            label="Only actions with this status (optional)",
            choices=[("", "Any status"), *Action.Status.choices],
            required=False,
        ),
        "action_plan_lead": forms.ModelChoiceField(
            label="Only actions led by (optional)",
            queryset=Organisation.objects.active(),
            required=False,
            empty_label="Any lead organisation",
            error_messages={"invalid_choice": "Choose an organisation from the list"},
        ),
    }


def _form_options(cleaned: dict) -> dict:
    from strategies.services import report_options

    if not cleaned.get("action_plan"):
        raise forms.ValidationError({"action_plan": "Choose the plan for the action-plan report"})
    try:
        return report_options(
            plan=cleaned["action_plan"],
            objective=cleaned.get("action_plan_objective"),
            status=cleaned.get("action_plan_status") or "",
            lead=cleaned.get("action_plan_lead"),
        )
    except ApplicationError as error:
        field = {"plan": "action_plan"}.get(error.field, f"action_plan_{error.field}")
        raise forms.ValidationError({field: error.message}) from None


def _check(options: dict) -> None:
    from strategies.services import report_options

    if options:
        report_options(
            plan=options.get("plan"),
            objective=options.get("objective"),
            status=options.get("status") or "",
            lead=options.get("lead"),
        )


def register() -> None:
    from meetings.packs.generators import GeneratedKind, generated_kind_register

    generated_kind_register(
        GeneratedKind(
            key=KEY,
            label="Action-plan report",
            build=_build,
            state=_state,
            form_fields=_form_fields,
            form_options=_form_options,
            check=_check,
        )
    )
