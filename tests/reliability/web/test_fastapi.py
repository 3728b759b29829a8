"""Cases 10-11 for FastAPI under a real uvicorn on 127.0.0.1, the model an OpenAI-wire provider talking to a
loopback vendor: clients that leave mid-stream or before the first token, bodies that are too large (declared,
chunked without a length, or 100,000 messages), and 500 concurrent chats (each completes, each answer persisted
exactly once, memory back to its baseline).

Policy (``create_chat_router(on_disconnect=...)``): ``"finish"`` (the default) keeps generating after the client
left and saves the complete answer; ``"stop"`` closes the upstream connection and saves what arrived, aborted.
"""

from __future__ import annotations

import gc
import json
import threading
import tracemalloc
from collections import Counter
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from ai_sdk_core.testing import FaultServer, Handler
from fastapi_ai_sdk import ChatFinish, DisconnectPolicy, create_chat_router
from fastapi_ai_sdk.testing import chat_request_body
from tests.reliability.web.serving import (
    ANSWER,
    BOUND,
    CountingVendor,
    SlowVendor,
    post_many,
    read_then_leave,
    serving,
    streamed_text,
)
from tests.reliability.wires import SECRET, make_model
from tests.support.vendor_server import ScriptedReply, VendorServer

pytestmark = pytest.mark.anyio


class Store:
    """What an app's persistence does: count every saved answer per chat id (thread-safe)."""

    def __init__(self) -> None:
        self.saved: Counter[str] = Counter()
        self.finishes: list[ChatFinish] = []
        self.lock = threading.Lock()
        self.event = threading.Event()

    def save(self, finish: ChatFinish) -> None:
        with self.lock:
            self.saved[finish.chat_id or ""] += 1
            self.finishes.append(finish)
        self.event.set()


def _app(model: Any, store: Store, policy: DisconnectPolicy = "finish", **options: Any) -> FastAPI:
    app = FastAPI()
    app.include_router(
        create_chat_router(model=model, on_finish=store.save, on_disconnect=policy, keep_alive_interval=None, **options)
    )
    return app


@pytest.fixture
def clients() -> Iterator[tuple[httpx.Client, httpx.AsyncClient]]:
    # The async client is used on uvicorn's loop: no pooled connection outlives it.
    client = httpx.Client()
    async_client = httpx.AsyncClient(limits=httpx.Limits(max_keepalive_connections=0))
    yield client, async_client
    client.close()


def _saved_text(finish: ChatFinish) -> str:
    return "".join(getattr(part, "text", "") for part in finish.response_message.parts)


@pytest.mark.parametrize("first_token", [True, False], ids=["mid-stream", "before-first-token"])
@pytest.mark.parametrize("policy", ["finish", "stop"])
def test_a_client_that_leaves(clients: Any, policy: DisconnectPolicy, first_token: bool) -> None:
    vendor = SlowVendor(delay_first=0.0 if first_token else 0.5)
    store = Store()
    with FaultServer() as upstream:
        upstream.script(Handler(vendor))
        model = make_model("openai-chat", upstream.base_url, *clients)
        with serving(_app(model, store, policy)) as base_url:
            read_then_leave(f"{base_url}/api/chat", "chat-leave", first_token=first_token)
            assert store.event.wait(BOUND), "on_finish never ran"
            if policy == "finish":
                assert vendor.completed.wait(BOUND)
            upstream_idle = upstream.wait_idle(BOUND)
        assert not upstream.failures, upstream.failures
    assert store.saved == Counter({"chat-leave": 1})
    finish = store.finishes[0]
    if policy == "finish":
        assert not finish.is_aborted and _saved_text(finish) == ANSWER
        assert not vendor.upstream_closed.is_set()
    else:
        assert finish.is_aborted and ANSWER.startswith(_saved_text(finish))
        # Closed early: either before the request went out, or mid-answer (the vendor saw the client leave).
        assert upstream_idle, "the upstream connection stayed open"
        assert not vendor.completed.is_set()
    assert SECRET not in repr(finish)


def test_bodies_that_are_too_large_never_reach_the_model() -> None:
    store = Store()
    with VendorServer(lambda seen: ScriptedReply(text="never")) as vendor:
        with (
            serving(_app(vendor.language_model("openai-chat"), store)) as base_url,
            httpx.Client(timeout=BOUND) as client,
        ):
            url = f"{base_url}/api/chat"
            declared = client.post(url, json=chat_request_body("x" * 2_000_000))
            many = chat_request_body(
                messages=[
                    {"id": f"m{index}", "role": "user", "parts": [{"type": "text", "text": "hi"}]}
                    for index in range(100_000)
                ]
            )

            def chunks() -> Iterator[bytes]:  # chunked: no content-length to check up front
                data = json.dumps(chat_request_body("y" * 3_000_000)).encode()
                for start in range(0, len(data), 65536):
                    yield data[start : start + 65536]

            chunked = client.post(url, content=chunks(), headers={"content-type": "application/json"})
            hundred_thousand = client.post(url, json=many)
        assert [declared.status_code, chunked.status_code, hundred_thousand.status_code] == [413, 413, 413]
        assert vendor.requests == []
    assert not store.saved


def test_many_messages_are_refused_even_under_a_raised_byte_limit() -> None:
    # An app that raises the byte limit for attachments still refuses a body stuffed with small messages, by
    # their count, before any model call (FastAPI's own 422, naming the reason).
    store = Store()
    with VendorServer(lambda seen: ScriptedReply(text="never")) as vendor:
        app = _app(vendor.language_model("openai-chat"), store, max_request_bytes=50_000_000)
        with serving(app) as base_url, httpx.Client(timeout=BOUND) as client:
            many = chat_request_body(
                messages=[
                    {"id": f"m{index}", "role": "user", "parts": [{"type": "text", "text": "hi"}]}
                    for index in range(100_000)
                ]
            )
            response = client.post(f"{base_url}/api/chat", json=many)
        assert response.status_code == 422
        assert "too many messages: 100000 (at most 10000)" in response.text
        assert vendor.requests == []
    assert not store.saved


@pytest.mark.timeout(240)
async def test_500_concurrent_chats_complete_and_persist_once() -> None:
    store = Store()
    with (
        VendorServer(lambda seen: ScriptedReply(text=f"answer to {seen.last_user_text}")) as vendor,
        serving(_app(vendor.language_model("openai-chat"), store)) as base_url,
    ):
        url = f"{base_url}/api/chat"
        warm = await post_many(
            url, [chat_request_body(f"warm {index}", chat_id=f"warm-{index}") for index in range(20)]
        )
        assert {status for status, _ in warm} == {200}
        gc.collect()
        tracemalloc.start()
        try:
            bodies = [chat_request_body(f"q{index}", chat_id=f"chat-{index}") for index in range(500)]
            results = await post_many(url, bodies)
            store.finishes.clear()  # what the app chose to keep; the rest must be gone
            del bodies
            gc.collect()
            retained, _ = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert [status for status, _ in results] == [200] * 500
    assert [streamed_text(text) for _, text in results] == [f"answer to q{index}" for index in range(500)]
    assert all(store.saved[f"chat-{index}"] == 1 for index in range(500))
    assert sum(store.saved.values()) == 520
    # Back to the baseline: what the 500 requests left allocated is small, not a copy of each request.
    # Measured at about 2.5-3.5 MiB (interned strings, caches, the test's own result lists); a leak of each
    # request's objects (parsed messages, streams, provider responses) would add tens of KiB per request.
    assert retained < 8 * 1024 * 1024, f"{retained / 2**20:.1f} MiB retained after 500 requests"


def test_a_client_that_stops_reading_stops_the_upstream(clients: Any) -> None:
    # 800 events of 64 KiB (50 MiB): far more than the socket buffers between vendor, server and client hold.
    vendor = CountingVendor(events=800, size=64 * 1024)
    store = Store()
    with FaultServer() as upstream:
        upstream.script(Handler(vendor))
        model = make_model("openai-chat", upstream.base_url, *clients)
        with (
            serving(_app(model, store)) as base_url,
            httpx.Client(timeout=BOUND) as client,
            client.stream(
                "POST", f"{base_url}/api/chat", json=chat_request_body("Hi", chat_id="slow-reader")
            ) as response,
        ):
            assert response.status_code == 200
            # The client reads nothing; the vendor goes on only as far as buffers allow (bounded wait).
            stalled_at = vendor.wait_stalled()
            assert not vendor.finished.is_set()
            assert stalled_at < vendor.total // 2, f"{stalled_at} of {vendor.total} events pulled without a reader"
            received = sum(len(chunk) for chunk in response.iter_bytes())
        assert vendor.finished.wait(BOUND)
        assert store.event.wait(BOUND)
    assert received > vendor.total * 64 * 1024
    assert store.saved == Counter({"slow-reader": 1}) and not store.finishes[0].is_aborted
