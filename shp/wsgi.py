"""WSGI entry point (gunicorn shp.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shp.settings.production")

application = get_wsgi_application()
