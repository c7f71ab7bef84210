"""Agenda packs in the browser: the versions made, the button that makes one, the download; and
the log of who opened exempt papers and members' packs."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.views import View
from django.views.generic import DetailView, ListView

from meetings import permissions, selectors
from meetings import services as meetings_services
from meetings.models import (
    Meeting,
    PackVersion,
    PaperAccess,
)
from meetings.packs import services as packs
from meetings.packs.snapshots import pack_revisions
from shp.errors import ApplicationError
from shp.models import Job
from shp.permissions import PUBLIC, AccessRequiredMixin
from shp.roles import MEETING_EDITOR_ROLES


def visible_variants(user, meeting) -> list[str]:
    """The public pack for everyone; the members' pack for the committee's members,
    democratic services and administrators."""
    if permissions.may_read_members_pack(user, meeting):
        return [PackVersion.Variant.PUBLIC, PackVersion.Variant.MEMBERS]
    return [PackVersion.Variant.PUBLIC]


class PackListView(AccessRequiredMixin, DetailView):
    """A meeting's rendered packs, newest first, and (for democratic services) the buttons."""

    access = PUBLIC
    template_name = "meetings/pack_list.html"
    context_object_name = "meeting"

    def get_queryset(self):
        return Meeting.objects.select_related("committee")

    def get_object(self, queryset=None):
        meeting = super().get_object(queryset)
        if not meeting.is_published and not selectors.can_edit(self.request.user):
            raise Http404("This meeting's agenda has not been published.")
        return meeting

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        variants = visible_variants(self.request.user, self.object)
        versions = list(self.object.packs.filter(variant__in=variants).select_related("made_by"))
        latest = set()
        for version in versions:
            version.revisions = pack_revisions(version)
            version.is_latest = version.variant not in latest  # newest first
            latest.add(version.variant)
        context.update(
            jobs=Job.objects.filter(kind=packs.pack_job_kind(self.object))[:5]
            if selectors.can_edit(self.request.user)
            else [],
            versions=versions,
            can_edit=selectors.can_edit(self.request.user),
            variants=PackVersion.Variant.choices,
        )
        return context


class PackRenderView(AccessRequiredMixin, View):
    """Queue the render of a pack and follow its progress on the job page."""

    access = MEETING_EDITOR_ROLES

    def post(self, request, pk):
        meeting = get_object_or_404(Meeting, pk=pk)
        try:
            job = packs.agenda_pack_render_start(
                meeting=meeting, variant=request.POST.get("variant", ""), user=request.user
            )
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect("meetings:pack-list", pk=meeting.pk)
        return redirect(job)


class PackDownloadView(AccessRequiredMixin, View):
    """The PDF of one pack version, for those who may read it."""

    access = PUBLIC

    def get(self, request, pk):
        version = get_object_or_404(PackVersion.objects.select_related("meeting"), pk=pk)
        allowed = version.variant in visible_variants(request.user, version.meeting) and (
            version.meeting.is_published or selectors.can_edit(request.user)
        )
        if not allowed:
            raise Http404("No such pack.")
        if version.variant == PackVersion.Variant.MEMBERS:
            meetings_services.paper_access_record(
                user=request.user,
                meeting=version.meeting,
                kind=PaperAccess.Kind.MEMBERS_PACK,
                what=f"Members' pack made {version.created_at:%-d %B %Y %H:%M}",
            )
        try:
            handle = version.file.open("rb")
        except FileNotFoundError:
            raise Http404("The file of this pack is missing.") from None
        meeting = version.meeting
        name = f"{meeting.committee.slug}-{meeting.date:%Y-%m-%d}-{version.variant}.pdf"
        return FileResponse(handle, content_type="application/pdf", filename=name)


class PaperAccessListView(AccessRequiredMixin, ListView):
    """Who opened exempt papers and members' packs, and when: for democratic services."""

    access = MEETING_EDITOR_ROLES
    template_name = "meetings/paper_access.html"
    context_object_name = "accesses"
    paginate_by = 100

    def get_queryset(self):
        return PaperAccess.objects.select_related("meeting__committee")


class PackHtmlView(AccessRequiredMixin, DetailView):
    """The latest pack of a variant as one accessible web page: the same contents, anchors and
    appendices as the PDF (uploaded appendices linked), for those who may read it."""

    access = PUBLIC
    template_name = "meetings/pack_html.html"
    context_object_name = "version"

    def get_object(self, queryset=None):
        meetings = Meeting.objects.select_related("committee")
        meeting = get_object_or_404(meetings, pk=self.kwargs["pk"])
        variant = self.kwargs["variant"]
        allowed = variant in visible_variants(self.request.user, meeting) and (
            meeting.is_published or selectors.can_edit(self.request.user)
        )
        version = (
            meeting.packs.filter(variant=variant).exclude(html="").order_by("-created_at").first()
            if allowed
            else None
        )
        if version is None:
            raise Http404("No such pack.")
        if variant == PackVersion.Variant.MEMBERS:
            meetings_services.paper_access_record(
                user=self.request.user,
                meeting=meeting,
                kind=PaperAccess.Kind.MEMBERS_PACK,
                what=f"Members' pack (web page) made {version.created_at:%-d %B %Y %H:%M}",
            )
        return version
