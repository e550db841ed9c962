"""Settings for the test suite: production settings with test-only overrides.

Tests run with DEBUG off, as production does; ``make test`` points DATABASE_URL at a
throwaway PostgreSQL cluster.
"""
import atexit
import os
import shutil
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage")

from .settings import *  # noqa: E402,F401,F403

# Cookies marked Secure are still sent by Django's test client; speed up hashing.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Serve static files from the finders, as in development: tests never run collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not the shared in-memory database: concurrency tests need real locks
    # (shared-cache memory databases fail at once instead of waiting for them).
    import tempfile

    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"levelup-test-{os.getpid()}.sqlite3")
    }
# Tasks run at once, in the test's own thread, where tests check outcomes; tests of the
# queue itself switch to the database backend and run a worker (tests/outbox).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
# Files the tests store (prepared exports) go to a private folder, removed at exit.
MEDIA_ROOT = tempfile.mkdtemp(prefix="levelup-test-media-")
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
