"""What ``on_finish`` receives, and the bookkeeping shared by every chunk producer that offers it.

Both :func:`~ai_sdk_core.ui.to_ui_message_stream` and :func:`~ai_sdk_core.ui.create_ui_message_stream` pass the
chunks they send through one :class:`ResponseMessageTracker`, as the JS ``handleUIMessageStreamFinish`` does:
it gives the ``start`` chunk the response message's id, follows the message through the chunks (with the same
assembler the Python reader uses, only when there is an ``on_finish``) and builds the
:class:`UIMessageStreamFinish` once, when the stream ends or the consumer leaves.

The chunks stay 7.x chunks (the encoder adapts them to the client's major later). For ``protocol_version`` 6 or
5 the tracker assembles them as that client will see them: adapted by the encoder's own
:func:`~ai_sdk_core.ui.versions.adapt_clean_chunk`, and read with that major's rules, so that what ``on_finish``
persists is what the browser shows.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ai_sdk_core.ui.chunks import LATEST_PROTOCOL_VERSION, check_protocol_version
from ai_sdk_core.ui.versions import adapt_clean_chunk

if TYPE_CHECKING:
    from ai_sdk_core.ui.assemble import UIMessageAssembler
    from ai_sdk_core.ui.messages import UIMessage

__all__ = [
    "ResponseMessageTracker",
    "UIMessageStreamFinish",
    "call_async_callback",
    "call_sync_callback",
    "check_sync_callback",
    "generate_message_id",
    "require_asyncio",
]


@dataclass(slots=True)
class UIMessageStreamFinish:
    """The end of a UI message stream, for persistence hooks (``on_finish``).

    ``messages``: the conversation to store, ``original_messages`` with the response message appended (or, for
    a continuation, replacing the last assistant message). ``response_message``: the assistant message the
    stream built. ``is_continuation``: it continues the last message of ``original_messages``.
    ``is_aborted``: the stream did not end normally: an ``abort`` chunk was sent, or the consumer stopped reading
    (the client went away) or failed; ``messages`` then holds what was produced until then.
    ``finish_reason``: the ``finishReason`` of the ``finish`` chunk (None without one).
    """

    messages: list[UIMessage]
    response_message: UIMessage
    is_continuation: bool
    is_aborted: bool
    finish_reason: str | None


def generate_message_id() -> str:
    """A random id for a response message (16 hex characters, as long as the JS ``generateId``)."""
    return secrets.token_hex(8)


def _as_message(value: Any) -> UIMessage:
    from ai_sdk_core.ui.messages import UIMessage

    if isinstance(value, UIMessage):
        return value
    from pydantic import ValidationError

    try:
        return UIMessage.model_validate(value)
    except ValidationError as error:
        from ai_sdk_core.spec.errors import InvalidArgumentError

        raise InvalidArgumentError(
            f"each message must be a UIMessage or its JSON dict ({error.error_count()} problem(s))",
            argument="original_messages",
        ) from error


def _role_and_id(value: Any) -> tuple[Any, Any]:
    if isinstance(value, Mapping):
        return value.get("role"), value.get("id")
    return getattr(value, "role", None), getattr(value, "id", None)


class ResponseMessageTracker:
    """Follows the response message through the chunks a stream sends (pure: no I/O, no callbacks).

    ``original_messages``: the conversation so far (UIMessage objects or their JSON dicts); when its last message
    is an assistant message, the response continues it and keeps its id. ``message_id``: the id of a new
    response message, or a function making it (None lets the client pick one). ``track``: build the message
    (only needed for ``on_finish``; without it :meth:`process` only injects the id). ``protocol_version``: the
    major of the client the chunks are encoded for (see the module docs); raises ``InvalidArgumentError`` for a
    major that is not supported.
    """

    __slots__ = (
        "_assembler",
        "_finished",
        "_last_id",
        "_original",
        "_protocol_version",
        "_tool_calls",
        "is_aborted",
        "message_id",
    )

    def __init__(
        self,
        *,
        original_messages: Sequence[Any] | None,
        message_id: str | Callable[[], str] | None,
        track: bool,
        protocol_version: int = LATEST_PROTOCOL_VERSION,
    ) -> None:
        self._protocol_version = check_protocol_version(protocol_version)
        # The calls' dynamic flags, as the encoder keeps them for 5.x (see ai_sdk_core.ui.versions).
        self._tool_calls: dict[str, bool] = {}
        self._original: Sequence[Any] = original_messages or ()
        last = self._original[-1] if self._original else None
        role, last_id = _role_and_id(last) if last is not None else (None, None)
        self._last_id: str | None = last_id if role == "assistant" else None
        self.message_id: str | None
        if self._last_id is not None:
            self.message_id = self._last_id
        else:
            # A generator is only called when a new message is made (as the JS SDK does).
            self.message_id = message_id() if callable(message_id) else message_id
        self.is_aborted = False
        self._finished = False
        self._assembler: UIMessageAssembler | None = None
        if track:
            from ai_sdk_core.ui.assemble import UIMessageAssembler

            # Parsed now, so that a malformed conversation fails at the call, not when the stream ends.
            self._original = [_as_message(message) for message in self._original]
            continued = self._original[-1] if self._last_id is not None else None
            self._assembler = UIMessageAssembler(
                message=continued, message_id=self.message_id or "", protocol_version=protocol_version
            )

    def process(self, chunk: dict[str, Any]) -> dict[str, Any]:
        """Note one chunk on its way out; returns the chunk to send (a ``start`` gets the message id)."""
        chunk_type = chunk.get("type")
        if chunk_type == "start":
            if chunk.get("messageId") is None and self.message_id is not None:
                chunk = {**chunk, "messageId": self.message_id}
        elif chunk_type == "abort":
            self.is_aborted = True
        assembler = self._assembler
        if assembler is not None:
            if self._protocol_version == LATEST_PROTOCOL_VERSION:
                assembler.process(chunk)  # both producers send clean 7.x chunks: nothing to adapt
            else:
                for adapted in adapt_clean_chunk(chunk, self._protocol_version, self._tool_calls):
                    assembler.process(adapted)
        return chunk

    def finish(self, *, aborted: bool) -> UIMessageStreamFinish | None:
        """The finish record, the first time only (None afterwards, and when not tracking).

        ``aborted``: the stream did not reach its end (the consumer stopped reading, or a step failed).
        """
        assembler = self._assembler
        if assembler is None or self._finished:
            return None
        self._finished = True
        response = assembler.message
        is_continuation = self._last_id is not None and response.id == self._last_id
        kept = self._original[:-1] if is_continuation else self._original
        return UIMessageStreamFinish(
            messages=[*kept, response],
            response_message=response,
            is_continuation=is_continuation,
            is_aborted=aborted or self.is_aborted,
            finish_reason=assembler.finish_reason,
        )


def check_sync_callback(name: str, callback: object, *, has_async_form: bool = True) -> None:
    """Refuse an ``async def`` callback where it would be called without awaiting. ``has_async_form``: the async
    twin of the stream accepts one (the error says so)."""
    import inspect

    if callback is not None and inspect.iscoroutinefunction(callback):
        from ai_sdk_core.spec.errors import InvalidArgumentError

        hint = (
            "an async function needs the async form of this stream (its `a...` twin); pass a plain function here"
            if has_async_form
            else "must be a plain function (it is called for each part, without awaiting)"
        )
        raise InvalidArgumentError(hint, argument=name)


def call_sync_callback(name: str, callback: Callable[..., Any], argument: Any) -> Any:
    """Call a callback from sync code; an awaitable result (a function that returns a coroutine) is refused."""
    import inspect

    value = callback(argument)
    if inspect.isawaitable(value):
        close = getattr(value, "close", None)
        if close is not None:
            close()  # no "coroutine was never awaited" warning
        from ai_sdk_core.spec.errors import InvalidArgumentError

        raise InvalidArgumentError(
            "returned an awaitable; use the async form of this stream (its `a...` twin) for async callbacks",
            argument=name,
        )
    return value


async def call_async_callback(callback: Callable[..., Any], argument: Any) -> Any:
    """Call a sync or async callback from async code."""
    import inspect

    value = callback(argument)
    if inspect.isawaitable(value):
        value = await value
    return value


def require_asyncio(feature: str) -> None:
    """Raise a clear error when ``feature`` (which runs asyncio tasks) is used under another event loop."""
    import asyncio

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        from ai_sdk_core.spec.errors import UnsupportedFunctionalityError

        raise UnsupportedFunctionalityError(
            feature, f"{feature} needs the asyncio event loop (it runs asyncio tasks)"
        ) from None
