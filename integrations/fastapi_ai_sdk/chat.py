"""One chat turn as a streaming response: the generation runs in its own task, the response only relays.

Why a task of its own: when the client goes away, Starlette cancels the task that iterates the response body,
and its cancel scopes are level-triggered, so anything awaited in a ``finally`` of that iterator is cancelled
again (a database save in ``finally`` never completes). Here the generation runs apart from the response:

- ``on_disconnect="finish"`` (the default): the model keeps generating to the end; ``on_finish`` receives the
  complete message (``is_aborted`` false) and can save it. The tokens are paid for either way, and the user
  finds the whole answer when they reload the chat.
- ``on_disconnect="stop"``: the generation is cancelled as soon as the client is gone (no more tokens spent);
  ``on_finish`` receives what was produced until then, with ``is_aborted`` true.

Either way ``on_finish`` runs shielded from cancellation, so its awaits complete. With the SDK lifespan the
generation lives in the app's task group and outlives its request; without it, in a task group of the request
(which a server or middleware may still cancel; then ``on_finish`` runs with ``is_aborted`` true).
"""

from __future__ import annotations

import contextlib
import inspect
import logging
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import anyio
from anyio.abc import TaskGroup
from anyio.streams.memory import MemoryObjectReceiveStream, MemoryObjectSendStream
from starlette.requests import Request
from starlette.types import Receive, Scope, Send

from ai_sdk_core import (
    ChatRequest,
    LanguageModel,
    LanguageModelUsage,
    UIMessage,
    UIMessageStreamFinish,
    astream_text,
    convert_to_model_messages,
)

from .lifespan import STATE_ATTRIBUTE, AISDKState
from .responses import DEFAULT_PROTOCOL_VERSION, UIMessageStreamResponse

__all__ = ["ChatFinish", "DisconnectPolicy", "OnChatFinish", "stream_chat_response"]

logger = logging.getLogger("fastapi_ai_sdk")

DisconnectPolicy = Literal["finish", "stop"]

# What the client sees when the generation fails outside the model (the JS SDK's default error text).
_ERROR_TEXT = "An error occurred."

# Chunks the generation may run ahead of a slow client; beyond it the model stream waits (back-pressure).
_BUFFERED_CHUNKS = 64

# The usage of a turn in which the model reported none (every count unknown).
_NO_USAGE = LanguageModelUsage()


@dataclass(frozen=True, slots=True)
class ChatFinish:
    """A finished chat turn, for persistence: the chat ``id`` from the request, the ``alias`` of the model that
    answered (None for a model object), the parsed ``request``, the stream's ``finish`` record and the ``usage``
    of the turn: the tokens of every step the model finished, summed (None when the model reported none, e.g. an
    answer stopped before its first step ended)."""

    chat_id: str | None
    alias: str | None
    request: ChatRequest
    finish: UIMessageStreamFinish
    usage: LanguageModelUsage | None = None

    @property
    def messages(self) -> list[UIMessage]:
        """The whole conversation to store: the request's messages and the response message."""
        return list(self.finish.messages)

    @property
    def response_message(self) -> UIMessage:
        """The assistant message of this turn."""
        return self.finish.response_message

    @property
    def is_aborted(self) -> bool:
        """The answer is incomplete (client gone under ``on_disconnect="stop"``, an error, or shutdown)."""
        aborted: bool = self.finish.is_aborted
        return aborted


OnChatFinish = Callable[[ChatFinish], Awaitable[None] | None]
"""``on_finish``: a plain or ``async`` function of a :class:`ChatFinish`."""


class _Generation:
    """The producing side: runs the model and sends UI message chunks into a memory stream."""

    def __init__(
        self,
        make_chunks: Callable[[], AsyncIterator[Mapping[str, Any]]],
        send_stream: MemoryObjectSendStream[Mapping[str, Any]],
        policy: DisconnectPolicy,
    ) -> None:
        self._make_chunks = make_chunks
        self._send_stream = send_stream
        self._policy = policy
        self._scope = anyio.CancelScope()

    def client_gone(self, receive_stream: MemoryObjectReceiveStream[Mapping[str, Any]]) -> None:
        """The response ended (done, or the client left): under the stop policy, stop generating now; under the
        finish policy, close the receiving end so that sends fail at once instead of waiting for a reader (the
        body iterator Starlette abandons is only closed whenever it is garbage collected)."""
        receive_stream.close()
        if self._policy == "stop":
            self._scope.cancel()

    async def run(self) -> None:
        # Never raise: this task may live in the app's task group, where an error would cancel every chat.
        with self._scope:
            async with self._send_stream:
                try:
                    await self._relay()
                except Exception:
                    # Model errors arrive as error chunks already; this is a failure around them (a bug, a
                    # broken callback). Tell the client something went wrong, without the details.
                    logger.exception("chat generation failed")
                    with contextlib.suppress(anyio.BrokenResourceError, anyio.ClosedResourceError):
                        await self._send_stream.send({"type": "error", "errorText": _ERROR_TEXT})

    async def _relay(self) -> None:
        delivering = True
        send_stream = self._send_stream
        chunks = self._make_chunks()
        try:
            async for chunk in chunks:
                if not delivering:
                    continue  # the client is gone; keep generating so that on_finish gets the whole answer
                try:
                    # Awaited only when the buffer is full: `send` checkpoints, a trip through the event loop
                    # per chunk, and the model stream awaits anyway when it has nothing ready.
                    try:
                        send_stream.send_nowait(chunk)
                    except anyio.WouldBlock:
                        await send_stream.send(chunk)
                except (anyio.BrokenResourceError, anyio.ClosedResourceError):
                    delivering = False
                    if self._policy == "stop":
                        break
        finally:
            aclose = getattr(chunks, "aclose", None)
            if aclose is not None:
                with anyio.CancelScope(shield=True):
                    await aclose()


class _ChatStreamResponse(UIMessageStreamResponse):
    """A :class:`UIMessageStreamResponse` whose generation starts when it is sent (so a response that is never
    sent holds no stream and starts no model call)."""

    def __init__(
        self,
        make_chunks: Callable[[], AsyncIterator[Mapping[str, Any]]],
        policy: DisconnectPolicy,
        task_group: TaskGroup | None,
        *,
        protocol_version: int,
        keep_alive_interval: float | None,
    ) -> None:
        self._make_chunks = make_chunks
        self._policy = policy
        self._task_group = task_group
        self._receive_stream: MemoryObjectReceiveStream[Mapping[str, Any]] | None = None
        super().__init__(self._relayed(), protocol_version=protocol_version, keep_alive_interval=keep_alive_interval)

    async def _relayed(self) -> AsyncIterator[Mapping[str, Any]]:
        receive_stream = self._receive_stream
        if receive_stream is None:  # iterated without being sent: nothing was generated
            return
        async with receive_stream:
            while True:
                # What is buffered is taken without a trip through the event loop (`receive` checkpoints).
                try:
                    chunk = receive_stream.receive_nowait()
                except anyio.WouldBlock:
                    try:
                        chunk = await receive_stream.receive()
                    except anyio.EndOfStream:
                        return
                except anyio.EndOfStream:
                    return
                yield chunk

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        send_stream, receive_stream = anyio.create_memory_object_stream[Mapping[str, Any]](_BUFFERED_CHUNKS)
        self._receive_stream = receive_stream
        generation = _Generation(self._make_chunks, send_stream, self._policy)
        if self._task_group is not None:
            self._task_group.start_soon(generation.run)
            try:
                await super().__call__(scope, receive, send)
            finally:
                generation.client_gone(receive_stream)
            return
        failure: Exception | None = None
        async with anyio.create_task_group() as task_group:
            task_group.start_soon(generation.run)
            try:
                await super().__call__(scope, receive, send)
            except Exception as error:  # e.g. ClientDisconnect: re-raised as is, not inside an ExceptionGroup
                failure = error
            finally:
                generation.client_gone(receive_stream)
        if failure is not None:
            raise failure


def _new_message_id() -> str:
    return secrets.token_hex(8)  # 16 hex characters, as long as the JS SDK's generateId


async def _turn_usage(result: Any) -> LanguageModelUsage | None:
    """The total usage of a turn whose UI stream has ended. That stream closes the model stream before it calls
    ``on_finish`` (completed or aborted alike), so the result is done: awaiting its usage reads nothing more and
    makes no model call."""
    try:
        usage: LanguageModelUsage = await result.total_usage
    except Exception:  # a usage that cannot be read is unknown; the answer is still handed over
        logger.debug("no usage for this chat turn", exc_info=True)
        return None
    return None if usage == _NO_USAGE else usage


def _shielded_on_finish(
    on_finish: OnChatFinish, chat: ChatRequest, alias: str | None, result: Any
) -> Callable[[UIMessageStreamFinish], Awaitable[None]]:
    async def call(finish: UIMessageStreamFinish) -> None:
        # Shielded: this may run while the generation is being cancelled (stop policy, shutdown).
        with anyio.CancelScope(shield=True):
            try:
                usage = await _turn_usage(result)
                outcome = on_finish(ChatFinish(chat_id=chat.id, alias=alias, request=chat, finish=finish, usage=usage))
                if inspect.isawaitable(outcome):
                    await outcome
            except Exception:
                logger.exception("on_finish failed for chat %r", chat.id)

    return call


def stream_chat_response(
    chat: ChatRequest,
    model: LanguageModel,
    *,
    request: Request | None = None,
    alias: str | None = None,
    tools: Mapping[str, Any] | None = None,
    instructions: str | None = None,
    on_finish: OnChatFinish | None = None,
    on_disconnect: DisconnectPolicy = "finish",
    protocol_version: int = DEFAULT_PROTOCOL_VERSION,
    keep_alive_interval: float | None = None,
    send_reasoning: bool = True,
    message_metadata: Callable[..., Any] | None = None,
    on_error: Callable[[BaseException], str] | None = None,
    generate_message_id: Callable[[], str] | None = None,
    model_messages: Sequence[Any] | None = None,
    stream_options: Mapping[str, Any] | None = None,
) -> UIMessageStreamResponse:
    """Answer ``chat`` with ``model`` as a UI message stream, for your own endpoint::

        @app.post("/api/chat", response_class=UIMessageStreamResponse)
        async def chat(body: ChatRequestBody, model: DefaultModel, request: Request) -> UIMessageStreamResponse:
            return stream_chat_response(body, model, request=request, on_finish=save_chat)

    Convert the messages first (``model_messages``) to turn a conversion error into a 400 of your own; otherwise
    this converts them (and raises before any model call). ``request`` lets the generation outlive the request in
    the app's task group (see the module docstring for ``on_disconnect``). ``generate_message_id`` names the
    response message (default: 16 random hex characters), so that what ``on_finish`` stores has the id the
    browser shows. ``stream_options``: more ``astream_text`` arguments (``stop_when``, ``temperature``, ...).
    """
    messages = (
        list(model_messages)
        if model_messages is not None
        else convert_to_model_messages(chat.messages, tools=dict(tools) if tools else None)
    )
    stream_arguments: dict[str, Any] = {**(stream_options or {}), "messages": messages}
    if tools:
        stream_arguments["tools"] = dict(tools)
    if instructions is not None:
        stream_arguments["instructions"] = instructions
    ui_arguments: dict[str, Any] = {
        "original_messages": chat.messages,
        "send_reasoning": send_reasoning,
        # What on_finish stores is the message as this client's major assembles the chunks.
        "protocol_version": protocol_version,
    }
    # The server names the response message, so what on_finish stores has the id the browser shows.
    ui_arguments["generate_message_id"] = generate_message_id or _new_message_id
    if message_metadata is not None:
        ui_arguments["message_metadata"] = message_metadata
    if on_error is not None:
        ui_arguments["on_error"] = on_error

    def make_chunks() -> AsyncIterator[Mapping[str, Any]]:
        result: Any = astream_text(model=model, **stream_arguments)
        options = ui_arguments
        if on_finish is not None:  # bound to this result, whose usage it reads
            options = {**ui_arguments, "on_finish": _shielded_on_finish(on_finish, chat, alias, result)}
        chunks: AsyncIterator[Mapping[str, Any]] = result.to_ui_message_stream(**options)
        return chunks

    state = getattr(request.app.state, STATE_ATTRIBUTE, None) if request is not None else None
    task_group = state.task_group if isinstance(state, AISDKState) else None
    return _ChatStreamResponse(
        make_chunks,
        on_disconnect,
        task_group,
        protocol_version=protocol_version,
        keep_alive_interval=keep_alive_interval,
    )
