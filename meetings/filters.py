"""django-filter filter sets of the meetings app."""

import django_filters
from django import forms
from django.db.models import Q

from meetings.models import Action, Committee, Decision

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"]
NO_ACTIONS = "none"
MAX_QUERY = 200


class DecisionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_text",
        label="Words in the decision or its minute",
        max_length=MAX_QUERY,
    )
    committee = django_filters.ModelChoiceFilter(
        field_name="minute__meeting__committee",
        queryset=Committee.objects.order_by("name"),
        empty_label="Every committee",
        label="Committee",
    )
    date_from = django_filters.DateFilter(
        field_name="minute__meeting__date",
        lookup_expr="gte",
        label="Meetings from",
        input_formats=DATE_FORMATS,
        widget=forms.TextInput,
    )
    date_to = django_filters.DateFilter(
        field_name="minute__meeting__date",
        lookup_expr="lte",
        label="Meetings to",
        input_formats=DATE_FORMATS,
        widget=forms.TextInput,
    )
    action_status = django_filters.ChoiceFilter(
        method="filter_action_status",
        choices=[*Action.Status.choices, (NO_ACTIONS, "No actions")],
        empty_label="Any",
        label="Its actions",
    )

    class Meta:
        model = Decision
        fields = ["q", "committee", "date_from", "date_to", "action_status"]

    def filter_text(self, queryset, name, value):
        for word in value.split()[:20]:
            queryset = queryset.filter(
                Q(text__icontains=word)
                | Q(minute__title__icontains=word)
                | Q(minute__issues__icontains=word)
            )
        return queryset

    def filter_action_status(self, queryset, name, value):
        if value == NO_ACTIONS:
            return queryset.filter(actions__isnull=True)
        return queryset.filter(pk__in=Action.objects.filter(status=value).values("decision_id"))
