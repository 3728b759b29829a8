"""Django settings of the reliability suite's web cases: SQLite in a scratch directory, sessions and CSRF on."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

SECRET_KEY = "reliability-tests-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
USE_TZ = True
ROOT_URLCONF = "tests.reliability.web.django.urls"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django_ai_sdk",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
SCRATCH_DIRECTORY = Path(tempfile.gettempdir()) / f"reliability-django-{os.getpid()}"
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(SCRATCH_DIRECTORY / "db.sqlite3"),
        "TEST": {"NAME": str(SCRATCH_DIRECTORY / "test.sqlite3")},
        # IMMEDIATE: concurrent writers wait for the lock instead of failing on a read-to-write upgrade.
        "OPTIONS": {"timeout": 60, "transaction_mode": "IMMEDIATE"},
    }
}
SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
