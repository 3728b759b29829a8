"""Case 10 for Django: clients that leave and clients that stop reading.

- WSGI (the standard library's server on 127.0.0.1): the server closes the response iterator when a write fails
  (``GeneratorExit`` in the view's generator); the model stream is closed and what was produced is saved once,
  marked aborted, with the usage the model had reported by then.
- ASGI under uvicorn with ``finish_on_disconnect=False``: the generation stops, the partial answer is saved once,
  marked aborted. (The default, ``True``, is in ``test_django.py``.)
- ASGI, a client that stops reading: the upstream stalls instead of the server buffering the whole answer.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from typing import Any

import anyio
import anyio.to_thread
import httpx
import pytest
from django.core.asgi import get_asgi_application
from django.core.wsgi import get_wsgi_application

from ai_sdk_core.testing import FaultServer, Handler
from django_ai_sdk.models import Message
from django_ai_sdk.testing import override_model
from fastapi_ai_sdk.testing import chat_request_body
from tests.reliability.web.serving import (
    ANSWER,
    BOUND,
    CountingVendor,
    SlowVendor,
    read_then_leave,
    serving,
    serving_wsgi,
)
from tests.reliability.wires import SECRET, make_model

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def clients() -> Iterator[tuple[httpx.Client, httpx.AsyncClient]]:
    # The async client is used on uvicorn's loop: no pooled connection outlives it.
    client = httpx.Client()
    async_client = httpx.AsyncClient(limits=httpx.Limits(max_keepalive_connections=0))
    yield client, async_client
    client.close()


def _post_and_leave(base_url: str, path: str, chat_id: str, *, first_token: bool) -> bytes:
    """POST a chat over a raw socket; read the response head (and up to the first text delta when
    ``first_token``), then close the socket without reading the rest. Returns what was read."""
    host, port = base_url.removeprefix("http://").split(":")
    body = json.dumps(chat_request_body("Hi", chat_id=chat_id)).encode()
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode()
    received = b""
    with socket.create_connection((host, int(port)), timeout=BOUND) as client:
        client.sendall(head + body)
        wanted = b'"text-delta"' if first_token else b"\r\n\r\n"
        while wanted not in received:
            data = client.recv(4096)
            assert data, f"the server closed first: {received!r}"
            received += data
    return received


def _assistant_messages(chat_id: str) -> list[Message]:
    return list(Message.objects.filter(role="assistant", chat__id=chat_id))


def _text(message: Message) -> str:
    return "".join(part.get("text", "") for part in message.parts)


@pytest.mark.parametrize("first_token", [True, False], ids=["mid-stream", "before-first-token"])
def test_wsgi_client_that_leaves_closes_the_upstream_and_saves_the_partial_answer(
    clients: Any, first_token: bool
) -> None:
    vendor = SlowVendor(delay_first=0.0 if first_token else 0.5, wire="anthropic")
    with (
        FaultServer() as upstream,
        override_model("default", make_model("anthropic", upstream.base_url, *clients)),
        serving_wsgi(get_wsgi_application()) as base_url,
    ):
        upstream.script(Handler(vendor))
        received = _post_and_leave(base_url, "/chat/exempt/", "wsgi-left", first_token=first_token)
        assert received.startswith(b"HTTP/1.1 200") or received.startswith(b"HTTP/1.0 200"), received[:80]
        # The server notices on its next write; it then closes the model stream (the vendor sees it go).
        assert vendor.upstream_closed.wait(BOUND), "the upstream connection stayed open"
        assert upstream.wait_idle(BOUND)
    assert not vendor.completed.is_set()
    assert not upstream.failures, upstream.failures
    # Saved in the server's thread before the server stopped (its request ends only after the save).
    messages = _assistant_messages("wsgi-left")
    assert len(messages) == 1
    message = messages[0]
    assert message.aborted
    assert ANSWER.startswith(_text(message)) and _text(message) != ANSWER
    # The stream never reached its final usage event: the counts Anthropic reported before it (`message_start`:
    # input 1, output 1 so far) are kept, the others are unknown (None), never a made-up zero. After the first
    # token `message_start` surely arrived; leaving before it, the server notices only on a later write, which
    # may come before or after that event.
    counts = (message.input_tokens, message.output_tokens, message.total_tokens)
    assert (counts == (1, 1, 2)) if first_token else (counts in {(1, 1, 2), (None, None, None)})
    assert SECRET not in repr(message.usage)


@pytest.mark.anyio
@pytest.mark.parametrize("first_token", [True, False], ids=["mid-stream", "before-first-token"])
async def test_asgi_stop_policy_stops_the_generation_and_saves_it_aborted_once(clients: Any, first_token: bool) -> None:
    vendor = SlowVendor(delay_first=0.0 if first_token else 0.5)
    with (
        FaultServer() as upstream,
        override_model("default", make_model("openai-chat", upstream.base_url, *clients)),
        serving(get_asgi_application()) as base_url,
    ):
        upstream.script(Handler(vendor))
        await anyio.to_thread.run_sync(
            lambda: read_then_leave(f"{base_url}/chat/stop/", "asgi-stop", first_token=first_token)
        )
        messages = await _await_saved("asgi-stop")
        # Closed early: before the request went out (the client left at the response head) or mid-answer.
        assert await anyio.to_thread.run_sync(upstream.wait_idle, BOUND), "the upstream connection stayed open"
    # Stopped, not finished: the vendor never sent its last event, and nothing else saves a second copy
    # (the server, and with it every task it ran, has stopped by now).
    assert not vendor.completed.is_set()
    if first_token:
        assert vendor.upstream_closed.is_set()
    assert not upstream.failures, upstream.failures
    assert len(messages) == 1 and len(await _assistant_list("asgi-stop")) == 1
    message = messages[0]
    assert message.aborted
    assert ANSWER.startswith(_text(message)) and _text(message) != ANSWER
    assert SECRET not in repr(message.usage)


async def _assistant_list(chat_id: str) -> list[Message]:
    return [message async for message in Message.objects.filter(role="assistant", chat__id=chat_id)]


async def _await_saved(chat_id: str) -> list[Message]:
    """The chat's assistant messages once there is one (the save runs after the response; bounded wait)."""
    messages: list[Message] = []
    with anyio.move_on_after(BOUND):
        while True:
            messages = await _assistant_list(chat_id)
            if messages:
                break
            await anyio.sleep(0.05)
    return messages


@pytest.mark.anyio
async def test_asgi_client_that_stops_reading_stalls_the_upstream(clients: Any) -> None:
    # 800 events of 64 KiB (50 MiB): far more than the socket buffers between vendor, server and client hold.
    vendor = CountingVendor(events=800, size=64 * 1024)
    with (
        FaultServer() as upstream,
        override_model("default", make_model("openai-chat", upstream.base_url, *clients)),
        serving(get_asgi_application()) as base_url,
    ):
        upstream.script(Handler(vendor))

        def read_late() -> tuple[int, int]:
            with (
                httpx.Client(timeout=BOUND) as client,
                client.stream(
                    "POST", f"{base_url}/chat/exempt/", json=chat_request_body("Hi", chat_id="slow-reader")
                ) as response,
            ):
                assert response.status_code == 200
                stalled_at = vendor.wait_stalled()  # the client reads nothing meanwhile
                assert not vendor.finished.is_set()
                return stalled_at, sum(len(chunk) for chunk in response.iter_bytes())

        stalled_at, received = await anyio.to_thread.run_sync(read_late)
        assert await anyio.to_thread.run_sync(vendor.finished.wait, BOUND)
        messages = await _await_saved("slow-reader")
    # Unbounded buffering would pull all 800 events while nobody reads.
    assert stalled_at < vendor.total // 2, f"{stalled_at} of {vendor.total} events pulled without a reader"
    assert received > vendor.total * 64 * 1024
    assert len(messages) == 1 and not messages[0].aborted


def test_the_wsgi_server_helper_serves_a_whole_answer(clients: Any) -> None:
    # The control of the WSGI disconnect case: a client that reads to the end gets the full answer, saved once.
    vendor = SlowVendor(interval=0.0)
    with (
        FaultServer() as upstream,
        override_model("default", make_model("openai-chat", upstream.base_url, *clients)),
        serving_wsgi(get_wsgi_application()) as base_url,
        httpx.Client(timeout=BOUND) as client,
    ):
        upstream.script(Handler(vendor))
        response = client.post(f"{base_url}/chat/exempt/", json=chat_request_body("Hi", chat_id="wsgi-whole"))
    assert response.status_code == 200
    assert vendor.completed.is_set()
    messages = _assistant_messages("wsgi-whole")
    assert len(messages) == 1 and not messages[0].aborted and _text(messages[0]) == ANSWER
    assert messages[0].output_tokens is not None
