"""``provider_options["<vendor>"]`` of OpenAI-compatible chat and embedding models.

The strict base and the parser are generic and live in :mod:`ai_sdk_core.provider_utils.options`; they are
re-exported here, where they were first defined, so existing imports keep working.

This is the one module of the provider that imports pydantic, which takes longer to load than httpx: the models
and packages that use it import it on first use (a model being configured, or a class named), never at import.
"""

from __future__ import annotations

from typing import Literal

from ai_sdk_core.provider_utils.options import StrictOptions, parse_provider_options

__all__ = [
    "OpenAICompatibleChatOptions",
    "OpenAICompatibleEmbeddingOptions",
    "StrictOptions",
    "parse_provider_options",
]


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
    """Whether a JSON-schema response format is sent with ``strict: true``; by default, when the schema fits
    strict mode's rules (all properties required, no additional properties)."""


class OpenAICompatibleEmbeddingOptions(StrictOptions):
    """``provider_options["<vendor>"]`` of an embedding call.

    >>> OpenAICompatibleEmbeddingOptions(dimensions=256).dimensions
    256
    """

    dimensions: int | None = None
    """Shorter vectors, for models that support it (``text-embedding-3-*``)."""
    user: str | None = None
    """A stable end-user id, which vendors use to detect abuse."""
