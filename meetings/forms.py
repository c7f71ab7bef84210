"""Forms of the meetings app (GOV.UK Design System components through crispy-forms-gds)."""

from crispy_forms_gds.layout import Button, Layout
from django import forms
from django.conf import settings

from meetings.models import (
    Action,
    AgendaItem,
    Appendix,
    Attendance,
    Committee,
    Declaration,
    ExemptParagraph,
    Membership,
    Section,
    StandingItem,
)
from meetings.services import BUSINESS_SECTIONS
from shp.forms import GdsFormMixin
from shp.models import Organisation, Person

TEXT_LIMIT = 20_000


def date_input():
    """A GOV.UK text input sized for a date (the template pack styles only plain text inputs)."""
    return forms.DateInput(attrs={"class": "govuk-input govuk-input--width-10"})


def time_input():
    return forms.TimeInput(attrs={"class": "govuk-input govuk-input--width-5"}, format="%H:%M")


def people_choices():
    return Person.objects.active().select_related("organisation").order_by("name")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj}, {obj.organisation.short_name or obj.organisation.name}"


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


class ReportForm(GdsFormMixin, forms.Form):
    submit_label = "Save report"

    def __init__(self, *args, committee, **kwargs):
        super().__init__(*args, **kwargs)
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
        for section in committee.report_sections.order_by("position"):
            self.fields[section.key] = forms.CharField(
                label=section.heading,
                required=False,
                max_length=TEXT_LIMIT,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text="Required before publication." if section.is_required else "",
                error_messages={
                    "max_length": f"{section.heading} must be {TEXT_LIMIT:,} characters or fewer"
                },
            )
        if "financial" in self.fields and self.fields["financial"].help_text:
            self.fields["financial"].help_text = (
                'Required before publication. "There are no financial considerations" is an '
                "answer; blank is not."
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
