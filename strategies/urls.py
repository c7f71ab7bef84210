from django.urls import path

from strategies import plan_views, views

app_name = "strategies"

urlpatterns = [
    path("", views.PlanListView.as_view(), name="plan-list"),
    path("plans/new/", plan_views.PlanEditView.as_view(), name="plan-add"),
    path("plans/<slug:slug>/", views.PlanDetailView.as_view(), name="plan-detail"),
    path("plans/<slug:slug>/change/", plan_views.PlanEditView.as_view(), name="plan-edit"),
    path(
        "plans/<slug:slug>/objectives/new/",
        plan_views.ObjectiveEditView.as_view(),
        name="objective-add",
    ),
    path(
        "plans/<slug:slug>/objectives/<int:number>/",
        plan_views.ObjectiveEditView.as_view(),
        name="objective-edit",
    ),
    path(
        "plans/<slug:slug>/objectives/<int:number>/priorities/new/",
        plan_views.PriorityEditView.as_view(),
        name="priority-add",
    ),
    path(
        "plans/<slug:slug>/objectives/<int:number>/priorities/<int:pk>/",
        plan_views.PriorityEditView.as_view(),
        name="priority-edit",
    ),
    path(
        "plans/<slug:slug>/objectives/<int:number>/priorities/<int:pk>/remove/",
        plan_views.PriorityRemoveView.as_view(),
        name="priority-remove",
    ),
    path("plans/<slug:slug>/report.<str:fmt>", views.PlanReportView.as_view(), name="plan-report"),
    path("plans/<slug:slug>/actions/add/", views.ActionCreateView.as_view(), name="action-add"),
    path("actions/<int:pk>/", views.ActionDetailView.as_view(), name="action-detail"),
    path("actions/<int:pk>/edit/", views.ActionUpdateView.as_view(), name="action-edit"),
    path("actions/<int:pk>/update/", views.UpdateCreateView.as_view(), name="update-add"),
    path("actions/<int:pk>/status/", views.ActionStatusView.as_view(), name="action-status"),
    path("updates/<int:pk>/evidence/", views.EvidenceDownloadView.as_view(), name="evidence"),
]
