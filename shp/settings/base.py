"""Settings shared by every environment; each environment variable is read here, once."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A local .env file is optional; production sets real environment variables instead.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'shp.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)

# Celery: the embedded default is kombu's filesystem transport, which needs no server.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
CELERY_BROKER_FOLDER = Path(
    env.str("CELERY_BROKER_FOLDER", default=str(BASE_DIR / "var" / "broker"))
)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
# A message taken by a worker that died (acks late) goes back on the queue after this many
# seconds (Redis): longer than the longest task's time limit, so a slow task is not run twice.
CELERY_VISIBILITY_TIMEOUT = env.int("CELERY_VISIBILITY_TIMEOUT", default=2 * 60 * 60)
# How hard a web request tries to reach the job queue before the job waits (shp/job_queue.py):
# a second or so, so that a page never hangs on a queue that is down.
JOB_SEND_RETRY_POLICY = {
    "max_retries": env.int("JOB_SEND_MAX_RETRIES", default=2),
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 0.5,
}
JOBS_SEND_WAITING_EVERY_SECONDS = env.int("JOBS_SEND_WAITING_EVERY_SECONDS", default=60)

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="no-reply@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Reminders (shp/reminders.py; the schedule is shp/schedule.py): reminders of what is due
# (QUARTER_RETURN_DUE_DAYS below, agenda deadlines) go this many days before.
REMINDER_DAYS_AHEAD = env.int("REMINDER_DAYS_AHEAD", default=7)
REMINDER_EVERY_MINUTES = env.int("REMINDER_EVERY_MINUTES", default=60)

MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "var" / "staticfiles")))
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tables2",
    "django_filters",
    "crispy_forms",
    "crispy_forms_gds",
    "simple_history",
    "axes",
    "shp",
    "indicators",
    "meetings",
    "strategies",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the session and CSRF middleware, so it sees the cookies and Vary they add.
    "shp.middleware.CacheControlMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The read API's tokens (api/middleware.py): a partner system reads as its token's user.
    "api.middleware.ApiTokenMiddleware",
    # Pages cache what is the same for everyone under the comparisons' version, read once.
    "indicators.cache.RequestVersionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy (django-csp): everything from our own origin, no inline script or
# style (but two of plotly's, by hash), no plugins, no framing; the browser suite fails on any
# violation it sees.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # plotly.js adds two <style> elements of its own (one empty, one for its mode bar):
        # allowed by their hashes, nothing else inline. A new plotly version changes the second;
        # the browser suite reports the new hash as a violation.
        "style-src": [
            "'self'",
            "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
            "'sha256-ji27qzEtxXZW+7dun6UwjHXJ18e6WAin1VvNtkzIE/o='",
        ],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out user is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_USER_MODEL = "shp.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.25  # hours: a locked-out user may try again after 15 minutes
# Locked out per username from an address, and per address across usernames (one password tried
# against many accounts is stopped too).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# Password reset requests, counted in the cache (Redis in production: CACHE_URL).
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
PASSWORD_RESET_RATE_PER_ADDRESS = env.str("PASSWORD_RESET_RATE_PER_ADDRESS", default="3/h")
PASSWORD_RESET_RATE_PER_CLIENT = env.str("PASSWORD_RESET_RATE_PER_CLIENT", default="10/h")
RATELIMIT_VIEW = "shp.views.too_many_requests"

ROOT_URLCONF = "shp.urls"
WSGI_APPLICATION = "shp.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "shp.context_processors.partnership",
            ],
        },
    },
]
CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FIXTURE_DIRS = [BASE_DIR / "fixtures"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Uploads: refuse very large request bodies before they reach a form.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "kaleido": {"level": "WARNING"},
        "choreographer": {"level": "WARNING"},
    },
}
FIGURES_IMPORT_MAX_BYTES = env.int("FIGURES_IMPORT_MAX_BYTES", default=20 * 1024 * 1024)

# Quarterly entry: the swing against the same period last year that a save flags (counts and
# rates: a % change over ENTRY_SWING_PERCENT and at least ENTRY_SWING_MIN_CHANGE; percentages:
# more than ENTRY_SWING_POINTS percentage points), and the days after a quarter ends by which
# each organisation's return is due.
ENTRY_SWING_PERCENT = env.float("ENTRY_SWING_PERCENT", default=25.0)
ENTRY_SWING_MIN_CHANGE = env.float("ENTRY_SWING_MIN_CHANGE", default=5.0)
ENTRY_SWING_POINTS = env.float("ENTRY_SWING_POINTS", default=10.0)
QUARTER_RETURN_DUE_DAYS = env.int("QUARTER_RETURN_DUE_DAYS", default=42)
# Uploads (shp/uploads.py): how far a ZIP-based file (XLSX, DOCX) may inflate before parsing.
UPLOAD_ZIP_MAX_BYTES = env.int("UPLOAD_ZIP_MAX_BYTES", default=200 * 1024 * 1024)
UPLOAD_ZIP_MAX_ENTRIES = env.int("UPLOAD_ZIP_MAX_ENTRIES", default=5000)
UPLOAD_ZIP_MAX_RATIO = env.int("UPLOAD_ZIP_MAX_RATIO", default=200)
# The read API's limits per client (django-ninja's throttling, counted in the cache).
API_RATE_ANONYMOUS = env.str("API_RATE_ANONYMOUS", default="120/m")
API_RATE_SIGNED_IN = env.str("API_RATE_SIGNED_IN", default="600/m")
# Publishing an agenda, or changing a published paper, makes both packs again (by Celery).
MEETINGS_PACKS_ON_PUBLISH = env.bool("MEETINGS_PACKS_ON_PUBLISH", default=True)
# The decision notice is due this many working days after a meeting.
MEETINGS_DECISION_NOTICE_WORKING_DAYS = env.int("MEETINGS_DECISION_NOTICE_WORKING_DAYS", default=3)
MEETINGS_APPENDIX_MAX_BYTES = env.int("MEETINGS_APPENDIX_MAX_BYTES", default=20 * 1024 * 1024)
# Evidence attached to a strategy action's quarterly update (PDF, PNG, JPEG, DOCX, XLSX).
STRATEGIES_EVIDENCE_MAX_BYTES = env.int("STRATEGIES_EVIDENCE_MAX_BYTES", default=10 * 1024 * 1024)
