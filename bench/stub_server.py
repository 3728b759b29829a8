"""A minimal HTTP/1.1 keep-alive server on 127.0.0.1 that answers like four vendor APIs, from pre-encoded bytes.

Every response is encoded once and cached, so the server spends its time writing bytes, not building JSON: the
benchmark then measures the client. Routes (any method; the body is read and only searched for ``"stream"``):

- ``.../chat/completions``: OpenAI Chat Completions, one ``chat.completion`` object, or with ``"stream": true``
  an event stream of N content chunks, a finish chunk, a usage chunk and ``data: [DONE]``;
- ``.../responses``: OpenAI Responses, one ``response`` object, or with ``"stream": true`` the ``response.*``
  events around N ``response.output_text.delta`` events;
- ``.../messages``: Anthropic Messages, one ``message`` object, or with ``"stream": true`` the ``message_start``
  ... ``message_stop`` events around N ``content_block_delta`` events;
- ``...:generateContent`` and ``...:streamGenerateContent`` (Gemini): one answer, or N ``alt=sse`` events;
- ``/health``: ``ok``.

N comes from a ``/chunks/<N>/`` path segment (so it can sit inside a provider's ``base_url``) or a ``?chunks=<N>``
query: default 100, at most 1,000,000. A stream's text cycles through a few words (LiteLLM stops a stream that
repeats one chunk a hundred times).

Run: ``python bench/stub_server.py [--port 0]``; it prints ``PORT <n>`` on its first line and serves until its
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
from collections.abc import Callable
from functools import lru_cache

__all__ = [
    "WORDS",
    "anthropic_body",
    "anthropic_stream_body",
    "chat_completion_body",
    "chat_completion_stream_body",
    "gemini_body",
    "gemini_stream_body",
    "main",
    "responses_body",
    "responses_stream_body",
    "serve",
]

MODEL_ID = "gpt-4o-mini"
WORDS = ("blue ", "light ", "scatters ", "more ", "than ", "red ", "light ", "does ")
ANSWER = "The sky looks blue because air scatters short wavelengths of sunlight more."
DEFAULT_CHUNKS = 100
MAX_CHUNKS = 1_000_000
MAX_HEADER_BYTES = 64 * 1024
MAX_BODY_BYTES = 16 * 1024 * 1024

_CHUNKS_IN_PATH = re.compile(rb"/chunks/(\d+)(?:/|$)")
_CHUNKS_IN_QUERY = re.compile(rb"[?&]chunks=(\d+)")
_STREAM_TRUE = re.compile(rb'"stream"\s*:\s*true')
_CONTENT_LENGTH = re.compile(rb"\r\ncontent-length:\s*(\d+)")


def _compact(value: object) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


def _sse(value: object, event: str | None = None, *, separator: bytes = b"\n\n") -> bytes:
    head = b"event: " + event.encode() + b"\n" if event else b""
    return head + b"data: " + _compact(value) + separator


def _cycle(events: list[bytes], chunks: int) -> bytes:
    """``chunks`` events taken in turn from ``events`` (one per word of ``WORDS``)."""
    whole, rest = divmod(chunks, len(events))
    return b"".join(events) * whole + b"".join(events[:rest])


# -- OpenAI Chat Completions -------------------------------------------------------------------------------------


def chat_completion_body() -> bytes:
    """The non-streaming ``chat.completion`` response body."""
    message = {"role": "assistant", "content": ANSWER, "refusal": None}
    return _compact(
        {
            "id": "chatcmpl-bench",
            "object": "chat.completion",
            "created": 1_700_000_000,
            "model": MODEL_ID,
            "system_fingerprint": "fp_bench",
            "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 14, "completion_tokens": 15, "total_tokens": 29},
        }
    )


@lru_cache(maxsize=8)
def chat_completion_stream_body(chunks: int) -> bytes:
    """The event stream of ``chunks`` content deltas (plus role, finish, usage and ``[DONE]`` events)."""
    head = {"id": "chatcmpl-bench", "object": "chat.completion.chunk", "created": 1_700_000_000, "model": MODEL_ID}

    def event(choices: list[object], **extra: object) -> bytes:
        return _sse({**head, "choices": choices, **extra})

    role = event([{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}])
    content = [event([{"index": 0, "delta": {"content": word}, "finish_reason": None}]) for word in WORDS]
    finish = event([{"index": 0, "delta": {}, "finish_reason": "stop"}])
    usage = event([], usage={"prompt_tokens": 14, "completion_tokens": chunks, "total_tokens": 14 + chunks})
    return b"".join([role, _cycle(content, chunks), finish, usage, b"data: [DONE]\n\n"])


# -- OpenAI Responses --------------------------------------------------------------------------------------------


def _response_object(status: str, text: str | None, output_tokens: int) -> dict[str, object]:
    output = []
    if text is not None:
        content = [{"type": "output_text", "text": text, "annotations": [], "logprobs": []}]
        output = [
            {"type": "message", "id": "msg_bench", "status": "completed", "role": "assistant", "content": content}
        ]
    return {
        "id": "resp_bench",
        "object": "response",
        "created_at": 1_700_000_000,
        "status": status,
        "model": MODEL_ID,
        "output": output,
        "parallel_tool_calls": True,
        "tool_choice": "auto",
        "tools": [],
        "usage": {
            "input_tokens": 14,
            "input_tokens_details": {"cached_tokens": 0},
            "output_tokens": output_tokens,
            "output_tokens_details": {"reasoning_tokens": 0},
            "total_tokens": 14 + output_tokens,
        },
    }


def responses_body() -> bytes:
    """The non-streaming ``response`` object."""
    return _compact(_response_object("completed", ANSWER, 15))


@lru_cache(maxsize=8)
def responses_stream_body(chunks: int) -> bytes:
    """``response.created`` ... ``response.completed`` around ``chunks`` ``response.output_text.delta`` events."""
    events: list[tuple[str, dict[str, object]]] = []
    place = {"item_id": "msg_bench", "output_index": 0, "content_index": 0}
    empty_message = {"type": "message", "id": "msg_bench", "status": "in_progress", "role": "assistant", "content": []}
    events.append(("response.created", {"response": {**_response_object("in_progress", None, 0), "usage": None}}))
    events.append(("response.output_item.added", {"output_index": 0, "item": empty_message}))
    part = {"type": "output_text", "text": "", "annotations": [], "logprobs": []}
    events.append(("response.content_part.added", {**place, "part": part}))
    events.extend(
        ("response.output_text.delta", {**place, "delta": WORDS[number % len(WORDS)], "logprobs": []})
        for number in range(chunks)
    )
    text = "".join(WORDS[number % len(WORDS)] for number in range(chunks))
    events.append(("response.output_text.done", {**place, "text": text, "logprobs": []}))
    events.append(("response.content_part.done", {**place, "part": {**part, "text": text}}))
    completed = _response_object("completed", text, chunks)
    events.append(("response.output_item.done", {"output_index": 0, "item": completed["output"][0]}))  # type: ignore[index]
    events.append(("response.completed", {"response": completed}))
    return b"".join(
        _sse({"type": name, "sequence_number": number, **payload}, name)
        for number, (name, payload) in enumerate(events)
    )


# -- Anthropic Messages ------------------------------------------------------------------------------------------

ANTHROPIC_MODEL_ID = "claude-sonnet-4-5"


def anthropic_body() -> bytes:
    """The non-streaming ``message`` object."""
    return _compact(
        {
            "id": "msg_bench",
            "type": "message",
            "role": "assistant",
            "model": ANTHROPIC_MODEL_ID,
            "content": [{"type": "text", "text": ANSWER}],
            "stop_reason": "end_turn",
            "stop_sequence": None,
            "usage": {"input_tokens": 14, "output_tokens": 15},
        }
    )


@lru_cache(maxsize=8)
def anthropic_stream_body(chunks: int) -> bytes:
    """``message_start`` ... ``message_stop`` around ``chunks`` ``content_block_delta`` events."""
    message = {
        "id": "msg_bench",
        "type": "message",
        "role": "assistant",
        "model": ANTHROPIC_MODEL_ID,
        "content": [],
        "stop_reason": None,
        "stop_sequence": None,
        "usage": {"input_tokens": 14, "output_tokens": 1},
    }
    deltas = [
        _sse({"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": word}},
             "content_block_delta")
        for word in WORDS
    ]  # fmt: skip
    stop = {"stop_reason": "end_turn", "stop_sequence": None}
    return b"".join(
        [
            _sse({"type": "message_start", "message": message}, "message_start"),
            _sse({"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
                 "content_block_start"),
            _cycle(deltas, chunks),
            _sse({"type": "content_block_stop", "index": 0}, "content_block_stop"),
            _sse({"type": "message_delta", "delta": stop, "usage": {"output_tokens": chunks}}, "message_delta"),
            _sse({"type": "message_stop"}, "message_stop"),
        ]
    )  # fmt: skip


# -- Gemini ------------------------------------------------------------------------------------------------------

GEMINI_MODEL_ID = "gemini-2.0-flash"


def _gemini_answer(text: str, *, finish: bool, output_tokens: int) -> dict[str, object]:
    candidate: dict[str, object] = {"content": {"parts": [{"text": text}], "role": "model"}, "index": 0}
    if finish:
        candidate["finishReason"] = "STOP"
    usage = {"promptTokenCount": 14, "candidatesTokenCount": output_tokens, "totalTokenCount": 14 + output_tokens}
    return {"candidates": [candidate], "usageMetadata": usage, "modelVersion": GEMINI_MODEL_ID}


def gemini_body() -> bytes:
    """The ``generateContent`` answer."""
    return _compact(_gemini_answer(ANSWER, finish=True, output_tokens=15))


@lru_cache(maxsize=8)
def gemini_stream_body(chunks: int) -> bytes:
    """``chunks`` ``streamGenerateContent?alt=sse`` events, the last one with the finish reason."""
    middle = [_sse(_gemini_answer(word, finish=False, output_tokens=1), separator=b"\r\n\r\n") for word in WORDS]
    last = _sse(_gemini_answer(WORDS[0], finish=True, output_tokens=chunks), separator=b"\r\n\r\n")
    return _cycle(middle, max(chunks - 1, 0)) + last


# -- The server --------------------------------------------------------------------------------------------------


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


# (path test, whole body, stream body of N chunks); Gemini streams by path, the others by the body's "stream".
_Route = tuple[Callable[[bytes], bool], bytes, Callable[[int], bytes]]
_ROUTES: list[_Route] = [
    (lambda path: path.endswith(b"/chat/completions"), chat_completion_body(), chat_completion_stream_body),
    (lambda path: path.endswith(b"/responses"), responses_body(), responses_stream_body),
    (lambda path: path.endswith(b"/messages"), anthropic_body(), anthropic_stream_body),
    (lambda path: b":generateContent" in path or b":streamGenerateContent" in path, gemini_body(), gemini_stream_body),
]


def answer(target: bytes, body: bytes, *, keep_alive: bool = True) -> bytes:
    """The whole HTTP response (head and body) to a request for ``target`` with ``body``."""
    path = target.split(b"?", 1)[0]
    if path == b"/health":
        return _response("200 OK", b"text/plain", b"ok", keep_alive=keep_alive)
    for matches, whole, streamed in _ROUTES:
        if not matches(path):
            continue
        if b":streamGenerateContent" in path or _STREAM_TRUE.search(body):
            return _response("200 OK", b"text/event-stream", streamed(_chunk_count(target)), keep_alive=keep_alive)
        return _response("200 OK", b"application/json", whole, keep_alive=keep_alive)
    return _response("404 Not Found", b"application/json", b'{"error":"not found"}', keep_alive=keep_alive)


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
            raw_head = bytes(self.buffer[:header_end])
            head = raw_head.lower()
            length_match = _CONTENT_LENGTH.search(head)
            length = int(length_match.group(1)) if length_match else 0
            if length > MAX_BODY_BYTES:
                self.transport.close()
                return
            request_end = header_end + 4 + length
            if len(self.buffer) < request_end:
                return
            body = bytes(self.buffer[header_end + 4 : request_end])
            del self.buffer[:request_end]
            # Headers are searched lower-cased; the target keeps its case (Gemini's model paths).
            parts = raw_head.split(b"\r\n", 1)[0].split(b" ")
            keep_alive = b"\r\nconnection: close" not in head
            target = parts[1] if len(parts) > 1 else b"/"
            self.transport.write(answer(target, body, keep_alive=keep_alive))
            if not keep_alive:
                self.transport.close()


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
    server = await loop.create_server(_BenchProtocol, "127.0.0.1", port, backlog=1024)
    bound_port = server.sockets[0].getsockname()[1]
    print(f"PORT {bound_port}", flush=True)
    async with server:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(_stdin_closed(loop), timeout=lifetime)


def main(arguments: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port (printed as `PORT <n>`)")
    parser.add_argument("--lifetime", type=float, default=3600.0, help="stop after this many seconds regardless")
    options = parser.parse_args(arguments)
    asyncio.run(serve(options.port, options.lifetime))
    return 0


if __name__ == "__main__":
    sys.exit(main())
