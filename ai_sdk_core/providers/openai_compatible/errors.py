"""Error bodies of OpenAI-style APIs: ``{"error": {"message", "type", "param", "code"}}``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ai_sdk_core.provider_utils.json import try_parse_json

__all__ = ["parse_openai_compatible_error"]


def parse_openai_compatible_error(
    status_code: int,
    headers: Mapping[str, str],
    body_text: str,
) -> tuple[str, Any] | None:
    """Extract ``(message, data)`` from an error response, or ``None`` when the body is not of that shape.

    ``data`` is the parsed body, kept on the :class:`~ai_sdk_core.spec.APICallError` for callers that branch on
    ``error.data["error"]["code"]``. Compatible servers vary: ``error`` may be a bare string, and some put
    ``message`` at the top level; both are accepted.

    >>> parse_openai_compatible_error(429, {}, '{"error": {"message": "Slow down", "type": "rate_limit"}}')[0]
    'Slow down'
    """
    parsed, data = try_parse_json(body_text)
    if not parsed or not isinstance(data, Mapping):
        return None
    error = data.get("error")
    if isinstance(error, Mapping) and isinstance(error.get("message"), str):
        return error["message"], data
    if isinstance(error, str):
        return error, data
    if isinstance(data.get("message"), str):
        return data["message"], data
    return None
