"""Settings shared by every environment. Environment-specific modules import from here."""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from .env import env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parents[2]
BASE_DIR = PACKAGE_DIR.parent

SERVICE_NAME = "One Workforce"
# The address people reach the service at, for links in e-mails and feeds sent by jobs.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "ninja",
    "oneworkforce.core",
    "oneworkforce.partners",
    "oneworkforce.decisions",
    "oneworkforce.intelligence",
    "oneworkforce.learning",
    "oneworkforce.deployments",
    "oneworkforce.talent",
    "oneworkforce.careers",
    "oneworkforce.placements",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "oneworkforce.core.security.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "oneworkforce.core.security.RefuseNulInAddress",
]

ROOT_URLCONF = "oneworkforce.config.urls"
WSGI_APPLICATION = "oneworkforce.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "oneworkforce.config.jinja2.environment",
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.messages.context_processors.messages",
                "oneworkforce.core.context_processors.layout",
            ],
        },
    },
    {
        # Only for third-party pages (the OpenAPI docs page of django-ninja).
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while one writer writes; IMMEDIATE transactions take the write
    # lock at BEGIN so that check-then-write services (capacity, ballots) serialise properly.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "partners.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "partners:sign_in"
LOGIN_REDIRECT_URL = "core:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "oneworkforce_cache",
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/assets/"
STATIC_ROOT = BASE_DIR / "staticfiles"
NODE_MODULES_DIR = Path(env_str("NODE_MODULES_DIR", str(BASE_DIR / "node_modules")))
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "oneworkforce.core.staticfiles.NhsukFrontendFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "One Workforce <no-reply@localhost>")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

# Sign-in by e-mail link.
SIGN_IN_LINK_MINUTES = 15
SIGN_IN_RATE_WINDOW_MINUTES = 60
SIGN_IN_RATE_PER_ADDRESS = env_int("SIGN_IN_RATE_PER_ADDRESS", 5)
SIGN_IN_RATE_PER_IP = env_int("SIGN_IN_RATE_PER_IP", 30)
PASSWORD_ATTEMPTS_PER_ADDRESS = env_int("PASSWORD_ATTEMPTS_PER_ADDRESS", 10)
# Number of reverse proxies in front of the app whose X-Forwarded-For entries are trusted.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# The values gate: how many independent reviewers a proposal needs, from how many sectors.
DECISIONS_REVIEWERS = env_int("DECISIONS_REVIEWERS", 2)
DECISIONS_REVIEWER_SECTORS = env_int("DECISIONS_REVIEWER_SECTORS", 2)
# An initiative's review opens this many days before it falls due.
DECISIONS_REVIEW_OPENS_DAYS_BEFORE = env_int("DECISIONS_REVIEW_OPENS_DAYS_BEFORE", 7)

# A strict Content-Security-Policy. The nonce covers the one inline script the NHS.UK page
# template needs; fonts come from the NHS.UK asset host when the network allows it.
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'nonce'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'", "https://assets.nhs.uk"],
    "connect-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

NINJA_PAGINATION_PER_PAGE = 50

LOG_FILTERS = {"redact_sign_in_links": {"()": "oneworkforce.core.logging.RedactSignInLinks"}}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": LOG_FILTERS,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Request and access logs carry paths; sign-in links must not reach the logs.
        "django.request": {"filters": ["redact_sign_in_links"]},
        "django.server": {"filters": ["redact_sign_in_links"]},
    },
}
CSRF_FAILURE_VIEW = "oneworkforce.core.views.csrf_failure"

# Branding belongs to the partnership: its name in the header and, if it has one, its logo (a
# static file path such as "careers/logo.svg", or an address). The NHS logo is not shown unless
# SHOW_NHS_LOGO is on, for a service an NHS body runs alone.
PARTNERSHIP_NAME = env_str("PARTNERSHIP_NAME", "")
PARTNERSHIP_LOGO = env_str("PARTNERSHIP_LOGO", "")
SHOW_NHS_LOGO = env_bool("SHOW_NHS_LOGO", False)
# A TOML file of the partnership's own career roles, added to the packaged catalogue.
CAREERS_LOCAL_ROLES = env_str("CAREERS_LOCAL_ROLES", "")

# Shows a "demonstration partnership" banner on every page (`make run` turns it on).
SHOW_DEMO_BANNER = env_bool("SHOW_DEMO_BANNER", False)
