"""One UI message chunk as server-sent event bytes: the framing shared by the plain encoders
(:mod:`ai_sdk_core.ui.encoding`) and the keep-alive encoder (:mod:`ai_sdk_core.ui.keep_alive`), and the async
cleanup helpers both use.
"""

from __future__ import annotations

from collections.abc import Awaitable, Mapping
from typing import Any, Final

from pydantic_core import PydanticSerializationError, SchemaSerializer, core_schema

from ai_sdk_core.ui.chunks import LATEST_PROTOCOL_VERSION
from ai_sdk_core.ui.errors import UIMessageStreamError
from ai_sdk_core.ui.versions import PASS_THROUGH_TYPES, adapt_chunk, adapt_clean_chunk

__all__ = [
    "DONE_EVENT",
    "EVENT_FRAME",
    "KEEP_ALIVE_EVENT",
    "STREAM_OPEN_EVENT",
    "aclose_iterator",
    "chunk_events",
    "clean_chunk_events",
    "encode_clean_chunk",
    "encode_json",
    "shielded",
]

DONE_EVENT: Final = b"data: [DONE]\n\n"
"""The last event of every UI message stream."""

STREAM_OPEN_EVENT: Final = b": stream-open\n\n"
"""An SSE comment sent first when keep-alive is on, so proxies pass the headers on at once (as the JS SDK does)."""

KEEP_ALIVE_EVENT: Final = b": keep-alive\n\n"
"""An SSE comment sent after ``keep_alive_interval`` seconds without a chunk; clients ignore comments."""

# One serializer for every chunk, so that NaN/Infinity become null as JSON.stringify writes them (bare NaN is
# not JSON). An ``any`` schema: a dict schema with str keys checks every key first and costs about 5% more.
encode_json: Final = SchemaSerializer(core_schema.any_schema(), config={"ser_json_inf_nan": "null"}).to_json
# ``json.join(EVENT_FRAME)`` is ``b"data: " + json + b"\n\n"`` in one step.
EVENT_FRAME: Final = (b"data: ", b"\n\n")


def encode_clean_chunk(chunk: dict[str, Any]) -> bytes:
    """One event for a clean chunk (a dict without None values, adapted to the protocol version)."""
    try:
        return encode_json(chunk).join(EVENT_FRAME)
    except PydanticSerializationError as error:
        raise UIMessageStreamError(
            f"A UI message chunk of type {chunk.get('type')!r} holds a value that has no JSON form: {error}",
            chunk_type=str(chunk.get("type")),
        ) from error


def chunk_events(
    chunk: Mapping[str, Any], protocol_version: int, tool_calls: dict[str, bool] | None = None
) -> list[bytes]:
    """The events of any chunk: straight through when it needs nothing, else through ``adapt_chunk``
    (``tool_calls``: the stream's tool calls so far, see :mod:`ai_sdk_core.ui.versions`)."""
    # ``None in values()`` is the guard for chunks written by hand (chunks built by this package hold no None).
    if type(chunk) is dict and chunk.get("type") in PASS_THROUGH_TYPES[protocol_version] and None not in chunk.values():
        return [encode_clean_chunk(chunk)]
    return [encode_clean_chunk(adapted) for adapted in adapt_chunk(chunk, protocol_version, tool_calls)]


def clean_chunk_events(
    chunk: dict[str, Any], protocol_version: int, tool_calls: dict[str, bool] | None = None
) -> list[bytes]:
    """The events of a clean chunk (see :func:`~ai_sdk_core.ui.versions.is_clean_source`)."""
    if protocol_version == LATEST_PROTOCOL_VERSION:
        return [encode_clean_chunk(chunk)]
    return [encode_clean_chunk(adapted) for adapted in adapt_clean_chunk(chunk, protocol_version, tool_calls)]


async def shielded(awaitable: Awaitable[Any]) -> None:
    """Await cleanup even when the consumer's task is being cancelled (the model stream must be released)."""
    import anyio

    with anyio.CancelScope(shield=True):
        await awaitable


async def aclose_iterator(iterator: Any) -> None:
    """``aclose()`` an async iterator that has one (an async generator: runs its ``finally``)."""
    close = getattr(iterator, "aclose", None)
    if close is not None:
        await close()
