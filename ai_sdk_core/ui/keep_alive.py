"""The keep-alive form of :func:`~ai_sdk_core.ui.encoding.aencode_ui_message_stream`: a task reads the chunks
ahead of the consumer, so that ``: keep-alive`` comments can go out while the next chunk is awaited.

Kept apart from the plain encoders: it is the only part of the encoding that needs asyncio (loaded on first use).
"""

from __future__ import annotations

import math
from collections.abc import AsyncIterator, Iterable
from typing import TYPE_CHECKING, Any, Final

from pydantic_core import PydanticSerializationError

from ai_sdk_core.ui.chunks import LATEST_PROTOCOL_VERSION
from ai_sdk_core.ui.finish import require_asyncio
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
from ai_sdk_core.ui.versions import PASS_THROUGH_TYPES

if TYPE_CHECKING:
    import asyncio  # imported when keep-alive is used: most programs never load it through this module

__all__ = ["aencode_with_keep_alive", "check_keep_alive_interval"]


def check_keep_alive_interval(keep_alive_interval: float) -> float:
    """``keep_alive_interval`` as a float; a typed error when it is not a positive finite number of seconds."""
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


def _encode_into(
    encoded: list[bytes], chunks: Iterable[Any], protocol_version: int, clean: bool, tool_calls: dict[str, bool]
) -> None:
    """Append the events of ``chunks`` to ``encoded``; when a chunk fails, the events before it are there."""
    encode, frame, pass_through = encode_json, EVENT_FRAME, PASS_THROUGH_TYPES[protocol_version]
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
                encoded.append(encode_clean_chunk(chunk))  # raises the typed error
        elif clean:
            encoded.extend(clean_chunk_events(chunk, protocol_version, tool_calls))
        else:
            encoded.extend(chunk_events(chunk, protocol_version, tool_calls))


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


async def aencode_with_keep_alive(
    iterator: AsyncIterator[Any],
    protocol_version: int,
    clean: bool,
    interval: float,
) -> AsyncIterator[bytes]:
    """The events of ``iterator`` with a ``: stream-open`` comment first and ``: keep-alive`` comments after
    ``interval`` seconds without a chunk (``clean``: the chunks come from this package's generators)."""
    try:
        require_asyncio("keep_alive_interval")
    except BaseException:
        # The source is released now (its on_finish runs), not whenever it is collected. Not shielded: a shield
        # needs an event loop anyio knows, and this is the first step of the stream (no cancellation waits).
        await aclose_iterator(iterator)
        raise
    import asyncio

    loop = asyncio.get_running_loop()
    read_ahead = _ReadAhead(loop, interval)
    reading: asyncio.Task[None] | None = None
    tool_calls: dict[str, bool] = {}
    fast = clean and protocol_version == LATEST_PROTOCOL_VERSION
    encode, frame = encode_json, EVENT_FRAME
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
                        yield encode_clean_chunk(chunk)
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
            await shielded(asyncio.wait((reading,)))
            if isinstance(read_ahead.failure, Exception):
                # The source failed while it was being cancelled (e.g. an on_finish that could not save): raised
                # here, as it is without keep-alive, where the source is closed in this task.
                cleanup_failure = read_ahead.failure
        await shielded(aclose_iterator(iterator))
        if cleanup_failure is not None:
            raise cleanup_failure
