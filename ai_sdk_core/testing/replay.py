"""Serve recorded provider responses from fixture files, and record what was sent.

:class:`ReplayTransport` is an httpx transport for both clients (``httpx.Client(transport=...)`` and
``httpx.AsyncClient(transport=...)``). Each request receives the next queued response, and is recorded as a
:class:`RecordedRequest` (method, URL, headers, parsed JSON body) so a test can assert the exact request.

Fixture format, in one directory, one scenario per file name:

``<scenario>.json``
    A whole (non-streaming) response::

        {"status": 200, "headers": {"x-request-id": "req_1"}, "body": {"id": "chatcmpl-1", ...}}

    ``status`` defaults to 200, ``headers`` to none (``content-type: application/json`` is added when absent).
    ``body`` is any JSON value and is sent serialized; use ``"text": "..."`` instead of ``body`` to send a
    non-JSON body verbatim (an HTML error page from a gateway, say).

``<scenario>.sse.txt``
    A server-sent-events stream written out whole: events (``event: message_start`` / ``data: {...}`` lines)
    separated by blank lines, served verbatim one event per body chunk, with no ``[DONE]`` added. For vendors
    whose streams name their events (Anthropic, the OpenAI Responses API).

``<scenario>.chunks.txt``
    A server-sent-events stream: one JSON chunk per line (blank lines are skipped). Each line is served as
    ``data: <line>\\n\\n`` and the stream ends with ``data: [DONE]\\n\\n``; the status is 200 and the content
    type ``text/event-stream``. Each event is a separate body chunk (an iterator, not one buffer), so decoders
    are exercised incrementally; ``fragment_size`` splits the bytes further, across event boundaries, and
    :meth:`ReplayResponse.cut` drops the connection part-way.

Example::

    transport = ReplayTransport.from_fixtures(FIXTURES, "text", "tool-call")
    client = httpx.Client(transport=transport)
    ...  # two requests served
    assert transport.requests[0].json == {"model": "gpt-4o", ...}
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from pydantic_core import from_json, to_json

__all__ = ["RecordedRequest", "ReplayExhaustedError", "ReplayResponse", "ReplayTransport"]


class ReplayExhaustedError(LookupError):
    """A request arrived when no response was left to serve: the code made more calls than the test expects."""


@dataclass(slots=True, frozen=True)
class RecordedRequest:
    """One request as the transport saw it. ``json`` is the parsed body (``None`` when empty or not JSON).

    ``headers`` (lower-cased names) hold the credentials that were sent, so they stay out of the repr.
    """

    method: str
    url: str
    headers: Mapping[str, str] = field(repr=False)
    content: bytes = field(repr=False)
    json: Any = None


@dataclass(slots=True, frozen=True)
class ReplayResponse:
    """A response to serve: ``chunks`` (byte pieces, sent one by one) with a status and headers.

    Build one with :meth:`json_body`, :meth:`text_body`, :meth:`sse` or :meth:`from_fixture`.
    """

    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict)
    chunks: tuple[bytes, ...] = ()
    cut_after: int | None = None
    """Simulate a dropped connection: after this many chunks the body raises ``httpx.RemoteProtocolError``."""

    def cut(self, after_chunks: int) -> ReplayResponse:
        """The same response, its connection dropped after ``after_chunks`` body chunks."""
        return ReplayResponse(status=self.status, headers=self.headers, chunks=self.chunks, cut_after=after_chunks)

    def body_chunks(self) -> Iterator[bytes]:
        """The body, chunk by chunk (raising where :attr:`cut_after` says the connection drops)."""
        for index, chunk in enumerate(self.chunks):
            if self.cut_after is not None and index >= self.cut_after:
                break
            yield chunk
        if self.cut_after is not None:
            raise httpx.RemoteProtocolError("peer closed connection without sending complete message body")

    @classmethod
    def json_body(cls, body: Any, *, status: int = 200, headers: Mapping[str, str] | None = None) -> ReplayResponse:
        """A JSON response (``content-type: application/json`` unless ``headers`` set one)."""
        merged = {"content-type": "application/json", **{key.lower(): value for key, value in (headers or {}).items()}}
        return cls(status=status, headers=merged, chunks=(to_json(body),))

    @classmethod
    def text_body(cls, text: str, *, status: int = 200, headers: Mapping[str, str] | None = None) -> ReplayResponse:
        """A response whose body is ``text`` verbatim (default content type ``text/plain``)."""
        merged = {"content-type": "text/plain", **{key.lower(): value for key, value in (headers or {}).items()}}
        return cls(status=status, headers=merged, chunks=(text.encode("utf-8"),))

    @classmethod
    def sse(
        cls,
        chunks: Iterable[Any],
        *,
        done: bool = True,
        fragment_size: int | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> ReplayResponse:
        """A server-sent-events stream of ``chunks``: each a JSON value, or a ``str`` sent as the data verbatim.

        ``done`` appends ``data: [DONE]``; ``fragment_size`` re-cuts the bytes into pieces of that size.
        """
        events = [
            b"data: " + (chunk.encode("utf-8") if isinstance(chunk, str) else to_json(chunk)) + b"\n\n"
            for chunk in chunks
        ]
        if done:
            events.append(b"data: [DONE]\n\n")
        if fragment_size is not None:
            joined = b"".join(events)
            events = [joined[start : start + fragment_size] for start in range(0, len(joined), fragment_size)]
        merged = {"content-type": "text/event-stream", **{key.lower(): value for key, value in (headers or {}).items()}}
        return cls(status=200, headers=merged, chunks=tuple(events))

    @classmethod
    def raw_events(
        cls, text: str, *, fragment_size: int | None = None, headers: Mapping[str, str] | None = None
    ) -> ReplayResponse:
        """A server-sent-events stream served verbatim: ``text`` holds whole events (``event:``/``data:`` lines)
        separated by blank lines, for vendors whose streams name their events and send no ``[DONE]``.

        Each event is one body chunk; ``fragment_size`` re-cuts the bytes into pieces of that size.
        """
        normalized = text.replace("\r\n", "\n").strip("\n")
        events = [event.strip("\n") + "\n\n" for event in normalized.split("\n\n") if event.strip()]
        pieces = [event.encode("utf-8") for event in events]
        if fragment_size is not None:
            joined = b"".join(pieces)
            pieces = [joined[start : start + fragment_size] for start in range(0, len(joined), fragment_size)]
        merged = {"content-type": "text/event-stream", **{key.lower(): value for key, value in (headers or {}).items()}}
        return cls(status=200, headers=merged, chunks=tuple(pieces))

    @classmethod
    def from_fixture(cls, directory: str | Path, scenario: str, *, fragment_size: int | None = None) -> ReplayResponse:
        """Load ``<scenario>.sse.txt``, else ``<scenario>.chunks.txt``, else ``<scenario>.json`` (module docstring)."""
        directory = Path(directory)
        raw_events_path = directory / f"{scenario}.sse.txt"
        if raw_events_path.exists():
            return cls.raw_events(raw_events_path.read_text(encoding="utf-8"), fragment_size=fragment_size)
        chunks_path = directory / f"{scenario}.chunks.txt"
        if chunks_path.exists():
            lines = [line.strip() for line in chunks_path.read_text(encoding="utf-8").splitlines()]
            return cls.sse([line for line in lines if line], fragment_size=fragment_size)
        json_path = directory / f"{scenario}.json"
        if not json_path.exists():
            raise FileNotFoundError(f"No fixture {scenario!r} in {directory} (.json or .chunks.txt).")
        fixture = from_json(json_path.read_bytes())
        status = fixture.get("status", 200)
        headers = fixture.get("headers") or {}
        if "text" in fixture:
            return cls.text_body(fixture["text"], status=status, headers=headers)
        return cls.json_body(fixture.get("body"), status=status, headers=headers)


def _parse_body(content: bytes) -> Any:
    if not content:
        return None
    try:
        return from_json(content)
    except ValueError:
        return None


class ReplayTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Serves queued :class:`ReplayResponse` objects in order and records every request.

    One instance works for sync and async clients. With ``repeat_last=True`` the last response is served again
    once the queue is empty (for code that retries); otherwise an extra request raises
    :class:`ReplayExhaustedError`.
    """

    def __init__(self, responses: Iterable[ReplayResponse] = (), *, repeat_last: bool = False) -> None:
        self._responses: deque[ReplayResponse] = deque(responses)
        self._repeat_last = repeat_last
        self._last: ReplayResponse | None = None
        self._lock = threading.Lock()
        self.requests: list[RecordedRequest] = []

    @classmethod
    def from_fixtures(
        cls,
        directory: str | Path,
        *scenarios: str,
        fragment_size: int | None = None,
        repeat_last: bool = False,
    ) -> ReplayTransport:
        """A transport serving the named fixture scenarios, one per request, in order."""
        return cls(
            (ReplayResponse.from_fixture(directory, name, fragment_size=fragment_size) for name in scenarios),
            repeat_last=repeat_last,
        )

    def add(self, response: ReplayResponse) -> None:
        """Queue one more response."""
        with self._lock:
            self._responses.append(response)

    @property
    def last_request(self) -> RecordedRequest:
        """The most recent request (raises ``IndexError`` if none was made)."""
        return self.requests[-1]

    def _next(self, request: httpx.Request, content: bytes) -> ReplayResponse:
        with self._lock:
            self.requests.append(
                RecordedRequest(
                    method=request.method,
                    url=str(request.url),
                    headers=dict(request.headers),
                    content=content,
                    json=_parse_body(content),
                )
            )
            if self._responses:
                self._last = self._responses.popleft()
                return self._last
            if self._repeat_last and self._last is not None:
                return self._last
        raise ReplayExhaustedError(f"No replay response left for {request.method} {request.url}.")

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Serve the next response to a sync client, its body as an iterator of the recorded chunks."""
        replay = self._next(request, request.read())

        def body() -> Iterator[bytes]:
            yield from replay.body_chunks()

        return httpx.Response(replay.status, headers=dict(replay.headers), content=body(), request=request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Serve the next response to an async client, its body as an async iterator of the recorded chunks."""
        replay = self._next(request, await request.aread())

        async def body() -> AsyncIterator[bytes]:
            for chunk in replay.body_chunks():
                yield chunk

        return httpx.Response(replay.status, headers=dict(replay.headers), content=body(), request=request)
