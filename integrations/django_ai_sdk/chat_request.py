"""Reading a ``useChat`` POST in a Django view: size limits, parsing, and the model alias the page asked for.

Everything here runs before any model call, and every refusal is a :class:`ChatRequestRejected` carrying the
HTTP status and a reason that is safe to show: 400 for a body that cannot be read or names an unknown alias,
413 for a body above the limit.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Final

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, JsonResponse

from ai_sdk_core import ChatRequest, InvalidChatRequestError, parse_chat_request

__all__ = [
    "DEFAULT_MAX_BODY_SIZE",
    "MODEL_FIELD",
    "ChatRequestRejected",
    "body_size_limit",
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
    return chat_request


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
