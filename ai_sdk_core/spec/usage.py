"""Token usage as providers report it, nested the way the V4 spec nests it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["InputTokens", "OutputTokens", "Usage"]


@dataclass(slots=True)
class InputTokens:
    """Prompt tokens. ``no_cache + cache_read + cache_write == total`` when the provider reports all of them."""

    total: int | None = None
    no_cache: int | None = None
    cache_read: int | None = None
    cache_write: int | None = None


@dataclass(slots=True)
class OutputTokens:
    """Completion tokens: ``total``, split into visible ``text`` and hidden ``reasoning`` where known."""

    total: int | None = None
    text: int | None = None
    reasoning: int | None = None


@dataclass(slots=True)
class Usage:
    """Usage of one model call. ``raw`` is the provider's own usage object, untouched."""

    input_tokens: InputTokens = field(default_factory=InputTokens)
    output_tokens: OutputTokens = field(default_factory=OutputTokens)
    raw: dict[str, Any] | None = None
