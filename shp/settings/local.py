"""Local development: SQLite, the filesystem Celery broker, e-mail printed to the console."""

from shp.settings.base import *  # noqa: F403
from shp.settings.base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = SECRET_KEY or "local-development-only-not-secret"  # noqa: F405
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
# Serve static files straight from the finders; no collectstatic needed outside production.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
