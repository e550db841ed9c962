"""Settings for the levelling-up readiness service.

Everything that differs between a laptop and production comes from the environment,
so one settings module serves both. See README.md, "Configuration".
"""
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY in the environment (or DEBUG=true for local use).")
    SECRET_KEY = "insecure-local-development-key-never-used-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_forms_gds",
    "simple_history",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "assessments",
    "second_factor",
    # Official statistics (issue 17): ONS local indicators beside the self-assessments.
    "official_statistics",
    "service_pages",
    "feedback",
    "outbox",
    "downloads",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "api",
    # Evidence library (issue 18): links and documents per authority, attached to answers.
    "evidence",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "assessments.middleware.AbsoluteSessionLifetimeMiddleware",
    "assessments.middleware.NoStoreForSignedInMiddleware",
    # Central staff (and officials who opted in) reach nothing else until they give a code.
    "second_factor.middleware.SecondFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Issue 10: "You were signed out because you were inactive" on the sign-in page.
    "assessments.middleware.SignedOutForInactivityMiddleware",
    # Last, as django-axes requires.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Refuses sign-in while a username/IP pair is locked out after repeated failures.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The sign-in form posts the email address as "username" (Django's AuthenticationForm).
AXES_USERNAME_FORM_FIELD = "username"
# Second factor (django-otp): the name authenticator apps show; failed codes also count
# towards the sign-in lockout above (second_factor.views).
OTP_TOTP_ISSUER = "Levelling-up readiness"
# Behind a load balancer the client address is in X-Forwarded-For; set AXES_IPWARE_PROXY_COUNT to the hops.
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_IPWARE_PROXY_COUNT", "0"))

ROOT_URLCONF = "levelup.urls"
WSGI_APPLICATION = "levelup.wsgi.application"

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
                "assessments.context_processors.service",
            ],
        },
    },
]

# SQLite is the embedded default so the app runs with nothing else installed;
# production and the test suite set DATABASE_URL to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent requests on the embedded default: every transaction takes the write lock
    # when it begins (so a save or submit waits its turn, then re-checks, and the loser is
    # refused as on PostgreSQL, instead of "database is locked" half-way); a lock is
    # waited for up to 20 s; readers never block the writer (write-ahead log).
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    })
    # The scores' stamp index covers its columns on PostgreSQL only; on SQLite it is a plain
    # index, which is all a few demo authorities need.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "assessments.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
# GOV.UK style dates ("28 November 2026"); the en-GB locale's own formats abbreviate months.
FORMAT_MODULE_PATH = ["levelup.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": os.environ.get(
            "STATICFILES_BACKEND",
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
# The GDS Transport font is licensed for services on gov.uk only; elsewhere the
# GOV.UK Frontend CSS falls back to Arial.
GOVUK_USE_TRANSPORT_FONT = env_bool("GOVUK_USE_TRANSPORT_FONT", False)
SERVICE_NAME = "Levelling-up readiness"
# Public address of the service, for links in emails (no trailing slash).
SERVICE_BASE_URL = os.environ.get("SERVICE_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "levelling-up-readiness@localhost")

SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(60 * 30)))
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Everything is served from this origin; no inline scripts or styles, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Sessions end after this much inactivity: every request renews the cookie.
SESSION_SAVE_EVERY_REQUEST = True
# ...and this long after signing in, however active (assessments.middleware).
SESSION_ABSOLUTE_AGE = int(os.environ.get("SESSION_ABSOLUTE_AGE", str(60 * 60 * 12)))
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG:
    # SECURE_COOKIES=false only for load tests over plain HTTP on loopback.
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# --- Service pages and feedback (issue 19) ---------------------------------------------
# Where people write to about the service (contact page, accessibility statement).
SERVICE_CONTACT_EMAIL = os.environ.get("SERVICE_CONTACT_EMAIL", "levelling-up-readiness@example.gov.uk")
# Feedback: at most FEEDBACK_RATE_LIMIT responses per sender per window; kept this many days.
FEEDBACK_RATE_LIMIT = int(os.environ.get("FEEDBACK_RATE_LIMIT", "5"))
FEEDBACK_RATE_WINDOW_SECONDS = 60 * 60
FEEDBACK_RETENTION_DAYS = int(os.environ.get("FEEDBACK_RETENTION_DAYS", "365"))
# Successful sign-ins (django-axes' access log) are deleted after this many days by the daily job.
ACCESS_LOG_RETENTION_DAYS = int(os.environ.get("ACCESS_LOG_RETENTION_DAYS", "90"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# ---------------------------------------------------------------- background work (issue #20)
# Django's task framework (the django-tasks backport of Django 6's django.tasks) with the
# database backend: a task is a row written in the same transaction as the action that
# causes it, so it exists if and only if that action committed. `manage.py db_worker`
# runs them; any number of workers on any number of machines share the queue.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# Emails: tries per message, and the wait before the next try (doubling from the base, at most the cap).
EMAIL_MAX_ATTEMPTS = int(os.environ.get("EMAIL_MAX_ATTEMPTS", "8"))
EMAIL_RETRY_BASE_SECONDS = int(os.environ.get("EMAIL_RETRY_BASE_SECONDS", "60"))
EMAIL_RETRY_MAX_SECONDS = int(os.environ.get("EMAIL_RETRY_MAX_SECONDS", "3600"))
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "sent-emails"))
# Seconds a worker waits for the SMTP server before counting a try as failed (Django's default is forever).
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
# Exports with more rows than this are prepared in the background; the files are kept this long.
EXPORT_BACKGROUND_ROWS = int(os.environ.get("EXPORT_BACKGROUND_ROWS", "10000"))
EXPORT_FILE_HOURS = int(os.environ.get("EXPORT_FILE_HOURS", "24"))
# Where prepared files are stored (FileSystemStorage by default; object storage via STORAGES).
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", str(BASE_DIR / "media"))
# --- Read-only API (api/): token auth only, problem details, per-token throttling ------
# The shared cache is configured below (--- Shared cache), with the sessions it holds.
REST_FRAMEWORK = {
    # Bearer tokens only: no session authentication, so no CSRF and no browsable API.
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.ApiTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer", "api.problems.ProblemJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.ApiPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.TokenRateThrottle", "api.throttling.AnonymousRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "token": os.environ.get("API_THROTTLE_RATE", "600/hour"),
        "anonymous": os.environ.get("API_ANONYMOUS_THROTTLE_RATE", "120/hour"),
    },
    "NUM_PROXIES": int(os.environ.get("AXES_IPWARE_PROXY_COUNT", "0")) or None,
    "EXCEPTION_HANDLER": "api.problems.api_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "api.schema.ApiAutoSchema",
    "COERCE_DECIMAL_TO_STRING": False,
    "UNICODE_JSON": True,
    "URL_FORMAT_OVERRIDE": None,  # content type by Accept only; no ?format= parameter
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Levelling-up readiness API",
    "DESCRIPTION": (
        "Read-only access to rounds, authorities, framework versions, assessments with their scores, "
        "answers, published results and official statistics (ONS local indicators). See docs/api.md for worked examples."
    ),
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.1.0",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "AuthorityKindEnum": "assessments.models.AuthorityKind",
        "RoundStateEnum": "assessments.models.RoundState",
        "AssessmentStateEnum": "assessments.models.AssessmentState",
        "FrameworkStatusEnum": "assessments.models.FrameworkStatus",
        "LandscapeEnum": "assessments.models.Landscape",
        "SpreadStatusEnum": ["summarised", "too_few", "withheld"],  # assessments.scoring.SpreadStatus
        "StrategicTierEnum": "assessments.models.StrategicTier",
        "TierOnDateEnum": "assessments.selectors.devolution.TIER_CHOICES",  # a tier, or "none"
    },
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No calls to the public Swagger validator: nothing leaves the service. No syntax
    # colouring: its colours fail contrast (WCAG 1.4.3) on the dark code panels.
    # The "Schemas" section is left out (each operation shows its own): its panels scroll sideways at 320 px.
    "SWAGGER_UI_SETTINGS": {
        "validatorUrl": None, "persistAuthorization": False, "syntaxHighlight": False, "defaultModelsExpandDepth": -1,
    },
}

# --- Evidence documents (evidence/, issue 18) ------------------------------------------
# Uploaded documents live in their own storage, never under static or media URLs: a private
# folder (EVIDENCE_ROOT, outside static) by default, or an S3-compatible bucket when
# EVIDENCE_S3_BUCKET is set (django-storages; needs boto3, see docs/deploy.md). Documents
# are only ever served by the permission-checked download view.
EVIDENCE_ROOT = os.environ.get("EVIDENCE_ROOT", str(BASE_DIR / "var" / "evidence"))
if os.environ.get("EVIDENCE_S3_BUCKET"):
    STORAGES["evidence"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["EVIDENCE_S3_BUCKET"],
            "endpoint_url": os.environ.get("EVIDENCE_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("EVIDENCE_S3_REGION") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    STORAGES["evidence"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": EVIDENCE_ROOT, "file_permissions_mode": 0o640},
    }
# Largest document accepted, and the total an authority may store (all versions, retired ones included).
EVIDENCE_MAX_UPLOAD_BYTES = int(os.environ.get("EVIDENCE_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))
EVIDENCE_QUOTA_BYTES = int(os.environ.get("EVIDENCE_QUOTA_BYTES", str(2 * 1024 * 1024 * 1024)))

# --- Shared cache and sessions (issue #14: reads never write) ----------------------------
# One cache shared by every app process and server: API throttle counts and last uses,
# cached round roll-ups (keyed on the round's scores version, so never stale) and sessions.
# CACHE_URL unset: Django's database cache, in tables `migrate` makes (api/migrations/0002);
# CACHE_URL=redis://host:6379/0 (or rediss://): Redis. REDIS_URL is read as an older name.
CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL") or ""
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL,
                    "KEY_PREFIX": "levelup"},
        "sessions": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL,
                     "KEY_PREFIX": "levelup-session"},
    }
elif CACHE_URL in ("", "db://", "database://"):
    CACHES = {
        # Roll-ups are replaced, not updated, so old entries pile up: the database cache
        # deletes expired ones whenever there are more than MAX_ENTRIES.
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "levelup_cache",
                    "OPTIONS": {"MAX_ENTRIES": 5000}},
        # A table of its own: culling the default cache must never sign anybody out.
        "sessions": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "levelup_sessions",
                     "OPTIONS": {"MAX_ENTRIES": 1_000_000}},
    }
else:
    raise ImproperlyConfigured(f"CACHE_URL must be unset (the database cache) or a redis:// URL, not {CACHE_URL!r}")
# Sessions live in the shared cache, not the application's tables: renewing the idle
# timeout on every request (SESSION_SAVE_EVERY_REQUEST) then writes to the cache only,
# and a GET writes nothing to application data. Switching to this signs everybody out once.
SESSION_ENGINE = "django.contrib.sessions.backends.cache"
SESSION_CACHE_ALIAS = "sessions"

