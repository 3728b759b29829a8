"""``default_settings_middleware``: defaults for call settings that the call itself did not set."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from ai_sdk_core.middleware.core import CallKind, LanguageModelMiddleware
from ai_sdk_core.spec.call_options import CallOptions
from ai_sdk_core.spec.errors import InvalidArgumentError
from ai_sdk_core.spec.language_model import LanguageModel

__all__ = ["DefaultSettingsMiddleware", "default_settings_middleware", "deep_merge"]

_FIELDS = frozenset(field.name for field in dataclasses.fields(CallOptions)) - {"prompt"}


def deep_merge(base: Mapping[str, Any] | None, override: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """``override`` on top of ``base``, merging nested mappings key by key (``override`` wins on conflicts)."""
    if base is None and override is None:
        return None
    merged: dict[str, Any] = dict(base or {})
    for key, value in (override or {}).items():
        current = merged.get(key)
        if isinstance(current, Mapping) and isinstance(value, Mapping):
            merged[key] = deep_merge(current, value)
        else:
            merged[key] = value
    return merged


class DefaultSettingsMiddleware(LanguageModelMiddleware):
    """Fills settings the call left unset (``None``) from ``settings``; ``provider_options`` are deep-merged and
    ``headers``/``extra`` merged, the call's own values winning."""

    def __init__(self, settings: Mapping[str, Any]) -> None:
        unknown = sorted(set(settings) - _FIELDS)
        if unknown:
            raise InvalidArgumentError(
                f"Unknown settings {unknown}; use CallOptions field names: {sorted(_FIELDS)}",
                argument="settings",
                value=unknown,
            )
        self.settings = dict(settings)

    def transform_params(self, options: CallOptions, *, kind: CallKind, model: LanguageModel) -> CallOptions:
        """``options`` with the defaults merged in."""
        changes: dict[str, Any] = {}
        for name, default in self.settings.items():
            current = getattr(options, name)
            if name in ("provider_options", "headers", "extra"):
                changes[name] = deep_merge(default, current)
            elif current is None or (name == "include_raw_chunks" and current is False):
                changes[name] = default
        return dataclasses.replace(options, **changes)


def default_settings_middleware(settings: Mapping[str, Any]) -> DefaultSettingsMiddleware:
    """Defaults for every call, by ``CallOptions`` field name::

    default_settings_middleware({"temperature": 0.2, "provider_options": {"openai": {"store": False}}})
    """
    return DefaultSettingsMiddleware(settings)
