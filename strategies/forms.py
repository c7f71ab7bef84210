"""Forms of the strategies app, rendered with the GOV.UK Design System template pack."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Layout
from django import forms
from django.conf import settings

from shp.forms import GdsFormMixin
from shp.models import Organisation
from strategies.models import Action, Objective, Plan, Rag


class UpdateForm(GdsFormMixin, forms.Form):
    submit_label = "Save update"
    quarter = forms.ChoiceField(
        label="Quarter",
        error_messages={
            "required": "Choose the quarter",
            "invalid_choice": "Choose a quarter from the list",
        },
    )
    rag = forms.ChoiceField(
        label="RAG status",
        choices=Rag.choices,
        widget=forms.RadioSelect,
        help_text="Red: off track and needs help. Amber: at risk. Green: on track.",
        error_messages={
            "required": "Choose red, amber or green",
            "invalid_choice": "Choose red, amber or green",
        },
    )
    percent_complete = forms.IntegerField(
        label="Percentage complete",
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages={
            "required": "Enter the percentage complete",
            "invalid": "Percentage complete must be a whole number, like 40",
            "min_value": "Percentage complete must be 0 or more",
            "max_value": "Percentage complete must be 100 or less",
        },
    )
    commentary = forms.CharField(
        label="Commentary",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What was done this quarter, and for amber or red what is wrong and what "
        "will put it right.",
        error_messages={
            "required": "Enter a commentary on progress",
            "max_length": "Commentary must be 4,000 characters or fewer",
        },
    )
    evidence = forms.FileField(
        label="Evidence (optional)",
        required=False,
        help_text="A PDF, PNG, JPEG, Word (.docx) or Excel (.xlsx) file, checked by its "
        "contents, smaller than the limit.",
        error_messages={"empty": "The selected file is empty"},
    )

    def __init__(self, *args, quarters=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quarter"].choices = [("", "Choose a quarter"), *quarters]

    def clean_quarter(self):
        year, quarter = self.cleaned_data["quarter"].split("-")
        return int(year), int(quarter)

    def clean_evidence(self):
        upload = self.cleaned_data.get("evidence")
        limit = settings.STRATEGIES_EVIDENCE_MAX_BYTES
        if upload and upload.size > limit:
            raise forms.ValidationError(
                f"The selected file must be smaller than {limit / 1024 / 1024:.0f} MB "
                f"(it is {upload.size / 1024 / 1024:.1f} MB)"
            )
        return upload


class ReportFilterForm(forms.Form):
    """Filters of the action list and the report (GET; no submit helper: the page lays it out)."""

    objective = forms.ModelChoiceField(
        queryset=Objective.objects.none(),
        required=False,
        empty_label="All objectives",
        error_messages={"invalid_choice": "Choose an objective from the list"},
    )
    status = forms.ChoiceField(
        choices=[("", "Any status"), *Action.Status.choices],
        required=False,
        error_messages={"invalid_choice": "Choose a status from the list"},
    )
    lead = forms.ModelChoiceField(
        label="Lead organisation",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="Any lead organisation",
        error_messages={"invalid_choice": "Choose a lead organisation from the list"},
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = plan.objectives.all()
        self.fields["objective"].label_from_instance = lambda o: f"{o.number}. {o.title}"
        self.fields["lead"].queryset = Organisation.objects.filter(
            led_actions__plan=plan
        ).distinct()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.form_method = "get"
        self.helper.layout = Layout(*self.fields, Button("filter", "Apply filters"))


class ActionStatusForm(GdsFormMixin, forms.Form):
    submit_label = "Change status"
    status = forms.ChoiceField(
        choices=Action.Status.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose a status",
            "invalid_choice": "Choose a status from the list",
        },
    )
    read_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ActionForm(GdsFormMixin, forms.ModelForm):
    """An action of a plan, as the performance lead adds or changes it."""

    submit_label = "Save the action"
    read_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Action
        fields = [
            "objective",
            "number",
            "description",
            "owner",
            "lead_organisations",
            "responsible_to",
            "outcome",
            "coverage",
            "measurement",
            "indicators",
            "timing",
            "due_date",
            "is_ongoing",
        ]
        labels = {
            "number": "Action number",
            "owner": "Owner (as printed in the plan)",
            "lead_organisations": "Lead organisations (their officers record updates)",
            "responsible_to": "Responsible to",
            "outcome": "Intended outcome",
            "measurement": "How it is measured",
            "indicators": "Catalogue indicators that measure it (optional)",
            "timing": "Timing (as printed, optional)",
            "due_date": "Due date (optional)",
            "is_ongoing": "Ongoing: no due date",
        }
        widgets = {
            "number": forms.TextInput(attrs={"class": "govuk-input--width-4"}),
            "description": forms.Textarea(attrs={"rows": 3}),
            "outcome": forms.Textarea(attrs={"rows": 2}),
            "measurement": forms.Textarea(attrs={"rows": 2}),
            "lead_organisations": forms.CheckboxSelectMultiple,
            "indicators": forms.SelectMultiple(attrs={"size": 8}),
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        error_messages = {
            "number": {"required": "Enter the action's number"},
            "description": {"required": "Describe the action"},
            "objective": {
                "required": "Choose the objective",
                "invalid_choice": "Choose one of this plan's objectives",
            },
            "due_date": {"invalid": "Enter the due date as a real date, like 31 March 2017"},
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = Objective.objects.filter(plan=plan).order_by("number")
        self.fields["lead_organisations"].queryset = Organisation.objects.active()
        self.fields["lead_organisations"].required = False
        self.fields["indicators"].required = False
        self.fields["number"].max_length = 10

    def clean(self):
        data = super().clean()
        if data.get("is_ongoing") and data.get("due_date"):
            self.add_error("due_date", "An ongoing action has no due date: clear one or the other")
        return data


class PlanForm(GdsFormMixin, forms.ModelForm):
    """A plan as the performance lead adds or changes it (the service checks the rest)."""

    submit_label = "Save the plan"
    read_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Plan
        fields = [
            "title",
            "kind",
            "status",
            "start_date",
            "end_date",
            "summary",
            "source",
            "owner_committee",
            "approved_minute",
        ]
        labels = {
            "kind": "Kind of plan",
            "start_date": "First day it covers",
            "end_date": "Last day it covers",
            "source": "The document it comes from (optional)",
            "owner_committee": "Committee that owns it (optional)",
            "approved_minute": "Minute that approved it (optional)",
        }
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "title": {
                "required": "Enter the plan's title",
                "unique": "There is already a plan called that",
            },
            "start_date": {
                "required": "Enter the first day the plan covers",
                "invalid": "Enter the first day as a real date, like 1 April 2017",
            },
            "end_date": {
                "required": "Enter the last day the plan covers",
                "invalid": "Enter the last day as a real date, like 31 March 2020",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from meetings.models import Minute

        minutes = Minute.objects.select_related("meeting").order_by("-meeting__date", "number")
        self.fields["approved_minute"].queryset = minutes
        self.fields["approved_minute"].label_from_instance = lambda m: (
            f"Minute {m.number}, {m.meeting.date:%-d %B %Y}: {m.title}"
        )
        for name in ("title", "kind", "status", "start_date", "end_date"):
            self.fields[name].required = True

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and start > end:
            self.add_error("end_date", "The plan must start before it ends")
        return data


class ObjectiveForm(GdsFormMixin, forms.ModelForm):
    submit_label = "Save the objective"
    read_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Objective
        fields = ["number", "title", "description", "indicators"]
        labels = {
            "number": "Objective number",
            "title": "The objective",
            "description": "More about it (optional)",
            "indicators": "Indicators that measure it (optional)",
        }
        widgets = {
            "number": forms.NumberInput(attrs={"class": "govuk-input--width-4"}),
            "description": forms.Textarea(attrs={"rows": 3}),
            "indicators": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "number": {"required": "Give the objective a number, like 1"},
            "title": {"required": "Enter the objective"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicators"].required = False
        self.fields["indicators"].label_from_instance = lambda i: f"{i.name} ({i.code})"


class PriorityForm(GdsFormMixin, forms.Form):
    submit_label = "Save the priority"
    year = forms.TypedChoiceField(
        label="Financial year",
        coerce=int,
        error_messages={
            "required": "Choose the year",
            "invalid_choice": "Choose a year the plan covers",
        },
    )
    title = forms.CharField(
        label="The priority",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Enter the priority"},
    )
    read_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        years = sorted({year for year, _ in plan.quarters()})
        self.fields["year"].choices = [(y, f"{y}/{(y + 1) % 100:02d}") for y in years]
