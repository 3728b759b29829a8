"""The HTTP/1.1 plumbing: a threaded keep-alive server on 127.0.0.1 that tracks its connections so closing it
ends every connection thread, and a handler that writes whole bodies or chunked, flushed event streams."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["HttpReply", "LoopbackServer"]


@dataclass
class HttpReply:
    """A response to write: ``body`` (JSON-encoded) or ``events`` (written as chunks, one flush each)."""

    status: int
    body: Any = None
    events: Iterator[str] | None = None
    headers: dict[str, str] = field(default_factory=dict)


Dispatch = Callable[[str, dict[str, str], bytes], HttpReply]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, and chunked transfer for streams
    # An idle keep-alive connection gives up after this long, so no thread waits forever on a forgotten client.
    timeout = 30
    disable_nagle_algorithm = True  # each event leaves at once
    server: LoopbackServer

    def log_message(self, format: str, *args: Any) -> None:  # the base class's name
        """Quiet: test output stays readable."""

    def do_POST(self) -> None:  # the base class's naming
        """Read the body and write the dispatcher's reply."""
        raw_body = self._read_body()
        headers = {name.lower(): value for name, value in self.headers.items()}
        reply = self.server.dispatch(self.path, headers, raw_body)
        try:
            if reply.events is None:
                self._write_body(reply)
            else:
                self._write_events(reply, reply.events)
        except (BrokenPipeError, ConnectionResetError):
            # The client stopped reading (a test broke out of a stream): nothing left to tell it.
            self.close_connection = True

    def _read_body(self) -> bytes:
        if "chunked" in (self.headers.get("transfer-encoding") or "").lower():
            # A streamed upload: hex size line, data, CRLF, until the empty last chunk (trailers ignored).
            pieces = []
            while (size := int(self.rfile.readline().split(b";", 1)[0].strip() or b"0", 16)) > 0:
                pieces.append(self.rfile.read(size))
                self.rfile.readline()
            while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                pass
            return b"".join(pieces)
        length = int(self.headers.get("content-length") or 0)
        return self.rfile.read(length) if length else b""

    def _write_body(self, reply: HttpReply) -> None:
        payload = json.dumps(reply.body).encode()
        self.send_response(reply.status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(payload)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def _write_events(self, reply: HttpReply, events: Iterator[str]) -> None:
        self.send_response(reply.status)
        self.send_header("content-type", "text/event-stream; charset=utf-8")
        self.send_header("cache-control", "no-cache")
        self.send_header("transfer-encoding", "chunked")
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        for event in events:
            data = event.encode()
            self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
            self.wfile.flush()
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()


class LoopbackServer(ThreadingHTTPServer):
    """A threaded HTTP server on ``127.0.0.1:0`` that owns its connection threads: :meth:`close` stops accepting,
    shuts every open connection down and joins every thread, so no thread or socket outlives it."""

    daemon_threads = True

    def __init__(self, dispatch: Dispatch) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.dispatch = dispatch
        self._lock = threading.Lock()
        self._connections: set[socket.socket] = set()
        self._workers: list[threading.Thread] = []
        self.connections_accepted = 0  # keep-alive shows as fewer connections than requests
        self._serving = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._serving.name = f"vendor-server-{self.port}"
        self._serving.start()

    @property
    def open_connections(self) -> int:
        """Client connections open right now (one leaves when its client closes it)."""
        with self._lock:
            return len(self._connections)

    @property
    def port(self) -> int:
        """The port the kernel chose."""
        return int(self.server_address[1])

    def process_request(self, request: Any, client_address: Any) -> None:
        """One thread per connection, remembered so :meth:`close` can end and join it."""
        with self._lock:
            self._connections.add(request)
            self.connections_accepted += 1
            self._workers = [worker for worker in self._workers if worker.is_alive()]
            worker = threading.Thread(
                target=self._serve_connection, args=(request, client_address), name=f"vendor-server-{self.port}-conn"
            )
            worker.daemon = True
            self._workers.append(worker)
        worker.start()

    def _serve_connection(self, request: socket.socket, client_address: Any) -> None:
        try:
            self.finish_request(request, client_address)
        except OSError:
            pass  # the peer or close() ended the connection
        finally:
            with self._lock:
                self._connections.discard(request)
            self.shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Connection errors are expected when clients or :meth:`close` hang up; they are not test failures."""

    def close(self) -> None:
        """Stop accepting, end every connection, join every thread."""
        self.shutdown()
        self._serving.join()
        self.server_close()
        with self._lock:
            connections = list(self._connections)
            workers = list(self._workers)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        for worker in workers:
            worker.join(timeout=10)
