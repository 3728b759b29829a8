"""Gemini's error bodies: ``{"error": {"code": 400, "message": "...", "status": "INVALID_ARGUMENT"}}``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ai_sdk_core.provider_utils.json import try_parse_json

__all__ = ["parse_google_error"]


def parse_google_error(status_code: int, headers: Mapping[str, str], body_text: str) -> tuple[str, Any] | None:
    """``(message, parsed body)`` of a Google API error, or ``None`` when the body has another shape.

    The body may also be a one-element list of such objects (streaming endpoints answer that way).

    >>> parse_google_error(400, {}, '{"error": {"code": 400, "message": "Bad key", "status": "INVALID_ARGUMENT"}}')[0]
    'Bad key'
    """
    parsed, data = try_parse_json(body_text)
    if not parsed:
        return None
    body = data[0] if isinstance(data, list) and data else data
    if not isinstance(body, Mapping):
        return None
    error = body.get("error")
    if isinstance(error, Mapping) and isinstance(error.get("message"), str):
        return error["message"], data
    return None
