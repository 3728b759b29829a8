"""The fixture replay transport itself: framing, recording, and running out of responses."""

from __future__ import annotations

import httpx
import pytest

from ai_sdk_core.testing.replay import ReplayExhaustedError, ReplayResponse, ReplayTransport

from .conftest import FIXTURES


def test_chunks_fixture_is_served_as_sse_one_event_per_body_chunk() -> None:
    transport = ReplayTransport.from_fixtures(FIXTURES, "chat-stream-text")
    with httpx.Client(transport=transport) as client, client.stream("POST", "https://x.test/v1", json={}) as response:
        pieces = list(response.iter_raw())
    assert response.headers["content-type"] == "text/event-stream"
    lines = [line for line in (FIXTURES / "chat-stream-text.chunks.txt").read_text().splitlines() if line]
    assert pieces == [f"data: {line}\n\n".encode() for line in lines] + [b"data: [DONE]\n\n"]


def test_json_fixture_status_headers_and_request_recording() -> None:
    transport = ReplayTransport.from_fixtures(FIXTURES, "error-429")
    with httpx.Client(transport=transport) as client:
        response = client.post("https://x.test/v1/chat", json={"model": "m", "n": 1}, headers={"X-A": "1"})
    assert response.status_code == 429
    assert response.headers["retry-after-ms"] == "270"
    assert response.json()["error"]["code"] == "rate_limit_exceeded"
    request = transport.last_request
    assert (request.method, request.url, request.json) == ("POST", "https://x.test/v1/chat", {"model": "m", "n": 1})
    assert request.headers["x-a"] == "1"


def test_fragments_split_across_events_and_exhaustion() -> None:
    transport = ReplayTransport([ReplayResponse.sse([{"a": 1}, "raw text"], fragment_size=5)])
    with httpx.Client(transport=transport) as client:
        with client.stream("POST", "https://x.test") as response:
            pieces = list(response.iter_raw())
        assert b"".join(pieces) == b'data: {"a":1}\n\ndata: raw text\n\ndata: [DONE]\n\n'
        assert {len(piece) for piece in pieces[:-1]} == {5}
        with pytest.raises(ReplayExhaustedError):
            client.post("https://x.test")


def test_missing_fixture_is_a_clear_error() -> None:
    with pytest.raises(FileNotFoundError, match="no-such-scenario"):
        ReplayTransport.from_fixtures(FIXTURES, "no-such-scenario")


@pytest.mark.anyio
async def test_async_client_and_repeat_last() -> None:
    transport = ReplayTransport([ReplayResponse.json_body({"ok": True}, status=503)], repeat_last=True)
    async with httpx.AsyncClient(transport=transport) as client:
        statuses = [(await client.post("https://x.test", json={"try": attempt})).status_code for attempt in range(3)]
    assert statuses == [503, 503, 503]
    assert [request.json for request in transport.requests] == [{"try": 0}, {"try": 1}, {"try": 2}]
