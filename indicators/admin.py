from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from indicators.models import (
    Area,
    Comparison,
    Denominator,
    Figure,
    FigureUpload,
    Indicator,
    Period,
    PublishedValue,
    Target,
)


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "parent")


@admin.register(Denominator)
class DenominatorAdmin(SimpleHistoryAdmin):
    list_display = ("area", "year", "population", "households")
    list_filter = ("area", "year")


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "theme", "unit", "polarity", "parent", "valid_from", "valid_to")
    list_filter = ("theme", "unit", "polarity")
    search_fields = ("code", "name")


@admin.register(Period)
class PeriodAdmin(admin.ModelAdmin):
    list_display = ("code", "kind", "start", "end")
    list_filter = ("kind",)


@admin.register(Figure)
class FigureAdmin(SimpleHistoryAdmin):
    list_display = ("indicator", "area", "period", "value", "not_available_reason", "status")
    list_filter = ("status", "area", "indicator__theme")
    list_select_related = ("indicator", "area", "period")
    search_fields = ("indicator__name", "indicator__code")
    raw_id_fields = ("period",)

    # Figures change only through the write path (the grid, uploads, the import), which raises
    # their version, records the change for the recompute and queues it; here they are read.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ("indicator", "area", "period", "kind", "value", "amber_tolerance")


@admin.register(PublishedValue)
class PublishedValueAdmin(admin.ModelAdmin):
    list_display = ("source", "row_label", "area", "period", "current", "change", "pct_change")
    list_filter = ("source",)


@admin.register(Comparison)
class ComparisonAdmin(admin.ModelAdmin):
    list_display = ("indicator", "area", "period", "current_value", "change", "rag")
    list_filter = ("area", "rag")
    list_select_related = ("indicator", "area", "period")

    def has_change_permission(self, request, obj=None):
        return False  # computed by the recompute job, never edited by hand


@admin.register(FigureUpload)
class FigureUploadAdmin(admin.ModelAdmin):
    list_display = ("filename", "uploaded_by", "status", "created", "updated", "created_at")
    exclude = ("content",)
    readonly_fields = ("filename", "sha256", "size", "uploaded_by", "status", "applied_at")
