"""The Community Safety Partnership project package."""

from shp.celery import app as celery_app

__all__ = ["celery_app"]
