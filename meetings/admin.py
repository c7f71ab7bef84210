from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from meetings.models import (
    Action,
    AgendaItem,
    Appendix,
    Attendance,
    Committee,
    Decision,
    Declaration,
    Meeting,
    Membership,
    Minute,
    Report,
    Seat,
)


class SeatInline(admin.TabularInline):
    model = Seat
    extra = 0


@admin.register(Committee)
class CommitteeAdmin(SimpleHistoryAdmin):
    list_display = ("name", "parent", "is_active")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [SeatInline]


@admin.register(Seat)
class SeatAdmin(SimpleHistoryAdmin):
    list_display = ("title", "committee", "organisation", "is_responsible_authority")
    list_filter = ("committee", "is_responsible_authority")


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ("person", "seat", "role", "start_date", "end_date")
    list_filter = ("seat__committee", "role")
    filter_horizontal = ("substitutes",)


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ("committee", "date", "start_time", "venue", "status", "municipal_year")
    list_filter = ("committee", "status", "municipal_year")


for model in (AgendaItem, Report, Appendix, Attendance, Declaration, Minute, Decision, Action):
    admin.site.register(model, SimpleHistoryAdmin)
