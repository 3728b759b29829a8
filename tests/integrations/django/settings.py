"""Django settings for the django_ai_sdk tests (SQLite always; PostgreSQL too when its binaries are installed)."""

from __future__ import annotations

import atexit
import os
import tempfile
from pathlib import Path

from tests.integrations.django.postgres import planned_cluster

SECRET_KEY = "django-ai-sdk-tests-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
USE_TZ = True
ROOT_URLCONF = "tests.integrations.django.urls"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django_ai_sdk",
]

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
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

# Named here, created by conftest.py: importing the settings (the django-stubs mypy plugin does) makes nothing.
SCRATCH_DIRECTORY = Path(tempfile.gettempdir()) / f"django-ai-sdk-tests-{os.getpid()}"
_SCRATCH = SCRATCH_DIRECTORY

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(_SCRATCH / "db.sqlite3"),
        # A file, not Django's in-memory default, so the uvicorn thread of the ASGI tests sees the same data.
        "TEST": {"NAME": str(_SCRATCH / "test.sqlite3")},
    }
}

POSTGRES_CLUSTER = planned_cluster()
if POSTGRES_CLUSTER is not None:
    atexit.register(POSTGRES_CLUSTER.stop)  # the fixture stops it; this only catches an aborted run
    DATABASES["postgres"] = {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "django_ai_sdk",
        "USER": "postgres",
        "HOST": "127.0.0.1",
        "PORT": str(POSTGRES_CLUSTER.port),
        "TEST": {"NAME": "test_django_ai_sdk"},
    }

DATABASE_ROUTERS = ["tests.integrations.django.routers.SwitchableRouter"]

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
    "answers": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "answers"},
}

# Tests set AI_SDK per test (override_settings); none here, so the default-configuration tests see none.
