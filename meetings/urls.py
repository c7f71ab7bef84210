"""URLs of the meetings app (namespace ``meetings``)."""

from django.urls import path

from meetings.feeds import PublishedPapersFeed
from meetings.views import (
    agenda,
    committees,
    forward_plan,
    minutes,
    packs,
    public,
    record,
    registers,
    reports,
    search,
)

app_name = "meetings"
urlpatterns = [
    path("", public.MeetingListView.as_view(), name="meeting-list"),
    path("new/", agenda.MeetingCreateView.as_view(), name="meeting-create"),
    path("meetings.ics", public.MeetingCalendarView.as_view(), name="calendar"),
    path("papers.rss", PublishedPapersFeed(), name="papers-feed"),
    path("actions/", minutes.ActionListView.as_view(), name="action-list"),
    path("search/", search.SearchView.as_view(), name="search"),
    path("decisions/", registers.DecisionRegisterView.as_view(), name="decision-register"),
    path("paper-access/", packs.PaperAccessListView.as_view(), name="paper-access"),
    path("actions/<int:pk>/", minutes.ActionUpdateView.as_view(), name="action-edit"),
    path("committees/<slug:slug>/", public.CommitteeDetailView.as_view(), name="committee-detail"),
    path(
        "committees/<slug:slug>/forward-plan/",
        forward_plan.ForwardPlanView.as_view(),
        name="forward-plan",
    ),
    path(
        "committees/<slug:slug>/forward-plan/add/",
        forward_plan.ForwardPlanItemCreateView.as_view(),
        name="forward-plan-add",
    ),
    path(
        "committees/<slug:slug>/forward-plan/<int:pk>/",
        forward_plan.ForwardPlanItemUpdateView.as_view(),
        name="forward-plan-edit",
    ),
    path(
        "committees/<slug:slug>/forward-plan/<int:pk>/remove/",
        forward_plan.ForwardPlanItemRemoveView.as_view(),
        name="forward-plan-remove",
    ),
    path("committees/<slug:slug>/seats/add/", committees.SeatCreateView.as_view(), name="seat-add"),
    path(
        "committees/<slug:slug>/standing-items/",
        committees.StandingItemsView.as_view(),
        name="standing-items",
    ),
    path(
        "committees/<slug:slug>/standing-items/<int:pk>/",
        committees.StandingItemsView.as_view(),
        name="standing-item-edit",
    ),
    path(
        "committees/<slug:slug>/report-sections/",
        committees.ReportSectionsView.as_view(),
        name="report-sections",
    ),
    path(
        "committees/<slug:slug>/report-sections/<int:pk>/",
        committees.ReportSectionsView.as_view(),
        name="report-section-edit",
    ),
    path(
        "committees/<slug:slug>/report-sections/<int:pk>/action/",
        committees.ReportSectionActionView.as_view(),
        name="report-section-action",
    ),
    path(
        "committees/<slug:slug>/standing-items/<int:pk>/action/",
        committees.StandingItemActionView.as_view(),
        name="standing-item-action",
    ),
    path("seats/<int:pk>/appoint/", committees.MembershipCreateView.as_view(), name="seat-appoint"),
    path(
        "memberships/<int:pk>/end/", committees.MembershipEndView.as_view(), name="membership-end"
    ),
    path("<int:pk>/", public.MeetingDetailView.as_view(), name="meeting-detail"),
    path("<int:pk>/edit/", agenda.MeetingUpdateView.as_view(), name="meeting-edit"),
    path("<int:pk>/status/", agenda.MeetingStatusView.as_view(), name="meeting-status"),
    path("<int:pk>/agenda/", agenda.AgendaBuilderView.as_view(), name="agenda"),
    path("<int:pk>/agenda/add/", agenda.AgendaItemCreateView.as_view(), name="item-add"),
    path(
        "<int:pk>/agenda/from-plan/",
        forward_plan.AgendaFromPlanView.as_view(),
        name="agenda-from-plan",
    ),
    path("<int:pk>/agenda/publish/", agenda.AgendaPublishView.as_view(), name="agenda-publish"),
    path("<int:pk>/attendance/", minutes.AttendanceView.as_view(), name="attendance"),
    path(
        "<int:pk>/declarations/add/",
        minutes.DeclarationCreateView.as_view(),
        name="declaration-add",
    ),
    path("<int:pk>/minutes/", public.MinutesDetailView.as_view(), name="minutes"),
    path("<int:pk>/minutes.pdf", record.MinutesPdfView.as_view(), name="minutes-pdf"),
    path("<int:pk>/decisions/", record.DecisionNoticeView.as_view(), name="decision-notice"),
    path("<int:pk>/publish-record/", record.RecordPublishView.as_view(), name="record-publish"),
    path("<int:pk>/minutes/edit/", minutes.MinutesEditView.as_view(), name="minutes-edit"),
    path("<int:pk>/confirm-minutes/", minutes.MinutesConfirmView.as_view(), name="minutes-confirm"),
    path("items/<int:pk>/", public.ReportDetailView.as_view(), name="report-detail"),
    path("items/<int:pk>/edit/", agenda.AgendaItemUpdateView.as_view(), name="item-edit"),
    path("items/<int:pk>/move/", agenda.AgendaItemMoveView.as_view(), name="item-move"),
    path("items/<int:pk>/remove/", agenda.AgendaItemRemoveView.as_view(), name="item-remove"),
    path("items/<int:pk>/report/", agenda.ReportEditView.as_view(), name="report-edit"),
    path("my-reports/", reports.MyReportsView.as_view(), name="my-reports"),
    path("items/<int:pk>/draft/", reports.ReportDraftView.as_view(), name="report-draft"),
    path(
        "items/<int:pk>/clearance/",
        reports.ReportClearanceView.as_view(),
        name="report-clearance",
    ),
    path("items/<int:pk>/comments/", reports.ReportCommentView.as_view(), name="report-comment"),
    path(
        "items/<int:pk>/commission/",
        reports.ReportCommissionView.as_view(),
        name="report-commission",
    ),
    path("items/<int:pk>/report/delete/", reports.ReportDeleteView.as_view(), name="report-delete"),
    path(
        "appendices/<int:pk>/remove/",
        reports.AppendixRemoveView.as_view(),
        name="appendix-remove",
    ),
    path(
        "appendices/<int:pk>/replace/",
        reports.AppendixReplaceView.as_view(),
        name="appendix-replace",
    ),
    path(
        "items/<int:pk>/appendices/add/", agenda.AppendixCreateView.as_view(), name="appendix-add"
    ),
    path("appendices/<int:pk>/", public.AppendixDownloadView.as_view(), name="appendix"),
    path("minutes/<int:pk>/edit/", minutes.MinuteUpdateView.as_view(), name="minute-edit"),
    path("<int:pk>/packs/", packs.PackListView.as_view(), name="pack-list"),
    path("<int:pk>/packs/render/", packs.PackRenderView.as_view(), name="pack-render"),
    path("packs/<int:pk>/", packs.PackDownloadView.as_view(), name="pack-download"),
    path("<int:pk>/pack/<str:variant>/", packs.PackHtmlView.as_view(), name="pack-html"),
]
