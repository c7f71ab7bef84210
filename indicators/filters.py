"""django-filter filter sets of the indicators app."""

import django_filters

from indicators.models import Comparison, Indicator


class ComparisonFilter(django_filters.FilterSet):
    theme = django_filters.ChoiceFilter(
        field_name="indicator__theme",
        choices=Indicator.Theme.choices,
        empty_label="All themes",
        label="Theme",
    )

    class Meta:
        model = Comparison
        fields = ["theme"]
