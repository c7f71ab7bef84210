"""URLs of the meetings app (namespace ``meetings``)."""

from django.urls import path

from meetings import pack_views, standing_views, views
from meetings.feeds import PublishedPapersFeed

app_name = "meetings"
urlpatterns = [
    path("", views.MeetingListView.as_view(), name="meeting-list"),
    path("new/", views.MeetingCreateView.as_view(), name="meeting-create"),
    path("meetings.ics", views.MeetingCalendarView.as_view(), name="calendar"),
    path("papers.rss", PublishedPapersFeed(), name="papers-feed"),
    path("actions/", views.ActionListView.as_view(), name="action-list"),
    path("paper-access/", views.PaperAccessListView.as_view(), name="paper-access"),
    path("actions/<int:pk>/", views.ActionUpdateView.as_view(), name="action-edit"),
    path("committees/<slug:slug>/", views.CommitteeDetailView.as_view(), name="committee-detail"),
    path("committees/<slug:slug>/seats/add/", views.SeatCreateView.as_view(), name="seat-add"),
    path(
        "committees/<slug:slug>/standing-items/",
        standing_views.StandingItemsView.as_view(),
        name="standing-items",
    ),
    path(
        "committees/<slug:slug>/standing-items/<int:pk>/",
        standing_views.StandingItemsView.as_view(),
        name="standing-item-edit",
    ),
    path(
        "committees/<slug:slug>/report-sections/",
        standing_views.ReportSectionsView.as_view(),
        name="report-sections",
    ),
    path(
        "committees/<slug:slug>/report-sections/<int:pk>/",
        standing_views.ReportSectionsView.as_view(),
        name="report-section-edit",
    ),
    path(
        "committees/<slug:slug>/report-sections/<int:pk>/action/",
        standing_views.ReportSectionActionView.as_view(),
        name="report-section-action",
    ),
    path(
        "committees/<slug:slug>/standing-items/<int:pk>/action/",
        standing_views.StandingItemActionView.as_view(),
        name="standing-item-action",
    ),
    path("seats/<int:pk>/appoint/", views.MembershipCreateView.as_view(), name="seat-appoint"),
    path("memberships/<int:pk>/end/", views.MembershipEndView.as_view(), name="membership-end"),
    path("<int:pk>/", views.MeetingDetailView.as_view(), name="meeting-detail"),
    path("<int:pk>/edit/", views.MeetingUpdateView.as_view(), name="meeting-edit"),
    path("<int:pk>/status/", views.MeetingStatusView.as_view(), name="meeting-status"),
    path("<int:pk>/agenda/", views.AgendaBuilderView.as_view(), name="agenda"),
    path("<int:pk>/agenda/add/", views.AgendaItemCreateView.as_view(), name="item-add"),
    path("<int:pk>/agenda/publish/", views.AgendaPublishView.as_view(), name="agenda-publish"),
    path("<int:pk>/attendance/", views.AttendanceView.as_view(), name="attendance"),
    path(
        "<int:pk>/declarations/add/", views.DeclarationCreateView.as_view(), name="declaration-add"
    ),
    path("<int:pk>/minutes/", views.MinutesDetailView.as_view(), name="minutes"),
    path("<int:pk>/minutes/edit/", views.MinutesEditView.as_view(), name="minutes-edit"),
    path("<int:pk>/confirm-minutes/", views.MinutesConfirmView.as_view(), name="minutes-confirm"),
    path("items/<int:pk>/", views.ReportDetailView.as_view(), name="report-detail"),
    path("items/<int:pk>/edit/", views.AgendaItemUpdateView.as_view(), name="item-edit"),
    path("items/<int:pk>/move/", views.AgendaItemMoveView.as_view(), name="item-move"),
    path("items/<int:pk>/remove/", views.AgendaItemRemoveView.as_view(), name="item-remove"),
    path("items/<int:pk>/report/", views.ReportEditView.as_view(), name="report-edit"),
    path("items/<int:pk>/appendices/add/", views.AppendixCreateView.as_view(), name="appendix-add"),
    path("appendices/<int:pk>/", views.AppendixDownloadView.as_view(), name="appendix"),
    path("minutes/<int:pk>/edit/", views.MinuteUpdateView.as_view(), name="minute-edit"),
    path("<int:pk>/packs/", pack_views.PackListView.as_view(), name="pack-list"),
    path("<int:pk>/packs/render/", pack_views.PackRenderView.as_view(), name="pack-render"),
    path("packs/<int:pk>/", pack_views.PackDownloadView.as_view(), name="pack-download"),
]
