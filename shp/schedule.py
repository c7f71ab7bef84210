"""Every periodic job, declared in one place (Celery beat reads it through shp/celery_config).
Each is safe to run twice: a reminder already sent is never sent again, and a job is
claimed before it is sent."""

from datetime import timedelta

from django.conf import settings

BEAT_SCHEDULE = {
    "send-reminders": {
        "task": "shp.tasks.reminders_send_task",
        "schedule": timedelta(minutes=settings.REMINDER_EVERY_MINUTES),
        "options": {"expires": settings.REMINDER_EVERY_MINUTES * 60},
    },
    "send-waiting-jobs": {
        "task": "shp.tasks.jobs_send_waiting_task",
        "schedule": timedelta(seconds=settings.JOBS_SEND_WAITING_EVERY_SECONDS),
        "options": {"expires": settings.JOBS_SEND_WAITING_EVERY_SECONDS},
    },
}
