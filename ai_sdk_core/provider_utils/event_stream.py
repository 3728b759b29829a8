"""Server-sent events decoding, following the WHATWG ``text/event-stream`` rules, incrementally.

:class:`SSEDecoder` is pure (no I/O): feed it byte chunks as they arrive, at any boundary, and it returns the
events they completed. Sync and async readers share it through :func:`iter_sse_events` / :func:`aiter_sse_events`.

What it handles: ``data:`` (several lines joined with ``\\n``), ``event:``, ``id:`` (kept across events, as the
spec's "last event ID"), ``retry:``, comments (lines starting with ``:``), one optional space after the colon,
CR, LF and CRLF line ends (also a CR ending one chunk and its LF starting the next), UTF-8 characters split
across chunks, a byte-order mark at the start of the stream. Lines and events are bounded: a server that never
sends a line end cannot make us buffer without limit.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator
from dataclasses import dataclass

from ai_sdk_core.spec.errors import ResponseTooLargeError

__all__ = [
    "DEFAULT_MAX_EVENT_BYTES",
    "DEFAULT_MAX_LINE_BYTES",
    "SSEDecoder",
    "ServerSentEvent",
    "aiter_sse_events",
    "iter_sse_events",
]

# Generous: one event is one model chunk (a few KiB), but a tool result or an image can be several MiB.
DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024
DEFAULT_MAX_EVENT_BYTES = 32 * 1024 * 1024

_BOM = b"\xef\xbb\xbf"
_LINE_END = re.compile(rb"[\r\n]")
_CR = 0x0D
_LF = 0x0A


@dataclass(slots=True)
class ServerSentEvent:
    """One event: ``event`` defaults to ``"message"``; ``data`` joins multi-line data with ``\\n``."""

    data: str
    event: str = "message"
    id: str | None = None
    retry: int | None = None


class SSEDecoder:
    """Incremental ``text/event-stream`` decoder.

    Example::

        decoder = SSEDecoder()
        events = decoder.feed(b"data: hel")  # []
        events = decoder.feed(b"lo\\n\\n")  # [ServerSentEvent(data="hello")]
        events += decoder.flush()  # at the end of the body

    ``max_line_bytes`` bounds one line, ``max_event_bytes`` the data of one event; going over raises
    :class:`~ai_sdk_core.spec.errors.ResponseTooLargeError`.
    """

    __slots__ = (
        "_at_stream_start",
        "_buffer",
        "_data_bytes",
        "_data_lines",
        "_event_type",
        "_last_event_id",
        "_pending_cr",
        "_retry",
        "max_event_bytes",
        "max_line_bytes",
    )

    def __init__(
        self,
        *,
        max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
        max_event_bytes: int = DEFAULT_MAX_EVENT_BYTES,
    ) -> None:
        self.max_line_bytes = max_line_bytes
        self.max_event_bytes = max_event_bytes
        self._buffer = bytearray()
        self._at_stream_start = True
        # A chunk ended with CR: if the next one starts with LF, that LF belongs to the same line end.
        self._pending_cr = False
        self._data_lines: list[str] = []
        self._data_bytes = 0
        self._event_type: str | None = None
        self._last_event_id: str | None = None
        self._retry: int | None = None

    @property
    def last_event_id(self) -> str | None:
        """The last ``id:`` seen (what a reconnecting client would send as ``Last-Event-ID``)."""
        return self._last_event_id

    @property
    def retry(self) -> int | None:
        """The last valid ``retry:`` value in milliseconds, or ``None``."""
        return self._retry

    def feed(self, chunk: bytes) -> list[ServerSentEvent]:
        """Decode one chunk of bytes; return the events it completed (often none, sometimes several)."""
        if not chunk:
            return []
        buffer = self._buffer
        already_scanned = len(buffer)  # the buffered tail holds no line end: do not scan it again
        buffer += chunk
        if self._at_stream_start:
            if len(buffer) < len(_BOM) and _BOM.startswith(buffer):
                return []  # maybe a BOM split across chunks: wait for more bytes
            self._at_stream_start = False
            if buffer.startswith(_BOM):
                del buffer[: len(_BOM)]
                already_scanned = 0
        position = 0
        if self._pending_cr:
            self._pending_cr = False
            if buffer[:1] == b"\n":
                position = 1
        events: list[ServerSentEvent] = []
        match = _LINE_END.search(buffer, max(position, already_scanned))
        while match is not None:
            end = match.start()
            if end - position > self.max_line_bytes:
                self._too_long_line()
            event = self._process_line(bytes(buffer[position:end]))
            if event is not None:
                events.append(event)
            if buffer[end] == _CR:
                if end + 1 == len(buffer):
                    self._pending_cr = True
                    position = end + 1
                elif buffer[end + 1] == _LF:
                    position = end + 2
                else:
                    position = end + 1
            else:
                position = end + 1
            match = _LINE_END.search(buffer, position)
        del buffer[:position]
        if len(buffer) > self.max_line_bytes:
            self._too_long_line()
        return events

    def flush(self) -> list[ServerSentEvent]:
        """End of stream: decode a last line that had no line end, and dispatch a pending event.

        WHATWG drops an event that is not followed by a blank line; we keep it, because servers that close
        the connection right after their last ``data:`` line (without the blank line) are common, and the body
        ended cleanly (a cut connection never reaches ``flush``).
        """
        events: list[ServerSentEvent] = []
        if self._buffer:
            line = bytes(self._buffer)
            self._buffer.clear()
            if self._at_stream_start and line.startswith(_BOM):
                line = line[len(_BOM) :]
            event = self._process_line(line)
            if event is not None:
                events.append(event)
        self._at_stream_start = False
        self._pending_cr = False
        event = self._dispatch()
        if event is not None:
            events.append(event)
        return events

    def _too_long_line(self) -> None:
        raise ResponseTooLargeError(
            f"A server-sent event line exceeded {self.max_line_bytes} bytes.", limit=self.max_line_bytes
        )

    def _process_line(self, line: bytes) -> ServerSentEvent | None:
        if not line:
            return self._dispatch()
        if line[0] == 0x3A:  # ":" starts a comment (keep-alive pings)
            return None
        name, colon, value = line.partition(b":")
        if colon and value[:1] == b" ":
            value = value[1:]
        if name == b"data":
            self._data_bytes += len(value) + 1
            if self._data_bytes > self.max_event_bytes:
                self._data_lines.clear()
                self._data_bytes = 0
                raise ResponseTooLargeError(
                    f"A server-sent event exceeded {self.max_event_bytes} bytes of data.", limit=self.max_event_bytes
                )
            # Line ends never occur inside a UTF-8 sequence, so a complete line always decodes whole.
            self._data_lines.append(value.decode("utf-8", errors="replace"))
        elif name == b"event":
            self._event_type = value.decode("utf-8", errors="replace")
        elif name == b"id":
            if b"\x00" not in value:  # WHATWG: an id holding NUL is ignored
                self._last_event_id = value.decode("utf-8", errors="replace")
        elif name == b"retry" and value.isdigit():
            self._retry = int(value)
        return None

    def _dispatch(self) -> ServerSentEvent | None:
        event_type = self._event_type
        self._event_type = None
        if not self._data_lines:
            # WHATWG: a block without data dispatches nothing (an ``event:`` alone is dropped too).
            return None
        data = "\n".join(self._data_lines)
        self._data_lines = []
        self._data_bytes = 0
        return ServerSentEvent(
            data=data,
            event=event_type or "message",
            id=self._last_event_id,
            retry=self._retry,
        )


def iter_sse_events(chunks: Iterable[bytes], decoder: SSEDecoder | None = None) -> Iterator[ServerSentEvent]:
    """Yield the events of a body given as byte chunks; the end of ``chunks`` is the end of the stream."""
    decoder = decoder or SSEDecoder()
    for chunk in chunks:
        yield from decoder.feed(chunk)
    yield from decoder.flush()


async def aiter_sse_events(
    chunks: AsyncIterable[bytes], decoder: SSEDecoder | None = None
) -> AsyncIterator[ServerSentEvent]:
    """Async twin of :func:`iter_sse_events`."""
    decoder = decoder or SSEDecoder()
    async for chunk in chunks:
        for event in decoder.feed(chunk):
            yield event
    for event in decoder.flush():
        yield event
