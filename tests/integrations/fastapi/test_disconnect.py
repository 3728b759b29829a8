"""A real uvicorn on 127.0.0.1: the client goes away mid-answer, and the answer is still saved (SQLite).

Every wait here is for an event that the server side sets (with a generous bound so that a broken build fails
instead of hanging), never a sleep standing in for "long enough".
"""

from __future__ import annotations

import json
import socket
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import anyio
import anyio.lowlevel
import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from starlette.types import Receive, Scope, Send

from ai_sdk_core import LanguageModelUsage, step_count_is, tool
from ai_sdk_core.testing import MockLanguageModel, mock_usage, tool_call_stream_parts
from fastapi_ai_sdk import (
    AISDKSettings,
    ChatFinish,
    ChatRequestBody,
    DisconnectPolicy,
    UIMessageStreamResponse,
    ai_sdk_lifespan,
    create_chat_router,
    stream_chat_response,
)
from fastapi_ai_sdk.testing import chat_request_body

from .helpers import GatedModel

BOUND = 20.0  # seconds: only reached when something is broken


class ChatStore:
    """What an app's persistence does: one row per finished answer, written by a thread (blocking I/O)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.saved = threading.Event()
        self.usages: list[LanguageModelUsage | None] = []
        with sqlite3.connect(path) as connection:
            connection.execute("create table answers (chat_id text, text text, aborted integer, messages text)")

    async def save(self, finish: ChatFinish) -> None:
        await anyio.lowlevel.checkpoint()  # an await before the write: cancelled here unless on_finish is shielded
        self.usages.append(finish.usage)
        text = "".join(getattr(part, "text", "") for part in finish.response_message.parts)
        messages = json.dumps([message.to_dict() for message in finish.messages])
        await anyio.to_thread.run_sync(self._insert, finish.chat_id, text, finish.is_aborted, messages)
        self.saved.set()

    def _insert(self, chat_id: str | None, text: str, aborted: bool, messages: str) -> None:
        with sqlite3.connect(self.path) as connection:
            connection.execute("insert into answers values (?, ?, ?, ?)", (chat_id, text, int(aborted), messages))

    def rows(self) -> list[tuple[Any, ...]]:
        with sqlite3.connect(self.path) as connection:
            return list(connection.execute("select chat_id, text, aborted, messages from answers"))


class RequestDone:
    """ASGI middleware: sets an event when the app has finished answering a chat request."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.done = threading.Event()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await self.app(scope, receive, send)
        finally:
            if scope["type"] == "http" and scope["path"] == "/api/chat":
                self.done.set()


@contextmanager
def serving(app: Any) -> Iterator[tuple[str, uvicorn.Server]]:
    """uvicorn in a thread on a free loopback port; stopped (lifespan shutdown included) on exit."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, lifespan="on", log_level="warning", timeout_graceful_shutdown=5))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    try:
        started = threading.Event()
        for _ in range(int(BOUND / 0.01)):
            if server.started or not thread.is_alive():
                started.set()
                break
            started.wait(0.01)
        assert server.started, "uvicorn did not start"
        yield f"http://127.0.0.1:{port}", server
    finally:
        server.should_exit = True
        thread.join(BOUND)
        listener.close()
        assert not thread.is_alive(), "uvicorn did not stop"


class OneModelProvider:
    """A provider object handed to the lifespan (as an app would hand its own ``create_openai(...)``)."""

    def __init__(self, model: Any) -> None:
        self.model = model

    def language_model(self, model_id: str) -> Any:
        return self.model


def _app(store: ChatStore, policy: DisconnectPolicy, model: Any, keep_alive: float | None) -> RequestDone:
    settings = AISDKSettings(models={"default": {"model": "test:gated"}}, keep_alive_interval=keep_alive)
    app = FastAPI(lifespan=ai_sdk_lifespan(settings, providers={"test": OneModelProvider(model)}))
    app.include_router(create_chat_router(on_finish=store.save, on_disconnect=policy))
    return RequestDone(app)


def _read_until_first_delta(base_url: str, chat_id: str) -> None:
    """Post a chat, read until the first text delta, then drop the connection."""
    with (
        httpx.Client(timeout=BOUND) as client,
        client.stream("POST", f"{base_url}/api/chat", json=chat_request_body("Hi", chat_id=chat_id)) as response,
    ):
        assert response.status_code == 200
        for line in response.iter_lines():
            if line.startswith("data: ") and json.loads(line[6:]).get("type") == "text-delta":
                return
    raise AssertionError("no text delta arrived")


def _totals(store: ChatStore) -> list[tuple[int | None, int | None, int | None] | None]:
    return [
        None if usage is None else (usage.input_tokens, usage.output_tokens, usage.total_tokens)
        for usage in store.usages
    ]


@pytest.fixture(params=[None, 15.0], ids=["no-keep-alive", "keep-alive"])
def keep_alive(request: pytest.FixtureRequest) -> float | None:
    """Both body encoders: one event per chunk read, or a reading task ahead of the response (keep-alive on)."""
    interval: float | None = request.param
    return interval


@pytest.fixture
def store(tmp_path: Path) -> ChatStore:
    return ChatStore(tmp_path / "chats.sqlite3")


def test_finish_policy_the_answer_completes_and_is_saved_after_the_client_left(
    store: ChatStore, keep_alive: float | None
) -> None:
    gated = GatedModel(["Hello", " world"])
    asgi = _app(store, "finish", gated.model, keep_alive)
    with serving(asgi) as (base_url, _server):
        _read_until_first_delta(base_url, "chat-finish")
        # The request is over (the client left) while the model is still paused mid-answer...
        assert asgi.done.wait(BOUND)
        assert not gated.completed.is_set() and not store.saved.is_set()
        # ...and the generation goes on once the model continues, to the end, and is saved.
        gated.gate.set()
        assert store.saved.wait(BOUND)
    [(chat_id, text, aborted, messages)] = store.rows()
    assert (chat_id, text, aborted) == ("chat-finish", "Hello world", 0)
    assert [message["role"] for message in json.loads(messages)] == ["user", "assistant"]
    assert _totals(store) == [(3, 10, 13)]  # the model finished its step after the client left: usage known
    assert gated.completed.is_set()


def test_finish_policy_a_long_answer_beyond_the_relay_buffer_is_saved_after_the_client_left(
    store: ChatStore, keep_alive: float | None
) -> None:
    # Far more chunks than the relay buffers after the client left: they must not wait for a reader that is gone.
    deltas = ["Hello", *[f" {index}" for index in range(300)]]
    gated = GatedModel(deltas)
    asgi = _app(store, "finish", gated.model, keep_alive)
    with serving(asgi) as (base_url, _server):
        _read_until_first_delta(base_url, "chat-long")
        assert asgi.done.wait(BOUND)
        gated.gate.set()
        assert store.saved.wait(BOUND)
    [(chat_id, text, aborted, _messages)] = store.rows()
    assert (chat_id, text, aborted) == ("chat-long", "".join(deltas), 0)


def test_stop_policy_generation_stops_and_the_partial_answer_is_saved_as_aborted(
    store: ChatStore, keep_alive: float | None
) -> None:
    gated = GatedModel(["Hello", " world"])
    asgi = _app(store, "stop", gated.model, keep_alive)
    with serving(asgi) as (base_url, _server):
        _read_until_first_delta(base_url, "chat-stop")
        # The model is never let go on: the disconnect alone must stop it and save what was produced.
        assert store.saved.wait(BOUND)
        assert gated.closed.is_set() and not gated.completed.is_set()
    [(chat_id, text, aborted, _messages)] = store.rows()
    assert (chat_id, text, aborted) == ("chat-stop", "Hello", 1)
    assert store.usages == [None]  # stopped before the model reported any usage: unknown, not zeros


def test_stop_policy_an_answer_stopped_in_its_second_step_keeps_the_usage_of_the_first(
    store: ChatStore, keep_alive: float | None
) -> None:
    def weather(city: str) -> str:
        """The weather in a city."""
        return f"Sunny in {city}"

    gated = GatedModel(["It is", " sunny"])
    model = MockLanguageModel(
        do_stream=[
            tool_call_stream_parts(("call-1", "weather", {"city": "Paris"}), usage=mock_usage(20, 4)),
            gated.model.do_stream_script,
        ]
    )
    settings = AISDKSettings(models={"default": {"model": "test:gated"}}, keep_alive_interval=keep_alive)
    app = FastAPI(lifespan=ai_sdk_lifespan(settings, providers={"test": OneModelProvider(model)}))
    router = create_chat_router(
        on_finish=store.save,
        on_disconnect="stop",
        tools={"weather": tool(weather)},
        stream_options={"stop_when": step_count_is(2)},
    )
    app.include_router(router)
    with serving(RequestDone(app)) as (base_url, _server):
        _read_until_first_delta(base_url, "chat-two-steps")  # the first delta comes in the second step
        assert store.saved.wait(BOUND)
        assert not gated.completed.is_set()
    [(_chat_id, text, aborted, _messages)] = store.rows()
    assert (text, aborted) == ("It is", 1)
    # The second step never reported its usage: the turn's usage is the first step's, not a guess.
    assert _totals(store) == [(20, 4, 24)]


def test_shutdown_cancels_a_generation_whose_client_left_and_saves_it_as_aborted(
    store: ChatStore, keep_alive: float | None
) -> None:
    gated = GatedModel(["Hello", " world"])
    asgi = _app(store, "finish", gated.model, keep_alive)
    with serving(asgi) as (base_url, _server):
        _read_until_first_delta(base_url, "chat-shutdown")
        assert asgi.done.wait(BOUND)
        assert not store.saved.is_set()
    # Leaving `serving` stopped the server: the lifespan cancelled the generation, on_finish still ran.
    assert store.saved.is_set()
    [(chat_id, text, aborted, _messages)] = store.rows()
    assert (chat_id, text, aborted) == ("chat-shutdown", "Hello", 1)
    assert not gated.completed.is_set()
    assert store.usages == [None]


def test_a_client_that_stays_gets_the_whole_answer_over_the_real_server(
    store: ChatStore, keep_alive: float | None
) -> None:
    gated = GatedModel(["Hello", " world"])
    gated.gate.set()
    asgi = _app(store, "finish", gated.model, keep_alive)
    with serving(asgi) as (base_url, _server), httpx.Client(timeout=BOUND) as client:
        response = client.post(f"{base_url}/api/chat", json=chat_request_body("Hi", chat_id="chat-whole"))
        assert response.status_code == 200
        assert response.text.endswith("data: [DONE]\n\n")
        assert store.saved.wait(BOUND)
    assert store.rows()[0][:3] == ("chat-whole", "Hello world", 0)
    assert _totals(store) == [(3, 10, 13)]


def test_without_the_sdk_lifespan_the_request_itself_finishes_the_answer(store: ChatStore) -> None:
    gated = GatedModel(["Hello", " world"])
    app = FastAPI()

    @app.post("/api/chat")
    async def chat(body: ChatRequestBody) -> UIMessageStreamResponse:
        return stream_chat_response(body, gated.model, on_finish=store.save)

    asgi = RequestDone(app)
    with serving(asgi) as (base_url, _server):
        _read_until_first_delta(base_url, "chat-bare")
        assert gated.first_delta_sent.is_set() and not store.saved.is_set()
        gated.gate.set()
        assert store.saved.wait(BOUND)
        assert asgi.done.wait(BOUND)  # the request ended only once the answer was complete
    assert store.rows()[0][:3] == ("chat-bare", "Hello world", 0)
    assert _totals(store) == [(3, 10, 13)]


def _raw_post(base_url: str, head: str, first_bytes: bytes) -> bytes:
    """Send a request head and the first body bytes only (the rest never comes); return the response head."""
    host, port = base_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=BOUND) as connection:
        connection.sendall(head.encode("ascii") + b"\r\n" + first_bytes)
        response = b""
        while b"\r\n\r\n" not in response:
            piece = connection.recv(4096)
            if not piece:
                break
            response += piece
    return response


@pytest.mark.parametrize(
    ("framing", "first_bytes"),
    [
        # Declared too large: refused before a single body byte arrives.
        ("Content-Length: 1000000000\r\n", b""),
        # Chunked: refused once the bytes read pass the limit, while the client is still sending.
        ("Transfer-Encoding: chunked\r\n", b"12c\r\n" + b"[" * 300 + b"\r\n"),
    ],
)
def test_a_body_above_the_limit_gets_413_before_it_is_all_sent(
    store: ChatStore, framing: str, first_bytes: bytes
) -> None:
    gated = GatedModel(["never"])
    settings = AISDKSettings(models={"default": {"model": "test:gated"}}, max_request_bytes=200)
    app = FastAPI(lifespan=ai_sdk_lifespan(settings, providers={"test": OneModelProvider(gated.model)}))
    app.include_router(create_chat_router(on_finish=store.save))
    with serving(app) as (base_url, _server):
        head = f"POST /api/chat HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n{framing}"
        response = _raw_post(base_url, head, first_bytes)
    assert response.startswith(b"HTTP/1.1 413 "), response
    assert not gated.first_delta_sent.is_set() and store.rows() == []
