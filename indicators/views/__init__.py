"""Views of the indicators app, one module per journey."""

from indicators.views.dashboard import DashboardView, IndicatorDetailView, PerformanceReportView
from indicators.views.uploads import (
    FigureUploadApproveView,
    FigureUploadCreateView,
    FigureUploadDetailView,
)

__all__ = [
    "DashboardView",
    "FigureUploadApproveView",
    "FigureUploadCreateView",
    "FigureUploadDetailView",
    "IndicatorDetailView",
    "PerformanceReportView",
]
