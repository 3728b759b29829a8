"""Telemetry over the real OpenAI provider (its HTTP answered by an ``httpx.MockTransport``, no network): the
API key and every header stay out of every span, while the GenAI response attributes come from the wire."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from ai_sdk_core.providers.openai import create_openai
from tests.telemetry.conftest import Spans, all_attribute_text, run

pytestmark = pytest.mark.anyio

API_KEY = "sk-proj-Zx81telemetryNeverSeesThisKey00"
HEADER_SECRET = "custom-header-secret-7731"


def _answer(request: httpx.Request, seen: list[httpx.Request]) -> httpx.Response:
    seen.append(request)
    body = json.loads(request.content)
    usage = {"prompt_tokens": 7, "completion_tokens": 2, "total_tokens": 9}
    if body.get("stream"):
        chunks = [
            {
                "id": "chatcmpl-42",
                "object": "chat.completion.chunk",
                "created": 1,
                "model": "gpt-4o-mini-2024",
                "choices": [{"index": 0, "delta": {"role": "assistant", "content": "Hello"}, "finish_reason": None}],
            },
            {
                "id": "chatcmpl-42",
                "object": "chat.completion.chunk",
                "created": 1,
                "model": "gpt-4o-mini-2024",
                "choices": [{"index": 0, "delta": {"content": " there"}, "finish_reason": "stop"}],
            },
            {
                "id": "chatcmpl-42",
                "object": "chat.completion.chunk",
                "created": 1,
                "model": "gpt-4o-mini-2024",
                "choices": [],
                "usage": usage,
            },
        ]
        text = "".join(f"data: {json.dumps(chunk)}\n\n" for chunk in chunks) + "data: [DONE]\n\n"
        return httpx.Response(200, content=text.encode(), headers={"content-type": "text/event-stream"})
    message = {"role": "assistant", "content": "Hello there"}
    completion: dict[str, Any] = {
        "id": "chatcmpl-42",
        "object": "chat.completion",
        "created": 1,
        "model": "gpt-4o-mini-2024",
        "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
        "usage": usage,
    }
    return httpx.Response(200, json=completion)


@pytest.mark.parametrize("flavour", ["generate", "stream"])
@pytest.mark.parametrize("mode", ["sync", "async"])
async def test_no_key_nor_header_in_any_span(spans: Spans, mode: str, flavour: str) -> None:
    seen: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda request: _answer(request, seen))
    async with httpx.AsyncClient(transport=transport) as async_client:
        with httpx.Client(transport=transport) as client:
            provider = create_openai(api_key=API_KEY, http_client=client, async_http_client=async_client)
            text, error = await run(
                mode,
                flavour,
                model=provider.chat("gpt-4o-mini"),
                prompt="Say hello",
                headers={"X-Custom-Auth": HEADER_SECRET},
                experimental_telemetry=spans.telemetry(metadata={"request": "r-1"}),
            )
    assert (text, error) == ("Hello there", None)
    # The key and the header really went over the (mock) wire ...
    assert seen[0].headers["authorization"] == f"Bearer {API_KEY}"
    assert seen[0].headers["x-custom-auth"] == HEADER_SECRET

    recorded = spans.finished()
    assert len(recorded) == 2
    everything = all_attribute_text(recorded)
    # ... and into no span: not the key, not a piece of it, not the header, not its name.
    for secret in (API_KEY, API_KEY[8:24], HEADER_SECRET, "Bearer"):
        assert secret not in everything
    assert "Say hello" in everything and "Hello there" in everything  # the search does see the content
    assert "authorization" not in everything.lower()
    assert "x-custom-auth" not in everything.lower()

    inner = dict(recorded[0].attributes or {}) if recorded[0].parent else dict(recorded[1].attributes or {})
    assert inner["gen_ai.system"] == "openai.chat"
    assert inner["gen_ai.request.model"] == "gpt-4o-mini"
    assert inner["gen_ai.response.id"] == "chatcmpl-42"
    assert inner["gen_ai.response.model"] == "gpt-4o-mini-2024"
    assert inner["gen_ai.response.finish_reasons"] == ("stop",)
    assert (inner["gen_ai.usage.input_tokens"], inner["gen_ai.usage.output_tokens"]) == (7, 2)
    assert inner["ai.response.text"] == "Hello there"
