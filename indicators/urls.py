"""URLs of the indicators app (namespace ``indicators``)."""

from django.urls import path, register_converter

from indicators import views
from indicators.converters import QuarterConverter
from indicators.views import (
    catalogue,
    catalogue_files,
    commentary,
    entry,
    narrative,
    public,
    quarter_files,
    quarters,
    report_definitions,
    targets,
)

register_converter(QuarterConverter, "quarter")

app_name = "indicators"
urlpatterns = [
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path(
        "dashboard/summary/<str:area>/",
        narrative.NarrativeEditView.as_view(),
        name="narrative-edit",
    ),
    path("report.pdf", views.PerformanceReportView.as_view(), name="performance-report"),
    path("published/", public.PublicPerformanceView.as_view(), name="public-performance"),
    path("published/open-data.csv", public.OpenDataView.as_view(), name="open-data"),
    path(
        "published/open-data/columns/",
        public.OpenDataDictionaryView.as_view(),
        name="open-data-dictionary",
    ),
    path("catalogue/", catalogue.IndicatorListView.as_view(), name="indicator-list"),
    path(
        "reports/", report_definitions.ReportDefinitionListView.as_view(), name="report-definitions"
    ),
    path(
        "reports/new/",
        report_definitions.ReportDefinitionEditView.as_view(),
        name="report-definition-add",
    ),
    path(
        "reports/<slug:slug>/",
        report_definitions.ReportDefinitionDetailView.as_view(),
        name="report-definition",
    ),
    path(
        "reports/<slug:slug>/change/",
        report_definitions.ReportDefinitionEditView.as_view(),
        name="report-definition-edit",
    ),
    path(
        "reports/<slug:slug>/sections/new/",
        report_definitions.ReportSectionEditView.as_view(),
        name="report-section-add",
    ),
    path(
        "reports/<slug:slug>/sections/<int:position>/",
        report_definitions.ReportSectionEditView.as_view(),
        name="report-section-edit",
    ),
    path(
        "reports/<slug:slug>/sections/<int:position>/move/",
        report_definitions.ReportSectionActionView.as_view(),
        name="report-section-action",
    ),
    path("catalogue/new/", catalogue.IndicatorEditView.as_view(), name="indicator-add"),
    path(
        "catalogue/export.<str:fmt>",
        catalogue_files.CatalogueExportView.as_view(),
        name="catalogue-export",
    ),
    path(
        "catalogue/import/",
        catalogue_files.CatalogueUploadCreateView.as_view(),
        name="catalogue-import",
    ),
    path(
        "catalogue/import/national/",
        catalogue_files.NationalReferenceView.as_view(),
        name="catalogue-national",
    ),
    path(
        "catalogue/import/<uuid:pk>/",
        catalogue_files.CatalogueUploadDetailView.as_view(),
        name="catalogue-upload",
    ),
    path(
        "catalogue/<str:code>/change/",
        catalogue.IndicatorEditView.as_view(),
        name="indicator-edit",
    ),
    path(
        "catalogue/<str:code>/retire/",
        catalogue.IndicatorRetireView.as_view(),
        name="indicator-retire",
    ),
    path(
        "catalogue/<str:code>/series-break/",
        catalogue.SeriesBreakView.as_view(),
        name="series-break-add",
    ),
    path("catalogue/<str:code>/", views.IndicatorDetailView.as_view(), name="indicator-detail"),
    path(
        "catalogue/<str:code>/commentary/<str:area>/",
        commentary.CommentaryEditView.as_view(),
        name="commentary-edit",
    ),
    path(
        "catalogue/<str:code>/targets/<str:area>/",
        targets.TargetEditView.as_view(),
        name="target-edit",
    ),
    path("figures/upload/", views.FigureUploadCreateView.as_view(), name="upload"),
    path("figures/upload/<uuid:pk>/", views.FigureUploadDetailView.as_view(), name="upload-detail"),
    path(
        "figures/upload/<uuid:pk>/approve/",
        views.FigureUploadApproveView.as_view(),
        name="upload-approve",
    ),
    path("quarters/", quarters.QuarterListView.as_view(), name="quarter-list"),
    path(
        "quarters/<quarter:quarter>/",
        quarters.QuarterCompletenessView.as_view(),
        name="quarter-completeness",
    ),
    path(
        "quarters/<quarter:quarter>/<slug:organisation>/",
        entry.QuarterEntryView.as_view(),
        name="quarter-entry",
    ),
    path(
        "quarters/<quarter:quarter>/<slug:organisation>/sign-off/",
        entry.QuarterSignOffView.as_view(),
        name="quarter-sign-off",
    ),
    path(
        "quarters/<quarter:quarter>/<slug:organisation>/upload/",
        quarter_files.QuarterUploadView.as_view(),
        name="quarter-upload",
    ),
    path(
        "quarters/<quarter:quarter>/<slug:organisation>/template.<str:fmt>",
        quarter_files.QuarterTemplateView.as_view(),
        name="quarter-template",
    ),
    path("figures/<int:pk>/history/", entry.FigureHistoryView.as_view(), name="figure-history"),
    path("figures/<int:pk>/clear/", entry.FigureClearView.as_view(), name="figure-clear"),
]
