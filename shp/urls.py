"""Root URLs: the core, accounts, the Django admin; each app adds its own namespace."""

from django.contrib import admin
from django.urls import include, path

from api.api import api
from api.views import ApiDocsView, ApiTokenListView, ApiTokenRevokeView
from shp import views

handler500 = "shp.views.server_error"

admin.site.site_header = "Partnership administration"
admin.site.site_title = "Partnership administration"

account_patterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path(
        "accessibility/",
        views.StaticPageView.as_view(template_name="shp/accessibility.html"),
        name="accessibility",
    ),
    path(
        "privacy/",
        views.StaticPageView.as_view(template_name="shp/privacy.html"),
        name="privacy",
    ),
    path("accounts/", include(account_patterns)),
    path("", include("shp.urls_core")),
    path("indicators/", include("indicators.urls")),
    path("meetings/", include("meetings.urls")),
    path("strategies/", include("strategies.urls")),
    path("api/", ApiDocsView.as_view(), name="api-docs"),
    path("api/tokens/", ApiTokenListView.as_view(), name="api-tokens"),
    path("api/tokens/<int:pk>/revoke/", ApiTokenRevokeView.as_view(), name="api-token-revoke"),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
