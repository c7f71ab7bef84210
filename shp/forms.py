"""Forms of the partnership core, rendered with the GOV.UK Design System template pack."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Layout
from django import forms
from django.contrib.auth import forms as auth_forms

from shp.services import DEMO_JOB_MAX_STEPS


class GdsFormMixin:
    """Adds a GOV.UK form helper with one submit button; the error summary reads it too."""

    submit_label = "Continue"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(*self.fields, Button("submit", self.submit_label))


class ServiceFormMixin:
    """Views: turn an ApplicationError from a service into a form error; nothing typed is lost."""

    def service_error(self, form, error):
        field = error.field if error.field in form.fields else None
        form.add_error(field, error.message)
        return self.form_invalid(form)


class SignInForm(GdsFormMixin, auth_forms.AuthenticationForm):
    submit_label = "Sign in"
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is not active. Ask your administrator.",
    }


class PasswordResetForm(GdsFormMixin, auth_forms.PasswordResetForm):
    submit_label = "Send reset link"


class SetPasswordForm(GdsFormMixin, auth_forms.SetPasswordForm):
    submit_label = "Save password"


class PasswordChangeForm(GdsFormMixin, auth_forms.PasswordChangeForm):
    submit_label = "Change password"


class DemoJobForm(GdsFormMixin, forms.Form):
    submit_label = "Start the job"
    steps = forms.IntegerField(
        label="Number of steps",
        help_text=f"From 1 to {DEMO_JOB_MAX_STEPS}. Each step takes half a second.",
        min_value=1,
        max_value=DEMO_JOB_MAX_STEPS,
        initial=5,
        error_messages={
            "required": "Enter a number of steps",
            "invalid": "Number of steps must be a whole number, like 5",
            "min_value": "Number of steps must be 1 or more",
            "max_value": f"Number of steps must be {DEMO_JOB_MAX_STEPS} or fewer",
        },
    )


class PartnershipForm(GdsFormMixin, forms.Form):
    """The partnership's name, place, area and home page words (the service checks them)."""

    submit_label = "Save the partnership's details"
    name = forms.CharField(
        label="Name of the partnership",
        max_length=200,
        error_messages={"required": "Enter the partnership's name"},
    )
    place = forms.CharField(
        label="Where it works", max_length=100, required=False, help_text="For example, a town."
    )
    area_code = forms.CharField(
        label="ONS code of its area",
        max_length=20,
        required=False,
        help_text="Its strategies show this area's RAG, for example E06000001.",
    )
    home_intro = forms.CharField(
        label="Words at the top of the public home page",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    read_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class SetupUploadForm(GdsFormMixin, forms.Form):
    submit_label = "Load the files"
    file = forms.FileField(
        label="Upload the set-up files as one zip file",
        help_text="The files a partnership is set up from (see below). Nothing is loaded if any "
        "file has a problem.",
        error_messages={"required": "Select a zip file", "empty": "The selected file is empty"},
    )

    def clean_file(self):
        from shp.setup import MAX_ZIP_BYTES

        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".zip"):
            raise forms.ValidationError("The selected file must be a zip file")
        if upload.size > MAX_ZIP_BYTES:
            raise forms.ValidationError(
                f"The selected file must be smaller than {MAX_ZIP_BYTES // 1_000_000} MB"
            )
        return upload
