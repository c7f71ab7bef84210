"""Forms of the API's pages."""

from django import forms

from shp.forms import GdsFormMixin


class ApiTokenForm(GdsFormMixin, forms.Form):
    submit_label = "Make a token"
    name = forms.CharField(
        label="What is the token for?",
        max_length=100,
        help_text="For example “Police analysts' weekly extract”. It tells your tokens apart.",
        error_messages={
            "required": "Enter what the token is for",
            "max_length": "The name must be 100 characters or fewer",
        },
    )
