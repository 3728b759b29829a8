"""Bytes on the wire: hand-written golden streams for every chunk type of every protocol major, the SSE framing,
headers, None handling, keep-alive comments and the plain text stream."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import anyio
import pytest
from anyio.lowlevel import checkpoint

from ai_sdk_core.spec.errors import InvalidArgumentError, UnsupportedFunctionalityError
from ai_sdk_core.ui import (
    SUPPORTED_PROTOCOL_VERSIONS,
    TEXT_STREAM_HEADERS,
    UI_MESSAGE_STREAM_HEADERS,
    UIMessageStreamError,
    aencode_text_stream,
    aencode_ui_message_stream,
    encode_text_stream,
    encode_ui_message_chunk,
    encode_ui_message_stream,
)
from ai_sdk_core.ui.chunks import CHUNK_TYPES_BY_VERSION
from ai_sdk_core.ui.versions import clean_source

pytestmark = pytest.mark.anyio

GOLDEN = Path(__file__).parent / "golden"

# The 7.x chunks of each golden scenario; golden/v<N>/<scenario>.sse is what a client of major N must receive.
SCENARIOS: dict[str, list[dict[str, Any]]] = {
    "text": [
        {"type": "start", "messageId": "msg-1"},
        {"type": "start-step"},
        {"type": "text-start", "id": "text-1"},
        {"type": "text-delta", "id": "text-1", "delta": "Hello, "},
        {"type": "text-delta", "id": "text-1", "delta": 'wörld ✓ "quoted"\n'},
        {"type": "text-end", "id": "text-1", "providerMetadata": {"openai": {"itemId": "msg_1"}}},
        {"type": "finish-step"},
        {"type": "finish", "finishReason": "stop"},
    ],
    "reasoning": [
        {"type": "start"},
        {"type": "start-step"},
        {"type": "reasoning-start", "id": "reasoning-1", "providerMetadata": {"anthropic": {"signature": "sig-1"}}},
        {"type": "reasoning-delta", "id": "reasoning-1", "delta": "The user wants a haiku."},
        {"type": "reasoning-end", "id": "reasoning-1"},
        {"type": "reasoning-file", "url": "data:image/png;base64,iVBORw0KGgo=", "mediaType": "image/png"},
        {"type": "text-start", "id": "text-1"},
        {"type": "text-delta", "id": "text-1", "delta": "Autumn moonlight"},
        {
            "type": "text-end",
            "id": "text-1",
            "citations": [
                {
                    "source": {"type": "source", "sourceType": "url", "id": "s1", "url": "https://example.com/basho"},
                    "startIndex": 0,
                    "endIndex": 15,
                }
            ],
        },
        {"type": "finish-step"},
        {"type": "finish", "finishReason": "stop"},
    ],
    "tools": [
        {"type": "start"},
        {"type": "start-step"},
        {
            "type": "tool-input-start",
            "toolCallId": "call-1",
            "toolName": "weather",
            "inputEncoding": "json",
            "providerMetadata": {"openai": {"itemId": "fc_1"}},
            "title": "Weather",
        },
        {"type": "tool-input-delta", "toolCallId": "call-1", "inputTextDelta": '{"city":'},
        {"type": "tool-input-delta", "toolCallId": "call-1", "inputTextDelta": '"Paris"}'},
        {
            "type": "tool-input-available",
            "toolCallId": "call-1",
            "toolName": "weather",
            "input": {"city": "Paris"},
            "toolMetadata": {"version": 2},
        },
        {"type": "tool-output-available", "toolCallId": "call-1", "output": {"status": "loading"}, "preliminary": True},
        {
            "type": "tool-output-available",
            "toolCallId": "call-1",
            "output": {"temperature": 21.5, "unit": None},
            "providerMetadata": {"openai": {"itemId": "fco_1"}},
        },
        {"type": "finish-step"},
        {"type": "start-step"},
        {
            "type": "tool-input-error",
            "toolCallId": "call-2",
            "toolName": "unknown_tool",
            "input": "{bad json",
            "dynamic": True,
            "errorText": "Model tried to call unavailable tool 'unknown_tool'.",
        },
        {"type": "tool-input-available", "toolCallId": "call-3", "toolName": "weather", "input": {"city": "Atlantis"}},
        {"type": "tool-output-error", "toolCallId": "call-3", "errorText": "City not found"},
        {"type": "finish-step"},
        {"type": "finish", "finishReason": "tool-calls"},
    ],
    "approval": [
        {"type": "start"},
        {"type": "start-step"},
        {
            "type": "tool-input-available",
            "toolCallId": "call-1",
            "toolName": "delete_file",
            "input": {"path": "notes.txt"},
        },
        {
            "type": "tool-approval-request",
            "approvalId": "approval-1",
            "toolCallId": "call-1",
            "reason": "Deletes a file",
            "isAutomatic": False,
        },
        {"type": "tool-approval-response", "approvalId": "approval-1", "approved": False, "reason": "Not now"},
        {"type": "tool-output-denied", "toolCallId": "call-1"},
        {"type": "finish-step"},
        {"type": "finish", "finishReason": "interrupted"},
    ],
    "sources_and_files": [
        {"type": "start"},
        {"type": "start-step"},
        {"type": "source-url", "sourceId": "source-1", "url": "https://example.com/a?b=1&c=2", "title": "Example"},
        {
            "type": "source-document",
            "sourceId": "source-2",
            "mediaType": "application/pdf",
            "title": "Annual report",
            "filename": "report.pdf",
        },
        {"type": "file", "url": "data:image/png;base64,iVBORw0KGgo=", "mediaType": "image/png"},
        {"type": "finish-step"},
        {"type": "finish", "finishReason": "stop"},
    ],
    "data_and_metadata": [
        {"type": "start", "messageId": "msg-2", "messageMetadata": {"model": "gpt-5"}},
        {"type": "data-weather", "id": "weather-1", "data": {"status": "loading"}},
        {"type": "data-weather", "id": "weather-1", "data": {"status": "done", "temperature": 21}},
        {"type": "data-notification", "data": "Working…", "transient": True},
        {"type": "message-metadata", "messageMetadata": {"usage": {"inputTokens": 3, "outputTokens": 10}}},
        {"type": "finish", "finishReason": "stop", "messageMetadata": {"done": True}},
    ],
    "error_and_abort": [
        {"type": "start"},
        {"type": "start-step"},
        {"type": "text-start", "id": "text-1"},
        {"type": "text-delta", "id": "text-1", "delta": "Partial"},
        {"type": "error", "errorText": "An error occurred."},
        {"type": "abort", "reason": "user cancelled"},
    ],
    "custom_and_steering": [
        {"type": "start"},
        {"type": "start-step"},
        {"type": "custom", "kind": "openai.image_generation_call", "providerMetadata": {"openai": {"itemId": "ig_1"}}},
        {"type": "steering-message", "id": "steer-1", "parts": [{"type": "text", "text": "Also check Lyon"}]},
        {"type": "text-start", "id": "text-1"},
        {"type": "text-delta", "id": "text-1", "delta": "Paris: 21°"},
        {"type": "reset-step"},
        {"type": "text-start", "id": "text-2"},
        {"type": "text-delta", "id": "text-2", "delta": "Paris and Lyon"},
        {"type": "text-end", "id": "text-2"},
        {"type": "finish-step"},
        {"type": "finish", "finishReason": "stop"},
    ],
}

GOLDEN_CASES = [(version, name) for version in SUPPORTED_PROTOCOL_VERSIONS for name in SCENARIOS]


def golden_bytes(version: int, name: str) -> bytes:
    return (GOLDEN / f"v{version}" / f"{name}.sse").read_bytes()


def event_payloads(stream: bytes) -> list[Any]:
    """The JSON of every ``data:`` event of an SSE byte stream (``[DONE]`` left out)."""
    events = stream.split(b"\n\n")
    assert events[-1] == b"", "a stream ends with a blank line"
    payloads = []
    for event in events[:-1]:
        assert event.startswith(b"data: "), event
        if event != b"data: [DONE]":
            payloads.append(json.loads(event[len(b"data: ") :]))
    return payloads


@pytest.mark.parametrize(("version", "name"), GOLDEN_CASES, ids=[f"v{v}-{n}" for v, n in GOLDEN_CASES])
def test_encoded_stream_matches_the_golden_file_byte_for_byte(version: int, name: str) -> None:
    encoded = b"".join(encode_ui_message_stream(SCENARIOS[name], protocol_version=version))
    assert encoded == golden_bytes(version, name)


@pytest.mark.parametrize(("version", "name"), GOLDEN_CASES, ids=[f"v{v}-{n}" for v, n in GOLDEN_CASES])
async def test_async_encoded_stream_matches_the_golden_file(version: int, name: str) -> None:
    async def chunks() -> AsyncIterator[dict[str, Any]]:
        for chunk in SCENARIOS[name]:
            yield chunk

    encoded = b"".join([event async for event in aencode_ui_message_stream(chunks(), protocol_version=version)])
    assert encoded == golden_bytes(version, name)


@clean_source
def produced_here(chunks: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """The chunks as one of this package's producers yields them (the encoder skips its checks for those)."""
    yield from chunks


@clean_source
async def aproduced_here(chunks: list[dict[str, Any]]) -> AsyncIterator[dict[str, Any]]:
    for chunk in chunks:
        yield chunk


@pytest.mark.parametrize(("version", "name"), GOLDEN_CASES, ids=[f"v{v}-{n}" for v, n in GOLDEN_CASES])
async def test_chunks_of_this_package_take_the_fast_path_to_the_same_bytes(version: int, name: str) -> None:
    chunks = SCENARIOS[name]
    assert b"".join(encode_ui_message_stream(produced_here(chunks), protocol_version=version)) == golden_bytes(
        version, name
    )
    events = aencode_ui_message_stream(aproduced_here(chunks), protocol_version=version)
    assert b"".join([event async for event in events]) == golden_bytes(version, name)


@pytest.mark.parametrize("version", SUPPORTED_PROTOCOL_VERSIONS)
def test_golden_files_cover_every_chunk_type_of_the_major_and_nothing_else(version: int) -> None:
    seen: set[str] = set()
    for path in (GOLDEN / f"v{version}").glob("*.sse"):
        seen.update(payload["type"] for payload in event_payloads(path.read_bytes()))
    data_types = {chunk_type for chunk_type in seen if chunk_type.startswith("data-")}
    assert data_types, "a data-<name> chunk appears"
    assert seen - data_types == set(CHUNK_TYPES_BY_VERSION[version])
    assert {path.stem for path in (GOLDEN / f"v{version}").glob("*.sse")} == set(SCENARIOS)


def test_chunks_by_major_are_nested() -> None:
    assert CHUNK_TYPES_BY_VERSION[5] < CHUNK_TYPES_BY_VERSION[6] < CHUNK_TYPES_BY_VERSION[7]


def test_headers_are_those_of_the_js_sdk_without_the_hop_by_hop_connection_header() -> None:
    assert dict(UI_MESSAGE_STREAM_HEADERS) == {
        "content-type": "text/event-stream",
        "cache-control": "no-cache",
        "x-vercel-ai-ui-message-stream": "v1",
        "x-accel-buffering": "no",
    }
    assert dict(TEXT_STREAM_HEADERS) == {"content-type": "text/plain; charset=utf-8"}
    with pytest.raises(TypeError):
        UI_MESSAGE_STREAM_HEADERS["connection"] = "keep-alive"  # type: ignore[index]


def test_one_chunk_is_one_compact_event_with_non_ascii_as_utf8() -> None:
    assert encode_ui_message_chunk({"type": "text-delta", "id": "t", "delta": "héllo 🌍"}) == (
        'data: {"type":"text-delta","id":"t","delta":"héllo 🌍"}\n\n'.encode()
    )


def test_none_values_are_left_out_except_where_null_is_the_payload() -> None:
    encoded = encode_ui_message_chunk(
        {"type": "tool-output-available", "toolCallId": "c", "output": None, "providerMetadata": None}
    )
    assert encoded == b'data: {"type":"tool-output-available","toolCallId":"c","output":null}\n\n'
    nested = encode_ui_message_chunk({"type": "data-x", "id": None, "data": {"value": None}})
    assert nested == b'data: {"type":"data-x","data":{"value":null}}\n\n'


def test_not_a_number_is_encoded_as_null_like_json_stringify() -> None:
    encoded = encode_ui_message_chunk({"type": "data-x", "data": [float("nan"), float("inf"), 1.5]})
    assert encoded == b'data: {"type":"data-x","data":[null,null,1.5]}\n\n'


def test_a_mapping_that_is_not_a_dict_is_encoded_too() -> None:
    from types import MappingProxyType

    chunk = MappingProxyType({"type": "start-step"})
    assert b"".join(encode_ui_message_stream([chunk])) == b'data: {"type":"start-step"}\n\ndata: [DONE]\n\n'


def test_a_value_without_json_form_is_a_typed_error() -> None:
    with pytest.raises(UIMessageStreamError) as caught:
        encode_ui_message_chunk({"type": "data-x", "data": object()})
    assert caught.value.chunk_type == "data-x"


@pytest.mark.parametrize("version", SUPPORTED_PROTOCOL_VERSIONS)
@pytest.mark.parametrize("produced", [True, False], ids=["produced-here", "checked"])
@pytest.mark.parametrize("encoder", ["sync", "async", "keep-alive"])
@pytest.mark.parametrize(
    "faulty",
    [{"type": "data-x", "data": object()}, {"type": "message-metadata", "messageMetadata": object()}],
    ids=["data-part", "pass-through"],
)
async def test_every_encoder_path_raises_the_typed_error_after_the_events_before_it(
    version: int, produced: bool, encoder: str, faulty: dict[str, Any]
) -> None:
    chunks: list[dict[str, Any]] = [{"type": "start-step"}, faulty, {"type": "finish"}]

    async def elsewhere() -> AsyncIterator[dict[str, Any]]:
        for chunk in chunks:
            yield chunk

    received: list[bytes] = []
    with pytest.raises(UIMessageStreamError) as caught:
        if encoder == "sync":
            received.extend(
                encode_ui_message_stream(produced_here(chunks) if produced else iter(chunks), protocol_version=version)
            )
        else:
            source = aproduced_here(chunks) if produced else elsewhere()
            interval = 30 if encoder == "keep-alive" else None
            async for event in aencode_ui_message_stream(
                source, protocol_version=version, keep_alive_interval=interval
            ):
                received.append(event)
    assert caught.value.chunk_type == faulty["type"]
    assert [event for event in received if not event.startswith(b":")] == [b'data: {"type":"start-step"}\n\n']


def test_unsupported_protocol_versions_are_refused() -> None:
    with pytest.raises(InvalidArgumentError, match="protocol_version"):
        encode_ui_message_stream([], protocol_version=4)
    with pytest.raises(InvalidArgumentError, match="protocol_version"):
        encode_ui_message_chunk({"type": "start"}, protocol_version=8)


def test_an_empty_stream_is_just_done() -> None:
    assert list(encode_ui_message_stream([])) == [b"data: [DONE]\n\n"]


def test_one_bytes_object_per_event() -> None:
    events = list(encode_ui_message_stream(SCENARIOS["text"]))
    assert len(events) == len(SCENARIOS["text"]) + 1
    assert all(event.endswith(b"\n\n") and event.count(b"\n\n") == 1 for event in events)


def test_closing_the_encoder_closes_the_chunk_generator() -> None:
    closed: list[bool] = []

    def chunks() -> Iterator[dict[str, Any]]:
        try:
            yield {"type": "start"}
            yield {"type": "start-step"}
        finally:
            closed.append(True)

    events = encode_ui_message_stream(chunks())
    assert next(events) == b'data: {"type":"start"}\n\n'
    events.close()  # type: ignore[attr-defined]
    assert closed == [True]


async def test_closing_the_async_encoder_closes_the_chunk_generator() -> None:
    closed: list[bool] = []

    async def chunks() -> AsyncIterator[dict[str, Any]]:
        try:
            yield {"type": "start"}
            yield {"type": "start-step"}
        finally:
            closed.append(True)

    events = aencode_ui_message_stream(chunks())
    assert await anext(events) == b'data: {"type":"start"}\n\n'
    await events.aclose()  # type: ignore[attr-defined]
    assert closed == [True]


async def test_keep_alive_comments_fill_idle_time_without_losing_the_pending_chunk() -> None:
    keep_alive_seen = anyio.Event()

    async def chunks() -> AsyncIterator[dict[str, Any]]:
        yield {"type": "start"}
        await keep_alive_seen.wait()  # idle until the consumer has received a keep-alive comment
        yield {"type": "text-start", "id": "t"}
        await keep_alive_seen.wait()
        yield {"type": "text-end", "id": "t"}

    events: list[bytes] = []
    with anyio.fail_after(20):  # a deadlock guard, not a timing assertion
        async for event in aencode_ui_message_stream(chunks(), keep_alive_interval=0.01):
            events.append(event)
            if event == b": keep-alive\n\n":
                keep_alive_seen.set()
    assert events[0] == b": stream-open\n\n"
    assert b": keep-alive\n\n" in events
    data_events = [event for event in events if event.startswith(b"data: ")]
    assert data_events == [
        b'data: {"type":"start"}\n\n',
        b'data: {"type":"text-start","id":"t"}\n\n',
        b'data: {"type":"text-end","id":"t"}\n\n',
        b"data: [DONE]\n\n",
    ]
    # The keep-alive came while the generator was waiting, before the chunk it was waiting for.
    assert events.index(b": keep-alive\n\n") < events.index(b'data: {"type":"text-start","id":"t"}\n\n')


async def test_keep_alive_stream_closes_its_source_when_the_consumer_leaves() -> None:
    closed = anyio.Event()
    never = anyio.Event()

    async def chunks() -> AsyncIterator[dict[str, Any]]:
        try:
            yield {"type": "start"}
            await never.wait()
            yield {"type": "finish"}
        finally:
            closed.set()

    events = aencode_ui_message_stream(chunks(), keep_alive_interval=0.01)
    assert await anext(events) == b": stream-open\n\n"
    assert await anext(events) == b'data: {"type":"start"}\n\n'
    assert await anext(events) == b": keep-alive\n\n"
    await events.aclose()  # type: ignore[attr-defined]
    assert closed.is_set()


@pytest.mark.parametrize(("version", "name"), GOLDEN_CASES, ids=[f"v{v}-{n}" for v, n in GOLDEN_CASES])
@pytest.mark.parametrize("produced", [True, False], ids=["produced-here", "checked"])
async def test_the_keep_alive_encoder_sends_the_golden_bytes_after_its_opening_comment(
    version: int, name: str, produced: bool
) -> None:
    chunks = SCENARIOS[name]

    async def elsewhere() -> AsyncIterator[dict[str, Any]]:
        for chunk in chunks:
            yield chunk

    source = aproduced_here(chunks) if produced else elsewhere()
    events = [
        event async for event in aencode_ui_message_stream(source, protocol_version=version, keep_alive_interval=30)
    ]
    assert events[0] == b": stream-open\n\n"
    assert b"".join(events[1:]) == golden_bytes(version, name)


async def test_chunks_that_are_already_read_go_out_together_and_none_waits_for_a_later_one() -> None:
    release = anyio.Event()

    async def chunks() -> AsyncIterator[dict[str, Any]]:
        for index in range(3):
            yield {"type": "text-delta", "id": "t", "delta": str(index)}
        await release.wait()  # a live stream that pauses: what came before must not wait for what comes after
        yield {"type": "text-end", "id": "t"}

    events = aencode_ui_message_stream(chunks(), keep_alive_interval=30)
    assert await anext(events) == b": stream-open\n\n"
    with anyio.fail_after(20):  # a deadlock guard, not a timing assertion
        first = await anext(events)
    assert first == b"".join(
        encode_ui_message_chunk({"type": "text-delta", "id": "t", "delta": str(index)}) for index in range(3)
    )
    release.set()
    rest = [event async for event in events]
    assert rest == [b'data: {"type":"text-end","id":"t"}\n\n', b"data: [DONE]\n\n"]


async def test_the_keep_alive_encoder_reads_a_bounded_number_of_chunks_ahead_of_a_consumer_that_stops() -> None:
    produced = 0

    async def endless() -> AsyncIterator[dict[str, Any]]:
        nonlocal produced
        while True:
            produced += 1
            yield {"type": "text-delta", "id": "t", "delta": "x"}
            await checkpoint()

    events = aencode_ui_message_stream(endless(), keep_alive_interval=30)
    assert await anext(events) == b": stream-open\n\n"
    assert (await anext(events)).startswith(b'data: {"type":"text-delta"')
    for _ in range(1000):  # the consumer stops reading; the reading task gets plenty of turns
        await checkpoint()
    # Back-pressure: a bounded read-ahead (64 chunks), not a thousand chunks buffered for a client reading nothing.
    assert 1 <= produced <= 100
    stalled = produced
    await checkpoint()
    assert produced == stalled
    await events.aclose()  # type: ignore[attr-defined]


async def test_the_keep_alive_encoder_reads_its_source_in_one_task() -> None:
    import asyncio

    tasks: set[Any] = set()

    async def chunks() -> AsyncIterator[dict[str, Any]]:
        for index in range(50):
            tasks.add(asyncio.current_task())
            yield {"type": "text-delta", "id": "t", "delta": str(index)}
            if index % 7 == 0:
                await checkpoint()

    events = [event async for event in aencode_ui_message_stream(chunks(), keep_alive_interval=30)]
    assert b"".join(events).count(b'"type":"text-delta"') == 50
    # One task for the whole stream, not one per chunk: a source's cancel scopes stay in the task that entered them.
    assert len(tasks) == 1


@pytest.mark.parametrize("produced", [True, False], ids=["produced-here", "checked"])
async def test_the_keep_alive_encoder_sends_the_events_before_a_faulty_chunk_then_its_typed_error(
    produced: bool,
) -> None:
    chunks: list[dict[str, Any]] = [
        {"type": "start"},
        {"type": "start-step"},
        {"type": "data-x", "data": object()},
        {"type": "finish"},
    ]

    async def elsewhere() -> AsyncIterator[dict[str, Any]]:
        for chunk in chunks:
            yield chunk

    received: list[bytes] = []
    with pytest.raises(UIMessageStreamError) as caught:
        source = aproduced_here(chunks) if produced else elsewhere()
        async for event in aencode_ui_message_stream(source, keep_alive_interval=30):
            received.append(event)
    assert caught.value.chunk_type == "data-x"
    assert b"".join(received) == b': stream-open\n\ndata: {"type":"start"}\n\ndata: {"type":"start-step"}\n\n'


async def test_a_failing_source_fails_the_keep_alive_encoder_after_the_chunks_before_the_failure() -> None:
    class SourceFailureError(Exception):
        pass

    async def chunks() -> AsyncIterator[dict[str, Any]]:
        yield {"type": "start"}
        raise SourceFailureError("model stream broke")

    received: list[bytes] = []
    with pytest.raises(SourceFailureError, match="model stream broke"):
        async for event in aencode_ui_message_stream(chunks(), keep_alive_interval=30):
            received.append(event)
    assert b"".join(received) == b': stream-open\n\ndata: {"type":"start"}\n\n'


class CleanupFailedError(Exception):
    pass


@pytest.mark.parametrize("keep_alive", [None, 30.0], ids=["plain", "keep-alive"])
@pytest.mark.parametrize("leaving", ["aclose", "cancel"])
async def test_a_source_that_fails_while_it_is_closed_is_not_silenced(keep_alive: float | None, leaving: str) -> None:
    # E.g. an on_finish that cannot save when the client leaves: the error reaches the server, with keep-alive
    # as without (its reading task is inside the source when the consumer leaves).
    waiting = anyio.Event()
    never = anyio.Event()

    async def chunks() -> AsyncIterator[dict[str, Any]]:
        try:
            yield {"type": "start"}
            waiting.set()
            await never.wait()
            yield {"type": "finish"}
        finally:
            with anyio.CancelScope(shield=True):  # as this package's producers run on_finish
                await checkpoint()
            raise CleanupFailedError("could not save the answer")

    events = aencode_ui_message_stream(chunks(), keep_alive_interval=keep_alive)
    raised: list[BaseException] = []
    with anyio.fail_after(20):  # a deadlock guard, not a timing assertion
        if leaving == "aclose":
            while not (await anext(events)).startswith(b"data: "):
                pass
            if keep_alive is not None:
                await waiting.wait()  # its reading task is inside the source, which waits for its next chunk
            with pytest.raises(CleanupFailedError, match="could not save"):
                await events.aclose()  # type: ignore[attr-defined]
        else:

            async def consume() -> None:
                try:
                    async for _event in events:
                        pass
                except BaseException as error:
                    raised.append(error)
                    if not isinstance(error, CleanupFailedError):
                        raise

            with anyio.CancelScope() as scope:
                async with anyio.create_task_group() as group:
                    group.start_soon(consume)
                    await waiting.wait()
                    scope.cancel()
            assert [type(error) for error in raised] == [CleanupFailedError]


def test_keep_alive_outside_asyncio_is_a_typed_error_and_closes_the_source() -> None:
    # Another event loop (trio) has no running asyncio loop; stood in for here by driving the coroutine by hand.
    closed: list[bool] = []

    class Source:
        def __aiter__(self) -> Source:
            return self

        async def __anext__(self) -> dict[str, Any]:
            return {"type": "start"}

        async def aclose(self) -> None:
            closed.append(True)

    events = aencode_ui_message_stream(Source(), keep_alive_interval=1)
    step = anext(events)
    with pytest.raises(UnsupportedFunctionalityError, match="keep_alive_interval needs the asyncio event loop"):
        step.send(None)  # type: ignore[attr-defined]
    assert closed == [True]  # the source is released at once (its on_finish runs), not whenever it is collected


@pytest.mark.parametrize("interval", [0, -1, float("inf"), float("nan")])
def test_keep_alive_interval_must_be_positive_and_finite(interval: float) -> None:
    async def chunks() -> AsyncIterator[dict[str, Any]]:
        yield {"type": "start"}

    source = chunks()
    with pytest.raises(InvalidArgumentError, match="keep_alive_interval"):
        aencode_ui_message_stream(source, keep_alive_interval=interval)


def test_version_adaptation_happens_in_the_stream_encoder() -> None:
    chunks = [{"type": "tool-output-denied", "toolCallId": "c"}, {"type": "custom", "kind": "k"}]
    assert list(encode_ui_message_stream(chunks, protocol_version=6)) == [
        b'data: {"type":"tool-output-denied","toolCallId":"c"}\n\n',
        b"data: [DONE]\n\n",
    ]


def _dynamic_approval_chunks(dynamic: bool) -> list[dict[str, Any]]:
    flag = {"dynamic": True} if dynamic else {}
    return [
        {"type": "tool-input-start", "toolCallId": "c1", "toolName": "mcp_search", **flag},
        {"type": "tool-input-available", "toolCallId": "c1", "toolName": "mcp_search", "input": {}, **flag},
        {"type": "tool-approval-request", "approvalId": "a1", "toolCallId": "c1"},
        {"type": "tool-output-denied", "toolCallId": "c1"},
    ]


@pytest.mark.parametrize("dynamic", [True, False])
async def test_a_5x_replacement_for_a_dynamic_call_says_it_is_dynamic(dynamic: bool) -> None:
    # A 5.x client looks for a dynamic-tool part only when the tool-output-error says "dynamic": true, and
    # aborts its stream when it looks in the wrong place.
    chunks = _dynamic_approval_chunks(dynamic)

    async def source() -> AsyncIterator[dict[str, Any]]:
        for chunk in chunks:
            yield chunk

    encodings = [
        b"".join(encode_ui_message_stream(chunks, protocol_version=5)),
        b"".join(encode_ui_message_stream(produced_here(chunks), protocol_version=5)),
        b"".join([event async for event in aencode_ui_message_stream(source(), protocol_version=5)]),
        b"".join([event async for event in aencode_ui_message_stream(aproduced_here(chunks), protocol_version=5)]),
        b"".join(
            [
                event
                async for event in aencode_ui_message_stream(source(), protocol_version=5, keep_alive_interval=30)
                if not event.startswith(b":")
            ]
        ),
    ]
    for encoded in encodings:
        errors = [payload for payload in event_payloads(encoded) if payload["type"] == "tool-output-error"]
        assert len(errors) == 2
        assert all(("dynamic" in payload) is dynamic for payload in errors)
        assert all(payload.get("dynamic", True) is True for payload in errors)


@pytest.mark.parametrize("started_dynamic", [False, True])
def test_a_5x_tool_input_error_keeps_the_flag_its_call_started_with(started_dynamic: bool) -> None:
    # A call of an unknown tool starts as a static call and fails as a dynamic one. A 7.x client updates the
    # part it has; a 5.x client follows the chunk's flag and would add a second part next to one left streaming.
    start: dict[str, Any] = {"type": "tool-input-start", "toolCallId": "c1", "toolName": "get_horoscope"}
    if started_dynamic:
        start["dynamic"] = True
    failure = {
        "type": "tool-input-error",
        "toolCallId": "c1",
        "toolName": "get_horoscope",
        "input": {},
        "errorText": "unavailable",
        "dynamic": not started_dynamic,
    }
    for version in SUPPORTED_PROTOCOL_VERSIONS:
        for source in (iter([start, failure]), produced_here([start, failure])):
            (*_, sent) = event_payloads(b"".join(encode_ui_message_stream(source, protocol_version=version)))
            assert sent["type"] == "tool-input-error"
            # Versions 6 and 7 read the existing part themselves: they get the chunk as it is.
            assert sent.get("dynamic", False) is (started_dynamic if version == 5 else not started_dynamic)


def test_text_stream_is_the_utf8_of_the_deltas() -> None:
    assert list(encode_text_stream(["Hé", "", "llo"])) == ["Hé".encode(), b"llo"]


async def test_async_text_stream_is_the_utf8_of_the_deltas() -> None:
    async def deltas() -> AsyncIterator[str]:
        for delta in ("Hé", "", "llo"):
            yield delta

    assert [event async for event in aencode_text_stream(deltas())] == ["Hé".encode(), b"llo"]
