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
# The data folder holds the database, applicants' ID scans and the secret key: files this process
# creates are readable by its own user only (0600, folders 0700), and an existing folder is closed.
os.umask(0o077)
DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
DATA_DIR.chmod(0o700)


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
    "zfxxgk.approvals",
    "zfxxgk.annual",
    "zfxxgk.oversight",
    "zfxxgk.publishing",
    "zfxxgk.notify",
    "django_tasks",
    "django_tasks_db",  # background tasks in the database: no extra server on SQLite or PostgreSQL
    "axes",  # login throttling
    "captcha",  # django-simple-captcha: images drawn offline with Pillow (portal abuse limits)
    "ninja",  # serves the API docs' assets locally (no CDN on a government network)
]

# Throttle counters must be shared by all gunicorn workers: a file cache in the data folder.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(DATA_DIR / "cache")}}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outermost, so that every response carries them, early refusals included.
    "csp.middleware.CSPMiddleware",
    "zfxxgk.site.middleware.NoStoreMiddleware",
    "zfxxgk.api.middleware.JsonErrorsMiddleware",
    "zfxxgk.site.middleware.RejectNulMiddleware",
    "zfxxgk.portal.middleware.EarlyRefusalMiddleware",
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
AXES_CLIENT_IP_CALLABLE = "zfxxgk.site.clientip.client_ip"


def _int_env(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise SystemExit(f"环境变量 {name} 应为整数，当前为“{value}”。") from None


# How many reverse proxies of ours stand in front (nginx: 1). Only then is X-Forwarded-For believed,
# by login throttling, the portal's limits and the API alike (zfxxgk.site.clientip).
ZFXXGK_TRUSTED_PROXIES = _int_env("ZFXXGK_TRUSTED_PROXIES", 0)

# Abuse limits of the public portal (zfxxgk.portal.limits); 0 turns a limit off.
ZFXXGK_APPLY_PER_ADDRESS_PER_DAY = _int_env("ZFXXGK_APPLY_PER_ADDRESS_PER_DAY", 10)
ZFXXGK_APPLY_PER_AGENCY_PER_DAY = _int_env("ZFXXGK_APPLY_PER_AGENCY_PER_DAY", 300)
# CAPTCHA on the application form: "after_first" (from an address's second submission of the day),
# "always" or "off"; on status lookups after this many failures from an address (0: always).
ZFXXGK_CAPTCHA = os.environ.get("ZFXXGK_CAPTCHA", "after_first")
ZFXXGK_LOOKUP_CAPTCHA_AFTER = _int_env("ZFXXGK_LOOKUP_CAPTCHA_AFTER", 3)
# Failed status lookups (portal and API together) from one address within 10 minutes before it is refused.
ZFXXGK_LOOKUP_FAILURES = _int_env("ZFXXGK_LOOKUP_FAILURES", 20)
ZFXXGK_ATTACHMENTS_MAX_TOTAL_MB = _int_env("ZFXXGK_ATTACHMENTS_MAX_TOTAL_MB", 10)  # per application
ZFXXGK_STORAGE_QUOTA_MB = _int_env("ZFXXGK_STORAGE_QUOTA_MB", 5000)  # all uploads together
ZFXXGK_STORAGE_ALERT_PERCENT = _int_env("ZFXXGK_STORAGE_ALERT_PERCENT", 80)
# Applications awaiting confirmation of receipt (条例第三十一条) longer than this many working days are flagged
# to the office head (queue, e-mail) and the county supervisor (dashboard, e-mail): cases.queries.
ZFXXGK_CONFIRM_WARN_DAYS = _int_env("ZFXXGK_CONFIRM_WARN_DAYS", 3)
# 主动公开 (zfxxgk.publishing): one attachment's size in bytes; whether content health also fetches external
# links (off: a government intranet often cannot reach them, and each check is a request to someone else's site).
ZFXXGK_PUBLICATION_MAX_UPLOAD = _int_env("ZFXXGK_PUBLICATION_MAX_UPLOAD", 20 * 1024 * 1024)
ZFXXGK_HEALTH_CHECK_EXTERNAL_LINKS = os.environ.get("ZFXXGK_HEALTH_CHECK_EXTERNAL_LINKS", "") == "1"
ADMINS = [("系统管理员", a) for a in os.environ.get("ZFXXGK_ADMIN_EMAILS", "").split(",") if a]

# Notifications (zfxxgk.notify): e-mail through Django's mail framework, SMS through a pluggable backend.
# Without a mail server configured, e-mail is written to files in the data folder (like SMS by default).
EMAIL_HOST = os.environ.get("ZFXXGK_EMAIL_HOST", "")
EMAIL_PORT = _int_env("ZFXXGK_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("ZFXXGK_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("ZFXXGK_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("ZFXXGK_EMAIL_TLS", "") == "1"  # STARTTLS (port 587)
EMAIL_USE_SSL = os.environ.get("ZFXXGK_EMAIL_SSL", "") == "1"  # implicit TLS (port 465)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = SERVER_EMAIL = os.environ.get("ZFXXGK_EMAIL_FROM", "zfxxgk@localhost")
EMAIL_BACKEND = os.environ.get("ZFXXGK_EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = DATA_DIR / "mail-outbox"
ZFXXGK_SMS_BACKEND = os.environ.get("ZFXXGK_SMS_BACKEND", "zfxxgk.notify.sms.FileBackend")
ZFXXGK_SMS_FILE_PATH = DATA_DIR / "sms-outbox"
ZFXXGK_SMS_GATEWAY_URL = os.environ.get("ZFXXGK_SMS_GATEWAY_URL", "")  # zfxxgk.notify.sms.HttpGatewayBackend
ZFXXGK_SMS_GATEWAY_TOKEN = os.environ.get("ZFXXGK_SMS_GATEWAY_TOKEN", "")
ZFXXGK_SMS_SIGN = os.environ.get("ZFXXGK_SMS_SIGN", "")  # 短信签名, as registered with the gateway
ZFXXGK_NOTIFY_MAX_ATTEMPTS = _int_env("ZFXXGK_NOTIFY_MAX_ATTEMPTS", 5)
ZFXXGK_NOTIFY_RETRY_SECONDS = _int_env("ZFXXGK_NOTIFY_RETRY_SECONDS", 60)  # then ×4 after each failure
ZFXXGK_NOTIFY_DUE_DAYS = _int_env("ZFXXGK_NOTIFY_DUE_DAYS", 3)  # staff reminded of cases due within this many working days
ZFXXGK_SITE_URL = os.environ.get("ZFXXGK_SITE_URL", "")  # e.g. https://gk.example.gov.cn, for links in messages

CAPTCHA_CHALLENGE_FUNCT = "captcha.helpers.math_challenge"  # 3 + 4 = ? : no Latin letters to misread
CAPTCHA_TIMEOUT = 10  # minutes
CAPTCHA_IMAGE_SIZE = (110, 40)
CAPTCHA_FONT_SIZE = 30

# Background tasks (batch audit): django-tasks with its database backend, run by `zfxxgk worker`
# (which `zfxxgk serve` starts beside the web server).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

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
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

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
# Content-Security-Policy (django-csp): scripts only from this site, no plug-ins, no framing.
# Inline style attributes stay allowed (the API documentation's Swagger UI sets them).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"], "script-src": ["'self'"], "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"], "object-src": ["'none'"], "base-uri": ["'self'"],
        "form-action": ["'self'"], "frame-ancestors": ["'none'"],
    },
}
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
