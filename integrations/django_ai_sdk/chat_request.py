"""Reading a ``useChat`` POST in a Django view: size limits, parsing, and the model alias the page asked for.

Everything here runs before any model call, and every refusal is a :class:`ChatRequestRejected` carrying the
HTTP status and a reason that is safe to show: 400 for a body that cannot be read or names an unknown alias,
413 for a body above the limit.

Under WSGI a declared ``Content-Length`` above the limit is refused before a byte is read. Under ASGI Django's
handler has already received the body (spooled to a temporary file above ``FILE_UPLOAD_MAX_MEMORY_SIZE``) before
any view runs, so the same 413 comes after the upload; cap request sizes in the server or proxy as well.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, Final

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, JsonResponse

from ai_sdk_core import ChatRequest, InvalidChatRequestError, parse_chat_request

__all__ = [
    "DEFAULT_MAX_BODY_SIZE",
    "MODEL_FIELD",
    "ChatRequestRejected",
    "body_size_limit",
    "check_storable",
    "choose_alias",
    "read_chat_request",
]

DEFAULT_MAX_BODY_SIZE: Final = 1024 * 1024
"""1 MiB: a long conversation of text fits many times over; files belong in uploads, not in the chat body."""

MODEL_FIELD: Final = "model"
"""The ``useChat`` body field holding the model alias the page picked (``sendMessage(..., {body: {model}})``)."""


class ChatRequestRejected(Exception):  # noqa: N818  # a refusal, not an error of ours
    """A chat request refused before any model call: ``status`` (400 or 413) and a ``reason`` to show."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason

    def response(self) -> JsonResponse:
        """The JSON error response: ``{"error": reason}`` with the status."""
        return JsonResponse({"error": self.reason}, status=self.status)


def body_size_limit(max_body_size: int | None) -> int | None:
    """The effective limit in bytes: the view's, capped by ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (None: no limit)."""
    limits = [limit for limit in (max_body_size, settings.DATA_UPLOAD_MAX_MEMORY_SIZE) if limit is not None]
    return min(limits) if limits else None


def _too_large(limit: int) -> ChatRequestRejected:
    return ChatRequestRejected(413, f"the request body is larger than {limit} bytes")


def read_chat_request(request: HttpRequest, *, max_body_size: int | None = DEFAULT_MAX_BODY_SIZE) -> ChatRequest:
    """The parsed chat request; raises :class:`ChatRequestRejected` (413 above the limit, 400 otherwise)."""
    limit = body_size_limit(max_body_size)
    declared = request.META.get("CONTENT_LENGTH")
    # Refuse on the declared length before reading anything, as Django does for its own limit.
    if limit is not None and declared and declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    try:
        body = request.body
    except RequestDataTooBig:
        raise _too_large(limit or 0) from None
    if limit is not None and len(body) > limit:
        raise _too_large(limit)
    try:
        chat_request = parse_chat_request(body)
    except InvalidChatRequestError as error:
        raise ChatRequestRejected(400, error.reason) from error
    if not chat_request.messages:
        raise ChatRequestRejected(400, "'messages' must hold at least one message")
    if _holds_nul(chat_request.to_dict()):
        # PostgreSQL refuses NUL in text and JSON columns; a 400 here, not a 500 when the message is saved.
        raise ChatRequestRejected(400, "NUL characters are not accepted")
    return chat_request


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(key) or _holds_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    return False


def check_storable(chat_request: ChatRequest, *, max_id_length: int) -> None:
    """400 for ids longer than the database columns hold (``max_id_length``), checked before anything is
    saved so that a long id is the client's error, not a database error."""
    if chat_request.id is not None and len(chat_request.id) > max_id_length:
        raise ChatRequestRejected(400, f"'id' is longer than {max_id_length} characters")
    for index, message in enumerate(chat_request.messages):
        if len(message.id) > max_id_length:
            raise ChatRequestRejected(400, f"messages[{index}].id is longer than {max_id_length} characters")


def choose_alias(chat_request: ChatRequest, *, allowed: Collection[str], default: str) -> str:
    """The alias in the body's ``model`` field (``default`` when absent); 400 unless it is in ``allowed``.

    Only aliases are accepted: a ``"provider:model"`` string from a browser is never resolved, so a page cannot
    make the server call a model (or spend a key) that the project did not configure.
    """
    requested = chat_request.body.get(MODEL_FIELD)
    if requested is None:
        return default
    if not isinstance(requested, str) or requested not in allowed:
        choices = ", ".join(sorted(allowed)) or "none"
        raise ChatRequestRejected(400, f"unknown model {requested!r}; choose one of: {choices}")
    return requested
