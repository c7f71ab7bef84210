"""Tests: PostgreSQL and Redis when DATABASE_URL / CELERY_BROKER_URL say so, SQLite otherwise."""

import os

from shp.settings.base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Playwright's synchronous API runs an event loop in the test thread; the ORM calls the tests
# make from that thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Serve static files straight from the finders; no collectstatic needed outside production.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tests that publish do not queue pack renders; those about it turn this on.
MEETINGS_PACKS_ON_PUBLISH = False
# axe-core for the browser tests, served from the site's origin under these settings only.
STATICFILES_DIRS = [*STATICFILES_DIRS, BASE_DIR / "tests" / "browser" / "vendor"]  # noqa: F405
# The API's throttles are proved in tests/api with their own limits.
API_RATE_ANONYMOUS = "100000/m"
API_RATE_SIGNED_IN = "100000/m"
