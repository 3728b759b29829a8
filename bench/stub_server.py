"""A minimal HTTP/1.1 keep-alive server on 127.0.0.1 that answers like OpenAI's Chat Completions API.

Responses are encoded once and cached, so the server spends its time writing bytes, not building JSON: the
benchmark then measures the client. Routes (any method, the body is read and ignored except for ``"stream"``):

- ``.../chat/completions`` with ``"stream": false`` (or absent): one ``chat.completion`` JSON object.
- ``.../chat/completions`` with ``"stream": true``: a ``text/event-stream`` of N content chunks, a finish chunk,
  a usage chunk and ``data: [DONE]``. N comes from a ``/chunks/<N>/`` path segment (so it can sit inside a
  provider's ``base_url``) or a ``?chunks=<N>`` query, default 100, at most 1,000,000.
- ``/health``: ``ok``.

Run: ``python bench/stub_server.py [--port 0]``; it prints ``PORT <n>`` on its first line, serves until its
standard input closes (the parent exited) or ``--lifetime`` seconds pass, whichever comes first.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import re
import sys
import threading
from functools import lru_cache

__all__ = ["chat_completion_body", "chat_completion_stream_body", "main"]

MODEL_ID = "gpt-4o-mini"
DEFAULT_CHUNKS = 100
MAX_CHUNKS = 1_000_000
MAX_HEADER_BYTES = 64 * 1024
MAX_BODY_BYTES = 16 * 1024 * 1024

_CHUNKS_IN_PATH = re.compile(rb"/chunks/(\d+)(?:/|$)")
_CHUNKS_IN_QUERY = re.compile(rb"[?&]chunks=(\d+)")
_STREAM_TRUE = re.compile(rb'"stream"\s*:\s*true')


def _compact(value: object) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


def chat_completion_body() -> bytes:
    """The non-streaming ``chat.completion`` response body."""
    return _compact(
        {
            "id": "chatcmpl-bench",
            "object": "chat.completion",
            "created": 1_700_000_000,
            "model": MODEL_ID,
            "system_fingerprint": "fp_bench",
            "choices": [
                {
                    "index": 0,
                    "message": {
                        "role": "assistant",
                        "content": "The sky looks blue because air scatters short wavelengths of sunlight more.",
                        "refusal": None,
                    },
                    "logprobs": None,
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 14, "completion_tokens": 15, "total_tokens": 29},
        }
    )


@lru_cache(maxsize=8)
def chat_completion_stream_body(chunks: int) -> bytes:
    """The event stream of ``chunks`` content deltas (plus role, finish, usage and ``[DONE]`` events)."""
    head = {"id": "chatcmpl-bench", "object": "chat.completion.chunk", "created": 1_700_000_000, "model": MODEL_ID}

    def event(choices: list[object], **extra: object) -> bytes:
        return b"data: " + _compact({**head, "choices": choices, **extra}) + b"\n\n"

    role = event([{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}])
    content = event([{"index": 0, "delta": {"content": "blue "}, "finish_reason": None}])
    finish = event([{"index": 0, "delta": {}, "finish_reason": "stop"}])
    usage = event([], usage={"prompt_tokens": 14, "completion_tokens": chunks, "total_tokens": 14 + chunks})
    return b"".join([role, content * chunks, finish, usage, b"data: [DONE]\n\n"])


def _response(status: str, content_type: bytes, body: bytes, *, keep_alive: bool) -> bytes:
    connection = b"keep-alive" if keep_alive else b"close"
    head = (
        b"HTTP/1.1 " + status.encode() + b"\r\ncontent-type: " + content_type + b"\r\ncontent-length: "
        + str(len(body)).encode() + b"\r\nconnection: " + connection + b"\r\n\r\n"
    )  # fmt: skip
    return head + body


def _chunk_count(target: bytes) -> int:
    match = _CHUNKS_IN_PATH.search(target) or _CHUNKS_IN_QUERY.search(target)
    return min(int(match.group(1)), MAX_CHUNKS) if match else DEFAULT_CHUNKS


class _BenchProtocol(asyncio.Protocol):
    """Parses pipelined HTTP/1.1 requests out of one connection's byte stream and answers each in order."""

    def __init__(self) -> None:
        self.buffer = bytearray()
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while self.transport is not None and not self.transport.is_closing():
            header_end = self.buffer.find(b"\r\n\r\n")
            if header_end < 0:
                if len(self.buffer) > MAX_HEADER_BYTES:
                    self.transport.close()
                return
            head = bytes(self.buffer[:header_end]).lower()
            length_match = re.search(rb"\r\ncontent-length:\s*(\d+)", head)
            length = int(length_match.group(1)) if length_match else 0
            if length > MAX_BODY_BYTES:
                self.transport.close()
                return
            request_end = header_end + 4 + length
            if len(self.buffer) < request_end:
                return
            body = bytes(self.buffer[header_end + 4 : request_end])
            del self.buffer[:request_end]
            self._answer(head, body)

    def _answer(self, head: bytes, body: bytes) -> None:
        assert self.transport is not None
        request_line = head.split(b"\r\n", 1)[0]
        parts = request_line.split(b" ")
        target = parts[1] if len(parts) > 1 else b"/"
        keep_alive = b"\r\nconnection: close" not in head
        path = target.split(b"?", 1)[0]
        if path.endswith(b"/chat/completions"):
            if _STREAM_TRUE.search(body):
                payload = chat_completion_stream_body(_chunk_count(target))
                response = _response("200 OK", b"text/event-stream", payload, keep_alive=keep_alive)
            else:
                response = _response("200 OK", b"application/json", _CHAT_BODY, keep_alive=keep_alive)
        elif path == b"/health":
            response = _response("200 OK", b"text/plain", b"ok", keep_alive=keep_alive)
        else:
            response = _response("404 Not Found", b"application/json", b'{"error":"not found"}', keep_alive=keep_alive)
        self.transport.write(response)
        if not keep_alive:
            self.transport.close()


_CHAT_BODY = chat_completion_body()


def _stdin_closed(loop: asyncio.AbstractEventLoop) -> asyncio.Future[None]:
    # The parent holds our stdin open; EOF means it is gone, so we never outlive a crashed benchmark. A daemon
    # thread (not the loop's executor) reads it, so shutting down never waits for that blocking read.
    closed: asyncio.Future[None] = loop.create_future()

    def mark_closed() -> None:
        if not closed.done():
            closed.set_result(None)

    def read_until_eof() -> None:
        sys.stdin.buffer.read()
        loop.call_soon_threadsafe(mark_closed)

    threading.Thread(target=read_until_eof, name="stdin-watch", daemon=True).start()
    return closed


async def serve(port: int, lifetime: float) -> None:
    """Serve on 127.0.0.1:``port`` until stdin closes or ``lifetime`` seconds pass."""
    loop = asyncio.get_running_loop()
    server = await loop.create_server(_BenchProtocol, "127.0.0.1", port)
    bound_port = server.sockets[0].getsockname()[1]
    print(f"PORT {bound_port}", flush=True)
    async with server:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(_stdin_closed(loop), timeout=lifetime)


def main(arguments: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port (printed as `PORT <n>`)")
    parser.add_argument("--lifetime", type=float, default=900.0, help="stop after this many seconds regardless")
    options = parser.parse_args(arguments)
    asyncio.run(serve(options.port, options.lifetime))
    return 0


if __name__ == "__main__":
    sys.exit(main())
