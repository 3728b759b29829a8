"""Streaming a model's answer from a Django view, with the iterator kind the server needs.

Django buffers a whole ``StreamingHttpResponse`` when its iterator does not match the server: a sync iterator
under ASGI is run in a thread chunk by chunk but an async one under WSGI is read to its end first. So the kind
is chosen from the request: an ``ASGIRequest`` gets an async iterator, anything else a sync one.

Disconnects:

- ASGI: the generation runs in its own task, so it continues when the client goes away (Django cancels the
  response, not the task), and the answer is saved when it completes. ``finish_on_disconnect=False`` stops it
  instead; what was produced is then saved, marked aborted.
- WSGI: the server closes the response iterator (``GeneratorExit``); the model stream is closed and what was
  produced is saved, marked aborted.

Either way ``on_saved(finish, usage)`` runs once, with the token usage the model reported so far.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from django.core.handlers.asgi import ASGIRequest
from django.http import HttpRequest, JsonResponse, StreamingHttpResponse

from ai_sdk_core import (
    TEXT_STREAM_HEADERS,
    UI_MESSAGE_STREAM_HEADERS,
    LanguageModel,
    LanguageModelUsage,
    UIMessage,
    UIMessageStreamFinish,
    aencode_text_stream,
    aencode_ui_message_stream,
    astream_text,
    convert_to_model_messages,
    encode_text_stream,
    encode_ui_message_stream,
    stream_text,
)

__all__ = ["ChatRun", "OnSaved", "chat_json_response", "chat_stream_response", "is_asgi_request"]

logger = logging.getLogger("django_ai_sdk")

OnSaved = Callable[[UIMessageStreamFinish, LanguageModelUsage | None], Any]
"""Called once per answer with what the stream built and the usage (sync; async code gets it via a thread)."""

StreamFormat = Literal["ui", "text"]

# Generation tasks that outlive their response (ASGI, client gone): kept here so they are not garbage collected.
_background_tasks: set[asyncio.Task[None]] = set()


def is_asgi_request(request: HttpRequest) -> bool:
    """True when the request came through Django's ASGI handler (stream with an async iterator)."""
    return isinstance(request, ASGIRequest)


def _default_error_text(error: BaseException) -> str:
    logger.error("Chat stream failed", exc_info=error)
    return "An error occurred."


@dataclass(slots=True)
class ChatRun:
    """One answer to produce: the model, the conversation (UI messages, ending with the new user message or the
    assistant message to continue), and ``stream_text`` arguments (``tools``, ``instructions``, call settings)."""

    model: LanguageModel
    messages: Sequence[UIMessage]
    tools: Mapping[str, Any] | None = None
    instructions: str | None = None
    call_options: Mapping[str, Any] = field(default_factory=dict)
    on_saved: OnSaved | None = None
    generate_message_id: Callable[[], str] = field(default=lambda: secrets.token_hex(8))
    message_metadata: Callable[[Any], Any] | None = None
    send_reasoning: bool = True
    on_error: Callable[[BaseException], str] = _default_error_text
    protocol_version: int = 7
    keep_alive_interval: float | None = None
    finish_on_disconnect: bool = True
    _model_messages: list[Any] | None = field(default=None, init=False, repr=False)

    def model_messages(self) -> list[Any]:
        """The conversation as model messages (converted once). Views call this before responding, so a message
        the SDK cannot convert is a 400, not a stream that breaks after its headers were sent."""
        if self._model_messages is None:
            self._model_messages = convert_to_model_messages(list(self.messages), tools=self.tools)
        return self._model_messages

    def _arguments(self) -> dict[str, Any]:
        arguments: dict[str, Any] = dict(self.call_options)
        arguments["messages"] = self.model_messages()
        if self.tools:
            arguments["tools"] = dict(self.tools)
        if self.instructions:
            arguments["instructions"] = self.instructions
        return arguments

    def _stream_options(self, finishes: list[UIMessageStreamFinish]) -> dict[str, Any]:
        options: dict[str, Any] = {
            "original_messages": list(self.messages),
            "on_finish": finishes.append,
            "send_reasoning": self.send_reasoning,
            "on_error": self.on_error,
            # Always ours, so the saved message has an id (otherwise the client would make one we never see).
            "generate_message_id": self.generate_message_id,
            # What on_finish saves is the message as this client's major assembles the chunks.
            "protocol_version": self.protocol_version,
        }
        if self.message_metadata is not None:
            options["message_metadata"] = self.message_metadata
        return options

    # -- sync (WSGI) -----------------------------------------------------------------------------------------

    def iterate(self, stream_format: StreamFormat = "ui") -> Iterator[bytes]:
        """The response body, sync. Closing it early (client gone) saves what was produced, marked aborted."""
        result = stream_text(model=self.model, **self._arguments())
        finishes: list[UIMessageStreamFinish] = []
        chunks = result.to_ui_message_stream(**self._stream_options(finishes))
        if stream_format == "text":
            body = encode_text_stream(
                str(chunk.get("delta", "")) for chunk in chunks if chunk.get("type") == "text-delta"
            )
        else:
            body = encode_ui_message_stream(chunks, protocol_version=self.protocol_version)
        completed = False
        try:
            yield from body
            completed = True
        finally:
            # Closing the body alone would not reach `chunks` through the generator expression of the text form.
            body.close()
            close_chunks = getattr(chunks, "close", None)
            if close_chunks is not None:
                close_chunks()
            if not completed:
                result.close()
            self._save_sync(finishes, lambda: result.total_usage)

    def run_to_end(self) -> UIMessageStreamFinish | None:
        """Produce the whole answer without streaming it (the JSON variant); saves it and returns the finish."""
        result = stream_text(model=self.model, **self._arguments())
        finishes: list[UIMessageStreamFinish] = []
        for _chunk in result.to_ui_message_stream(**self._stream_options(finishes)):
            pass
        self._save_sync(finishes, lambda: result.total_usage)
        return finishes[0] if finishes else None

    def _save_sync(self, finishes: list[UIMessageStreamFinish], read_usage: Callable[[], LanguageModelUsage]) -> None:
        if not finishes or self.on_saved is None:
            return
        try:
            usage: LanguageModelUsage | None = read_usage()
        except Exception:  # a stream that failed has no usage; the answer is still saved
            usage = None
        self.on_saved(finishes[0], usage)

    # -- async (ASGI) ----------------------------------------------------------------------------------------

    async def _produce(self, stream_format: StreamFormat, pipe: _Pipe) -> None:
        from asgiref.sync import sync_to_async

        result = astream_text(model=self.model, **self._arguments())
        finishes: list[UIMessageStreamFinish] = []
        usage: LanguageModelUsage | None = None
        try:
            chunks = result.to_ui_message_stream(**self._stream_options(finishes))
            if stream_format == "text":
                body = aencode_text_stream(_text_deltas(chunks))
            else:
                body = aencode_ui_message_stream(
                    chunks, protocol_version=self.protocol_version, keep_alive_interval=self.keep_alive_interval
                )
            async for data in body:
                await pipe.put(data)
        finally:
            pipe.end()
            try:
                usage = await result.total_usage
            except Exception:  # no usage for a stream that failed or was stopped
                usage = None
            if finishes and self.on_saved is not None:
                # Shielded: a stop by policy cancels this task, and the partial answer must still be saved. In a
                # thread of its own: the request (and its thread-sensitive executor) may be over by now.
                save = sync_to_async(_save_and_release_connections, thread_sensitive=False)
                await asyncio.shield(save(self.on_saved, finishes[0], usage))

    async def aiterate(self, stream_format: StreamFormat = "ui") -> AsyncIterator[bytes]:
        """The response body, async; the generation runs in its own task (see the module docstring)."""
        pipe = _Pipe()
        task = asyncio.get_running_loop().create_task(self._produce(stream_format, pipe))
        _background_tasks.add(task)
        task.add_done_callback(_background_tasks.discard)
        finished = False
        try:
            while (data := await pipe.get()) is not None:
                yield data
            finished = True
        finally:
            if not finished:
                pipe.detach()  # the generation finishes (or stops) without a reader: nothing may block it
                if not self.finish_on_disconnect:
                    task.cancel()
        await task  # surfaces a failure of the producer after the body was sent


class _Pipe:
    """The body's events from the generation task to the response. Bounded: a client that stops reading stalls
    the model stream after a few events instead of the whole answer piling up in memory. Once detached (the
    client left) it drops what it is given, so the generation can run to its end unread."""

    __slots__ = ("_events", "_slots", "detached")

    # Events in flight at most (a text delta is an event of some tens of bytes).
    SIZE = 64

    def __init__(self) -> None:
        self._events: asyncio.Queue[bytes | None] = asyncio.Queue()  # unbounded: the end mark never waits
        self._slots = asyncio.Semaphore(self.SIZE)  # the bound, on data only
        self.detached = False

    async def put(self, data: bytes) -> None:
        if self.detached:
            return
        await self._slots.acquire()
        self._events.put_nowait(data)

    def end(self) -> None:
        self._events.put_nowait(None)

    async def get(self) -> bytes | None:
        data = await self._events.get()
        if data is not None:
            self._slots.release()
        return data

    def detach(self) -> None:
        self.detached = True
        self._slots.release()  # a producer waiting for room goes on (and drops from then on)


def _save_and_release_connections(
    on_saved: OnSaved, finish: UIMessageStreamFinish, usage: LanguageModelUsage | None
) -> None:
    """Save, then close this worker thread's database connections as Django does at the end of a request
    (``CONN_MAX_AGE`` decides): no request ends in this thread to do it."""
    from django.db import close_old_connections

    try:
        on_saved(finish, usage)
    finally:
        close_old_connections()


async def _text_deltas(chunks: AsyncIterator[dict[str, Any]]) -> AsyncIterator[str]:
    try:
        async for chunk in chunks:
            if chunk.get("type") == "text-delta":
                yield str(chunk.get("delta", ""))
    finally:
        await chunks.aclose()  # type: ignore[attr-defined]  # the UI chunk stream is an async generator


def chat_stream_response(
    request: HttpRequest, run: ChatRun, *, stream_format: StreamFormat = "ui"
) -> StreamingHttpResponse:
    """A streaming response for ``run``: the UI message stream (``"ui"``) or plain text (``"text"``), with a
    sync or async iterator as the server needs (see the module docstring)."""
    body: Iterator[bytes] | AsyncIterator[bytes]
    body = run.aiterate(stream_format) if is_asgi_request(request) else run.iterate(stream_format)
    headers = UI_MESSAGE_STREAM_HEADERS if stream_format == "ui" else TEXT_STREAM_HEADERS
    response = StreamingHttpResponse(body, content_type=headers["content-type"])
    for name, value in headers.items():
        if name.lower() != "content-type":
            response[name] = value
    return response


def chat_json_response(run: ChatRun) -> JsonResponse:
    """The whole answer as JSON (no streaming): ``{"message": <UI message>, "finishReason": ...}``."""
    finish = run.run_to_end()
    if finish is None:
        return JsonResponse({"error": "the model produced no answer"}, status=502)
    return JsonResponse(
        {
            "message": finish.response_message.to_dict(),
            "finishReason": finish.finish_reason,
            "aborted": finish.is_aborted,
        }
    )
