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

import math
from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

from pydantic_core import PydanticSerializationError, SchemaSerializer, core_schema

from ai_sdk_core.ui.chunks import LATEST_PROTOCOL_VERSION, check_protocol_version
from ai_sdk_core.ui.errors import UIMessageStreamError
from ai_sdk_core.ui.finish import require_asyncio
from ai_sdk_core.ui.versions import PASS_THROUGH_TYPES, adapt_chunk, adapt_clean_chunk, is_clean_source

if TYPE_CHECKING:
    import asyncio  # imported when keep-alive is used: most programs never load it through this module

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

DONE_EVENT: Final = b"data: [DONE]\n\n"
"""The last event of every UI message stream."""

STREAM_OPEN_EVENT: Final = b": stream-open\n\n"
"""An SSE comment sent first when keep-alive is on, so proxies pass the headers on at once (as the JS SDK does)."""

KEEP_ALIVE_EVENT: Final = b": keep-alive\n\n"
"""An SSE comment sent after ``keep_alive_interval`` seconds without a chunk; clients ignore comments."""

# One serializer for every chunk: a dict of str keys is encoded a little faster than by the generic
# ``to_json``, and NaN/Infinity become null as JSON.stringify writes them (bare NaN is not JSON).
_encode_json: Final = SchemaSerializer(
    core_schema.dict_schema(core_schema.str_schema(), core_schema.any_schema()), config={"ser_json_inf_nan": "null"}
).to_json
# ``json.join(_FRAME)`` is ``b"data: " + json + b"\n\n"`` in one step.
_FRAME: Final = (b"data: ", b"\n\n")


def _encode_clean(chunk: dict[str, Any]) -> bytes:
    """One event for a clean chunk (a dict without None values, adapted to the protocol version)."""
    try:
        return _encode_json(chunk).join(_FRAME)
    except PydanticSerializationError as error:
        raise UIMessageStreamError(
            f"A UI message chunk of type {chunk.get('type')!r} holds a value that has no JSON form: {error}",
            chunk_type=str(chunk.get("type")),
        ) from error


def _events(chunk: Mapping[str, Any], protocol_version: int, tool_calls: dict[str, bool] | None = None) -> list[bytes]:
    """The events of any chunk: straight through when it needs nothing, else through ``adapt_chunk``
    (``tool_calls``: the stream's tool calls so far, see :mod:`ai_sdk_core.ui.versions`)."""
    # ``None in values()`` is the guard for chunks written by hand (chunks built by this package hold no None).
    if type(chunk) is dict and chunk.get("type") in PASS_THROUGH_TYPES[protocol_version] and None not in chunk.values():
        return [_encode_clean(chunk)]
    return [_encode_clean(adapted) for adapted in adapt_chunk(chunk, protocol_version, tool_calls)]


def _clean_events(
    chunk: dict[str, Any], protocol_version: int, tool_calls: dict[str, bool] | None = None
) -> list[bytes]:
    """The events of a clean chunk (see :func:`~ai_sdk_core.ui.versions.is_clean_source`)."""
    if protocol_version == LATEST_PROTOCOL_VERSION:
        return [_encode_clean(chunk)]
    return [_encode_clean(adapted) for adapted in adapt_clean_chunk(chunk, protocol_version, tool_calls)]


def encode_ui_message_chunk(chunk: Mapping[str, Any], protocol_version: int = LATEST_PROTOCOL_VERSION) -> bytes:
    """The bytes of one chunk for a client of major ``protocol_version``: usually one event; empty when that
    major cannot read the chunk (see :mod:`ai_sdk_core.ui.versions`). A lone chunk has no stream to remember
    dynamic tool calls in: for 5.x clients, encode whole streams with :func:`encode_ui_message_stream`.

    >>> encode_ui_message_chunk({"type": "text-delta", "id": "t1", "delta": "Hé"})
    b'data: {"type":"text-delta","id":"t1","delta":"H\\xc3\\xa9"}\\n\\n'
    """
    return b"".join(_events(chunk, check_protocol_version(protocol_version)))


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
            encode, frame = _encode_json, _FRAME
            for chunk in iterator:
                try:
                    event = encode(chunk).join(frame)
                except PydanticSerializationError:
                    event = _encode_clean(chunk)  # raises the typed error
                yield event
        elif clean:
            encode, frame, pass_through = _encode_json, _FRAME, PASS_THROUGH_TYPES[protocol_version]
            for chunk in iterator:
                if chunk["type"] in pass_through:
                    try:
                        event = encode(chunk).join(frame)
                    except PydanticSerializationError:
                        event = _encode_clean(chunk)  # raises the typed error
                    yield event
                else:
                    yield from _clean_events(chunk, protocol_version, tool_calls)
        else:
            encode, frame, pass_through = _encode_json, _FRAME, PASS_THROUGH_TYPES[protocol_version]
            for chunk in iterator:
                # The guard for chunks made elsewhere: a dict of a type this major reads as is, without None.
                if type(chunk) is dict and chunk.get("type") in pass_through and None not in chunk.values():
                    try:
                        event = encode(chunk).join(frame)
                    except PydanticSerializationError:
                        event = _encode_clean(chunk)  # raises the typed error
                    yield event
                else:
                    yield from _events(chunk, protocol_version, tool_calls)
        yield DONE_EVENT
    finally:
        close = getattr(iterator, "close", None)
        if close is not None:
            close()


def _check_interval(keep_alive_interval: float) -> float:
    if not (isinstance(keep_alive_interval, int | float) and math.isfinite(keep_alive_interval)) or (
        keep_alive_interval <= 0
    ):
        from ai_sdk_core.spec.errors import InvalidArgumentError

        raise InvalidArgumentError(
            "must be a positive number of seconds (or None for no keep-alive comments)",
            argument="keep_alive_interval",
            value=keep_alive_interval,
        )
    return float(keep_alive_interval)


async def _shielded(awaitable: Awaitable[Any]) -> None:
    """Await cleanup even when the consumer's task is being cancelled (the model stream must be released)."""
    import anyio

    with anyio.CancelScope(shield=True):
        await awaitable


async def _aclose(iterator: Any) -> None:
    close = getattr(iterator, "aclose", None)
    if close is not None:
        await close()


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
    interval = None if keep_alive_interval is None else _check_interval(keep_alive_interval)
    iterator = aiter(chunks)
    clean = is_clean_source(iterator)
    if interval is None:
        return _aencode_stream(iterator, protocol_version, clean)
    return _aencode_with_keep_alive(iterator, protocol_version, clean, interval)


async def _aencode_stream(iterator: AsyncIterator[Any], protocol_version: int, clean: bool) -> AsyncIterator[bytes]:
    tool_calls: dict[str, bool] = {}
    encode, frame = _encode_json, _FRAME
    try:
        if clean and protocol_version == LATEST_PROTOCOL_VERSION:
            async for chunk in iterator:
                try:
                    event = encode(chunk).join(frame)
                except PydanticSerializationError:
                    event = _encode_clean(chunk)  # raises the typed error
                yield event
        else:
            # The same checks as _encode_into, inline: this loop runs once per chunk.
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
                        event = _encode_clean(chunk)  # raises the typed error
                    yield event
                else:
                    for event in (_clean_events if clean else _events)(chunk, protocol_version, tool_calls):
                        yield event
        yield DONE_EVENT
    finally:
        await _shielded(_aclose(iterator))


def _encode_into(
    encoded: list[bytes], chunks: Iterable[Any], protocol_version: int, clean: bool, tool_calls: dict[str, bool]
) -> None:
    """Append the events of ``chunks`` to ``encoded``; when a chunk fails, the events before it are there."""
    encode, frame, pass_through = _encode_json, _FRAME, PASS_THROUGH_TYPES[protocol_version]
    for chunk in chunks:
        # Inline, the common case: a chunk this major reads as it is (for a chunk made elsewhere: a dict
        # without None values, the guard for chunks written by hand).
        if (
            chunk["type"] in pass_through
            if clean
            else type(chunk) is dict and chunk.get("type") in pass_through and None not in chunk.values()
        ):
            try:
                encoded.append(encode(chunk).join(frame))
            except PydanticSerializationError:
                encoded.append(_encode_clean(chunk))  # raises the typed error
        elif clean:
            encoded.extend(_clean_events(chunk, protocol_version, tool_calls))
        else:
            encoded.extend(_events(chunk, protocol_version, tool_calls))


# Chunks the keep-alive reader may run ahead of the consumer; beyond it the source waits (back-pressure).
_READ_AHEAD: Final = 64

# The reading tasks still running. The event loop holds tasks weakly: a consumer that a server drops without
# closing it is finalized later (which ends its reading task), and until then its task must not be collected.
_READING_TASKS: Final[set[asyncio.Task[None]]] = set()


class _ReadAhead:
    """The chunks one long-lived task reads ahead of the consumer, for the keep-alive encoder.

    Why a task: an async iterator cannot be interrupted while it waits for its next chunk (cancelling it would
    end the stream), so the reads run apart from the consumer, which wakes up when a chunk arrives, the source
    ends, or the keep-alive interval passes. Nothing is scheduled per chunk while chunks flow: the consumer takes
    what is there without waiting, and the keep-alive deadline is one timer per interval, not one per wait.
    """

    __slots__ = ("_interval", "_loop", "_reader", "_timer", "_waiting_since", "_writer", "ended", "failure", "items")

    def __init__(self, loop: asyncio.AbstractEventLoop, interval: float) -> None:
        self._loop = loop
        self._interval = interval
        self.items: list[Any] = []
        self.ended = False
        self.failure: BaseException | None = None
        self._reader: asyncio.Future[bool] | None = None  # the consumer, waiting for a chunk
        self._writer: asyncio.Future[None] | None = None  # the reading task, waiting for room
        self._timer: asyncio.TimerHandle | None = None
        self._waiting_since = 0.0

    async def read(self, iterator: AsyncIterator[Any]) -> None:
        """Read ``iterator`` to its end (the body of the reading task)."""
        try:
            async for chunk in iterator:
                items = self.items
                items.append(chunk)
                if self._reader is not None:
                    self._wake_reader(True)
                if len(items) >= _READ_AHEAD:
                    self._writer = self._loop.create_future()
                    await self._writer
        except BaseException as error:  # handed to the consumer, which raises it after the chunks before it
            self.failure = error
            if not isinstance(error, Exception):  # cancellation (and KeyboardInterrupt) still ends this task
                raise
        finally:
            self.ended = True
            self._wake_reader(True)

    def take(self) -> list[Any]:
        """The chunks read so far (the reading task may go on)."""
        items, self.items = self.items, []
        writer = self._writer
        if writer is not None:
            self._writer = None
            if not writer.done():
                writer.set_result(None)
        return items

    async def wait(self) -> bool:
        """Wait for a chunk or the end (True), or for ``interval`` seconds of silence (False)."""
        reader: asyncio.Future[bool] = self._loop.create_future()
        self._reader = reader
        self._waiting_since = self._loop.time()
        if self._timer is None:
            deadline = self._waiting_since + self._interval
            self._timer = self._loop.call_at(deadline, self._check_deadline, deadline)
        try:
            return await reader
        finally:
            self._reader = None

    def close(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _wake_reader(self, value: bool) -> None:
        reader, self._reader = self._reader, None  # woken once: the chunks that follow need not look at it
        if reader is not None and not reader.done():
            reader.set_result(value)

    def _check_deadline(self, armed_for: float) -> None:
        # Armed by an earlier wait, the timer may fire before the current wait's deadline: then it is armed again.
        self._timer = None
        if self._reader is None:
            return
        deadline = self._waiting_since + self._interval
        if armed_for >= deadline:
            self._wake_reader(False)
        else:
            self._timer = self._loop.call_at(deadline, self._check_deadline, deadline)


async def _aencode_with_keep_alive(
    iterator: AsyncIterator[Any],
    protocol_version: int,
    clean: bool,
    interval: float,
) -> AsyncIterator[bytes]:
    try:
        require_asyncio("keep_alive_interval")
    except BaseException:
        # The source is released now (its on_finish runs), not whenever it is collected. Not shielded: a shield
        # needs an event loop anyio knows, and this is the first step of the stream (no cancellation waits).
        await _aclose(iterator)
        raise
    import asyncio

    loop = asyncio.get_running_loop()
    read_ahead = _ReadAhead(loop, interval)
    reading: asyncio.Task[None] | None = None
    tool_calls: dict[str, bool] = {}
    fast = clean and protocol_version == LATEST_PROTOCOL_VERSION
    encode, frame = _encode_json, _FRAME
    try:
        yield STREAM_OPEN_EVENT
        reading = loop.create_task(read_ahead.read(iterator))
        _READING_TASKS.add(reading)
        reading.add_done_callback(_READING_TASKS.discard)
        while True:
            chunks = read_ahead.take()
            if not chunks:
                if read_ahead.ended:
                    break
                if not await read_ahead.wait():
                    yield KEEP_ALIVE_EVENT
                continue
            # The chunks read while the previous bytes were being sent go out together: none of them waited for
            # a later one, and the server sends one body message instead of many.
            if fast:
                try:
                    data = b"".join([encode(chunk).join(frame) for chunk in chunks])
                except PydanticSerializationError:
                    for chunk in chunks:  # one by one: the events before the faulty chunk, then its typed error
                        yield _encode_clean(chunk)
                    continue
                yield data
            else:
                encoded: list[bytes] = []
                try:
                    _encode_into(encoded, chunks, protocol_version, clean, tool_calls)
                except Exception:
                    if encoded:  # the events before the faulty chunk go out first, as without keep-alive
                        yield b"".join(encoded)
                    raise
                if encoded:
                    yield b"".join(encoded)
        if read_ahead.failure is not None:
            raise read_ahead.failure
        yield DONE_EVENT
    finally:
        read_ahead.close()
        cleanup_failure: Exception | None = None
        if reading is not None and not reading.done():
            reading.cancel()
            await _shielded(asyncio.wait((reading,)))
            if isinstance(read_ahead.failure, Exception):
                # The source failed while it was being cancelled (e.g. an on_finish that could not save): raised
                # here, as it is without keep-alive, where the source is closed in this task.
                cleanup_failure = read_ahead.failure
        await _shielded(_aclose(iterator))
        if cleanup_failure is not None:
            raise cleanup_failure


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
        await _shielded(_aclose(iterator))
