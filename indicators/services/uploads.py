"""The browser's route for figure files: check and preview first, apply on confirmation."""

import hashlib

from django.db import transaction
from django.utils import timezone

from indicators.models import Figure, FigureUpload
from indicators.services.imports import ImportResult, figures_import
from shp.errors import ApplicationError
from shp.models import Job


def figure_upload_preview(
    *, user, filename: str, content: bytes
) -> tuple[FigureUpload, ImportResult]:
    """Check the whole file (raising ImportFailed with every problem); keep it for applying."""
    result = figures_import(content=content, filename=filename, user=user, dry_run=True)
    upload = FigureUpload.objects.create(
        filename=filename[:255],
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        uploaded_by=user,
        created=result.count("create"),
        updated=result.count("update"),
        unchanged=result.count("unchanged"),
    )
    return upload, result


def figure_upload_dry_run(*, upload: FigureUpload) -> ImportResult:
    """What applying the upload would change now (figures may have changed since upload)."""
    return figures_import(
        content=bytes(upload.content),
        filename=upload.filename,
        user=upload.uploaded_by,
        dry_run=True,
    )


@transaction.atomic
def figure_upload_apply(*, upload: FigureUpload, user) -> ImportResult:
    """Write the upload's figures (all or none) as drafts and queue the recompute."""
    upload = FigureUpload.objects.select_for_update().get(pk=upload.pk)
    if upload.status == FigureUpload.Status.APPLIED:
        raise ApplicationError("This file has already been applied.")
    result = figures_import(
        content=bytes(upload.content),
        filename=upload.filename,
        user=user,
        status=Figure.Status.DRAFT,
    )
    upload.status = FigureUpload.Status.APPLIED
    upload.applied_at = timezone.now()
    upload.created = result.count("create")
    upload.updated = result.count("update")
    upload.unchanged = result.count("unchanged")
    if result.recompute_job_id:
        upload.recompute_job = Job.objects.get(pk=result.recompute_job_id)
    upload.save()
    return result
