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
_CR = 0x0D


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
        self._data_lines: list[bytes] = []
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
        """Decode one chunk of bytes; return the events it completed (often none, sometimes several).

        The chunk is split in bulk: only its part after the last line end is kept for the next chunk (that tail
        never holds a line end, so it is never scanned twice), and the complete lines before it are split at
        once with C-level ``bytes`` operations.
        """
        if not chunk:
            return []
        buffer = self._buffer
        if self._at_stream_start:
            if buffer:
                chunk = bytes(buffer) + chunk
                buffer.clear()
            if len(chunk) < len(_BOM) and _BOM.startswith(chunk):
                buffer += chunk  # maybe a BOM split across chunks: wait for more bytes
                return []
            self._at_stream_start = False
            if chunk.startswith(_BOM):
                chunk = chunk[len(_BOM) :]
        if self._pending_cr:
            # The previous chunk ended with CR (a complete line end): an LF starting this one belongs to it.
            self._pending_cr = False
            if chunk[:1] == b"\n":
                chunk = chunk[1:]
        # The buffered tail holds no line end, so the last line end of the stream so far is in ``chunk``.
        last_end = max(chunk.rfind(b"\n"), chunk.rfind(b"\r"))
        if last_end < 0:
            buffer += chunk
            if len(buffer) > self.max_line_bytes:
                self._too_long_line()
            return []
        if last_end == len(chunk) - 1:
            complete = chunk
            self._pending_cr = chunk[last_end] == _CR
        else:
            complete = chunk[: last_end + 1]
        if buffer:
            complete = bytes(buffer) + complete
            buffer.clear()
        # ``complete`` ends with a line end. Without CR, splitting on LF leaves one empty string after the last
        # line; with CR, ``bytes.splitlines`` splits on exactly the three WHATWG line ends (CRLF, LF, CR).
        if b"\r" in complete:
            lines = complete.splitlines()
        else:
            lines = complete.split(b"\n")
            lines.pop()
        events: list[ServerSentEvent] = []
        if len(complete) > self.max_line_bytes:
            too_long = next((index for index, line in enumerate(lines) if len(line) > self.max_line_bytes), None)
            if too_long is not None:
                # The lines before the long one are decoded first, as a line-by-line reader would.
                self._process_lines(lines[:too_long], events)
                self._too_long_line()
        self._process_lines(lines, events)
        if last_end < len(chunk) - 1:
            buffer += chunk[last_end + 1 :]
            if len(buffer) > self.max_line_bytes:
                self._too_long_line()
        return events

    def flush(self) -> list[ServerSentEvent]:
        """End of stream: decode a last line that had no line end, and dispatch a pending event.

        WHATWG drops an event that is not followed by a blank line; we keep it, because servers that close
        the connection right after their last ``data:`` line (without the blank line) are common, and the body
        ended cleanly (a cut connection never reaches ``flush``).
        """
        lines: list[bytes] = []
        if self._buffer:
            line = bytes(self._buffer)
            self._buffer.clear()
            if self._at_stream_start and line.startswith(_BOM):
                line = line[len(_BOM) :]
            lines.append(line)
        self._at_stream_start = False
        self._pending_cr = False
        lines.append(b"")  # the end of the body dispatches the pending event, as a blank line does
        events: list[ServerSentEvent] = []
        self._process_lines(lines, events)
        return events

    def _too_long_line(self) -> None:
        raise ResponseTooLargeError(
            f"A server-sent event line exceeded {self.max_line_bytes} bytes.", limit=self.max_line_bytes
        )

    def _process_lines(self, lines: list[bytes], events: list[ServerSentEvent]) -> None:
        """Apply complete lines (without their line ends) in order, appending the events they dispatch."""
        # The two lines of almost every event, ``data: ...`` and the blank line, are handled inline, with the
        # event's data size kept in a local (written back before anything that reads or raises).
        data_lines = self._data_lines
        max_event_bytes = self.max_event_bytes
        data_bytes = self._data_bytes
        try:
            for line in lines:
                if not line:
                    if data_lines:
                        # Data is decoded once per event. A line end never occurs inside a UTF-8 sequence, so this
                        # gives what decoding each line would, invalid bytes replaced the same way.
                        event_type = self._event_type
                        self._event_type = None
                        data = data_lines[0] if len(data_lines) == 1 else b"\n".join(data_lines)
                        data_lines.clear()
                        data_bytes = 0
                        events.append(
                            ServerSentEvent(
                                data.decode("utf-8", errors="replace"),
                                event_type or "message",
                                self._last_event_id,
                                self._retry,
                            )
                        )
                    else:
                        # WHATWG: a block without data dispatches nothing (an ``event:`` alone is dropped too).
                        self._event_type = None
                elif line[:5] == b"data:":
                    value = line[6:] if line[5:6] == b" " else line[5:]
                    data_bytes += len(value) + 1
                    if data_bytes > max_event_bytes:
                        data_bytes = 0
                        self._too_large_event()
                    data_lines.append(value)
                elif line[0] != 0x3A:  # ":" starts a comment (keep-alive pings)
                    self._data_bytes = data_bytes
                    self._process_field(line)
                    data_bytes = self._data_bytes
        finally:
            self._data_bytes = data_bytes

    def _too_large_event(self) -> None:
        self._data_lines.clear()
        self._data_bytes = 0
        raise ResponseTooLargeError(
            f"A server-sent event exceeded {self.max_event_bytes} bytes of data.", limit=self.max_event_bytes
        )

    def _process_field(self, line: bytes) -> None:
        name, colon, value = line.partition(b":")
        if colon and value[:1] == b" ":
            value = value[1:]
        if name == b"data":  # only ``data`` without a colon gets here: an empty data line
            self._data_bytes += len(value) + 1
            if self._data_bytes > self.max_event_bytes:
                self._too_large_event()
            self._data_lines.append(value)
        elif name == b"event":
            self._event_type = value.decode("utf-8", errors="replace")
        elif name == b"id":
            if b"\x00" not in value:  # WHATWG: an id holding NUL is ignored
                self._last_event_id = value.decode("utf-8", errors="replace")
        elif name == b"retry" and value.isdigit():
            self._retry = int(value)


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
