"""Django settings for the zfxxgk platform.

Embedded default: SQLite in ``./zfxxgk-data`` (or ``$ZFXXGK_DATA``). Production: set
``DATABASE_URL=postgresql://user:pass@host/db``, ``ZFXXGK_SECRET_KEY`` and ``ZFXXGK_ALLOWED_HOSTS``.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

DATA_DIR = Path(os.environ.get("ZFXXGK_DATA", "zfxxgk-data")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    if os.environ.get("ZFXXGK_SECRET_KEY"):
        return os.environ["ZFXXGK_SECRET_KEY"]
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("ZFXXGK_DEBUG", "") == "1"
ALLOWED_HOSTS = os.environ.get("ZFXXGK_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "zfxxgk.site",  # management commands (load_sample, serve)
    "zfxxgk.agencies",
    "zfxxgk.cases",
    "zfxxgk.portal",
    "zfxxgk.workspace",
    "zfxxgk.api",
    "axes",  # login throttling
    "ninja",  # serves the API docs' assets locally (no CDN on a government network)
]

# Throttle counters must be shared by all gunicorn workers: a file cache in the data folder.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(DATA_DIR / "cache")}}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]
# Static files served by the application itself (no separate web server needed for the embedded mode).
MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = 5  # then locked for a quarter of an hour, per user name and address
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
AXES_VERBOSE = False

ROOT_URLCONF = "zfxxgk.site.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [Path(__file__).parent / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
WSGI_APPLICATION = "zfxxgk.site.wsgi.application"

DATABASES = {"default": dj_database_url.config(default=f"sqlite:///{DATA_DIR / 'zfxxgk.sqlite3'}")}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # A new PostgreSQL connection per request costs ~10 ms of server CPU: keep them (bench/web.py).
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("ZFXXGK_CONN_MAX_AGE", "60"))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
elif DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Concurrent writers (several gunicorn workers) wait for the lock instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"  # receipt dates are Chinese calendar days (use timezone.localdate())
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [Path(__file__).parent / "static"]
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = DATA_DIR / "uploads"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workspace:queue"
LOGOUT_REDIRECT_URL = "portal:home"

# Password rules for staff accounts.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Cookies: HttpOnly everywhere; Secure when served over HTTPS (ZFXXGK_HTTPS=1 behind nginx).
HTTPS = os.environ.get("ZFXXGK_HTTPS", "") == "1"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 3600  # one working day
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("ZFXXGK_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "zfxxgk": {"handlers": ["console"], "level": os.environ.get("ZFXXGK_LOG_LEVEL", "WARNING"), "propagate": False},
        # Who exported, imported or downloaded what (never applicants' ID or phone numbers).
        "zfxxgk.audit": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
