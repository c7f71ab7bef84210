"""Views of the indicators app, one module per journey."""

from indicators.views.dashboard import DashboardView, IndicatorDetailView, PerformanceReportView
from indicators.views.uploads import (
    IMPORT_ROLES,
    FigureUploadApproveView,
    FigureUploadCreateView,
    FigureUploadDetailView,
)

__all__ = [
    "IMPORT_ROLES",
    "DashboardView",
    "FigureUploadApproveView",
    "FigureUploadCreateView",
    "FigureUploadDetailView",
    "IndicatorDetailView",
    "PerformanceReportView",
]
