"""The body ``DefaultChatTransport`` posts: ``id``, ``messages``, ``trigger``, ``messageId``, plus whatever the
page adds through ``body`` (a model alias, a user setting, ...)::

    request = parse_chat_request(raw_body)
    request.messages          # list[UIMessage]
    request.body["model"]     # a field the page sent next to the standard ones

:class:`ChatRequest` is a pydantic model, so FastAPI can take it as a documented request body directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ai_sdk_core.provider_utils.json import parse_json
from ai_sdk_core.spec.errors import JSONParseError
from ai_sdk_core.ui.errors import InvalidChatRequestError
from ai_sdk_core.ui.messages import UIMessage

__all__ = ["DEFAULT_MAX_CHAT_MESSAGES", "ChatRequest", "parse_chat_request"]

DEFAULT_MAX_CHAT_MESSAGES = 10_000
"""How many messages a chat request may hold by default. A long chat with many tool steps stays far below it;
a body stuffed with messages (small ones fit many to the megabyte) is refused before any of them is parsed."""

_STANDARD_KEYS = frozenset({"id", "messages", "trigger", "messageId", "message_id", "body"})


class ChatRequest(BaseModel):
    """A chat POST: ``id`` of the chat, its ``messages``, what triggered the request (``"submit-message"`` or
    ``"regenerate-message"``), the ``message_id`` to regenerate, and ``body``: every other top-level field."""

    model_config = ConfigDict(validate_by_name=True, validate_by_alias=True, serialize_by_alias=True)

    id: str | None = None
    messages: list[UIMessage]
    trigger: Literal["submit-message", "regenerate-message"] | str | None = None
    message_id: str | None = Field(default=None, alias="messageId")
    body: dict[str, Any] = Field(default_factory=dict)

    max_messages: ClassVar[int | None] = DEFAULT_MAX_CHAT_MESSAGES
    """At most this many ``messages`` (None: no limit); a subclass may set its own."""

    @model_validator(mode="before")
    @classmethod
    def _collect_body(cls, value: Any) -> Any:
        # The page's own fields arrive next to the standard ones; gather them into ``body``.
        if isinstance(value, Mapping):
            # Counted before any message is validated: the cost of a refusal does not grow with the body.
            reason = _too_many_messages(value.get("messages"), cls.max_messages)
            if reason is not None:
                raise ValueError(reason)
            extra = {key: item for key, item in value.items() if key not in _STANDARD_KEYS}
            given_body = value.get("body")
            if extra and (given_body is None or isinstance(given_body, Mapping)):
                standard = {key: item for key, item in value.items() if key in _STANDARD_KEYS}
                standard["body"] = {**(given_body or {}), **extra}
                return standard
        return value

    def to_dict(self) -> dict[str, Any]:
        """The body as the client posted it (the ``body`` fields back at the top level)."""
        result: dict[str, Any] = dict(self.body)
        if self.id is not None:
            result["id"] = self.id
        result["messages"] = [message.to_dict() for message in self.messages]
        if self.trigger is not None:
            result["trigger"] = self.trigger
        if self.message_id is not None:
            result["messageId"] = self.message_id
        return result


def _too_many_messages(messages: Any, limit: int | None) -> str | None:
    if limit is not None and isinstance(messages, list) and len(messages) > limit:
        return f"too many messages: {len(messages)} (at most {limit})"
    return None


def _describe(error: ValidationError) -> str:
    """A reason safe to show the client: where the first problem is and what it is (no input values)."""
    first = error.errors(include_input=False, include_url=False)[0]
    location = ""
    loc = first["loc"]
    for position, part in enumerate(loc):
        if position >= 2 and loc[position - 2] == "parts" and isinstance(loc[position - 1], int):
            continue  # the union tag pydantic puts after a part's index ("text", "tool", ...)
        location += f"[{part}]" if isinstance(part, int) else f".{part}"
    return f"{location.lstrip('.') or 'body'}: {first['msg']}"


def parse_chat_request(
    body: bytes | str | Mapping[str, Any], *, request_type: type[ChatRequest] = ChatRequest
) -> ChatRequest:
    """Parse a chat POST body (raw JSON or an already decoded mapping) into a :class:`ChatRequest` (or the
    subclass ``request_type``, e.g. one with its own ``max_messages``).

    Tolerant: unknown keys and unknown part types are kept. Raises
    :class:`~ai_sdk_core.ui.errors.InvalidChatRequestError` (``reason`` safe to show) when the body is not
    JSON, not an object, has no ``messages`` list or more than ``request_type.max_messages`` of them
    (:data:`DEFAULT_MAX_CHAT_MESSAGES`), or holds a message without a string ``id``, a known ``role`` and a
    ``parts`` list, or a known part lacking what it requires.
    """
    if isinstance(body, bytes | str):
        try:
            value: Any = parse_json(body)
        except JSONParseError as error:
            raise InvalidChatRequestError("the body is not valid JSON", cause=error) from error
    else:
        value = body
    if not isinstance(value, Mapping):
        raise InvalidChatRequestError("the body must be a JSON object")
    messages = value.get("messages")
    if not isinstance(messages, list):
        raise InvalidChatRequestError("'messages' must be a list of UI messages")
    too_many = _too_many_messages(messages, request_type.max_messages)
    if too_many is not None:
        raise InvalidChatRequestError(too_many)
    for index, message in enumerate(messages):
        if not isinstance(message, Mapping):
            raise InvalidChatRequestError(f"messages[{index}] must be an object")
        if not isinstance(message.get("parts"), list):
            raise InvalidChatRequestError(f"messages[{index}].parts must be a list")
    try:
        return request_type.model_validate(value)
    except ValidationError as error:
        raise InvalidChatRequestError(_describe(error), cause=error) from error
