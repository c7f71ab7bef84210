"""The form for an item of a committee's forward plan. GOV.UK Design System components through
crispy-forms-gds."""

from django import forms

from meetings.models import ExemptParagraph, Meeting
from meetings.services import BUSINESS_SECTIONS
from shp.forms import GdsFormMixin


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.date:%-d %B %Y}, {obj.start_time:%H:%M}"


class ForwardPlanItemForm(GdsFormMixin, forms.Form):
    submit_label = "Save the planned item"
    meeting = MeetingChoiceField(
        queryset=Meeting.objects.none(),
        label="Expected at the meeting on",
        empty_label=None,
        error_messages={
            "required": "Choose the meeting",
            "invalid_choice": "Choose one of the meetings listed",
        },
    )
    section = forms.ChoiceField(
        choices=[(s.value, s.label) for s in BUSINESS_SECTIONS],
        error_messages={"required": "Choose a section", "invalid_choice": "Choose a section"},
    )
    title = forms.CharField(
        max_length=300,
        error_messages={
            "required": "Enter the item's title",
            "max_length": "Title must be 300 characters or fewer",
        },
    )
    lead_officer = forms.CharField(
        max_length=200,
        help_text="For example, Director of Regeneration and Neighbourhoods",
        error_messages={
            "required": "Enter the lead officer",
            "max_length": "Lead officer must be 200 characters or fewer",
        },
    )
    is_key_decision = forms.BooleanField(
        label="This is a key decision",
        required=False,
        help_text="A key decision is on the forward plan 28 clear days before it is taken.",
    )
    exempt_paragraph = forms.TypedChoiceField(
        label="Likely to be exempt",
        choices=[("", "No: a public item")] + list(ExemptParagraph.choices),
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "Choose a paragraph of Schedule 12A"},
    )
    public_title = forms.CharField(
        label="Title the public sees, if exempt",
        required=False,
        max_length=300,
        error_messages={"max_length": "The public title must be 300 characters or fewer"},
    )
    exempt_reason = forms.CharField(
        label="Why it is likely to be exempt",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Published with the item. Do not give away the exempt information.",
        error_messages={"max_length": "The reason must be 2000 characters or fewer"},
    )
    urgency_reason = forms.CharField(
        label="Why a key decision cannot wait 28 clear days",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only when the meeting is less than 28 clear days away. Published with the item.",
        error_messages={"max_length": "The reason must be 2000 characters or fewer"},
    )
    read_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, committee, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = committee.meetings.filter(
            date__gt=today, status=Meeting.Status.SCHEDULED
        ).order_by("date", "start_time")
