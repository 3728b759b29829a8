"""Reading a UI message stream: SSE bytes -> chunks -> UIMessage snapshots (as the JS readUIMessageStream)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from typing import Any

import anyio
import pytest

from ai_sdk_core.ui.errors import UIMessageStreamError
from ai_sdk_core.ui.messages import UIMessage
from ai_sdk_core.ui.reader import (
    aparse_ui_message_stream,
    aread_ui_message_stream,
    parse_ui_message_stream,
    read_ui_message_stream,
)

# A body as a 7.x server writes it (hand-written).
BODY = (
    b'data: {"type":"start","messageId":"msg-1"}\n\n'
    b'data: {"type":"start-step"}\n\n'
    b'data: {"type":"text-start","id":"0"}\n\n'
    b'data: {"type":"text-delta","id":"0","delta":"Gr\xc3\xbc"}\n\n'
    b'data: {"type":"text-delta","id":"0","delta":"\xc3\x9fe"}\n\n'
    b'data: {"type":"text-end","id":"0"}\n\n'
    b'data: {"type":"finish-step"}\n\n'
    b'data: {"type":"finish","finishReason":"stop"}\n\n'
    b"data: [DONE]\n\n"
)


def split_every(data: bytes, size: int) -> list[bytes]:
    return [data[index : index + size] for index in range(0, len(data), size)]


async def agen(items: Iterable[Any]) -> AsyncIterator[Any]:
    for item in items:
        yield item


def test_parse_yields_the_chunks_and_stops_at_done() -> None:
    chunks = list(parse_ui_message_stream([BODY + b'data: {"type":"text-start","id":"late"}\n\n']))
    assert [chunk["type"] for chunk in chunks] == [
        "start",
        "start-step",
        "text-start",
        "text-delta",
        "text-delta",
        "text-end",
        "finish-step",
        "finish",
    ]
    assert chunks[3]["delta"] == "Grü"


@pytest.mark.parametrize("size", [1, 3, 7, 64])
def test_parse_any_split_including_inside_utf8(size: int) -> None:
    assert list(parse_ui_message_stream(split_every(BODY, size))) == list(parse_ui_message_stream([BODY]))


def test_parse_accepts_text_and_ignores_comments_and_empty_events() -> None:
    body = ': keep-alive\n\ndata: {"type":"start"}\n\nevent: ping\n\n' + "data: [DONE]\n\n"
    assert list(parse_ui_message_stream([body])) == [{"type": "start"}]


def test_parse_without_done_ends_with_the_body() -> None:
    assert list(parse_ui_message_stream([b'data: {"type":"start"}'])) == [{"type": "start"}]


@pytest.mark.parametrize("event", [b"data: {nope\n\n", b"data: [1]\n\n", b'data: {"type": 3}\n\n'])
def test_malformed_events_raise(event: bytes) -> None:
    with pytest.raises(UIMessageStreamError):
        list(parse_ui_message_stream([event]))


def test_read_yields_a_snapshot_per_change() -> None:
    snapshots = [snapshot.to_dict() for snapshot in read_ui_message_stream(split_every(BODY, 5))]
    # start (id), text-start, two deltas, text-end; step chunks and a finish without metadata re-render nothing
    assert [snapshot["parts"][1:] for snapshot in snapshots] == [
        [],
        [{"type": "text", "text": "", "state": "streaming"}],
        [{"type": "text", "text": "Grü", "state": "streaming"}],
        [{"type": "text", "text": "Grüße", "state": "streaming"}],
        [{"type": "text", "text": "Grüße", "state": "done"}],
    ]
    assert snapshots[-1] == {
        "id": "msg-1",
        "role": "assistant",
        "parts": [{"type": "step-start"}, {"type": "text", "text": "Grüße", "state": "done"}],
    }


def test_read_accepts_parsed_chunks() -> None:
    chunks = [{"type": "text-start", "id": "a"}, {"type": "text-delta", "id": "a", "delta": "x"}]
    (_, last) = list(read_ui_message_stream(chunks))
    assert last.to_dict()["parts"] == [{"type": "text", "text": "x", "state": "streaming"}]


def test_read_continues_a_given_message_and_resets_on_a_new_id() -> None:
    message = UIMessage.model_validate({"id": "m", "role": "assistant", "parts": [{"type": "text", "text": "a"}]})
    continued = list(
        read_ui_message_stream(
            [{"type": "start", "messageId": "m"}, {"type": "text-start", "id": "1"}], message=message
        )
    )
    assert [part.type for part in continued[-1].parts] == ["text", "text"]
    fresh = list(read_ui_message_stream([{"type": "start", "messageId": "other"}], message=message))
    assert fresh[-1].to_dict() == {"id": "other", "role": "assistant", "parts": []}
    assert message.to_dict()["parts"] == [{"type": "text", "text": "a"}]


def test_error_chunks_go_to_on_error_and_terminate_only_when_asked() -> None:
    chunks = [{"type": "error", "errorText": "An error occurred."}, {"type": "text-start", "id": "a"}]
    seen: list[UIMessageStreamError] = []
    snapshots = list(read_ui_message_stream(chunks, on_error=seen.append))
    assert len(snapshots) == 1 and str(seen[0]) == "An error occurred."
    with pytest.raises(UIMessageStreamError) as caught:
        list(read_ui_message_stream(chunks, terminate_on_error=True))
    assert caught.value.chunk_type == "error"


def test_inconsistent_stream_raises() -> None:
    with pytest.raises(UIMessageStreamError):
        list(read_ui_message_stream([b'data: {"type":"text-delta","id":"x","delta":"y"}\n\n']))


def test_async_twins_match_the_sync_functions() -> None:
    async def run() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        chunks = [chunk async for chunk in aparse_ui_message_stream(agen(split_every(BODY, 4)))]
        messages = [message.to_dict() async for message in aread_ui_message_stream(agen(split_every(BODY, 4)))]
        return chunks, messages

    chunks, messages = anyio.run(run)
    assert chunks == list(parse_ui_message_stream([BODY]))
    assert messages == [message.to_dict() for message in read_ui_message_stream([BODY])]


def test_async_stops_at_done() -> None:
    async def run() -> list[dict[str, Any]]:
        return [chunk async for chunk in aparse_ui_message_stream(agen([b"data: [DONE]\n\n", b"data: {nope\n\n"]))]

    assert anyio.run(run) == []
