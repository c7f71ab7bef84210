"""Views of the indicators app, one module per journey."""

from indicators.views.dashboard import DashboardView, IndicatorDetailView, PerformanceReportView
from indicators.views.uploads import IMPORT_ROLES, FigureUploadCreateView, FigureUploadDetailView

__all__ = [
    "IMPORT_ROLES",
    "DashboardView",
    "FigureUploadCreateView",
    "FigureUploadDetailView",
    "IndicatorDetailView",
    "PerformanceReportView",
]
