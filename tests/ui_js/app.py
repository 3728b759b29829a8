"""A minimal chat backend over :mod:`ai_sdk_core.ui` for the JS-client conformance tests: a raw ASGI callable (no
framework), served by uvicorn on 127.0.0.1 in a thread by ``conftest.py``.

``POST /api/chat/<scenario>?v=<major>`` reads the body with ``parse_chat_request``, converts the messages with
``convert_to_model_messages``, runs ``astream_text`` on a :class:`MockLanguageModel` scripted for the scenario
and answers with ``aencode_ui_message_stream(..., protocol_version=major)`` and ``UI_MESSAGE_STREAM_HEADERS``.
Each request leaves an :class:`Exchange` in :attr:`ChatApp.exchanges` (the parsed request, the model's calls,
what ``on_finish`` received, the ``ai_sdk_core.ui`` log records), which the tests read directly: the server runs
in the test process.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, MutableMapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

import anyio

from ai_sdk_core import astream_text, step_count_is
from ai_sdk_core.testing import MockLanguageModel
from ai_sdk_core.ui import (
    TEXT_STREAM_HEADERS,
    UI_MESSAGE_STREAM_HEADERS,
    ChatRequest,
    InvalidChatRequestError,
    UIMessageStreamFinish,
    acreate_ui_message_stream,
    aencode_text_stream,
    aencode_ui_message_stream,
    convert_to_model_messages,
    parse_chat_request,
)
from tests.ui_js.scenarios import (
    SCENARIOS,
    SECRET_ERROR_TEXT,
    SHOWN_ERROR_TEXT,
    get_weather,
    get_weather_approved,
    message_metadata,
    model_for,
)

__all__ = ["ChatApp", "Exchange"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


@dataclass
class Exchange:
    """One chat request as the server saw it."""

    scenario: str
    protocol_version: int
    raw_body: bytes
    request: ChatRequest | None = None
    model: MockLanguageModel | None = None
    finish: UIMessageStreamFinish | None = None
    log_records: list[logging.LogRecord] = field(default_factory=list)
    failure: BaseException | None = None
    done: threading.Event = field(default_factory=threading.Event)
    """Set when the response ended (normally, or because the client went away) and on_finish ran."""


class _Recorder(logging.Handler):
    """Keeps the ``ai_sdk_core.ui`` log records of the request in progress (requests do not overlap here)."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.target: list[logging.LogRecord] | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self.target is not None:
            self.target.append(record)


# -- the ASGI app ----------------------------------------------------------------------------------------------


class ChatApp:
    """The ASGI callable; :attr:`exchanges` keeps every chat request in arrival order."""

    def __init__(self) -> None:
        self.exchanges: list[Exchange] = []
        self._recorder = _Recorder()
        self._message_ids = 0

    def attach_logging(self) -> None:
        """Start recording ``ai_sdk_core.ui`` log records into the exchanges."""
        logging.getLogger("ai_sdk_core.ui").addHandler(self._recorder)

    def detach_logging(self) -> None:
        """Stop recording log records."""
        logging.getLogger("ai_sdk_core.ui").removeHandler(self._recorder)

    def _next_message_id(self) -> str:
        self._message_ids += 1
        return f"server-msg-{self._message_ids}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        path: str = scope["path"]
        if scope["method"] == "POST" and path.startswith("/api/chat/"):
            await self._chat(path.removeprefix("/api/chat/"), scope, receive, send)
        else:
            await _plain(send, 404, b"not found")

    async def _chat(self, scenario: str, scope: Scope, receive: Receive, send: Send) -> None:
        query = parse_qs(scope.get("query_string", b"").decode())
        version = int(query.get("v", ["7"])[0])
        body = await _read_body(receive)
        exchange = Exchange(scenario=scenario, protocol_version=version, raw_body=body)
        self.exchanges.append(exchange)
        self._recorder.target = exchange.log_records
        try:
            if scenario not in SCENARIOS:
                await _plain(send, 404, b"unknown scenario")
                return
            try:
                exchange.request = parse_chat_request(body)
            except InvalidChatRequestError as error:
                exchange.failure = error
                await _plain(send, 400, error.reason.encode())
                return
            if scenario == "text-protocol":
                exchange.model = model_for(scenario, exchange.request)
                text_result = astream_text(
                    model=exchange.model,
                    messages=convert_to_model_messages(exchange.request.messages),
                )
                await _stream(aencode_text_stream(text_result.to_text_stream()), receive, send, TEXT_STREAM_HEADERS)
                return
            # Keep-alive comments every 50 ms for that scenario: the client must skip them.
            interval = 0.05 if scenario == "keep-alive" else None
            events = aencode_ui_message_stream(
                self._chunks(exchange), protocol_version=version, keep_alive_interval=interval
            )
            await _stream(events, receive, send, UI_MESSAGE_STREAM_HEADERS)
        except BaseException as error:
            exchange.failure = error
            raise
        finally:
            exchange.done.set()

    def _chunks(self, exchange: Exchange) -> AsyncIterator[dict[str, Any]]:
        request = exchange.request
        assert request is not None
        model = exchange.model = model_for(exchange.scenario, request)
        tools = {"get_weather": get_weather_approved if exchange.scenario.startswith("approval") else get_weather}

        def on_finish(finish: UIMessageStreamFinish) -> None:
            exchange.finish = finish

        result = astream_text(
            model=model,
            messages=convert_to_model_messages(request.messages, tools=tools),
            tools=tools,
            stop_when=step_count_is(3),
        )
        if exchange.scenario not in ("data", "execute-error"):
            return result.to_ui_message_stream(
                on_error=(lambda _error: SHOWN_ERROR_TEXT) if exchange.scenario == "server-error-text" else None,
                original_messages=request.messages,
                generate_message_id=self._next_message_id,
                on_finish=on_finish,
                message_metadata=message_metadata if exchange.scenario == "metadata" else None,
                send_sources=exchange.scenario == "rich",
                protocol_version=exchange.protocol_version,
            )

        async def execute(writer: Any) -> None:
            # A data part written twice with one id (the client updates it in place), around the model's answer,
            # and a transient one (the client's onData sees it, its message never holds it).
            writer.write({"type": "data-progress", "id": "progress-1", "data": {"percent": 10}})
            writer.write({"type": "data-notice", "data": {"text": "working"}, "transient": True})
            async for chunk in result.to_ui_message_stream():
                writer.write(chunk)
            if exchange.scenario == "execute-error":
                raise RuntimeError(SECRET_ERROR_TEXT)
            writer.write({"type": "data-progress", "id": "progress-1", "data": {"percent": 100}})

        chunks: AsyncIterator[dict[str, Any]] = acreate_ui_message_stream(
            execute=execute,
            original_messages=request.messages,
            on_finish=on_finish,
            generate_id=self._next_message_id,
            protocol_version=exchange.protocol_version,
        )
        return chunks


async def _read_body(receive: Receive) -> bytes:
    pieces: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        pieces.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(pieces)


async def _plain(send: Send, status: int, body: bytes) -> None:
    headers = [(b"content-type", b"text/plain; charset=utf-8")]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _stream(
    events: AsyncIterator[bytes], receive: Receive, send: Send, response_headers: Mapping[str, str]
) -> None:
    """Send the events as they come; a client that goes away (``http.disconnect``) cancels the sending, and the
    event iterator is closed either way, which is what tells ``on_finish`` the response was aborted."""
    headers = [(name.encode(), value.encode()) for name, value in response_headers.items()]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    async with anyio.create_task_group() as group:

        async def watch_disconnect() -> None:
            while (await receive())["type"] != "http.disconnect":
                pass
            group.cancel_scope.cancel()

        group.start_soon(watch_disconnect)
        try:
            async for event in events:
                await send({"type": "http.response.body", "body": event, "more_body": True})
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        finally:
            with anyio.CancelScope(shield=True):
                await events.aclose()  # type: ignore[attr-defined]
            group.cancel_scope.cancel()
