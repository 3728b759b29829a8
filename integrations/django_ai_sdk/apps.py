"""The Django app: ``INSTALLED_APPS += ["django_ai_sdk"]``."""

from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.core.signals import setting_changed

__all__ = ["AISDKConfig"]


def _reset_models(*, setting: str, **kwargs: Any) -> None:
    """Drop cached models when an ``AI_SDK*`` setting changes (``override_settings`` sends this signal)."""
    if setting.startswith("AI_SDK"):
        from django_ai_sdk.handler import ai_models

        ai_models.reset()


class AISDKConfig(AppConfig):
    """Registers the system checks and resets ``ai_models`` when its settings change."""

    name = "django_ai_sdk"
    verbose_name = "AI SDK"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django_ai_sdk import checks  # noqa: F401  # registering the checks is the import's effect

        setting_changed.connect(_reset_models, dispatch_uid="django_ai_sdk.reset_models")
