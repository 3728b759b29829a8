"""A real uvicorn on 127.0.0.1 in a thread, and a concurrent client, for the web adapter cases."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, make_server

import anyio
import httpx
import uvicorn

from ai_sdk_core.testing import Connection, ReceivedRequest
from fastapi_ai_sdk.testing import chat_request_body
from tests.reliability.wires import stream_events

__all__ = [
    "ANSWER",
    "BOUND",
    "CountingVendor",
    "SlowVendor",
    "post_many",
    "read_then_leave",
    "serving",
    "serving_wsgi",
    "streamed_text",
]

ANSWER = "one two three four five six seven eight"

BOUND = 60.0  # seconds: reached only when something is broken


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """uvicorn serving ``app`` on a free loopback port; stopped (lifespan shutdown included) on exit."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    config = uvicorn.Config(app, lifespan="auto", log_level="warning", timeout_graceful_shutdown=5, backlog=1024)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    try:
        waiter = threading.Event()
        for _ in range(int(BOUND / 0.01)):
            if server.started or not thread.is_alive():
                break
            waiter.wait(0.01)
        assert server.started, "uvicorn did not start"
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(BOUND)
        listener.close()
        assert not thread.is_alive(), "uvicorn did not stop"


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # the base class's parameter name
        """No access log on stderr."""


@contextmanager
def serving_wsgi(app: Any) -> Iterator[str]:
    """The standard library's WSGI server (one request at a time) serving ``app`` on a free loopback port."""
    server = make_server("127.0.0.1", 0, app, handler_class=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(BOUND)
        assert not thread.is_alive(), "the WSGI server did not stop"


async def post_many(
    url: str, bodies: list[dict[str, Any]], *, headers: dict[str, str] | None = None
) -> list[tuple[int, str]]:
    """POST every body at once (one connection each) and read each answer whole: ``(status, text)`` in order."""
    results: list[tuple[int, str]] = [(0, "")] * len(bodies)
    limits = httpx.Limits(max_connections=len(bodies), max_keepalive_connections=0)
    async with httpx.AsyncClient(timeout=BOUND, limits=limits) as client:

        async def one(index: int) -> None:
            response = await client.post(url, json=bodies[index], headers=headers or {})
            results[index] = (response.status_code, response.text)

        with anyio.fail_after(BOUND * 2):
            async with anyio.create_task_group() as group:
                for index in range(len(bodies)):
                    group.start_soon(one, index)
    return results


def streamed_text(body: str) -> str:
    """The text of a UI message stream: its ``text-delta`` chunks joined."""
    import json

    deltas = []
    for line in body.splitlines():
        if line.startswith("data: {"):
            chunk = json.loads(line[len("data: ") :])
            if chunk.get("type") == "text-delta":
                deltas.append(chunk.get("delta", ""))
    return "".join(deltas)


class SlowVendor:
    """A streamed answer (OpenAI chat wire unless told) sent one event every ``interval`` seconds; records
    whether the client (our provider) closed the upstream connection before the end."""

    def __init__(self, *, delay_first: float = 0.0, interval: float = 0.1, wire: str = "openai-chat") -> None:
        self.events = stream_events(wire, ANSWER, chunk_size=4)
        self.delay_first = delay_first
        self.interval = interval
        self.upstream_closed = threading.Event()
        self.completed = threading.Event()

    def __call__(self, connection: Connection, request: ReceivedRequest) -> None:
        connection.send_head(200, {"content-type": "text/event-stream"}, chunked=True)
        if self.delay_first and connection.client_gone(self.delay_first):
            self.upstream_closed.set()
            return
        for event in self.events:
            if connection.client_gone(self.interval):
                self.upstream_closed.set()
                return
            connection.send_chunk(event)
        connection.end_chunks()
        self.completed.set()


class CountingVendor:
    """An OpenAI chat stream of ``events`` big text events, sent as fast as the reader takes them; counts what
    was sent so a test can see whether the reader stopped pulling."""

    def __init__(self, events: int, size: int) -> None:
        self.piece = "x" * size
        self.total = events
        self.sent = 0
        self.finished = threading.Event()

    def __call__(self, connection: Connection, request: ReceivedRequest) -> None:
        events = stream_events("openai-chat", self.piece, chunk_size=len(self.piece))
        head, body, tail = events[0], events[1], events[2:]
        connection.send_head(200, {"content-type": "text/event-stream"}, chunked=True)
        connection.send_chunk(head)
        for _ in range(self.total):
            connection.send_chunk(body)
            self.sent += 1
        for event in tail:
            connection.send_chunk(event)
        connection.end_chunks()
        self.finished.set()

    def wait_stalled(self) -> int:
        """How many events went out once the count stopped moving (checked every 0.1 s, bounded)."""
        previous = -1
        for _ in range(100):
            if self.sent == previous:
                break
            previous = self.sent
            threading.Event().wait(0.1)
        return self.sent


def read_then_leave(url: str, chat_id: str, *, first_token: bool) -> None:
    """POST a chat; read until the first text delta (or nothing at all), then drop the connection."""
    with (
        httpx.Client(timeout=BOUND) as client,
        client.stream("POST", url, json=chat_request_body("Hi", chat_id=chat_id)) as response,
    ):
        assert response.status_code == 200
        if first_token:
            for line in response.iter_lines():
                if '"text-delta"' in line:
                    return
