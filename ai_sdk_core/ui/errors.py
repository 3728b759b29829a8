"""Errors of the UI message stream layer (all under :class:`~ai_sdk_core.spec.errors.AISDKError`)::

AISDKError
├── InvalidChatRequestError (ValueError)   a chat POST body cannot be read; web adapters answer 400 with
│                                          ``reason`` (never a model call)
├── UIMessageValidationError (TypeValidationError)  a UI message does not match the app's schemas;
│                                          ``message_index`` and ``part_index`` say where
└── UIMessageStreamError                    a chunk sequence is inconsistent (a delta for a part that was
                                           never started, an unknown chunk type when reading strictly)
"""

from __future__ import annotations

from typing import Any

from ai_sdk_core.spec.errors import AISDKError, TypeValidationError

__all__ = ["InvalidChatRequestError", "UIMessageStreamError", "UIMessageValidationError"]


class InvalidChatRequestError(AISDKError, ValueError):
    """A chat request body is not what ``DefaultChatTransport`` posts; ``reason`` is safe to show the client."""

    def __init__(self, reason: str, *, cause: BaseException | None = None) -> None:
        super().__init__(f"Invalid chat request: {reason}", cause=cause)
        self.reason = reason


class UIMessageValidationError(TypeValidationError):
    """A UI message failed validation; ``message_index`` and ``part_index`` (None for the message itself) locate
    it."""

    def __init__(
        self,
        message: str,
        *,
        message_index: int,
        part_index: int | None = None,
        value: Any = None,
        cause: BaseException | None = None,
    ) -> None:
        where = f"messages[{message_index}]" + ("" if part_index is None else f".parts[{part_index}]")
        super().__init__(f"{where}: {message}", value=value, cause=cause)
        self.message_index = message_index
        self.part_index = part_index


class UIMessageStreamError(AISDKError):
    """A UI message chunk sequence is inconsistent; ``chunk_type`` and ``chunk_id`` name the offending chunk."""

    def __init__(self, message: str, *, chunk_type: str, chunk_id: str | None = None) -> None:
        super().__init__(message)
        self.chunk_type = chunk_type
        self.chunk_id = chunk_id
