"""UIMessageStreamResponse, TextStreamResponse and stream_chat_response in endpoints of one's own."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from typing import Any

import anyio
from fastapi import FastAPI, Request
from fastapi.testclient import TestClient

from ai_sdk_core import astream_text
from ai_sdk_core.testing import MockLanguageModel, text_stream_parts
from fastapi_ai_sdk import (
    ChatRequestBody,
    DefaultModel,
    TextStreamResponse,
    UIMessageStreamResponse,
    stream_chat_response,
)
from fastapi_ai_sdk.testing import chat_request_body, iter_ui_message_chunks, override_models, read_ui_message

from .helpers import GatedModel


async def _wait_for(gate: threading.Event) -> None:
    # Polled: the signal comes from the test thread (no event loop there); the sleep keeps it cancellable.
    while not gate.is_set():  # noqa: ASYNC110
        await anyio.sleep(0.005)


def test_keep_alive_comments_fill_the_silence_until_the_next_chunk() -> None:
    gate = threading.Event()

    async def chunks() -> AsyncIterator[dict[str, Any]]:
        yield {"type": "start"}
        await _wait_for(gate)
        yield {"type": "finish"}

    app = FastAPI()

    @app.get("/stream")
    async def stream() -> UIMessageStreamResponse:
        return UIMessageStreamResponse(chunks(), keep_alive_interval=0.01, headers={"x-extra": "1", "Connection": "x"})

    with TestClient(app) as client, client.stream("GET", "/stream") as response:
        assert response.headers["x-vercel-ai-ui-message-stream"] == "v1"
        assert response.headers["x-extra"] == "1"
        assert "connection" not in response.headers  # hop-by-hop: never set by the app
        lines = response.iter_lines()
        received: list[str] = []
        for line in lines:
            if line:
                received.append(line)
            if line == ": keep-alive":
                break
        gate.set()
        received.extend(line for line in lines if line)
    assert received[0] == ": stream-open"
    assert received[1] == 'data: {"type":"start"}'
    assert ": keep-alive" in received[2:-2]
    assert received[-2:] == ['data: {"type":"finish"}', "data: [DONE]"]


def test_a_text_stream_streams_plain_text_incrementally() -> None:
    gated = GatedModel(["Hello", " world"])
    app = FastAPI()

    @app.post("/complete")
    async def complete() -> TextStreamResponse:
        result = astream_text(model=gated.model, prompt="Hi")
        return TextStreamResponse(result.text_stream)

    with TestClient(app) as client, client.stream("POST", "/complete") as response:
        assert response.headers["content-type"] == "text/plain; charset=utf-8"
        pieces = response.iter_text()
        assert next(pieces) == "Hello"
        assert not gated.completed.is_set()
        gated.gate.set()
        assert "".join(pieces) == " world"
    assert gated.completed.is_set()


def test_stream_chat_response_in_an_endpoint_of_ones_own() -> None:
    from fastapi_ai_sdk import AISDKSettings, ai_sdk_lifespan

    app = FastAPI(lifespan=ai_sdk_lifespan(AISDKSettings(models={"default": {"model": "llama-cpp:default"}})))
    saved: list[Any] = []

    @app.post("/my-chat", response_class=UIMessageStreamResponse)
    async def my_chat(body: ChatRequestBody, model: DefaultModel, request: Request) -> UIMessageStreamResponse:
        return stream_chat_response(body, model, request=request, on_finish=saved.append, protocol_version=6)

    mock = MockLanguageModel(do_stream=text_stream_parts("Mine"))
    with (
        override_models(app, {"default": mock}),
        TestClient(app) as client,
        client.stream("POST", "/my-chat", json=chat_request_body("Hi")) as response,
    ):
        message = read_ui_message(response)
    assert message.parts[-1].text == "Mine"
    [finish] = saved
    assert finish.response_message.id == message.id and finish.alias is None


def test_without_the_sdk_lifespan_the_generation_runs_in_the_requests_own_task_group() -> None:
    gated = GatedModel(["Hello", " world"])
    finished: list[Any] = []
    app = FastAPI()

    @app.post("/bare-chat")
    async def bare_chat(body: ChatRequestBody) -> UIMessageStreamResponse:
        return stream_chat_response(body, gated.model, on_finish=finished.append)

    with TestClient(app) as client, client.stream("POST", "/bare-chat", json=chat_request_body("Hi")) as response:
        chunks = iter_ui_message_chunks(response)
        assert next(chunk for chunk in chunks if chunk["type"] == "text-delta")["delta"] == "Hello"
        assert not gated.completed.is_set()
        gated.gate.set()
        assert [chunk["type"] for chunk in chunks][-1] == "finish"
    [finish] = finished
    assert not finish.is_aborted and finish.response_message.parts[-1].text == "Hello world"
