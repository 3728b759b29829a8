"""Gemini's ``finishReason`` to the unified finish reason."""

from __future__ import annotations

from typing import Final

from ai_sdk_core.spec import FinishReason, UnifiedFinishReason

__all__ = ["map_google_finish_reason"]

_CONTENT_FILTER: Final = frozenset(
    {"SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT"}
)


def map_google_finish_reason(raw: str | None, *, has_tool_calls: bool) -> FinishReason:
    """``STOP`` is also how Gemini ends a function-call turn, so it maps to ``tool-calls`` when calls came.

    >>> map_google_finish_reason("STOP", has_tool_calls=True).unified
    'tool-calls'
    >>> map_google_finish_reason("RECITATION", has_tool_calls=False).unified
    'content-filter'
    """
    unified: UnifiedFinishReason
    if raw == "STOP":
        unified = "tool-calls" if has_tool_calls else "stop"
    elif raw == "MAX_TOKENS":
        unified = "length"
    elif raw in _CONTENT_FILTER:
        unified = "content-filter"
    elif raw == "MALFORMED_FUNCTION_CALL":
        unified = "error"
    else:
        unified = "other"
    return FinishReason(unified=unified, raw=raw)
