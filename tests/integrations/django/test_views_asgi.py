"""The chat views under ASGI: Django's AsyncClient, ApplicationCommunicator for disconnects, a real uvicorn."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import uvicorn
from asgiref.sync import SyncToAsync
from asgiref.testing import ApplicationCommunicator
from django.core.asgi import get_asgi_application
from django.db import connections
from django.test import AsyncClient, override_settings

from ai_sdk_core.testing import MockLanguageModel, simulate_stream, text_stream_parts
from django_ai_sdk.models import Message
from django_ai_sdk.testing import override_model
from tests.integrations.django.helpers import WAIT, GatedModel, chat_body, parse_events, user_message

pytestmark = [pytest.mark.django_db(transaction=True, databases="__all__")]


@pytest.fixture(autouse=True)
def _close_worker_connections() -> Iterator[None]:
    """Close the connections that async ORM calls opened in asgiref's worker thread (no request ends there), so
    the test databases can be dropped at the end of the session."""
    yield
    SyncToAsync.single_thread_executor.submit(connections.close_all).result(WAIT)


# A well-formed CSRF secret, sent as the cookie and echoed in the header (what a page does with Django's token).
CSRF = "a" * 32


def _scope(path: str, body: bytes) -> dict[str, Any]:
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "server": ("testserver", 80),
        "client": ("127.0.0.1", 50000),
        "headers": [
            (b"host", b"testserver"),
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"cookie", f"csrftoken={CSRF}".encode()),
            (b"x-csrftoken", CSRF.encode()),
        ],
    }


async def _assistant_message(chat_id: str) -> Message:
    """The saved answer, waited for: under ASGI it is saved by the generation task, after the response."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        message = await Message.objects.filter(chat_id=chat_id, role="assistant").afirst()
        if message is not None:
            return message
        await asyncio.sleep(0.02)
    raise AssertionError("the assistant message was never saved")


async def _read_until_first_delta(communicator: ApplicationCommunicator) -> list[Any]:
    start = await communicator.receive_output(WAIT)
    assert start["type"] == "http.response.start"
    assert start["status"] == 200
    events: list[Any] = []
    while not any(isinstance(event, dict) and event.get("type") == "text-delta" for event in events):
        message = await communicator.receive_output(WAIT)
        events.extend(parse_events(message.get("body", b"")))
    return events


@pytest.mark.anyio
async def test_async_client_gets_an_async_iterator_streamed_incrementally(database: str) -> None:
    gated = GatedModel()
    with override_model("default", gated.mock):
        client = AsyncClient()
        response: Any = await client.post("/chat/", data=chat_body("a1"), content_type="application/json")
        assert response.status_code == 200
        assert response.is_async is True  # ASGI: an async iterator, so Django does not buffer it
        chunks = aiter(response.streaming_content)
        events: list[Any] = []
        while not any(isinstance(event, dict) and event.get("type") == "text-delta" for event in events):
            events.extend(parse_events(await anext(chunks)))
        assert not gated.finished.is_set()
        assert "there" not in json.dumps(events)
        gated.release.set()
        async for chunk in chunks:
            events.extend(parse_events(chunk))
    assert events[-1] == "[DONE]"
    answer = await _assistant_message("a1")
    assert answer.text() == "Hello there!"
    assert (answer.aborted, answer.finish_reason, answer.total_tokens) == (False, "stop", 10)


@pytest.mark.anyio
async def test_after_a_disconnect_the_generation_completes_and_is_saved(database: str) -> None:
    gated = GatedModel()
    application = get_asgi_application()
    with override_model("default", gated.mock):
        body = chat_body("a2")
        communicator = ApplicationCommunicator(application, _scope("/chat/", body))
        await communicator.send_input({"type": "http.request", "body": body, "more_body": False})
        await _read_until_first_delta(communicator)
        await communicator.send_input({"type": "http.disconnect"})
        await communicator.wait(WAIT)  # Django cancelled the response
        assert not gated.finished.is_set()
        gated.release.set()  # the model goes on after the client left
        answer = await _assistant_message("a2")
    assert gated.finished.is_set()
    assert answer.text() == "Hello there!"
    assert (answer.aborted, answer.finish_reason) == (False, "stop")
    assert (answer.input_tokens, answer.output_tokens) == (7, 3)


@pytest.mark.anyio
async def test_the_stop_policy_saves_the_partial_answer_marked_aborted(database: str) -> None:
    gated = GatedModel()
    application = get_asgi_application()
    with override_model("default", gated.mock):
        body = chat_body("a3")
        communicator = ApplicationCommunicator(application, _scope("/chat/stop/", body))
        await communicator.send_input({"type": "http.request", "body": body, "more_body": False})
        await _read_until_first_delta(communicator)
        await communicator.send_input({"type": "http.disconnect"})
        await communicator.wait(WAIT)
        answer = await _assistant_message("a3")
        gated.release.set()  # lets the worker thread of the gate return
    assert answer.aborted is True
    assert answer.text() == "Hello"
    assert not gated.finished.is_set()


@pytest.mark.anyio
async def test_the_text_variant_streams_async_and_saves(database: str) -> None:
    model = MockLanguageModel(do_stream=lambda options: simulate_stream(text_stream_parts("Plain", " text")))
    with override_model("default", model):
        response: Any = await AsyncClient().post("/chat/text/", data=chat_body("a4"), content_type="application/json")
        assert response.status_code == 200
        assert response.is_async is True
        assert response["content-type"] == "text/plain; charset=utf-8"
        body = b"".join([chunk async for chunk in response.streaming_content])
    assert body == b"Plain text"
    assert (await _assistant_message("a4")).text() == "Plain text"


@pytest.mark.anyio
async def test_bad_requests_under_asgi_never_call_the_model(database: str) -> None:
    gated = GatedModel()
    with override_model("default", gated.mock):
        response = await AsyncClient().post("/chat/", data=b"{nope", content_type="application/json")
    assert response.status_code == 400
    assert "JSON" in json.loads(response.content)["error"]
    assert gated.mock.calls == []


@pytest.mark.anyio
async def test_bodies_above_the_limit_are_413_under_asgi(database: str) -> None:
    gated = GatedModel()
    body = chat_body("big", user_message("x" * 3000))
    with override_model("default", gated.mock), override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=2048):
        response = await AsyncClient().post("/chat/", data=body, content_type="application/json")
    assert response.status_code == 413
    assert json.loads(response.content) == {"error": "the request body is larger than 2048 bytes"}
    assert gated.mock.calls == []


# -- a real server -----------------------------------------------------------------------------------------------


@pytest.fixture
def live_server_url() -> Iterator[str]:
    """Django's ASGI application under uvicorn on 127.0.0.1 (a free port), stopped after the test."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    config = uvicorn.Config(get_asgi_application(), lifespan="off", log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + WAIT
    while not server.started:
        if time.monotonic() > deadline:
            raise AssertionError("uvicorn did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(WAIT)
        listener.close()


def _wait_for_answer(chat_id: str) -> Message:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        message = Message.objects.filter(chat_id=chat_id, role="assistant").first()
        if message is not None:
            return message
        time.sleep(0.02)
    raise AssertionError("the assistant message was never saved")


def _stream_until_first_delta(response: httpx.Response) -> tuple[Iterator[bytes], list[Any]]:
    chunks = response.iter_raw()
    events: list[Any] = []
    while not any(isinstance(event, dict) and event.get("type") == "text-delta" for event in events):
        events.extend(parse_events(next(chunks)))
    return chunks, events


def test_uvicorn_streams_incrementally_and_saves(live_server_url: str, database: str) -> None:
    gated = GatedModel()
    headers = {"content-type": "application/json", "x-csrftoken": CSRF, "cookie": f"csrftoken={CSRF}"}
    with (
        override_model("default", gated.mock),
        httpx.Client(base_url=live_server_url, timeout=WAIT) as client,
        client.stream("POST", "/chat/", content=chat_body("u1"), headers=headers) as response,
    ):
        assert response.status_code == 200
        assert response.headers["x-vercel-ai-ui-message-stream"] == "v1"
        chunks, events = _stream_until_first_delta(response)
        assert not gated.finished.is_set()
        gated.release.set()
        for chunk in chunks:
            events.extend(parse_events(chunk))
    assert events[-1] == "[DONE]"
    assert _wait_for_answer("u1").text() == "Hello there!"


def test_uvicorn_client_disconnect_still_saves_the_whole_answer(live_server_url: str, database: str) -> None:
    gated = GatedModel()
    headers = {"content-type": "application/json", "x-csrftoken": CSRF, "cookie": f"csrftoken={CSRF}"}
    with override_model("default", gated.mock), httpx.Client(base_url=live_server_url, timeout=WAIT) as client:
        with client.stream("POST", "/chat/", content=chat_body("u2"), headers=headers) as response:
            _stream_until_first_delta(response)
        # The connection is closed mid-stream (the body was not read to its end).
        assert not gated.finished.is_set()
        gated.release.set()
        answer = _wait_for_answer("u2")
    assert gated.finished.is_set()
    assert answer.text() == "Hello there!"
    assert (answer.aborted, answer.total_tokens) == (False, 10)
