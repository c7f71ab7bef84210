"""Forms for a committee: its seats and their holders, standing agenda items and its report
template. GOV.UK Design System components through crispy-forms-gds."""

from django import forms

from meetings.forms.common import PersonChoiceField, date_input, people_choices
from meetings.models import (
    Membership,
    Section,
    StandingItem,
)
from shp.forms import GdsFormMixin
from shp.models import Organisation, Person


class SeatForm(GdsFormMixin, forms.Form):
    submit_label = "Add seat"
    title = forms.CharField(
        max_length=200,
        help_text='For example "Director of Public Health"',
        error_messages={"required": "Enter the seat's title"},
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.active(),
        label="On behalf of",
        error_messages={
            "required": "Choose the organisation",
            "invalid_choice": "Choose the organisation",
        },
    )
    is_responsible_authority = forms.BooleanField(
        label="Held for a responsible authority", required=False
    )


class MembershipForm(GdsFormMixin, forms.Form):
    submit_label = "Appoint"
    person = PersonChoiceField(
        queryset=Person.objects.none(),
        error_messages={
            "required": "Choose the person",
            "invalid_choice": "Choose a person from the list",
        },
    )
    role = forms.ChoiceField(
        choices=Membership.Role.choices,
        initial=Membership.Role.MEMBER,
        error_messages={"required": "Choose the member's role"},
    )
    start_date = forms.DateField(
        widget=date_input(),
        label="From",
        help_text="For example, 20/5/2016. The previous holder's term ends the day before.",
        error_messages={
            "required": "Enter the start date",
            "invalid": "Enter a real date, like 20/5/2016",
        },
    )
    substitutes = forms.ModelMultipleChoiceField(
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="People who may attend in their place.",
        error_messages={"invalid_choice": "Choose substitutes from the list"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people_choices()
        self.fields["substitutes"].queryset = people_choices()


class MembershipEndForm(GdsFormMixin, forms.Form):
    submit_label = "End the term"
    end_date = forms.DateField(
        widget=date_input(),
        label="Last day",
        help_text="For example, 31/5/2016. The seat stays, vacant until someone is appointed.",
        error_messages={
            "required": "Enter the last day",
            "invalid": "Enter a real date, like 31/5/2016",
        },
    )


class StandingItemForm(GdsFormMixin, forms.Form):
    submit_label = "Save the standing item"
    title = forms.CharField(
        label="Title on the agenda",
        max_length=300,
        error_messages={"required": "Enter the item's title"},
    )
    section = forms.ChoiceField(
        label="Part of the agenda",
        choices=Section.choices,
        error_messages={"invalid_choice": "Choose the part of the agenda it goes in"},
    )
    kind = forms.ChoiceField(
        label="Kind of item",
        choices=StandingItem.Kind.choices,
        initial=StandingItem.Kind.STANDING,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of item it is"},
    )
    read_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class CommitteeReportSectionForm(GdsFormMixin, forms.Form):
    submit_label = "Save the section"
    heading = forms.CharField(
        label="Heading", max_length=200, error_messages={"required": "Enter the section's heading"}
    )
    is_required = forms.BooleanField(
        label="Required: the agenda cannot be published while it is blank", required=False
    )
    read_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
