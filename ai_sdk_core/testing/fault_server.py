"""A scriptable HTTP/1.1 server on 127.0.0.1 that misbehaves on purpose, for testing how your code survives.

Each test scripts what the next requests get, one behaviour per request, in order::

    from ai_sdk_core.testing import FaultServer, Reply

    with FaultServer() as server:
        server.script(Reply(429, headers={"retry-after": "0.05"}), Reply(200, json={"ok": True}))
        ... point a provider at server.url("/v1") and call it ...
        assert len(server.requests) == 2

Behaviours: :class:`Reply` (a whole response, optionally after a delay, optionally keeping the connection open),
:class:`Stream` (a chunked body, optionally cut before its end or held open), :class:`Silent` (reads the request,
never answers), :class:`Drip` (headers, then a chunk every ``interval`` seconds), :class:`Flood` (a huge body
without a line end), :class:`Redirect`, :class:`Handler` (your own function of the :class:`Connection` and the
:class:`ReceivedRequest`). When the script runs out, requests get ``default`` (a 500 unless set).
``server.requests`` records every request, ``server.failures`` every behaviour that raised (a broken test, not
a client that left), ``server.connections_accepted`` the TCP connections.

The server writes raw bytes on plain sockets, so it does what a well-behaved framework never would (cut a
chunked body, stall after the headers, send 100 MiB without a newline). It listens on the loopback interface
only. Every loop is bounded in count and time, and :meth:`FaultServer.stop` ends them all; the sync and async
httpx clients both talk to it.
"""

from __future__ import annotations

import json as jsonlib
import select
import socket
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Protocol

__all__ = [
    "Behaviour",
    "Connection",
    "Drip",
    "FaultServer",
    "Flood",
    "Handler",
    "ReceivedRequest",
    "Redirect",
    "Reply",
    "Silent",
    "Stream",
    "sse",
]

_MAX_HEAD_BYTES = 64 * 1024
_MAX_BODY_BYTES = 64 * 1024 * 1024
_SOCKET_TIMEOUT = 5.0
_MAX_WAIT_SECONDS = 30.0  # no behaviour keeps a connection longer, even when the client never leaves
_POLL_SECONDS = 0.05
_FLOOD_CHUNK = 64 * 1024
_REASONS = {200: "OK", 301: "Moved Permanently", 302: "Found", 303: "See Other", 307: "Temporary Redirect"}
_REASONS |= {308: "Permanent Redirect", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden"}
_REASONS |= {404: "Not Found", 408: "Request Timeout", 409: "Conflict", 413: "Content Too Large"}
_REASONS |= {422: "Unprocessable Content", 429: "Too Many Requests", 500: "Internal Server Error"}
_REASONS |= {502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout"}


def sse(data: str | Mapping[str, Any], *, event: str | None = None, id: str | None = None) -> bytes:
    """One server-sent event as bytes (a mapping is sent as compact JSON)."""
    text = data if isinstance(data, str) else jsonlib.dumps(data, separators=(",", ":"))
    lines = []
    if event is not None:
        lines.append(f"event: {event}")
    if id is not None:
        lines.append(f"id: {id}")
    lines.extend(f"data: {line}" for line in text.split("\n"))
    return ("\n".join(lines) + "\n\n").encode()


@dataclass(slots=True)
class ReceivedRequest:
    """What the server received: method, path (with the query), headers (lower-case names) and body."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        """The body parsed as JSON."""
        return jsonlib.loads(self.body)


class Connection:
    """One accepted socket, with helpers to write HTTP by hand."""

    def __init__(self, sock: socket.socket, stop: threading.Event) -> None:
        self.sock = sock
        self.stop = stop
        self.keep_alive = False  # set by a behaviour that leaves the connection open for another request
        self.generation = 0  # FaultServer.close_idle_connections closes it when the server's moved past this

    def send_head(self, status: int, headers: Mapping[str, str], *, chunked: bool = False) -> None:
        """The status line and headers; ``connection: close`` unless the headers say otherwise."""
        lines = [f"HTTP/1.1 {status} {_REASONS.get(status, 'Status')}"]
        all_headers = {"connection": "close", **headers}
        if chunked:
            all_headers["transfer-encoding"] = "chunked"
        lines.extend(f"{name}: {value}" for name, value in all_headers.items())
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))

    def send_chunk(self, data: bytes) -> None:
        """One chunk of a chunked body (an empty ``data`` sends nothing: it would end the body)."""
        if data:
            self.sock.sendall(f"{len(data):x}\r\n".encode() + data + b"\r\n")

    def end_chunks(self) -> None:
        """The last chunk: the body ends cleanly."""
        self.sock.sendall(b"0\r\n\r\n")

    def wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds``; return False if the server is stopping."""
        return not self.stop.wait(seconds)

    def client_gone(self, wait_seconds: float) -> bool:
        """Wait up to ``wait_seconds`` for the client to close its side; True if it did (or the socket broke).

        Bytes the client sends meanwhile (a next request on a kept-alive connection) are left unread.
        """
        try:
            readable, _, _ = select.select([self.sock], [], [], max(wait_seconds, 0.0))
            if not readable:
                return False
            return self.sock.recv(1, socket.MSG_PEEK) == b""
        except (OSError, ValueError):
            return True


class Behaviour(Protocol):
    """What the server does with one request."""

    def run(self, connection: Connection, request: ReceivedRequest) -> None: ...


@dataclass(slots=True)
class Reply:
    """A whole response with a content-length. ``json`` (if given) is serialized as the body.

    ``keep_alive`` leaves the connection open for the client's next request (see
    :meth:`FaultServer.close_idle_connections` to make it stale).
    """

    status: int = 200
    body: bytes | str = b""
    headers: dict[str, str] = field(default_factory=dict)
    json: Any = None
    delay: float = 0.0  # seconds before the head is sent (a slow server)
    keep_alive: bool = False

    def run(self, connection: Connection, request: ReceivedRequest) -> None:
        if self.delay and (connection.client_gone(self.delay) or connection.stop.is_set()):
            return
        headers = dict(self.headers)
        if self.json is not None:
            body = jsonlib.dumps(self.json).encode()
            headers.setdefault("content-type", "application/json")
        else:
            body = self.body.encode() if isinstance(self.body, str) else self.body
        headers["content-length"] = str(len(body))
        if self.keep_alive:
            headers["connection"] = "keep-alive"
            connection.keep_alive = True
        connection.send_head(self.status, headers)
        connection.sock.sendall(body)


@dataclass(slots=True)
class Stream:
    """A chunked body, one chunk per item, ``interval`` seconds apart.

    ``cut`` closes the connection before the final chunk (a broken stream); ``hold`` keeps it open, silent,
    after the chunks (a stream that never ends) until the client leaves, the server stops or
    ``hold_seconds`` pass.
    """

    chunks: Sequence[bytes]
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"content-type": "text/event-stream"})
    interval: float = 0.0
    cut: bool = False
    hold: bool = False
    hold_seconds: float = _MAX_WAIT_SECONDS

    def run(self, connection: Connection, request: ReceivedRequest) -> None:
        connection.send_head(self.status, self.headers, chunked=True)
        for index, chunk in enumerate(self.chunks):
            if index and self.interval and not connection.wait(self.interval):
                return
            connection.send_chunk(chunk)
        if self.hold:
            _wait_for_client(connection, self.hold_seconds)
            return
        if not self.cut:
            connection.end_chunks()


def _wait_for_client(connection: Connection, seconds: float) -> None:
    waited = 0.0
    while waited < min(seconds, _MAX_WAIT_SECONDS) and not connection.stop.is_set():
        if connection.client_gone(_POLL_SECONDS):
            return
        waited += _POLL_SECONDS


@dataclass(slots=True)
class Silent:
    """Read the request and never answer, until the client leaves or the server stops."""

    def run(self, connection: Connection, request: ReceivedRequest) -> None:
        _wait_for_client(connection, _MAX_WAIT_SECONDS)


@dataclass(slots=True)
class Drip:
    """Send the head and ``first_chunks``, then ``chunk`` every ``interval`` seconds (an SSE comment by default)
    until the client leaves, the server stops, or ``max_chunks`` were sent.

    ``chunked=False`` sends a plain body with ``content_length`` (if given) instead of chunked encoding: a
    download that drips, or one that claims a size it never delivers.
    """

    chunk: bytes = b": keep-alive\n\n"
    interval: float = 0.2
    max_chunks: int = 150
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"content-type": "text/event-stream"})
    first_chunks: Sequence[bytes] = ()
    chunked: bool = True
    content_length: int | None = None

    def run(self, connection: Connection, request: ReceivedRequest) -> None:
        headers = dict(self.headers)
        if self.content_length is not None:
            headers["content-length"] = str(self.content_length)
        connection.send_head(self.status, headers, chunked=self.chunked)
        send = connection.send_chunk if self.chunked else connection.sock.sendall
        for chunk in self.first_chunks:
            send(chunk)
        for _ in range(self.max_chunks):
            if connection.client_gone(self.interval) or connection.stop.is_set():
                return
            send(self.chunk)
        if self.chunked:
            connection.end_chunks()


@dataclass(slots=True)
class Flood:
    """Send the head and ``prefix``, then ``fill`` bytes up to ``total_bytes`` as fast as the client reads,
    in chunked encoding, with no line end: a line a client must refuse to buffer whole."""

    total_bytes: int = 100 * 1024 * 1024
    prefix: bytes = b"data: "
    fill: bytes = b"x"
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"content-type": "text/event-stream"})

    def run(self, connection: Connection, request: ReceivedRequest) -> None:
        connection.send_head(self.status, self.headers, chunked=True)
        connection.send_chunk(self.prefix)
        block = (self.fill * (_FLOOD_CHUNK // max(len(self.fill), 1) + 1))[:_FLOOD_CHUNK]
        sent = 0
        while sent < self.total_bytes and not connection.stop.is_set():
            piece = block[: self.total_bytes - sent]
            connection.send_chunk(piece)
            sent += len(piece)
        connection.end_chunks()


@dataclass(slots=True)
class Redirect:
    """A redirect to ``location`` (absolute, or relative to this server)."""

    location: str
    status: int = 307

    def run(self, connection: Connection, request: ReceivedRequest) -> None:
        connection.send_head(self.status, {"location": self.location, "content-length": "0"})


@dataclass(slots=True)
class Handler:
    """Any behaviour: ``function(connection, request)`` writes the response with the connection's helpers."""

    function: Callable[[Connection, ReceivedRequest], None]

    def run(self, connection: Connection, request: ReceivedRequest) -> None:
        self.function(connection, request)


class FaultServer:
    """The server. Start it with ``with FaultServer() as server`` (or :meth:`start`/:meth:`stop`)."""

    def __init__(self) -> None:
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self._listener.settimeout(_POLL_SECONDS)
        self.port: int = self._listener.getsockname()[1]
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._script: list[Behaviour] = []
        self._idle_generation = 0
        self._open_connections: list[Connection] = []
        self.default: Behaviour = Reply(500, body="fault server: script exhausted")
        self.requests: list[ReceivedRequest] = []
        self.failures: list[BaseException] = []
        self.connections_accepted = 0
        self.idle_connections_closed = 0
        self._threads: list[threading.Thread] = []
        self._accept_thread = threading.Thread(target=self._accept_loop, name="fault-server", daemon=True)

    def __repr__(self) -> str:
        return f"FaultServer(base_url={self.base_url!r}, requests={len(self.requests)})"

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>``."""
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "/") -> str:
        """The absolute URL of ``path`` on this server."""
        return self.base_url + path

    def script(self, *behaviours: Behaviour, default: Behaviour | None = None) -> None:
        """Replace the script: the next requests get ``behaviours`` in order, then ``default``."""
        with self._lock:
            self._script = list(behaviours)
            if default is not None:
                self.default = default

    def close_idle_connections(self, timeout: float = 5.0) -> int:
        """Close every kept-alive connection, once its response is sent, instead of waiting for its next
        request, as a load balancer drops idle connections between two calls: the client's pooled connection
        goes stale. Returns once they are closed (or after ``timeout`` seconds) with how many were closed."""
        with self._lock:
            self._idle_generation += 1
            generation = self._idle_generation
            before = self.idle_connections_closed
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if not any(c.keep_alive and c.generation < generation for c in self._open_connections):
                    break
            self._stop.wait(0.005)
        with self._lock:
            return self.idle_connections_closed - before

    def wait_idle(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds until every connection has ended (the client closed it, or its
        behaviour finished); True if they all did. A client that keeps a connection open makes this False."""
        deadline = time.monotonic() + timeout
        with self._lock:
            threads = list(self._threads)
        for thread in threads:
            thread.join(max(deadline - time.monotonic(), 0.0))
        return not any(thread.is_alive() for thread in threads)

    def start(self) -> FaultServer:
        """Start accepting connections; returns the server."""
        self._accept_thread.start()
        return self

    def stop(self) -> None:
        """Stop every loop and close the listener (each connection thread ends within its bounded wait)."""
        self._stop.set()
        if self._accept_thread.is_alive():
            self._accept_thread.join(timeout=5)
        with self._lock:
            threads = list(self._threads)
        for thread in threads:
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
            with self._lock:
                self.connections_accepted += 1
            thread = threading.Thread(target=self._serve, args=(sock,), daemon=True)
            thread.start()
            with self._lock:  # appended once started: a concurrent join never meets an unstarted thread
                self._threads.append(thread)

    def _serve(self, sock: socket.socket) -> None:
        sock.settimeout(_SOCKET_TIMEOUT)
        connection = Connection(sock, self._stop)
        with self._lock:
            self._open_connections.append(connection)
        try:
            while True:
                request = _read_request(sock)
                if request is None:
                    return
                with self._lock:
                    self.requests.append(request)
                    connection.keep_alive = False
                    connection.generation = self._idle_generation
                self._next_behaviour().run(connection, request)
                if not connection.keep_alive or not self._wait_for_next_request(connection):
                    return
        except (ConnectionError, TimeoutError):
            pass  # the client left: that is what several tests do on purpose
        except Exception as error:  # recorded so a test can see a broken behaviour instead of a silent hang
            self.failures.append(error)
        finally:
            sock.close()
            with self._lock:
                connection.keep_alive = False
                self._open_connections.remove(connection)

    def _wait_for_next_request(self, connection: Connection) -> bool:
        """On a kept-alive connection: True when the client sent its next request; False when it left, the
        server stops, idle connections were closed, or the bounded wait ended."""
        waited = 0.0
        while waited < _MAX_WAIT_SECONDS and not self._stop.is_set():
            with self._lock:
                if self._idle_generation != connection.generation:
                    self.idle_connections_closed += 1
                    return False
            try:
                readable, _, _ = select.select([connection.sock], [], [], _POLL_SECONDS / 5)
            except (OSError, ValueError):
                return False
            if readable:
                return connection.sock.recv(1, socket.MSG_PEEK) != b""
            waited += _POLL_SECONDS / 5
        return False


def _read_request(sock: socket.socket) -> ReceivedRequest | None:
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
    length = min(int(headers.get("content-length", "0")), _MAX_BODY_BYTES)
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return ReceivedRequest(method, path, headers, body[:length])
