"""Turning the ``error`` of a model stream's error part into an exception a caller can read.

Providers put what the vendor sent into the part as is: often an exception, but for an OpenAI-style
``{"error": {"message": ..., "type": ...}}`` chunk the inner mapping. The message of the exception is the vendor's
own message (not the repr of a dict); the raw value stays available as ``data``. The TypeScript SDK keeps such
values raw in its error parts too and renders them as text only when reporting them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ai_sdk_core.spec.errors import AISDKError

__all__ = ["ModelStreamError", "stream_error_to_exception"]

# A vendor payload is outside input: its message is bounded before it becomes part of an exception.
_MAX_MESSAGE_CHARACTERS = 1000


class ModelStreamError(AISDKError):
    """The model stream reported an error that is not an exception; ``data`` is what the provider sent."""

    def __init__(self, message: str, *, data: Any = None) -> None:
        super().__init__(message)
        self.data = data


def _vendor_message(value: Any) -> str | None:
    """The ``message`` of a vendor error payload (``{"message": ...}`` or ``{"error": {"message": ...}}``)."""
    if isinstance(value, str):
        return value or None
    if not isinstance(value, Mapping):
        return None
    message = value.get("message")
    if isinstance(message, str) and message:
        return message
    inner = value.get("error")
    if inner is not None and inner is not value:
        return _vendor_message(inner)
    return None


def stream_error_to_exception(error: Any) -> BaseException:
    """The exception for an error part's ``error``: an exception as it is, anything else a :class:`ModelStreamError`."""
    if isinstance(error, BaseException):
        return error
    message = _vendor_message(error)
    if message is None:
        message = f"The model stream reported an error: {error!r}"
    return ModelStreamError(message[:_MAX_MESSAGE_CHARACTERS], data=error)
