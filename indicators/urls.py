"""URLs of the indicators app (namespace ``indicators``)."""

from django.urls import path

from indicators import views

app_name = "indicators"
urlpatterns = [
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("catalogue/<str:code>/", views.IndicatorDetailView.as_view(), name="indicator-detail"),
    path("figures/upload/", views.FigureUploadCreateView.as_view(), name="upload"),
    path("figures/upload/<uuid:pk>/", views.FigureUploadDetailView.as_view(), name="upload-detail"),
]
