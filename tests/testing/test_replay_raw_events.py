"""``.sse.txt`` fixtures: named-event streams served verbatim, one event per body chunk."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from ai_sdk_core.provider_utils.event_stream import SSEDecoder
from ai_sdk_core.testing.replay import ReplayResponse, ReplayTransport

STREAM = 'event: message_start\ndata: {"a":1}\n\r\nevent: ping\ndata: {}\n\nevent: message_stop\ndata: {"z":"é"}\n'


def _decode(chunks: list[bytes]) -> list[tuple[str, str]]:
    decoder = SSEDecoder()
    events = [event for chunk in chunks for event in decoder.feed(chunk)] + decoder.flush()
    return [(event.event, event.data) for event in events]


def test_events_are_served_whole_and_in_order(tmp_path: Path) -> None:
    (tmp_path / "named.sse.txt").write_text(STREAM, encoding="utf-8")
    transport = ReplayTransport.from_fixtures(tmp_path, "named")
    with httpx.Client(transport=transport) as client, client.stream("POST", "http://vendor.test/v1") as response:
        chunks = list(response.iter_raw())
        assert response.headers["content-type"] == "text/event-stream"
    assert len(chunks) == 3, "one body chunk per event"
    assert not any(b"[DONE]" in chunk for chunk in chunks)
    assert _decode(chunks) == [("message_start", '{"a":1}'), ("ping", "{}"), ("message_stop", '{"z":"é"}')]


@pytest.mark.parametrize("fragment_size", [1, 2, 7])
def test_fragments_cut_across_events_decode_the_same(tmp_path: Path, fragment_size: int) -> None:
    (tmp_path / "named.sse.txt").write_text(STREAM, encoding="utf-8")
    response = ReplayResponse.from_fixture(tmp_path, "named", fragment_size=fragment_size)
    assert max(len(chunk) for chunk in response.chunks) <= fragment_size
    assert _decode(list(response.chunks)) == _decode(list(ReplayResponse.raw_events(STREAM).chunks))


def test_sse_fixture_wins_over_other_forms(tmp_path: Path) -> None:
    (tmp_path / "both.sse.txt").write_text("event: x\ndata: 1\n", encoding="utf-8")
    (tmp_path / "both.chunks.txt").write_text('{"ignored": true}\n', encoding="utf-8")
    assert _decode(list(ReplayResponse.from_fixture(tmp_path, "both").chunks)) == [("x", "1")]
