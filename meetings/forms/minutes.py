"""Forms for what happened at a meeting: attendance, declarations, minutes, decisions and
actions. GOV.UK Design System components through crispy-forms-gds."""

from crispy_forms_gds.layout import Button, Layout
from django import forms

from meetings.forms.common import (
    TEXT_LIMIT,
    PersonChoiceField,
    date_input,
    people_choices,
)
from meetings.models import (
    Action,
    AgendaItem,
    Attendance,
    Declaration,
    Section,
)
from shp.forms import GdsFormMixin
from shp.models import Person


class AttendanceForm(GdsFormMixin, forms.Form):
    submit_label = "Record attendance"
    person = PersonChoiceField(
        queryset=Person.objects.none(),
        error_messages={
            "required": "Choose the person",
            "invalid_choice": "Choose a person from the list",
        },
    )
    status = forms.ChoiceField(
        label="Attendance",
        choices=Attendance.Status.choices,
        error_messages={
            "required": "Choose how they attended",
            "invalid_choice": "Choose how they attended",
        },
    )
    substitute_for = PersonChoiceField(
        label="Substitute for",
        queryset=Person.objects.none(),
        required=False,
        help_text="Only when they attended as a substitute: the member they stood in for.",
        error_messages={"invalid_choice": "Choose a person from the list"},
    )
    substitute_reason = forms.CharField(
        label="Reason, if not a named substitute",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Only when the chair accepted someone who is not one of the member's named "
        "substitutes.",
        error_messages={"max_length": "The reason must be 1000 characters or fewer"},
    )
    in_the_chair = forms.BooleanField(label="In the chair", required=False)
    capacity = forms.CharField(
        max_length=200,
        required=False,
        help_text="As printed in the minutes, for example Chief Fire Officer",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people_choices()
        self.fields["substitute_for"].queryset = people_choices()


MEMBER_STATUSES = [
    ("", "Not recorded"),
    (Attendance.Status.PRESENT.value, "Present"),
    (Attendance.Status.APOLOGIES.value, "Apologies"),
    (Attendance.Status.ABSENT.value, "Absent"),
]


class MemberAttendanceForm(GdsFormMixin, forms.Form):
    """One choice per member: present, apologies or absent (substitutes use the form below)."""

    submit_label = "Save members' attendance"

    def __init__(self, *args, members, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {}
        for membership in members:
            person = membership.person
            name = f"member_{person.pk}"
            self.people[name] = person
            record = current.get(person.pk)
            self.fields[name] = forms.ChoiceField(
                label=str(person),
                help_text=membership.seat.title,
                choices=MEMBER_STATUSES,
                required=False,
                initial=record.status if record is not None else "",
                error_messages={"invalid_choice": "Choose present, apologies or absent"},
            )
            if record is not None and record.status not in dict(MEMBER_STATUSES):
                self.fields[name].disabled = True
                self.fields[
                    name
                ].help_text += f" (recorded as {record.get_status_display().lower()})"
                self.fields[name].choices = [(record.status, record.get_status_display())]
                self.fields[name].initial = record.status
        self.helper.layout = Layout(*self.fields, Button("bulk", self.submit_label))

    def chosen(self):
        """(person, status) for every member given a status on this form."""
        return [
            (self.people[name], value)
            for name, value in self.cleaned_data.items()
            if value and not self.fields[name].disabled
        ]


class DeclarationForm(GdsFormMixin, forms.Form):
    submit_label = "Record declaration"
    person = PersonChoiceField(
        queryset=Person.objects.none(),
        error_messages={
            "required": "Choose the person",
            "invalid_choice": "Choose a person from the list",
        },
    )
    item = forms.ModelChoiceField(
        label="Agenda item",
        queryset=AgendaItem.objects.none(),
        error_messages={
            "required": "Choose the item",
            "invalid_choice": "Choose an item of this agenda",
        },
    )
    nature = forms.ChoiceField(
        label="Nature of the interest",
        choices=Declaration.Nature.choices,
        error_messages={"required": "Choose the nature of the interest"},
    )
    description = forms.CharField(
        max_length=500,
        help_text="For example, member of the Police and Crime Panel",
        error_messages={"required": "Describe the interest"},
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people_choices()
        self.fields["item"].queryset = meeting.items.exclude(section=Section.NEXT_MEETING)


class MinuteForm(GdsFormMixin, forms.Form):
    submit_label = "Save minute"
    number = forms.IntegerField(
        label="Minute number",
        min_value=1,
        max_value=100_000,
        error_messages={
            "required": "Enter the minute number",
            "invalid": "Minute number must be a whole number, like 52",
            "min_value": "Minute number must be 1 or more",
            "max_value": "Minute number must be 100,000 or less",
        },
    )
    title = forms.CharField(max_length=300, error_messages={"required": "Enter the minute's title"})
    lead_officer = forms.CharField(max_length=200, required=False)
    purpose = forms.CharField(
        label="Purpose of report",
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    issues = forms.CharField(
        label="Issues for consideration",
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["number"].widget.attrs["class"] = "govuk-input govuk-input--width-5"


class DecisionForm(GdsFormMixin, forms.Form):
    submit_label = "Add decision"
    text = forms.CharField(
        label="Decision",
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the decision"},
    )
    action_description = forms.CharField(
        label="Action (optional)",
        required=False,
        max_length=500,
        help_text="If the decision asks someone to do something, describe it for the action log.",
    )
    owner = PersonChoiceField(
        label="Action owner",
        queryset=Person.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Choose a person from the list"},
    )
    due_date = forms.DateField(
        widget=date_input(),
        label="Action due date",
        required=False,
        help_text="For example, 29/7/2016",
        error_messages={"invalid": "Enter a real date, like 29/7/2016"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people_choices()


class ActionForm(GdsFormMixin, forms.Form):
    submit_label = "Save action"
    status = forms.ChoiceField(
        choices=Action.Status.choices, error_messages={"required": "Choose the action's status"}
    )
    due_date = forms.DateField(
        widget=date_input(),
        label="Due date",
        required=False,
        error_messages={"invalid": "Enter a real date, like 29/7/2016"},
    )
