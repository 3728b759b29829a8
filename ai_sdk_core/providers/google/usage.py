"""Gemini's ``usageMetadata`` to the spec's nested usage."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ai_sdk_core.spec import InputTokens, OutputTokens, Usage

__all__ = ["convert_google_usage"]


def _count(usage: Mapping[str, Any], key: str) -> int:
    value = usage.get(key)
    return value if isinstance(value, int) else 0


def convert_google_usage(usage_metadata: Any) -> Usage:
    """Map ``promptTokenCount`` (cached part: ``cachedContentTokenCount``) and ``candidatesTokenCount`` plus
    ``thoughtsTokenCount`` (output = visible text + thoughts). No metadata gives an all-unknown usage.

    >>> usage = convert_google_usage({"promptTokenCount": 10, "cachedContentTokenCount": 4,
    ...                               "candidatesTokenCount": 5, "thoughtsTokenCount": 7})
    >>> usage.input_tokens.no_cache, usage.output_tokens.total, usage.output_tokens.reasoning
    (6, 12, 7)
    """
    if not isinstance(usage_metadata, Mapping):
        return Usage()
    prompt_tokens = _count(usage_metadata, "promptTokenCount")
    cached_tokens = _count(usage_metadata, "cachedContentTokenCount")
    candidate_tokens = _count(usage_metadata, "candidatesTokenCount")
    thought_tokens = _count(usage_metadata, "thoughtsTokenCount")
    return Usage(
        input_tokens=InputTokens(
            total=prompt_tokens, no_cache=prompt_tokens - cached_tokens, cache_read=cached_tokens, cache_write=None
        ),
        output_tokens=OutputTokens(
            total=candidate_tokens + thought_tokens, text=candidate_tokens, reasoning=thought_tokens
        ),
        raw=dict(usage_metadata),
    )
