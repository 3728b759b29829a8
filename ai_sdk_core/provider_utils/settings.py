"""Resolving settings and API keys: from the call's argument first, then the environment, at call time.

Keys are resolved when a request is built, not when a provider is constructed, so a provider created at import
time still picks up a key set later (tests, notebooks, settings loaded after import).
"""

from __future__ import annotations

import enum
import os
from typing import Final, Literal, TypeAlias

from ai_sdk_core.provider_utils.secret import Secret
from ai_sdk_core.spec.errors import LoadAPIKeyError, LoadSettingError

__all__ = [
    "NOT_GIVEN",
    "NotGiven",
    "load_api_key",
    "load_optional_setting",
    "load_setting",
    "without_trailing_slash",
]


class _NotGivenType(enum.Enum):
    """The type of :data:`NOT_GIVEN`; an enum so type checkers narrow ``x is NOT_GIVEN`` properly."""

    NOT_GIVEN = "NOT_GIVEN"

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __bool__(self) -> Literal[False]:
        return False


NOT_GIVEN: Final = _NotGivenType.NOT_GIVEN
"""Marks an argument that was not passed: ``None`` means "explicitly off", ``NOT_GIVEN`` "use the default"."""

NotGiven: TypeAlias = Literal[_NotGivenType.NOT_GIVEN]
"""The type of :data:`NOT_GIVEN`, for annotations such as ``temperature: float | None | NotGiven = NOT_GIVEN``."""


def load_api_key(
    *,
    api_key: str | Secret | None,
    environment_variable: str,
    description: str,
    api_key_parameter_name: str = "api_key",
) -> Secret:
    """Return the API key passed in, else the one in ``environment_variable``, as a :class:`Secret`.

    Call it when building a request. The error names both ways to fix it::

        >>> load_api_key(api_key=None, environment_variable="OPENAI_API_KEY", description="OpenAI")
        Traceback (most recent call last):
        LoadAPIKeyError: OpenAI API key is missing: pass `api_key=` or set `OPENAI_API_KEY`.
    """
    if isinstance(api_key, Secret):
        if api_key.get_secret_value():
            return api_key
    elif isinstance(api_key, str):
        if api_key:
            return Secret(api_key)
    elif api_key is not None:
        raise LoadAPIKeyError(f"{description} API key must be a string (got {type(api_key).__name__}).")
    value = os.environ.get(environment_variable)
    if value:
        return Secret(value)
    raise LoadAPIKeyError(
        f"{description} API key is missing: pass `{api_key_parameter_name}=` or set `{environment_variable}`."
    )


def load_optional_setting(value: str | None, environment_variable: str) -> str | None:
    """Return ``value`` if given, else the environment variable's value, else ``None`` (empty counts as unset)."""
    if value is not None:
        return value
    return os.environ.get(environment_variable) or None


def load_setting(
    value: str | None,
    *,
    environment_variable: str,
    setting_name: str,
    description: str,
) -> str:
    """Like :func:`load_optional_setting`, but a missing setting raises ``LoadSettingError`` saying how to fix it."""
    resolved = load_optional_setting(value, environment_variable)
    if resolved is None:
        raise LoadSettingError(
            f"{description} setting is missing: pass `{setting_name}=` or set `{environment_variable}`."
        )
    return resolved


def without_trailing_slash(url: str) -> str:
    """Drop trailing slashes so ``f"{base_url}/chat/completions"`` never has a double slash."""
    return url.rstrip("/")
