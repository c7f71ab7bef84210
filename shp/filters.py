"""django-filter filter sets of the partnership core."""

import django_filters

from shp.models import SentReminder
from shp.reminders import kind_labels


class SentReminderFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=(), empty_label="Every kind", label="Kind")
    status = django_filters.ChoiceFilter(
        choices=SentReminder.Status.choices, empty_label="Sent or failed", label="Status"
    )

    class Meta:
        model = SentReminder
        fields = ["kind", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The kinds are registered by the apps, so they are read when the page is.
        kinds = sorted(kind_labels().items(), key=lambda item: item[1])
        self.filters["kind"].extra["choices"] = kinds
