"""Settings for the test suite: a throw-away data dir; SQLite unless ZFXXGK_TEST_DB=postgres.

``./test.sh`` runs the Django tests twice: on SQLite, then on the PostgreSQL server at
``ZFXXGK_TEST_PG_URL`` (default postgresql://postgres@127.0.0.1:5432/test), which the test set-up
starts when the machine has none.
"""
import os
import tempfile

os.environ.setdefault("ZFXXGK_DATA", tempfile.mkdtemp(prefix="zfxxgk-test-"))

from .settings import *  # noqa: E402,F401,F403

import dj_database_url  # noqa: E402

if os.environ.get("ZFXXGK_TEST_DB") == "postgres":
    DATABASES = {"default": dj_database_url.parse(os.environ.get("ZFXXGK_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test"))}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405 - whitenoise warns about a missing folder
WHITENOISE_AUTOREFRESH = True  # serve static files from the apps in tests (no collectstatic)
# Let pytest's caplog see the audit log (it listens on the root logger).
LOGGING = {"version": 1, "disable_existing_loggers": False, "loggers": {"zfxxgk.audit": {"level": "INFO", "propagate": True}}}

# The portal's abuse limits are off by default in tests (every test client shares one address);
# tests/portal/test_portal_limits.py turns them on.
ZFXXGK_APPLY_PER_ADDRESS_PER_DAY = 0
ZFXXGK_APPLY_PER_AGENCY_PER_DAY = 0
ZFXXGK_CAPTCHA = "off"

# Background tasks run at once, inside the request that enqueues them.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}

# Notifications: SMS kept in zfxxgk.notify.sms.outbox (e-mail in django.core.mail.outbox, as pytest-django sets).
ZFXXGK_SMS_BACKEND = "zfxxgk.notify.sms.LocmemBackend"
