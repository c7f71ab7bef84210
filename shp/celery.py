"""The Celery application: tasks are found in each app's tasks.py."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shp.settings.local")

app = Celery("shp")
app.config_from_object("shp.celery_config")
app.autodiscover_tasks()
