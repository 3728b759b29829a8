"""OpenAI Chat Completions in the shared conformance suite (fixtures in ``fixtures/``, see its README).

``conformance-tool-call.json`` is the tool call of ``chat-tool-call.json`` with arguments matching the suite's
``get_weather`` schema exactly, so the core can run the tool in the metadata round trip.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from ai_sdk_core.providers.openai import create_openai
from ai_sdk_core.spec import LanguageModel

from ..conformance.cases import WEATHER_TOOL_SCHEMA, ProviderUnderTest, Scenario

FIXTURES = Path(__file__).parent / "fixtures"
PERSON_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"name": {"type": "string"}, "born": {"type": "integer"}},
    "required": ["name", "born"],
    "additionalProperties": False,
}
WEATHER_TOOLS = [{"type": "function", "function": {"name": "get_weather", "parameters": WEATHER_TOOL_SCHEMA}}]


def make_model(http_client: httpx.Client, async_http_client: httpx.AsyncClient) -> LanguageModel:
    provider = create_openai(
        api_key="sk-test-conformance", http_client=http_client, async_http_client=async_http_client
    )
    return provider.chat("gpt-4o-mini")


def check_text_request(body: Any) -> None:
    assert body == {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "What is the weather in Paris?"}]}


def check_stream_request(body: Any) -> None:
    assert body["stream"] is True
    assert body["stream_options"] == {"include_usage": True}
    assert body["messages"] == [{"role": "user", "content": "What is the weather in Paris?"}]


def check_tool_request(body: Any) -> None:
    assert body["tools"] == WEATHER_TOOLS
    assert "tool_choice" not in body


def check_structured_request(body: Any) -> None:
    assert body["response_format"] == {
        "type": "json_schema",
        "json_schema": {"schema": PERSON_SCHEMA, "strict": True, "name": "response"},
    }


def check_follow_up_request(body: Any) -> None:
    assert body["messages"] == [
        {"role": "user", "content": "What is the weather in Paris?"},
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": "call_conf01",
                    "type": "function",
                    "function": {"name": "get_weather", "arguments": '{"city":"Paris"}'},
                }
            ],
        },
        {"role": "tool", "tool_call_id": "call_conf01", "content": '{"temperature":21}'},
    ]
    assert body["tools"] == WEATHER_TOOLS


PROVIDER = ProviderUnderTest(
    name="openai-chat",
    fixtures=FIXTURES,
    make_model=make_model,
    scenarios={
        "text": Scenario(
            fixtures=("chat-text",),
            expect_text="Hello! How can I help you today?",
            expect_finish_reason="stop",
            expect_input_tokens=19,
            expect_output_tokens=10,
            check_request=check_text_request,
        ),
        "stream_text": Scenario(
            fixtures=("chat-stream-text",),
            stream=True,
            expect_text="Hello, wörld!",
            expect_finish_reason="stop",
            expect_input_tokens=12,
            expect_output_tokens=4,
            check_request=check_stream_request,
        ),
        "tool_call": Scenario(
            fixtures=("chat-tool-call",),
            expect_tool_calls=(("get_weather", {"city": "Paris", "unit": "celsius"}),),
            expect_finish_reason="tool-calls",
            expect_input_tokens=82,
            expect_output_tokens=18,
            check_request=check_tool_request,
        ),
        "stream_tool_call": Scenario(
            fixtures=("chat-stream-tool-calls",),
            stream=True,
            # Tokyo's arguments complete first, so its call is handed on first.
            expect_tool_calls=(("get_weather", {"city": "Tokyo"}), ("get_weather", {"city": "Paris"})),
            expect_finish_reason="tool-calls",
            expect_input_tokens=84,
            expect_output_tokens=46,
            check_request=check_tool_request,
        ),
        "structured_output": Scenario(
            fixtures=("chat-json-schema",),
            expect_json={"name": "Ada Lovelace", "born": 1815},
            expect_finish_reason="stop",
            check_request=check_structured_request,
            call={"prompt": "Who wrote the first program?", "response_format": PERSON_SCHEMA},
        ),
        "error": Scenario(
            fixtures=("error-400",),
            expect_error_status=400,
            expect_error_message_contains="Invalid value for 'temperature'",
        ),
        "metadata_round_trip": Scenario(
            fixtures=("conformance-tool-call", "chat-text"),
            check_follow_up_request=check_follow_up_request,
        ),
    },
)
