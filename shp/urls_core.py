"""URLs of the partnership core (namespace ``shp``)."""

from django.urls import path

from shp import views

app_name = "shp"
urlpatterns = [
    path("partners/", views.OrganisationListView.as_view(), name="organisation-list"),
    path(
        "partners/<slug:slug>/",
        views.OrganisationDetailView.as_view(),
        name="organisation-detail",
    ),
    path("partnership/", views.PartnershipView.as_view(), name="partnership"),
    path("partnership/setup/", views.PartnershipSetupView.as_view(), name="partnership-setup"),
    path("jobs/", views.JobListView.as_view(), name="job-list"),
    path("reminders/", views.SentReminderListView.as_view(), name="reminder-list"),
    path("jobs/<uuid:pk>/", views.JobDetailView.as_view(), name="job-detail"),
    path("jobs/<uuid:pk>/status.json", views.job_status, name="job-status"),
]
