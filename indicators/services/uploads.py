"""The browser's route for figure files: check and preview first, apply on confirmation.

The performance lead may upload any figures. An officer uploads their own organisation's quarter:
every row must be one of the boxes of its entry grid, and the quarter must still be a draft.
"""

import hashlib

from django.db import transaction
from django.utils import timezone

from indicators import periods
from indicators.entry import EntryScope, entry_scope
from indicators.models import Figure, FigureUpload
from indicators.services.entry import quarter_return_get, quarter_warnings_sync, user_may_enter
from indicators.services.figures import figures_set_status
from indicators.services.imports import ImportResult, figures_import
from shp.errors import ApplicationError
from shp.models import Job


def _scope_of(upload: FigureUpload) -> EntryScope | None:
    if upload.organisation_id is None:
        return None
    return entry_scope(organisation=upload.organisation, quarter=periods.parse(upload.quarter))


def _check_scope(user, scope: EntryScope | None, *, lock: bool = False) -> None:
    if scope is None:
        return
    if not user_may_enter(user, scope.organisation):
        raise ApplicationError(f"You cannot enter figures for {scope.organisation.name}.")
    record = quarter_return_get(organisation=scope.organisation, quarter=scope.quarter, lock=lock)
    if not record.is_editable:
        raise ApplicationError(
            f"{scope.organisation.name}'s {scope.quarter.code} figures are "
            f"{record.get_status_display().lower()}; they can no longer be changed by upload."
        )


def figure_upload_preview(
    *, user, filename: str, content: bytes, scope: EntryScope | None = None
) -> tuple[FigureUpload, ImportResult]:
    """Check the whole file (raising ImportFailed with every problem); keep it for applying."""
    _check_scope(user, scope)
    result = figures_import(
        content=content,
        filename=filename,
        user=user,
        dry_run=True,
        row_problem=scope.problem if scope else None,
    )
    upload = FigureUpload.objects.create(
        filename=filename[:255],
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        uploaded_by=user,
        created=result.count("create"),
        updated=result.count("update"),
        unchanged=result.count("unchanged"),
        organisation=scope.organisation if scope else None,
        quarter=scope.quarter.code if scope else "",
    )
    return upload, result


def figure_upload_dry_run(*, upload: FigureUpload) -> ImportResult:
    """What applying the upload would change now (figures may have changed since upload)."""
    scope = _scope_of(upload)
    return figures_import(
        content=bytes(upload.content),
        filename=upload.filename,
        user=upload.uploaded_by,
        dry_run=True,
        row_problem=scope.problem if scope else None,
    )


@transaction.atomic
def figure_upload_apply(*, upload: FigureUpload, user) -> ImportResult:
    """Write the upload's figures (all or none) and queue the recompute.

    An officer's quarter upload writes drafts, which go through the quarter's sign-off. The
    lead's upload writes figures awaiting approval (submitted); over an approved figure that is a
    revision: the approved value stays what members and the public see until it is approved."""
    upload = FigureUpload.objects.select_for_update().get(pk=upload.pk)
    if upload.status == FigureUpload.Status.APPLIED:
        raise ApplicationError("This file has already been applied.")
    scope = _scope_of(upload)
    _check_scope(user, scope, lock=True)
    result = figures_import(
        content=bytes(upload.content),
        filename=upload.filename,
        user=user,
        status=Figure.Status.DRAFT if scope else Figure.Status.SUBMITTED,
        row_problem=scope.problem if scope else None,
    )
    upload.status = FigureUpload.Status.APPLIED
    upload.revisions = result.revisions
    upload.written = [list(pair) for pair in result.written]
    upload.applied_at = timezone.now()
    upload.created = result.count("create")
    upload.updated = result.count("update")
    upload.unchanged = result.count("unchanged")
    if result.recompute_job_id:
        upload.recompute_job = Job.objects.get(pk=result.recompute_job_id)
    upload.save()
    if scope is not None:
        record = quarter_return_get(organisation=scope.organisation, quarter=scope.quarter)
        quarter_warnings_sync(quarter_return=record, scope=scope)
    return result


@transaction.atomic
def figure_upload_approve(*, upload: FigureUpload, user) -> tuple[int, int]:
    """The performance lead approves the figures a (lead's) upload wrote: new ones and
    revisions alike. A figure changed since the upload is left for its own approval.
    Returns (approved, left because changed since)."""
    from indicators.services.comparisons import comparisons_recompute_start
    from indicators.services.quarters import _require_reviewer

    _require_reviewer(user)
    upload = FigureUpload.objects.select_for_update().get(pk=upload.pk)
    if upload.status != FigureUpload.Status.APPLIED:
        raise ApplicationError("Save the figures of this file before approving them.")
    if upload.organisation_id is not None:
        raise ApplicationError(
            "These figures belong to a quarter: approve them on the quarter's page."
        )
    if upload.approved_at is not None:
        raise ApplicationError("The figures of this file have already been approved.")
    versions = dict(upload.written)
    figures = list(
        Figure.objects.select_for_update(of=("self",))
        .filter(pk__in=versions)
        .exclude(status__in=[Figure.Status.APPROVED, Figure.Status.LOCKED])
    )
    current = [f for f in figures if versions.get(f.pk) == f.version]
    figures_set_status(
        figures=current,
        user=user,
        status=Figure.Status.APPROVED,
        reason=f"Approved with the file {upload.filename}",
    )
    upload.approved_at = timezone.now()
    upload.save(update_fields=["approved_at", "updated_at"])
    if current:
        comparisons_recompute_start(user=user)
    return len(current), len(figures) - len(current)
