"""Forms of report authoring and clearance: asking officers for a report, the comment thread,
sending back, and replacing an appendix."""

from django import forms
from django.conf import settings

from meetings.services.clearance import COMMENT_LIMIT
from shp.forms import GdsFormMixin
from shp.models import Person


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj}, {obj.organisation.short_name or obj.organisation.name}"


class ReportCommissionForm(GdsFormMixin, forms.Form):
    submit_label = "Ask them to write it"
    authors = PeopleChoiceField(
        label="Officers who will write the report",
        queryset=Person.objects.filter(user__isnull=False)
        .select_related("organisation")
        .order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        help_text="They draft it in the app and submit it to you for clearance.",
        error_messages={
            "required": "Choose at least one officer to write it",
            "invalid_choice": "Choose people from the list",
            "invalid_pk_value": "Choose people from the list",
        },
    )


class CommentForm(forms.Form):
    text = forms.CharField(
        label="Comment",
        max_length=COMMENT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3, "class": "govuk-textarea"}),
        error_messages={
            "required": "Enter your comment",
            "max_length": f"The comment must be {COMMENT_LIMIT:,} characters or fewer",
        },
    )


class AppendixReplaceForm(GdsFormMixin, forms.Form):
    submit_label = "Replace the file"
    file = forms.FileField(
        label="New PDF file",
        help_text=f"A PDF no larger than {settings.MEETINGS_APPENDIX_MAX_BYTES // 2**20} MB.",
        error_messages={
            "required": "Choose the PDF to upload",
            "empty": "The selected file is empty",
        },
    )
