from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from shp.models import Job, Organisation, Person, User


@admin.register(User)
class PartnershipUserAdmin(UserAdmin, SimpleHistoryAdmin):
    list_display = ("username", "email", "first_name", "last_name", "is_active", "is_staff")
    list_filter = ("groups", "is_active", "is_staff")


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ("name", "short_name", "kind", "is_responsible_authority", "is_active")
    list_filter = ("kind", "is_responsible_authority", "is_active")
    search_fields = ("name", "short_name")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ("name", "title", "job_title", "organisation", "user", "is_active")
    list_filter = ("organisation", "is_active")
    search_fields = ("name", "job_title", "email")
    list_select_related = ("organisation", "user")
    raw_id_fields = ("user",)


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "status", "step", "total_steps", "created_by", "created_at")
    list_filter = ("kind", "status")
    readonly_fields = [field.name for field in Job._meta.fields]
