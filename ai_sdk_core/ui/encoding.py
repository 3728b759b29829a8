"""Bytes on the wire: the UI message stream as server-sent events, and the plain text stream.

Each chunk is one event, ``data: <compact JSON>\\n\\n`` (UTF-8, non-ASCII characters as they are, keys whose value
is ``None`` left out), and the stream ends with ``data: [DONE]\\n\\n``, as the JS ``JsonToSseTransformStream``
writes it. Send it with :data:`UI_MESSAGE_STREAM_HEADERS`::

    body = encode_ui_message_stream(result.to_ui_message_stream())                 # Iterator[bytes] (WSGI)
    body = aencode_ui_message_stream(result.to_ui_message_stream(), keep_alive_interval=15)  # ASGI

``protocol_version`` (5, 6 or 7, the major of the npm ``ai`` package in the browser) adapts each chunk to what
that major reads (:mod:`ai_sdk_core.ui.versions`).

For ``useChat`` with ``streamProtocol: 'text'`` (``TextStreamChatTransport``), send the UTF-8 bytes of the text
deltas with :data:`TEXT_STREAM_HEADERS`: ``encode_text_stream(result.to_text_stream())``.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Any, Final

from pydantic_core import PydanticSerializationError

from ai_sdk_core.ui.chunks import LATEST_PROTOCOL_VERSION, check_protocol_version
from ai_sdk_core.ui.keep_alive import aencode_with_keep_alive, check_keep_alive_interval
from ai_sdk_core.ui.sse_events import (
    DONE_EVENT,
    EVENT_FRAME,
    KEEP_ALIVE_EVENT,
    STREAM_OPEN_EVENT,
    aclose_iterator,
    chunk_events,
    clean_chunk_events,
    encode_clean_chunk,
    encode_json,
    shielded,
)
from ai_sdk_core.ui.versions import PASS_THROUGH_TYPES, is_clean_source

# The framing of one event (and the event constants) is in sse_events, the keep-alive encoder in keep_alive; the
# constants stay importable from here.
__all__ = [
    "DONE_EVENT",
    "KEEP_ALIVE_EVENT",
    "STREAM_OPEN_EVENT",
    "TEXT_STREAM_HEADERS",
    "UI_MESSAGE_STREAM_HEADERS",
    "aencode_text_stream",
    "aencode_ui_message_stream",
    "encode_text_stream",
    "encode_ui_message_chunk",
    "encode_ui_message_stream",
]

UI_MESSAGE_STREAM_HEADERS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "content-type": "text/event-stream",
        "cache-control": "no-cache",
        "x-vercel-ai-ui-message-stream": "v1",
        # Stops nginx (and proxies that honour it) from buffering the stream until it ends.
        "x-accel-buffering": "no",
        # Not "connection: keep-alive", which the JS SDK sets: it is a hop-by-hop header that an application may
        # not set under WSGI (PEP 3333; wsgiref and Django's runserver answer 500) nor HTTP/2, and every server
        # keeps HTTP/1.1 connections open by default anyway.
    }
)
"""Response headers of a UI message stream (what ``DefaultChatTransport`` expects)."""

TEXT_STREAM_HEADERS: Final[Mapping[str, str]] = MappingProxyType({"content-type": "text/plain; charset=utf-8"})
"""Response headers of a plain text stream (``streamProtocol: 'text'``)."""


def encode_ui_message_chunk(chunk: Mapping[str, Any], protocol_version: int = LATEST_PROTOCOL_VERSION) -> bytes:
    """The bytes of one chunk for a client of major ``protocol_version``: usually one event; empty when that
    major cannot read the chunk (see :mod:`ai_sdk_core.ui.versions`). A lone chunk has no stream to remember
    dynamic tool calls in: for 5.x clients, encode whole streams with :func:`encode_ui_message_stream`.

    >>> encode_ui_message_chunk({"type": "text-delta", "id": "t1", "delta": "Hé"})
    b'data: {"type":"text-delta","id":"t1","delta":"H\\xc3\\xa9"}\\n\\n'
    """
    return b"".join(chunk_events(chunk, check_protocol_version(protocol_version)))


def encode_ui_message_stream(
    chunks: Iterable[Mapping[str, Any]], *, protocol_version: int = LATEST_PROTOCOL_VERSION
) -> Iterator[bytes]:
    """The events of ``chunks`` (one ``bytes`` per event), then ``data: [DONE]``. Closing this iterator closes
    ``chunks`` when it is a generator (so a client disconnect reaches the model stream).

    Chunks from this package's generators are encoded as they are; any other chunk is checked first (a type
    the client's major does not know is adapted or dropped, ``None`` values are left out).
    """
    check_protocol_version(protocol_version)
    iterator = iter(chunks)
    return _encode_stream(iterator, protocol_version, is_clean_source(iterator))


def _encode_stream(iterator: Iterator[Any], protocol_version: int, clean: bool) -> Iterator[bytes]:
    tool_calls: dict[str, bool] = {}
    try:
        if clean and protocol_version == LATEST_PROTOCOL_VERSION:
            # The hot path: clean 7.x chunks need nothing but the encoding.
            encode, frame = encode_json, EVENT_FRAME
            for chunk in iterator:
                # The yield sits in the try (one store and load less per chunk): what a consumer may throw in at
                # the yield is never a serialization error.
                try:
                    yield encode(chunk).join(frame)
                except PydanticSerializationError:
                    yield encode_clean_chunk(chunk)  # raises the typed error
        elif clean:
            encode, frame, pass_through = encode_json, EVENT_FRAME, PASS_THROUGH_TYPES[protocol_version]
            for chunk in iterator:
                if chunk["type"] in pass_through:
                    try:
                        event = encode(chunk).join(frame)
                    except PydanticSerializationError:
                        event = encode_clean_chunk(chunk)  # raises the typed error
                    yield event
                else:
                    yield from clean_chunk_events(chunk, protocol_version, tool_calls)
        else:
            encode, frame, pass_through = encode_json, EVENT_FRAME, PASS_THROUGH_TYPES[protocol_version]
            for chunk in iterator:
                # The guard for chunks made elsewhere: a dict of a type this major reads as is, without None.
                if type(chunk) is dict and chunk.get("type") in pass_through and None not in chunk.values():
                    try:
                        event = encode(chunk).join(frame)
                    except PydanticSerializationError:
                        event = encode_clean_chunk(chunk)  # raises the typed error
                    yield event
                else:
                    yield from chunk_events(chunk, protocol_version, tool_calls)
        yield DONE_EVENT
    finally:
        close = getattr(iterator, "close", None)
        if close is not None:
            close()


def aencode_ui_message_stream(
    chunks: AsyncIterable[Mapping[str, Any]],
    *,
    protocol_version: int = LATEST_PROTOCOL_VERSION,
    keep_alive_interval: float | None = None,
) -> AsyncIterator[bytes]:
    """Async twin of :func:`encode_ui_message_stream`.

    With ``keep_alive_interval`` (seconds), a ``: stream-open`` comment comes first and a ``: keep-alive``
    comment whenever no chunk arrived for that long, so that proxies and load balancers with idle timeouts keep
    the connection during a long tool call. The chunk being waited for is not cancelled by a keep-alive: one
    task reads the whole stream, up to 64 chunks ahead of the consumer (then it waits), and the events of the
    chunks it has read by the time the consumer asks go out as one ``bytes`` (never waiting for a later chunk).
    Keep-alive needs asyncio; without it any event loop works, one ``bytes`` per event. Because of that
    read-ahead, a source must not change a chunk after yielding it (this package's producers never do; a
    generator reusing one dict for every chunk would send its later values).
    """
    check_protocol_version(protocol_version)
    interval = None if keep_alive_interval is None else check_keep_alive_interval(keep_alive_interval)
    iterator = aiter(chunks)
    clean = is_clean_source(iterator)
    if interval is None:
        return _aencode_stream(iterator, protocol_version, clean)
    return aencode_with_keep_alive(iterator, protocol_version, clean, interval)


async def _aencode_stream(iterator: AsyncIterator[Any], protocol_version: int, clean: bool) -> AsyncIterator[bytes]:
    tool_calls: dict[str, bool] = {}
    encode, frame = encode_json, EVENT_FRAME
    try:
        if clean and protocol_version == LATEST_PROTOCOL_VERSION:
            async for chunk in iterator:
                try:  # the yield inside the try, as in _encode_stream
                    yield encode(chunk).join(frame)
                except PydanticSerializationError:
                    yield encode_clean_chunk(chunk)  # raises the typed error
        else:
            # The same checks as keep_alive._encode_into, inline: this loop runs once per chunk.
            pass_through = PASS_THROUGH_TYPES[protocol_version]
            async for chunk in iterator:
                if (
                    chunk["type"] in pass_through
                    if clean
                    else type(chunk) is dict and chunk.get("type") in pass_through and None not in chunk.values()
                ):
                    try:
                        event = encode(chunk).join(frame)
                    except PydanticSerializationError:
                        event = encode_clean_chunk(chunk)  # raises the typed error
                    yield event
                else:
                    for event in (clean_chunk_events if clean else chunk_events)(chunk, protocol_version, tool_calls):
                        yield event
        yield DONE_EVENT
    finally:
        await shielded(aclose_iterator(iterator))


def encode_text_stream(text_deltas: Iterable[str]) -> Iterator[bytes]:
    """The UTF-8 bytes of each text delta (empty deltas skipped): the body of a plain text stream."""
    iterator = iter(text_deltas)
    try:
        for delta in iterator:
            if delta:
                yield delta.encode()
    finally:
        close = getattr(iterator, "close", None)
        if close is not None:
            close()


async def aencode_text_stream(text_deltas: AsyncIterable[str]) -> AsyncIterator[bytes]:
    """Async twin of :func:`encode_text_stream`."""
    iterator = aiter(text_deltas)
    try:
        async for delta in iterator:
            if delta:
                yield delta.encode()
    finally:
        await shielded(aclose_iterator(iterator))
