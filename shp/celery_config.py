"""Celery settings, derived from the Django settings (where the environment is read)."""

from django.conf import settings

broker_url = settings.CELERY_BROKER_URL
task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER
task_eager_propagates = True
# Progress and results live in our own Job table, so Celery keeps no results of its own.
task_ignore_result = True
# Separate queues, so that a long recompute never holds up a pack being rendered and neither
# holds up the small jobs; production runs workers for each (README, "Running in production").
QUEUES = ("celery", "recompute", "render")
task_routes = {
    "indicators.tasks.comparisons_recompute_task": {"queue": "recompute"},
    "meetings.tasks.agenda_pack_render_task": {"queue": "render"},
}
task_acks_late = True
task_reject_on_worker_lost = True
worker_prefetch_multiplier = 1
task_time_limit = 30 * 60
task_soft_time_limit = 25 * 60
broker_connection_retry_on_startup = True
# Connecting to a queue that is down fails in seconds rather than hanging a web request.
broker_connection_timeout = 3
if broker_url.startswith("redis"):
    broker_transport_options = {
        "visibility_timeout": settings.CELERY_VISIBILITY_TIMEOUT,
        "socket_connect_timeout": 3,
    }
timezone = settings.TIME_ZONE

if broker_url.startswith("filesystem://"):
    _folder = settings.CELERY_BROKER_FOLDER
    for _sub in ("out", "processed", "control"):
        (_folder / _sub).mkdir(parents=True, exist_ok=True)
    broker_transport_options = {
        "data_folder_in": str(_folder / "out"),
        "data_folder_out": str(_folder / "out"),
        "processed_folder": str(_folder / "processed"),
        "control_folder": str(_folder / "control"),
        "store_processed": False,
    }

from shp.schedule import BEAT_SCHEDULE  # noqa: E402  (after the settings it reads)

beat_schedule = BEAT_SCHEDULE
beat_schedule_filename = str(settings.CELERY_BROKER_FOLDER.parent / "celerybeat-schedule")
