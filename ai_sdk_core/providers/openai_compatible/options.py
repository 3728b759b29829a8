"""Validation of ``provider_options["<vendor>"]`` for OpenAI-compatible chat and embedding models.

Provider options come from the caller, so they are validated strictly: a misspelt key is an error that names
it, not a setting silently ignored.

This is the one module of the provider that imports pydantic, which takes longer to load than httpx: the models
and packages that use it import it on first use (a model being configured, or a class named), never at import.
"""

from __future__ import annotations

from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from ai_sdk_core.spec import InvalidArgumentError, ProviderOptions

__all__ = [
    "OpenAICompatibleChatOptions",
    "OpenAICompatibleEmbeddingOptions",
    "StrictOptions",
    "parse_provider_options",
]

OptionsT = TypeVar("OptionsT", bound=BaseModel)


class StrictOptions(BaseModel):
    """Base of provider option models: unknown keys are rejected, values are not coerced across types."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class OpenAICompatibleChatOptions(StrictOptions):
    """Options every OpenAI-compatible chat model reads from ``provider_options["<vendor>"]``.

    >>> OpenAICompatibleChatOptions(user="user-1234", reasoning_effort="low").reasoning_effort
    'low'
    """

    user: str | None = None
    """A stable end-user id, which vendors use to detect abuse."""
    reasoning_effort: str | None = None
    """Sent as ``reasoning_effort``; wins over the neutral ``CallOptions.reasoning``."""
    text_verbosity: Literal["low", "medium", "high"] | None = None
    """Sent as ``verbosity``."""
    strict_json_schema: bool | None = None
    """Whether a JSON-schema response format is sent with ``strict: true`` (the default)."""


class OpenAICompatibleEmbeddingOptions(StrictOptions):
    """``provider_options["<vendor>"]`` of an embedding call.

    >>> OpenAICompatibleEmbeddingOptions(dimensions=256).dimensions
    256
    """

    dimensions: int | None = None
    """Shorter vectors, for models that support it (``text-embedding-3-*``)."""
    user: str | None = None
    """A stable end-user id, which vendors use to detect abuse."""


def _describe(error: ValidationError) -> str:
    problems = []
    for detail in error.errors():
        location = ".".join(str(item) for item in detail["loc"]) or "(options)"
        problems.append(f"{location}: {detail['msg']}")
    return "; ".join(problems)


def parse_provider_options(
    provider_options: ProviderOptions | None,
    name: str,
    model: type[OptionsT],
) -> OptionsT:
    """Validate ``provider_options[name]`` with ``model``; absent options give the model's defaults.

    Raises :class:`~ai_sdk_core.spec.InvalidArgumentError` (a ``ValueError``) naming every bad key.

    >>> parse_provider_options({"acme": {"user": "u-1"}}, "acme", OpenAICompatibleChatOptions).user
    'u-1'
    """
    raw: Any = (provider_options or {}).get(name)
    if raw is None:
        return model()
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        raise InvalidArgumentError(_describe(error), argument=f"provider_options[{name!r}]", value=raw) from error
