"""Settings for the test suite. The database comes from DATABASE_URL (SQLite by default)."""

import os
import tempfile

from .base import *  # noqa: F403

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SECRET_KEY = "test-only-secret-key-" + "y" * 40
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": LOG_FILTERS,  # noqa: F405
    "root": {"level": "WARNING"},
    "loggers": {"django.request": {"filters": ["redact_sign_in_links"]}},
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file rather than shared-cache memory, so that tests of concurrent requests see SQLite's
    # real locking (a busy writer waits) instead of shared-cache "table is locked" errors.
    # pytest-django gives each xdist worker its own file.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"oneworkforce-test-{os.getpid()}.sqlite3")
    }
