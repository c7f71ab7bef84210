"""Writes for agenda packs: queue a render, render (reusing an unchanged version), keep it."""

import os

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting, PackVersion
from meetings.packs.compose import pack_compose, pack_figures, pack_fill
from meetings.packs.render import pack_pdf
from shp import services as core_services
from shp.errors import ApplicationError

PACK_JOB_KIND = "agenda_pack"


def pack_job_kind(meeting: Meeting) -> str:
    """Jobs are tagged with their meeting, so its pack page can list recent renders."""
    return f"{PACK_JOB_KIND}:{meeting.pk}"


PACK_STEPS = 4  # composing, rendering appendices, laying out and merging, saving


def agenda_pack_render_start(*, meeting: Meeting, variant: str, user) -> object:
    """Queue the render of a pack (after the current transaction commits); returns its Job."""
    from meetings.tasks import agenda_pack_render_task

    if variant not in PackVersion.Variant.values:
        raise ApplicationError("Choose the public pack or the members' pack.")
    if not meeting.items.exists():
        raise ApplicationError("This meeting has no agenda yet, so there is no pack to make.")
    job = core_services.job_create(
        kind=pack_job_kind(meeting),
        title=f"Agenda pack: {meeting.committee.name}, {meeting.date:%-d %B %Y} "
        f"({PackVersion.Variant(variant).label.split(' (')[0].lower()})",
        total_steps=PACK_STEPS,
        created_by=user,
        task=agenda_pack_render_task,
        task_args=(meeting.pk, variant),
    )
    return job


def packs_remake_on_commit(*, meeting: Meeting, user=None) -> None:
    """Once this transaction commits, queue both packs of a published meeting to be made
    again (a version is reused when nothing in it changed). Off with
    MEETINGS_PACKS_ON_PUBLISH=False, as in the test settings."""
    if not settings.MEETINGS_PACKS_ON_PUBLISH:
        return

    def queue():
        current = Meeting.objects.get(pk=meeting.pk)
        if not current.is_published or current.status == Meeting.Status.CANCELLED:
            return
        for variant in PackVersion.Variant.values:
            agenda_pack_render_start(meeting=current, variant=variant, user=user)

    transaction.on_commit(queue)


def agenda_pack_render(*, meeting: Meeting, variant: str, user_id=None, job_id=None) -> PackVersion:
    """Render the pack, or return the version already made from exactly the same state.

    The file is written under a temporary name and renamed into place, and the version row is
    created only after that: a worker stopped half way leaves no pack behind."""

    def progress(step: int, message: str):
        if job_id:
            core_services.job_progress(job_id=job_id, step=step, message=message)

    progress(0, "Composing the pack")
    composed = pack_compose(meeting=meeting, variant=variant)
    existing = PackVersion.objects.filter(
        meeting=meeting, variant=variant, fingerprint=composed.fingerprint
    ).first()
    if existing is not None and existing.html and default_storage.exists(existing.file.name):
        _finish(job_id, existing, "Nothing has changed since this pack was made; it was kept.")
        return existing
    body, web_body = pack_fill(composed, progress=lambda message: progress(1, message))
    printed = pack_figures(composed)
    rendered = pack_pdf(composed, body, progress=lambda message: progress(2, message))
    progress(3, "Saving the pack")
    stamp = timezone.now()
    name = (
        f"meetings/packs/{meeting.date:%Y/%m}/{meeting.committee.slug}-{meeting.date:%Y-%m-%d}-"
        f"{variant}-{stamp:%Y%m%d%H%M%S}-{composed.fingerprint[:8]}.pdf"
    )
    final_path = _write_atomically(name, rendered.pdf)
    try:
        with transaction.atomic():
            version, _ = PackVersion.objects.update_or_create(
                meeting=meeting,
                variant=variant,
                fingerprint=composed.fingerprint,
                defaults={
                    "file": name,
                    "size": len(rendered.pdf),
                    "pages": rendered.pages,
                    "made_by_id": user_id,
                    "figures": printed,
                    "html": web_body,
                },
            )
    except Exception:
        os.remove(final_path)
        raise
    _finish(job_id, version, f"Done: {rendered.pages} pages.")
    return version


def _write_atomically(name: str, content: bytes) -> str:
    path = os.path.join(settings.MEDIA_ROOT, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    partial = f"{path}.part-{os.getpid()}"
    with open(partial, "wb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)
    return path


def _finish(job_id, version: PackVersion, message: str) -> None:
    if job_id:
        core_services.job_succeed(
            job_id=job_id,
            message=message,
            result_url=reverse("meetings:pack-download", kwargs={"pk": version.pk}),
        )
