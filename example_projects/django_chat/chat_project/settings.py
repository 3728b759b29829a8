"""Settings of the example chat project. Development only: DEBUG is on and the secret key is not secret.

With no ``AI_SDK`` setting the ``default`` alias is the local model (SmolLM2 in this process, no key, no network).
To use vendors, uncomment ``AI_SDK`` below and set the keys in the environment (or in ``AI_SDK_PROVIDERS``).
"""

from __future__ import annotations

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "example-only-not-secret")
DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_ai_sdk",
    "chat_project",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "chat_project.urls"
WSGI_APPLICATION = "chat_project.wsgi.application"
ASGI_APPLICATION = "chat_project.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
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

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("CHAT_DATABASE", str(BASE_DIR / "db.sqlite3")),
    }
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
STATIC_URL = "static/"

# Model aliases (see django_ai_sdk.conf). The page's picker lists them; the browser can only pick among these.
#
# AI_SDK = {
#     "default": {"MODEL": "anthropic:claude-sonnet-4-5", "OPTIONS": {"temperature": 0.3}},
#     "fast": {"MODEL": "groq:llama-3.1-8b-instant"},
#     "local": {"MODEL": "llama-cpp:default", "OPTIONS": {"max_output_tokens": 256}},
# }
# AI_SDK_PROVIDERS = {"anthropic": {"API_KEY": os.environ.get("ANTHROPIC_API_KEY")}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    # The local model logs its first (slow) load here, so the terminal says what is happening.
    "loggers": {"ai_sdk_core.providers.llama_cpp": {"handlers": ["console"], "level": "INFO"}},
}
