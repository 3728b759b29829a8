"""A small scriptable HTTP/1.1 server on 127.0.0.1 that misbehaves on purpose.

Each test scripts what the next requests get, as a list of behaviours, one per request, in order::

    with FaultServer() as server:
        server.script(Reply(429, headers={"retry-after": "0.05"}), Reply(200, json={"ok": True}))
        ... call server.url("/v1/chat") ...
        assert len(server.requests) == 2

Behaviours: :class:`Reply` (a whole response, optionally after a delay), :class:`Stream` (a chunked body,
optionally cut before its end), :class:`Silent` (reads the request, never answers), :class:`Drip` (headers, then
a chunk every ``interval`` seconds), :class:`Redirect`, :class:`Handler` (your own function of the
:class:`Connection` and the :class:`RecordedRequest`). When the script runs out, requests get ``default`` (a 500
unless set). ``server.requests`` records every request; ``server.failures`` every behaviour that raised.

Other test directories reuse it by import (``from tests.provider_utils.fault_server import FaultServer, Reply``;
pytest runs from the project root) and a fixture like the ones in this directory's ``conftest.py``.

The server writes raw bytes on plain sockets, so it can do what a well-behaved framework never would (cut a
chunked body, stall after headers). It serves one request per connection (``connection: close``). Every loop is
bounded, and :meth:`FaultServer.stop` ends them all; the sync and async httpx clients both talk to it.
"""

from __future__ import annotations

import json as jsonlib
import socket
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Protocol

__all__ = [
    "Connection",
    "Drip",
    "FaultServer",
    "Handler",
    "RecordedRequest",
    "Redirect",
    "Reply",
    "Silent",
    "Stream",
    "sse",
]

_MAX_HEAD_BYTES = 64 * 1024
_SOCKET_TIMEOUT = 5.0
_MAX_WAIT_SECONDS = 30.0  # no behaviour keeps a connection longer, even when the client never leaves
_REASONS = {200: "OK", 301: "Moved Permanently", 302: "Found", 303: "See Other", 307: "Temporary Redirect"}
_REASONS |= {308: "Permanent Redirect", 400: "Bad Request", 401: "Unauthorized", 408: "Request Timeout"}
_REASONS |= {409: "Conflict", 429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway"}
_REASONS |= {503: "Service Unavailable", 504: "Gateway Timeout"}


def sse(data: str | Mapping[str, Any], *, event: str | None = None, id: str | None = None) -> bytes:
    """One server-sent event as bytes (a mapping is sent as JSON)."""
    text = data if isinstance(data, str) else jsonlib.dumps(data, separators=(",", ":"))
    lines = []
    if event is not None:
        lines.append(f"event: {event}")
    if id is not None:
        lines.append(f"id: {id}")
    lines.extend(f"data: {line}" for line in text.split("\n"))
    return ("\n".join(lines) + "\n\n").encode()


@dataclass(slots=True)
class RecordedRequest:
    """What the server received: method, path, headers (lower-case names) and body."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return jsonlib.loads(self.body)


class Connection:
    """One accepted socket, with helpers to write HTTP by hand."""

    def __init__(self, sock: socket.socket, stop: threading.Event) -> None:
        self.sock = sock
        self.stop = stop

    def send_head(self, status: int, headers: Mapping[str, str], *, chunked: bool = False) -> None:
        lines = [f"HTTP/1.1 {status} {_REASONS.get(status, 'Status')}"]
        all_headers = {"connection": "close", **headers}
        if chunked:
            all_headers["transfer-encoding"] = "chunked"
        lines.extend(f"{name}: {value}" for name, value in all_headers.items())
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))

    def send_chunk(self, data: bytes) -> None:
        if data:
            self.sock.sendall(f"{len(data):x}\r\n".encode() + data + b"\r\n")

    def end_chunks(self) -> None:
        self.sock.sendall(b"0\r\n\r\n")

    def wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds``; return False if the server is stopping."""
        return not self.stop.wait(seconds)

    def client_gone(self, wait_seconds: float) -> bool:
        """Wait up to ``wait_seconds`` for the client to close its side; True if it did."""
        self.sock.settimeout(wait_seconds)
        try:
            return self.sock.recv(1024) == b""
        except TimeoutError:
            return False
        except OSError:
            return True
        finally:
            self.sock.settimeout(_SOCKET_TIMEOUT)


class Behaviour(Protocol):
    """What the server does with one request."""

    def run(self, connection: Connection, request: RecordedRequest) -> None: ...


@dataclass(slots=True)
class Reply:
    """A whole response with a content-length. ``json`` (if given) is serialized as the body."""

    status: int = 200
    body: bytes | str = b""
    headers: dict[str, str] = field(default_factory=dict)
    json: Any = None
    delay: float = 0.0  # seconds before the head is sent (a slow server)

    def run(self, connection: Connection, request: RecordedRequest) -> None:
        if self.delay and (connection.client_gone(self.delay) or connection.stop.is_set()):
            return
        headers = dict(self.headers)
        if self.json is not None:
            body = jsonlib.dumps(self.json).encode()
            headers.setdefault("content-type", "application/json")
        else:
            body = self.body.encode() if isinstance(self.body, str) else self.body
        headers["content-length"] = str(len(body))
        connection.send_head(self.status, headers)
        connection.sock.sendall(body)


@dataclass(slots=True)
class Stream:
    """A chunked body, one chunk per item, ``interval`` seconds apart; ``cut`` closes before the final chunk."""

    chunks: Sequence[bytes]
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"content-type": "text/event-stream"})
    interval: float = 0.0
    cut: bool = False

    def run(self, connection: Connection, request: RecordedRequest) -> None:
        connection.send_head(self.status, self.headers, chunked=True)
        for index, chunk in enumerate(self.chunks):
            if index and self.interval and not connection.wait(self.interval):
                return
            connection.send_chunk(chunk)
        if not self.cut:
            connection.end_chunks()


@dataclass(slots=True)
class Silent:
    """Read the request and never answer, until the client leaves or the server stops."""

    def run(self, connection: Connection, request: RecordedRequest) -> None:
        waited = 0.0
        while waited < _MAX_WAIT_SECONDS and not connection.stop.is_set():
            if connection.client_gone(0.05):
                return
            waited += 0.05


@dataclass(slots=True)
class Drip:
    """Send the head, then ``chunk`` every ``interval`` seconds (an SSE comment by default) until the client
    leaves, the server stops, or ``max_chunks`` were sent."""

    chunk: bytes = b": keep-alive\n\n"
    interval: float = 0.2
    max_chunks: int = 150
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"content-type": "text/event-stream"})
    first_chunks: Sequence[bytes] = ()

    def run(self, connection: Connection, request: RecordedRequest) -> None:
        connection.send_head(self.status, self.headers, chunked=True)
        for chunk in self.first_chunks:
            connection.send_chunk(chunk)
        for _ in range(self.max_chunks):
            if connection.client_gone(self.interval) or connection.stop.is_set():
                return
            connection.send_chunk(self.chunk)
        connection.end_chunks()


@dataclass(slots=True)
class Redirect:
    """A redirect to ``location`` (absolute, or relative to this server)."""

    location: str
    status: int = 307

    def run(self, connection: Connection, request: RecordedRequest) -> None:
        connection.send_head(self.status, {"location": self.location, "content-length": "0"})


@dataclass(slots=True)
class Handler:
    """Any behaviour: ``function(connection, request)`` writes the response with the connection's helpers."""

    function: Callable[[Connection, RecordedRequest], None]

    def run(self, connection: Connection, request: RecordedRequest) -> None:
        self.function(connection, request)


class FaultServer:
    """The server. Start it with ``with FaultServer() as server`` (or ``start()``/``stop()``)."""

    def __init__(self) -> None:
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)
        self._listener.settimeout(0.05)
        self.port: int = self._listener.getsockname()[1]
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._script: list[Behaviour] = []
        self.default: Behaviour = Reply(500, body="fault server: script exhausted")
        self.requests: list[RecordedRequest] = []
        self.failures: list[BaseException] = []
        self._threads: list[threading.Thread] = []
        self._accept_thread = threading.Thread(target=self._accept_loop, name="fault-server", daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "/") -> str:
        return self.base_url + path

    def script(self, *behaviours: Behaviour, default: Behaviour | None = None) -> None:
        """Replace the script: the next requests get ``behaviours`` in order, then ``default``."""
        with self._lock:
            self._script = list(behaviours)
            if default is not None:
                self.default = default

    def start(self) -> FaultServer:
        self._accept_thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._accept_thread.join(timeout=5)
        for thread in list(self._threads):
            thread.join(timeout=5)
        self._listener.close()

    def __enter__(self) -> FaultServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()

    def _next_behaviour(self) -> Behaviour:
        with self._lock:
            return self._script.pop(0) if self._script else self.default

    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            try:
                sock, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            thread = threading.Thread(target=self._serve, args=(sock,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _serve(self, sock: socket.socket) -> None:
        sock.settimeout(_SOCKET_TIMEOUT)
        try:
            request = _read_request(sock)
            if request is None:
                return
            with self._lock:
                self.requests.append(request)
            self._next_behaviour().run(Connection(sock, self._stop), request)
        except (ConnectionError, TimeoutError, BrokenPipeError):
            pass  # the client left: that is what several tests do on purpose
        except Exception as error:  # recorded so a test can see a broken behaviour instead of a silent hang
            self.failures.append(error)
        finally:
            sock.close()


def _read_request(sock: socket.socket) -> RecordedRequest | None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        data += chunk
        if len(data) > _MAX_HEAD_BYTES:
            raise ValueError("request head too large")
    head, _, body = data.partition(b"\r\n\r\n")
    request_line, *header_lines = head.decode("latin-1").split("\r\n")
    method, path, _ = request_line.split(" ", 2)
    headers: dict[str, str] = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return RecordedRequest(method, path, headers, body[:length])
