"""Chat Completions ``finish_reason`` -> the spec's :class:`~ai_sdk_core.spec.FinishReason`."""

from __future__ import annotations

from ai_sdk_core.spec import FinishReason, UnifiedFinishReason

__all__ = ["map_openai_compatible_finish_reason"]

_UNIFIED_BY_RAW: dict[str, UnifiedFinishReason] = {
    "stop": "stop",
    "length": "length",
    "content_filter": "content-filter",
    "tool_calls": "tool-calls",
    # The deprecated single-function calling still appears on older models and some compatible servers.
    "function_call": "tool-calls",
}


def map_openai_compatible_finish_reason(raw: str | None) -> FinishReason:
    """Map a Chat Completions finish reason; anything unknown (or missing) is ``"other"``, the raw value kept.

    >>> map_openai_compatible_finish_reason("content_filter")
    FinishReason(unified='content-filter', raw='content_filter')
    """
    unified = _UNIFIED_BY_RAW.get(raw, "other") if raw is not None else "other"
    return FinishReason(unified=unified, raw=raw)
