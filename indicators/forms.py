"""Forms of the indicators app (GOV.UK Design System components through crispy-forms-gds)."""

from django import forms
from django.conf import settings

from shp.forms import GdsFormMixin

ACCEPTED_SUFFIXES = (".csv", ".xlsx")


class FigureUploadForm(GdsFormMixin, forms.Form):
    submit_label = "Check the file"
    file = forms.FileField(
        label="Upload a file of figures",
        help_text=(
            "A CSV (UTF-8) or Excel .xlsx file with the columns area, indicator, period, value "
            "and, optionally, note. Nothing is saved until you have seen what will change."
        ),
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
