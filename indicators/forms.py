"""Forms of the indicators app (GOV.UK Design System components through crispy-forms-gds)."""

from django import forms
from django.conf import settings

from indicators.models import Indicator, ReportSection
from indicators.services.catalogue import FIELDS as CATALOGUE_FIELDS
from indicators.targets import TargetKind
from shp.forms import GdsFormMixin
from strategies.models import Objective, Plan

ACCEPTED_SUFFIXES = (".csv", ".xlsx")


class SpreadsheetUploadForm(GdsFormMixin, forms.Form):
    """A CSV or XLSX file under the size limit; subclasses say what it holds."""

    submit_label = "Check the file"
    file = forms.FileField(
        error_messages={
            "required": "Select a CSV or XLSX file",
            "empty": "The selected file is empty",
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(ACCEPTED_SUFFIXES):
            raise forms.ValidationError("The selected file must be a CSV or XLSX file")
        limit = settings.FIGURES_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"The selected file must be smaller than {limit // 1_000_000} MB "
                f"(it is {upload.size / 1_000_000:.1f} MB)"
            )
        return upload


class FigureUploadForm(SpreadsheetUploadForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = "Upload a file of figures"
        self.fields["file"].help_text = (
            "A CSV (UTF-8) or Excel .xlsx file with the columns area, indicator, period, value "
            "and, optionally, note. Nothing is saved until you have seen what will change."
        )


class CatalogueUploadForm(SpreadsheetUploadForm):
    update_existing = forms.TypedChoiceField(
        label="Indicators the catalogue already has",
        choices=[
            ("yes", "Change them to match the file"),
            ("no", "Leave them as they are: only add the new ones"),
        ],
        coerce=lambda value: value == "yes",
        initial="yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what to do with indicators you already have"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = "Upload a catalogue file"
        self.fields["file"].help_text = (
            "A CSV (UTF-8) or Excel .xlsx file with a row per indicator, in the columns of the "
            "catalogue export. Nothing is saved until you have seen what will change."
        )


class SignOffForm(forms.Form):
    """The performance lead's decision on a quarter; a reason is needed to unlock or send back."""

    action = forms.ChoiceField(
        choices=[
            ("approve", "Approve"),
            ("lock", "Lock"),
            ("unlock", "Unlock"),
            ("return", "Send back"),
        ]
    )
    reason = forms.CharField(required=False, max_length=500)


class FigureClearForm(forms.Form):
    """Clearing a draft figure needs the reason, which its history keeps."""

    reason = forms.CharField(
        label="Why are you clearing this figure?",
        max_length=500,
        error_messages={"required": "Give the reason for clearing this figure"},
    )


class TargetForm(GdsFormMixin, forms.Form):
    """A target for one indicator in one area: the service checks what the form cannot."""

    submit_label = "Save target"
    period = forms.CharField(
        label="Period the target is for",
        max_length=40,
        help_text='For example "2016/17", "2016/17 Q1" or "2017".',
        error_messages={"required": "Enter the period the target is for"},
    )
    kind = forms.ChoiceField(
        label="Kind of target",
        choices=TargetKind.CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of target"},
    )
    value = forms.CharField(
        label="Value (for a relative or absolute target)",
        required=False,
        max_length=40,
        help_text="A relative target is the % change on the baseline (3, or -5 for a 5% "
        "reduction); an absolute one is the level (12 for 12%).",
    )
    baseline_period = forms.CharField(
        label="Baseline period",
        max_length=40,
        help_text='The same kind of period, earlier: for example "2015/16".',
        error_messages={"required": "Enter the baseline period"},
    )
    amber_tolerance = forms.CharField(
        label="Amber band",
        required=False,
        max_length=20,
        help_text="How far from the target is amber rather than red: a % of the level, or "
        "percentage points for a percentage indicator. Leave blank for 5.",
    )
    read_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)


class CommentaryForm(GdsFormMixin, forms.Form):
    """The commentary on an indicator in an area for a quarter, as the performance lead edits it."""

    submit_label = "Save commentary"
    quarter = forms.CharField(
        label="Quarter",
        max_length=40,
        help_text='For example "2016/17 Q1".',
        error_messages={"required": "Enter the quarter the commentary is for"},
    )
    text = forms.CharField(
        label="Commentary",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text="What explains these figures. Members read it beside the figures, in the "
        "performance report and in the pack appendix, once the quarter is approved.",
        error_messages={
            "required": "Enter the commentary",
            "max_length": "Commentary must be 5,000 characters or fewer",
        },
    )
    read_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)


class NarrativeForm(GdsFormMixin, forms.Form):
    """The summary of an area's period, as the performance lead checks and saves it."""

    submit_label = "Save the summary"
    text = forms.CharField(
        label="Summary",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=5000,
        help_text="Members read it above the dashboard's table, and it opens the performance "
        "report and the pack appendix.",
        error_messages={
            "required": "Enter the summary",
            "max_length": "The summary must be 5,000 characters or fewer",
        },
    )
    read_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)


class IndicatorForm(GdsFormMixin, forms.ModelForm):
    """A catalogue entry; the service checks codes, names, parents and dates across the
    catalogue."""

    submit_label = "Save indicator"
    aliases = forms.CharField(
        label="Other names (one a line)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Names the indicator goes by in uploaded files, for example ASB incidents.",
    )
    objectives = forms.ModelMultipleChoiceField(
        label="Strategic objectives it measures (optional)",
        required=False,
        queryset=Objective.objects.filter(plan__kind=Plan.Kind.STRATEGY)
        .exclude(plan__status=Plan.Status.CLOSED)
        .select_related("plan")
        .order_by("-plan__start_date", "number"),
        widget=forms.CheckboxSelectMultiple,
        help_text="The scorecard and the performance appendix group indicators with a target by "
        "the objectives of the plan in force.",
        error_messages={
            "invalid_choice": "Choose objectives from the list",
            "invalid_pk_value": "Choose objectives from the list",
        },
    )
    read_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    class Meta:
        model = Indicator
        fields = list(CATALOGUE_FIELDS)  # the fields the catalogue service accepts
        labels = {
            "parent": "Part of (total)",
            "parent_rule": "How it relates to that total",
            "valid_from": "Definition starts (optional)",
            "valid_to": "Definition ends (optional)",
            "source": "Source organisation",
            "owner": "Owner (optional)",
            "rate_denominator": "Rate per 1,000 of",
        }
        help_texts = {
            "code": "Capital letters, digits and underscores, for example DELIB_PRIMARY.",
            "valid_from": "For example 1 4 2017: figures before it are outside its definition.",
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "valid_from": forms.DateInput(attrs={"type": "date"}),
            "valid_to": forms.DateInput(attrs={"type": "date"}),
        }
        error_messages = {
            "code": {"required": "Enter the indicator's code", "unique": "That code is taken"},
            "name": {"required": "Enter the indicator's name", "unique": "That name is taken"},
            "theme": {"required": "Choose a theme"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance and self.instance.pk:
            self.initial.setdefault("aliases", "\n".join(self.instance.aliases))
            self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(
                pk=self.instance.pk
            )
        self.fields["parent"].required = False
        self.fields["objectives"].label_from_instance = lambda o: f"{o.plan.title}: {o}"
        if self.instance and self.instance.pk:
            self.initial.setdefault("objectives", list(self.instance.objectives.all()))

    def clean_aliases(self):
        text = self.cleaned_data.get("aliases") or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def _post_clean(self):
        # Uniqueness and the catalogue-wide rules are the service's (one error per field).
        pass


class IndicatorRetireForm(GdsFormMixin, forms.Form):
    """The last day an indicator's definition applies."""

    submit_label = "Retire the indicator"
    last_day = forms.DateField(
        label="Last day it applies",
        help_text="For example 31 3 2017. Figures for periods after it are flagged, not lost.",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": "Enter the last day the indicator applies",
            "invalid": "Enter a real date, for example 31 3 2017",
        },
    )


class SeriesBreakForm(GdsFormMixin, forms.Form):
    """A new definition of an indicator from a day."""

    submit_label = "Record the series break"
    starts_on = forms.DateField(
        label="First day of the new definition",
        help_text="For example 1 4 2017.",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": "Enter the first day the new definition applies",
            "invalid": "Enter a real date, for example 1 4 2017",
        },
    )
    definition = forms.CharField(
        label="The new definition",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Describe the new definition"},
    )
    reason = forms.CharField(
        label="Why it changed",
        max_length=300,
        help_text="For example: Home Office counting rules split burglary from April 2017.",
        error_messages={"required": "Say why the definition changed"},
    )


class ReportDefinitionForm(GdsFormMixin, forms.Form):
    """A report definition's name and description."""

    submit_label = "Save report definition"
    name = forms.CharField(
        label="Name",
        max_length=200,
        help_text="For example: Quarterly performance appendix.",
        error_messages={"required": "Enter the report definition's name"},
    )
    description = forms.CharField(
        label="What it is for (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    is_default = forms.BooleanField(
        label="Use it wherever no report definition is chosen", required=False
    )
    read_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)


class ReportSectionForm(GdsFormMixin, forms.Form):
    """One section of a report definition."""

    submit_label = "Save section"
    kind = forms.ChoiceField(
        label="What the section shows",
        choices=ReportSection.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the section shows"},
    )
    title = forms.CharField(
        label="Heading (optional)",
        required=False,
        max_length=200,
        help_text="{area}, {period} and {baseline} are replaced by their names, for example "
        "Recorded crime in {area}.",
    )
    indicators = forms.ModelMultipleChoiceField(
        label="Indicators",
        required=False,
        queryset=Indicator.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Printed in the catalogue's order. A scorecard needs none: it shows every "
        "indicator with a target.",
        error_messages={
            "invalid_choice": "Choose indicators from the list",
            "invalid_pk_value": "Choose indicators from the list",
        },
    )
    show_rate = forms.BooleanField(label="Tables: add a per 1,000 column", required=False)
    show_chart = forms.BooleanField(
        label="District comparisons: add a bar chart of the first indicator", required=False
    )
    read_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicators"].label_from_instance = lambda i: f"{i.name} ({i.code})"
