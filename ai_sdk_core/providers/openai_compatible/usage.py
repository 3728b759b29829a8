"""Chat Completions ``usage`` object -> the spec's nested :class:`~ai_sdk_core.spec.Usage`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ai_sdk_core.spec import InputTokens, OutputTokens, Usage

__all__ = ["convert_openai_compatible_usage"]


def _count(container: Any, key: str) -> int | None:
    if not isinstance(container, Mapping):
        return None
    value = container.get(key)
    # bool is an int subclass: a vendor sending ``true`` must not count as one token.
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def convert_openai_compatible_usage(usage: Any) -> Usage:
    """Convert ``{"prompt_tokens", "completion_tokens", "prompt_tokens_details", "completion_tokens_details"}``.

    ``cached_tokens`` becomes ``input_tokens.cache_read`` (``no_cache`` is the rest), ``reasoning_tokens`` becomes
    ``output_tokens.reasoning`` (``text`` is the rest). A missing usage object gives an all-``None`` usage, so
    callers can tell "not reported" from zero. ``raw`` keeps the vendor's object untouched.

    >>> convert_openai_compatible_usage({"prompt_tokens": 10, "completion_tokens": 4}).output_tokens
    OutputTokens(total=4, text=4, reasoning=0)
    """
    if not isinstance(usage, Mapping):
        return Usage()
    prompt_tokens = _count(usage, "prompt_tokens") or 0
    completion_tokens = _count(usage, "completion_tokens") or 0
    cached_tokens = _count(usage.get("prompt_tokens_details"), "cached_tokens") or 0
    reasoning_tokens = _count(usage.get("completion_tokens_details"), "reasoning_tokens") or 0
    return Usage(
        input_tokens=InputTokens(
            total=prompt_tokens,
            no_cache=prompt_tokens - cached_tokens,
            cache_read=cached_tokens,
            cache_write=None,
        ),
        output_tokens=OutputTokens(
            total=completion_tokens,
            text=completion_tokens - reasoning_tokens,
            reasoning=reasoning_tokens,
        ),
        raw=dict(usage),
    )
