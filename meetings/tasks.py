"""Background tasks of the meetings app: thin wrappers that record progress in Job."""

from celery import shared_task

from meetings.models import Meeting
from meetings.packs import services as packs
from shp import services as core_services


@shared_task(time_limit=30 * 60, soft_time_limit=28 * 60)
def agenda_pack_render_task(job_id: str, meeting_id: int, variant: str) -> None:
    """Render a meeting's agenda pack; the job records progress, or the reason it failed."""
    try:
        meeting = Meeting.objects.select_related("committee").get(pk=meeting_id)
        from shp.models import Job

        user = Job.objects.filter(pk=job_id).values_list("created_by", flat=True).first()
        packs.agenda_pack_render(meeting=meeting, variant=variant, user_id=user, job_id=job_id)
    except Exception as exc:
        core_services.job_fail(job_id=job_id, error=f"{type(exc).__name__}: {exc}")
        raise
