"""What the meetings forms share: the limit on long text, date and time inputs, and the choice of
a person. GOV.UK Design System components through crispy-forms-gds."""

from django import forms

from shp.models import Person

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
