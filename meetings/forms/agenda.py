"""Forms for a meeting and its agenda: the meeting, its items, reports and appendices. GOV.UK
Design System components through crispy-forms-gds."""

from crispy_forms_gds.layout import Button, Layout
from django import forms
from django.conf import settings

from meetings.forms.common import (
    TEXT_LIMIT,
    date_input,
    time_input,
)
from meetings.models import (
    AgendaItem,
    Appendix,
    Committee,
    ExemptParagraph,
)
from meetings.services import BUSINESS_SECTIONS
from shp.forms import GdsFormMixin
from shp.models import Person


class MeetingForm(GdsFormMixin, forms.Form):
    submit_label = "Save meeting"
    committee = forms.ModelChoiceField(
        queryset=Committee.objects.filter(is_active=True),
        empty_label=None,
        error_messages={
            "required": "Choose the committee",
            "invalid_choice": "Choose the committee",
        },
    )
    date = forms.DateField(
        widget=date_input(),
        label="Date",
        help_text="For example, 17/6/2016. A date in the past is allowed, with a warning.",
        error_messages={
            "required": "Enter the meeting date",
            "invalid": "Enter a real date, like 17/6/2016",
        },
    )
    start_time = forms.TimeField(
        widget=time_input(),
        label="Start time",
        help_text="24-hour clock, for example 10:00",
        error_messages={"required": "Enter the start time", "invalid": "Enter a time, like 10:00"},
    )
    venue = forms.CharField(
        max_length=200,
        error_messages={
            "required": "Enter where the meeting will be held",
            "max_length": "Venue must be 200 characters or fewer",
        },
    )
    end_time = forms.TimeField(
        widget=time_input(),
        label="End time (optional)",
        required=False,
        help_text="Once the meeting is over, for the minutes, for example 11:55",
        error_messages={"invalid": "Enter a time, like 11:55"},
    )

    def __init__(self, *args, include_committee=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not include_committee:
            del self.fields["committee"]
        else:
            del self.fields["end_time"]
        self.helper.layout = Layout(*self.fields, Button("submit", self.submit_label))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", "The end time must be after the start time")
        return cleaned


class AgendaItemForm(GdsFormMixin, forms.ModelForm):
    submit_label = "Save item"
    section = forms.ChoiceField(
        choices=[(s.value, s.label) for s in BUSINESS_SECTIONS],
        error_messages={"required": "Choose a section", "invalid_choice": "Choose a section"},
    )
    exempt_paragraph = forms.TypedChoiceField(
        label="Exempt from publication",
        choices=[("", "No: a public item")] + list(ExemptParagraph.choices),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=(
            "The public sees an exempt item's number, its public title and the paragraph; its "
            "papers, minute, decisions and actions only the committee's members, democratic "
            "services and the report's authors."
        ),
        error_messages={"invalid_choice": "Choose a paragraph of Schedule 12A"},
    )
    public_title = forms.CharField(
        label="Title the public sees, if exempt",
        required=False,
        max_length=300,
        help_text='Leave blank for "Exempt item". Do not give away the exempt information.',
        error_messages={"max_length": "The public title must be 300 characters or fewer"},
    )
    urgency_reason = forms.CharField(
        label="Reason for urgency",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=(
            "Needed when the item is added after the publication deadline or once the agenda "
            "is published. It is recorded in the minutes."
        ),
    )

    class Meta:
        model = AgendaItem
        fields = [
            "section",
            "title",
            "lead_officer",
            "exempt_paragraph",
            "public_title",
            "urgency_reason",
        ]
        error_messages = {
            "title": {
                "required": "Enter the item's title",
                "max_length": "Title must be 300 characters or fewer",
            },
        }

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["section"]
            del self.fields["urgency_reason"]
            self.helper.layout = Layout(*self.fields, Button("submit", self.submit_label))


MARKDOWN_HINT = (
    "Plain text, or Markdown for headings (## Heading), lists (- item) and tables (| A | B |)."
)


class ReportForm(GdsFormMixin, forms.Form):
    submit_label = "Save report"

    def __init__(self, *args, committee, with_authors=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["read_version"] = forms.IntegerField(widget=forms.HiddenInput, required=False)
        self.fields["report_of"] = forms.CharField(
            label="Report of",
            max_length=200,
            help_text="For example, Director of Regeneration and Neighbourhoods",
            error_messages={"required": "Enter whose report it is"},
        )
        self.fields["subject"] = forms.CharField(
            max_length=300, error_messages={"required": "Enter the report's subject"}
        )
        self.fields["authors"] = forms.ModelMultipleChoiceField(
            label="Authors and contact officers",
            queryset=Person.objects.filter(user__isnull=False).order_by("name"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text="They may read the report even when the item is exempt.",
            error_messages={"invalid_choice": "Choose people from the list"},
        )
        if not with_authors:
            del self.fields["authors"]
        for section in committee.report_sections.order_by("position"):
            self.fields[section.key] = forms.CharField(
                label=section.heading,
                required=False,
                max_length=TEXT_LIMIT,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=("Required before publication. " if section.is_required else "")
                + MARKDOWN_HINT,
                error_messages={
                    "max_length": f"{section.heading} must be {TEXT_LIMIT:,} characters or fewer"
                },
            )
        if "financial" in self.fields and self.fields["financial"].help_text:
            self.fields["financial"].help_text = (
                'Required before publication. "There are no financial considerations" is an '
                "answer; blank is not. " + MARKDOWN_HINT
            )
        self.helper.layout = Layout(*self.fields, Button("submit", self.submit_label))


class AppendixUploadForm(GdsFormMixin, forms.Form):
    submit_label = "Attach appendix"
    label = forms.CharField(
        max_length=20,
        initial="Appendix A",
        help_text="For example, Appendix A",
        error_messages={"required": "Enter the appendix label, like Appendix A"},
    )
    title = forms.CharField(max_length=300, error_messages={"required": "Enter the appendix title"})
    kind = forms.ChoiceField(
        label="Kind of appendix",
        choices=Appendix.Kind.choices,
        initial=Appendix.Kind.UPLOADED,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of appendix"},
    )
    file = forms.FileField(
        label="PDF file",
        required=False,
        help_text="For an uploaded appendix: a PDF no larger than the limit.",
        error_messages={"empty": "The selected file is empty"},
    )
    generator = forms.ChoiceField(
        label="Generate",
        required=False,
        choices=[("", "Choose")],
        help_text="For a generated appendix: the pack renders it when it is published.",
    )

    def __init__(self, *args, **kwargs):
        from meetings.packs.generators import generated_kinds

        self.generated_kinds = generated_kinds()
        for kind in self.generated_kinds:  # each kind's own fields, before the layout is made
            self.base_fields = {**self.base_fields, **kind.form_fields()}
        super().__init__(*args, **kwargs)
        self.fields["generator"].choices = [("", "Choose")] + [
            (kind.key, kind.label) for kind in self.generated_kinds
        ]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        limit = settings.MEETINGS_APPENDIX_MAX_BYTES
        if upload and upload.size > limit:
            raise forms.ValidationError(
                f"The selected file must be smaller than {limit / 1024 / 1024:.0f} MB "
                f"(it is {upload.size / 1024 / 1024:.1f} MB)"
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == Appendix.Kind.UPLOADED and not cleaned.get("file") and "file" not in self.errors:
            self.add_error("file", "Select a PDF file")
        if kind == Appendix.Kind.GENERATED and not cleaned.get("generator"):
            self.add_error("generator", "Choose what to generate")
        cleaned["generator_options"] = {}
        chosen = {k.key: k for k in self.generated_kinds}.get(cleaned.get("generator"))
        if kind == Appendix.Kind.GENERATED and chosen is not None:
            try:
                cleaned["generator_options"] = chosen.form_options(cleaned)
            except forms.ValidationError as error:
                for field, messages in error.message_dict.items():
                    if field not in self.errors:
                        for message in messages:
                            self.add_error(field if field in self.fields else None, message)
        return cleaned
