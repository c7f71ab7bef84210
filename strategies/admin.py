from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from strategies.models import Action, Objective, Plan, Priority, Update


class ObjectiveInline(admin.TabularInline):
    model = Objective
    extra = 0


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ("title", "kind", "status", "start_date", "end_date", "owner_committee")
    list_filter = ("kind", "status")
    prepopulated_fields = {"slug": ("title",)}
    raw_id_fields = ("approved_minute",)
    inlines = [ObjectiveInline]


@admin.register(Priority)
class PriorityAdmin(SimpleHistoryAdmin):
    list_display = ("title", "objective", "year")


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ("number", "plan", "objective", "owner", "status", "due_date", "is_ongoing")
    list_filter = ("plan", "status")
    search_fields = ("description", "owner")
    filter_horizontal = ("lead_organisations", "indicators")
    raw_id_fields = ("lead_person",)


@admin.register(Update)
class UpdateAdmin(SimpleHistoryAdmin):
    list_display = ("action", "year", "quarter", "rag", "percent_complete", "recorded_by")
    list_filter = ("rag", "year", "quarter")
