"""Cases 10-11 for Django: CSRF under session authentication (403 unless the view is explicitly exempt), bodies
too large or chunked without a length (refused before any model call), under WSGI (Django's test client) and
ASGI (a real uvicorn); and 500 concurrent chats through the ASGI view against a stub provider on loopback: each
completes, each answer is saved exactly once, memory returns to its baseline."""

from __future__ import annotations

import gc
import json
import tracemalloc
from collections.abc import Iterator
from typing import Any

import anyio
import anyio.to_thread
import httpx
import pytest
from django.core.asgi import get_asgi_application
from django.test import Client

from ai_sdk_core.testing import FaultServer, Handler
from django_ai_sdk.models import Message
from django_ai_sdk.testing import override_model
from fastapi_ai_sdk.testing import chat_request_body
from tests.reliability.web.serving import ANSWER, BOUND, SlowVendor, post_many, read_then_leave, serving, streamed_text
from tests.reliability.wires import SECRET, make_model
from tests.support.vendor_server import ScriptedReply, VendorServer

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.anyio]

CSRF = "r" * 32  # a well-formed CSRF secret, sent as the cookie and echoed in the header (as a page does)
_CSRF_HEADERS = {"cookie": f"csrftoken={CSRF}", "x-csrftoken": CSRF}


@pytest.fixture
def vendor() -> Iterator[VendorServer]:
    with (
        VendorServer(lambda seen: ScriptedReply(text=f"answer to {seen.last_user_text}")) as server,
        override_model("default", server.language_model("openai-chat")),
    ):
        yield server


def _body(text: str, chat_id: str) -> dict[str, Any]:
    return chat_request_body(text, chat_id=chat_id)


def test_wsgi_post_without_csrf_token_is_403(vendor: VendorServer) -> None:
    client = Client(enforce_csrf_checks=True)
    refused = client.post("/chat/", data=_body("hi", "c-wsgi-1"), content_type="application/json")
    assert refused.status_code == 403
    exempt = client.post("/chat/exempt/", data=_body("hi", "c-wsgi-2"), content_type="application/json")
    assert exempt.status_code == 200
    b"".join(exempt.streaming_content) if exempt.streaming else exempt.content  # read it whole
    assert len(vendor.requests) == 1  # only the exempt view reached the model


def test_wsgi_bodies_too_large_or_without_length_never_reach_the_model(vendor: VendorServer) -> None:
    client = Client()
    big = client.post("/chat/exempt/", data=_body("x" * 2_000_000, "c-big"), content_type="application/json")
    many = chat_request_body(
        chat_id="c-many",
        messages=[
            {"id": f"m{index}", "role": "user", "parts": [{"type": "text", "text": "hi"}]} for index in range(100_000)
        ],
    )
    hundred_thousand = client.post("/chat/exempt/", data=many, content_type="application/json")
    assert big.status_code == 413 and hundred_thousand.status_code == 413
    assert vendor.requests == []


def test_many_messages_are_refused_without_a_byte_limit(vendor: VendorServer, settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = None
    many = chat_request_body(
        chat_id="c-roomy",
        messages=[
            {"id": f"m{index}", "role": "user", "parts": [{"type": "text", "text": "hi"}]} for index in range(100_000)
        ],
    )
    response = Client().post("/chat/roomy/", data=many, content_type="application/json")
    assert response.status_code == 400
    assert "too many messages: 100000 (at most 10000)" in response.content.decode()
    assert vendor.requests == []
    assert not Message.objects.exists()


async def test_asgi_csrf_and_body_limits_under_uvicorn(vendor: VendorServer) -> None:
    with serving(get_asgi_application()) as base_url:
        async with httpx.AsyncClient(timeout=BOUND) as client:
            refused = await client.post(f"{base_url}/chat/", json=_body("hi", "c-asgi-1"))
            allowed = await client.post(f"{base_url}/chat/", json=_body("hi", "c-asgi-2"), headers=_CSRF_HEADERS)
            big = await client.post(f"{base_url}/chat/", json=_body("x" * 2_000_000, "c-asgi-3"), headers=_CSRF_HEADERS)

            async def chunks() -> Any:  # chunked transfer: no content-length to check up front
                data = json.dumps(_body("y" * 3_000_000, "c-asgi-4")).encode()
                for start in range(0, len(data), 65536):
                    yield data[start : start + 65536]

            chunked = await client.post(
                f"{base_url}/chat/", content=chunks(), headers={**_CSRF_HEADERS, "content-type": "application/json"}
            )
    assert refused.status_code == 403
    assert allowed.status_code == 200 and streamed_text(allowed.text) == "answer to hi"
    assert big.status_code == 413 and chunked.status_code == 413
    assert len(vendor.requests) == 1


@pytest.mark.timeout(300)
async def test_500_concurrent_chats_through_the_asgi_view(vendor: VendorServer) -> None:
    with serving(get_asgi_application()) as base_url:
        url = f"{base_url}/chat/exempt/"
        warm = await post_many(url, [_body(f"warm {index}", f"warm-{index}") for index in range(20)])
        assert {status for status, _ in warm} == {200}, warm[:2]
        gc.collect()
        tracemalloc.start()
        try:
            results = await post_many(url, [_body(f"q{index}", f"chat-{index}") for index in range(500)])
            texts = [streamed_text(text) for _, text in results]
            statuses = [status for status, _ in results]
            del results
            gc.collect()
            retained, _ = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert statuses == [200] * 500, set(statuses)
        assert texts == [f"answer to q{index}" for index in range(500)]
        # Saved by the generation after the response ended: every chat, exactly once (bounded wait for the last).
        counts = await _assistant_counts(500)
    assert counts == {f"chat-{index}": 1 for index in range(500)}
    # Measured at about 2.5-3.5 MiB (interned strings, caches, the test's own result lists); a leak of each
    # request's objects (parsed messages, streams, provider responses) would add tens of KiB per request.
    assert retained < 8 * 1024 * 1024, f"{retained / 2**20:.1f} MiB retained after 500 requests"


async def _assistant_counts(expected: int, prefix: str = "chat-") -> dict[str, int]:
    counts: dict[str, int] = {}
    with anyio.move_on_after(BOUND):
        while True:
            counts = {}
            async for message in Message.objects.filter(role="assistant", chat__id__startswith=prefix):
                counts[message.chat_id] = counts.get(message.chat_id, 0) + 1
            if len(counts) >= expected:
                break
            await anyio.sleep(0.1)
    return counts


@pytest.mark.parametrize("first_token", [True, False], ids=["mid-stream", "before-first-token"])
async def test_asgi_client_that_leaves_still_gets_its_answer_saved_once_with_usage(first_token: bool) -> None:
    # The documented default (finish_on_disconnect=True): the answer is generated to its end and saved once.
    vendor = SlowVendor(delay_first=0.0 if first_token else 0.5)
    async_client = httpx.AsyncClient(limits=httpx.Limits(max_keepalive_connections=0))
    with (
        FaultServer() as upstream,
        httpx.Client() as sync_client,
        override_model("default", make_model("openai-chat", upstream.base_url, sync_client, async_client)),
        serving(get_asgi_application()) as base_url,
    ):
        upstream.script(Handler(vendor))
        await anyio.to_thread.run_sync(
            lambda: read_then_leave(f"{base_url}/chat/exempt/", "chat-left", first_token=first_token)
        )
        assert await anyio.to_thread.run_sync(vendor.completed.wait, BOUND)
        counts = await _assistant_counts(1, prefix="chat-left")
        message = await Message.objects.filter(role="assistant", chat__id="chat-left").afirst()
    assert counts == {"chat-left": 1}
    assert message is not None and not message.aborted
    assert "".join(part.get("text", "") for part in message.parts) == ANSWER
    assert message.output_tokens is not None and message.total_tokens is not None
    assert SECRET not in repr(message.usage)
