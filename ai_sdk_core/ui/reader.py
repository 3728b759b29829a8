"""Reading a UI message stream: SSE bytes -> chunk dicts -> :class:`~ai_sdk_core.ui.messages.UIMessage` snapshots,
as the JS ``readUIMessageStream`` does. Used by tests and by Python clients of a ``useChat`` backend::

    for message in read_ui_message_stream(response.iter_bytes()):
        print(message.parts)          # the assistant message so far

Input items may be ``bytes`` or ``str`` (the SSE body, split anywhere) or already parsed chunk dicts. The logic
lives in two small classes; the sync and async functions only move items through them.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator, Callable, Iterable, Iterator, Mapping
from typing import Any, TypeAlias

from ai_sdk_core.provider_utils.event_stream import ServerSentEvent, SSEDecoder
from ai_sdk_core.provider_utils.json import parse_json
from ai_sdk_core.spec.errors import JSONParseError
from ai_sdk_core.ui.assemble import UIMessageAssembler
from ai_sdk_core.ui.chunks import LATEST_PROTOCOL_VERSION
from ai_sdk_core.ui.errors import UIMessageStreamError
from ai_sdk_core.ui.messages import UIMessage

__all__ = [
    "StreamItem",
    "aparse_ui_message_stream",
    "aread_ui_message_stream",
    "parse_ui_message_stream",
    "read_ui_message_stream",
]

StreamItem: TypeAlias = bytes | str | Mapping[str, Any]
"""One item of a stream to read: a piece of the SSE body, or a parsed chunk."""


class _ChunkParser:
    """SSE pieces (or parsed chunks) in, chunk dicts out; stops at ``data: [DONE]``."""

    __slots__ = ("_decoder", "done")

    def __init__(self) -> None:
        self._decoder = SSEDecoder()
        self.done = False

    def feed(self, item: StreamItem) -> list[dict[str, Any]]:
        if self.done:
            return []
        if isinstance(item, Mapping):
            return [self._check(dict(item))]
        data = item.encode("utf-8") if isinstance(item, str) else item
        return self._events(self._decoder.feed(data))

    def flush(self) -> list[dict[str, Any]]:
        return [] if self.done else self._events(self._decoder.flush())

    def _events(self, events: list[ServerSentEvent]) -> list[dict[str, Any]]:
        chunks: list[dict[str, Any]] = []
        for event in events:
            if self.done:
                break
            if event.data == "[DONE]":
                self.done = True
            elif event.data:  # an event without data (a keep-alive) carries no chunk
                chunks.append(self._check(self._parse(event.data)))
        return chunks

    @staticmethod
    def _parse(data: str) -> Any:
        try:
            return parse_json(data)
        except JSONParseError as error:
            raise UIMessageStreamError(
                f"A UI message stream event is not JSON: {data[:80]!r}", chunk_type="unknown"
            ) from error

    @staticmethod
    def _check(chunk: Any) -> dict[str, Any]:
        if not isinstance(chunk, dict) or not isinstance(chunk.get("type"), str):
            raise UIMessageStreamError(
                "A UI message chunk must be a JSON object with a string 'type'.", chunk_type="unknown"
            )
        return chunk


class _MessageReader:
    """Chunks in, a snapshot out after each chunk that changed the message (None otherwise)."""

    __slots__ = ("_assembler", "_on_error", "_terminate_on_error")

    def __init__(
        self,
        message: UIMessage | None,
        terminate_on_error: bool,
        on_error: Callable[[UIMessageStreamError], None] | None,
        protocol_version: int,
    ) -> None:
        self._assembler = UIMessageAssembler(
            message=message,
            message_id=message.id if message is not None else "",
            reset_on_message_id_change=True,
            protocol_version=protocol_version,
        )
        self._terminate_on_error = terminate_on_error
        self._on_error = on_error

    def feed(self, chunk: Mapping[str, Any]) -> UIMessage | None:
        self._assembler.process(chunk)
        if chunk.get("type") == "error":
            error = UIMessageStreamError(str(chunk.get("errorText", "")), chunk_type="error")
            if self._on_error is not None:
                self._on_error(error)
            if self._terminate_on_error:
                raise error
        return self._assembler.snapshot() if self._assembler.changed else None


def parse_ui_message_stream(items: Iterable[StreamItem]) -> Iterator[dict[str, Any]]:
    """The chunk dicts of a UI message stream, up to ``data: [DONE]``.

    Raises :class:`~ai_sdk_core.ui.errors.UIMessageStreamError` for an event that is not a JSON object with a
    string ``type``.
    """
    parser = _ChunkParser()
    for item in items:
        yield from parser.feed(item)
        if parser.done:
            return
    yield from parser.flush()


async def aparse_ui_message_stream(items: AsyncIterable[StreamItem]) -> AsyncIterator[dict[str, Any]]:
    """Async twin of :func:`parse_ui_message_stream`."""
    parser = _ChunkParser()
    async for item in items:
        for chunk in parser.feed(item):
            yield chunk
        if parser.done:
            return
    for chunk in parser.flush():
        yield chunk


def read_ui_message_stream(
    items: Iterable[StreamItem],
    *,
    message: UIMessage | None = None,
    terminate_on_error: bool = False,
    on_error: Callable[[UIMessageStreamError], None] | None = None,
    protocol_version: int = LATEST_PROTOCOL_VERSION,
) -> Iterator[UIMessage]:
    """Snapshots of the assistant message a UI message stream builds: one after each chunk that changes it.

    ``message``: the assistant message to continue (a resumed answer); a ``start`` chunk with another
    ``messageId`` starts a new message instead, as in JS. An ``error`` chunk is passed to ``on_error`` and,
    with ``terminate_on_error``, raised as :class:`~ai_sdk_core.ui.errors.UIMessageStreamError`.
    ``protocol_version``: read as the ``readUIMessageStream`` of that major of the npm ``ai`` package does (5, 6
    or 7, the default; see :mod:`ai_sdk_core.ui.client_rules`): a stream encoded for an older client reads as
    that client shows it. Raises ``InvalidArgumentError`` (at the call) for a major that is not supported.

    Unlike the JS reader, which ends its stream quietly, an inconsistent chunk sequence raises
    :class:`~ai_sdk_core.ui.errors.UIMessageStreamError` here.
    """
    reader = _MessageReader(message, terminate_on_error, on_error, protocol_version)
    return _read(reader, items)


def _read(reader: _MessageReader, items: Iterable[StreamItem]) -> Iterator[UIMessage]:
    for chunk in parse_ui_message_stream(items):
        snapshot = reader.feed(chunk)
        if snapshot is not None:
            yield snapshot


def aread_ui_message_stream(
    items: AsyncIterable[StreamItem],
    *,
    message: UIMessage | None = None,
    terminate_on_error: bool = False,
    on_error: Callable[[UIMessageStreamError], None] | None = None,
    protocol_version: int = LATEST_PROTOCOL_VERSION,
) -> AsyncIterator[UIMessage]:
    """Async twin of :func:`read_ui_message_stream`."""
    reader = _MessageReader(message, terminate_on_error, on_error, protocol_version)
    return _aread(reader, items)


async def _aread(reader: _MessageReader, items: AsyncIterable[StreamItem]) -> AsyncIterator[UIMessage]:
    async for chunk in aparse_ui_message_stream(items):
        snapshot = reader.feed(chunk)
        if snapshot is not None:
            yield snapshot
