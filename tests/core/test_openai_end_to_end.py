"""The core loop over the real OpenAI provider, its HTTP answered by an ``httpx.MockTransport`` (no network)."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from ai_sdk_core import step_count_is, tool
from ai_sdk_core.providers.openai import create_openai
from tests.core.conftest import Api

pytestmark = pytest.mark.anyio


def _chunk(delta: dict[str, Any] | None, finish_reason: str | None = None, usage: dict[str, int] | None = None) -> str:
    choices = [] if delta is None else [{"index": 0, "delta": delta, "finish_reason": finish_reason}]
    chunk: dict[str, Any] = {"id": "chunk", "object": "chat.completion.chunk", "created": 1, "model": "gpt-4o-mini"}
    chunk["choices"] = choices
    if usage is not None:
        chunk["usage"] = usage
    return f"data: {json.dumps(chunk)}\n\n"


def _answer(request: httpx.Request, sent: list[dict[str, Any]]) -> httpx.Response:
    body = json.loads(request.content)
    sent.append(body)
    answered = any(message["role"] == "tool" for message in body["messages"])
    usage = {"prompt_tokens": 5, "completion_tokens": 3, "total_tokens": 8}
    call = {"id": "call_1", "type": "function", "function": {"name": "weather", "arguments": '{"city":"Paris"}'}}
    if body.get("stream"):
        if answered:
            events = [_chunk({"role": "assistant", "content": "Sunny"}), _chunk({"content": " today"}, "stop")]
        else:
            events = [_chunk({"role": "assistant", "tool_calls": [{"index": 0, **call}]}, "tool_calls")]
        text = "".join([*events, _chunk(None, usage=usage), "data: [DONE]\n\n"])
        return httpx.Response(200, content=text.encode(), headers={"content-type": "text/event-stream"})
    message: dict[str, Any] = (
        {"role": "assistant", "content": "Sunny today"}
        if answered
        else {"role": "assistant", "content": None, "tool_calls": [call]}
    )
    choice = {"index": 0, "message": message, "finish_reason": "stop" if answered else "tool_calls"}
    completion = {"id": "c", "object": "chat.completion", "created": 1, "model": "gpt-4o-mini", "choices": [choice]}
    return httpx.Response(200, json={**completion, "usage": usage})


@pytest.mark.parametrize("flavour", ["generate", "stream"])
async def test_tool_loop_over_openai_chat(api: Api, flavour: str) -> None:
    sent: list[dict[str, Any]] = []
    transport = httpx.MockTransport(lambda request: _answer(request, sent))
    async with httpx.AsyncClient(transport=transport) as async_client:
        with httpx.Client(transport=transport) as client:
            provider = create_openai(api_key="sk-test", http_client=client, async_http_client=async_client)

            @tool
            def weather(city: str) -> str:
                """Weather of a city."""
                return f"sunny in {city}"

            arguments: dict[str, Any] = {
                "model": provider.chat("gpt-4o-mini"),
                "prompt": "Weather in Paris?",
                "tools": {"weather": weather},
                "stop_when": step_count_is(3),
            }
            result = await (api.generate(**arguments) if flavour == "generate" else api.stream(**arguments))
    assert result.text == "Sunny today"
    assert len(result.steps) == 2
    assert result.total_usage.total_tokens == 16
    tool_message = sent[1]["messages"][2]
    assert tool_message == {"role": "tool", "tool_call_id": "call_1", "content": "sunny in Paris"}
    assert sent[1]["messages"][1]["tool_calls"][0]["id"] == "call_1"
