"""Groq in the shared conformance suite (fixtures in ``tests/providers/presets/fixtures/groq``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from ai_sdk_core.providers.groq import create_groq
from ai_sdk_core.spec import LanguageModel

from ..conformance.cases import WEATHER_TOOL_SCHEMA, ProviderUnderTest, Scenario

FIXTURES = Path(__file__).parent.parent / "presets" / "fixtures" / "groq"
PROMPT = [{"role": "user", "content": "What is the weather in Paris?"}]
WEATHER_TOOLS = [{"type": "function", "function": {"name": "get_weather", "parameters": WEATHER_TOOL_SCHEMA}}]
WEATHER_REPORT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"city": {"type": "string"}, "temperature": {"type": "number"}},
    "required": ["city", "temperature"],
    "additionalProperties": False,
}


def make_model(http_client: httpx.Client, async_http_client: httpx.AsyncClient) -> LanguageModel:
    provider = create_groq(api_key="gsk-test-conformance", http_client=http_client, async_http_client=async_http_client)
    return provider("llama-3.3-70b-versatile")


def check_text_request(body: Any) -> None:
    assert body == {"model": "llama-3.3-70b-versatile", "messages": PROMPT}


def check_stream_request(body: Any) -> None:
    # Groq reports stream usage by itself (x_groq.usage): no stream_options are sent.
    assert body == {"model": "llama-3.3-70b-versatile", "messages": PROMPT, "stream": True}


def check_tool_request(body: Any) -> None:
    assert body["tools"] == WEATHER_TOOLS


def check_structured_request(body: Any) -> None:
    assert body["response_format"] == {
        "type": "json_schema",
        "json_schema": {"schema": WEATHER_REPORT_SCHEMA, "strict": True, "name": "response"},
    }


def check_reasoning_request(body: Any) -> None:
    assert body["reasoning_format"] == "parsed"
    assert body["reasoning_effort"] == "default"


def check_follow_up_request(body: Any) -> None:
    assert body["messages"] == [
        *PROMPT,
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": "call_d5wg",
                    "type": "function",
                    "function": {"name": "get_weather", "arguments": '{"city":"Paris"}'},
                }
            ],
        },
        {"role": "tool", "tool_call_id": "call_d5wg", "content": '{"temperature":21}'},
    ]


PROVIDER = ProviderUnderTest(
    name="groq",
    fixtures=FIXTURES,
    make_model=make_model,
    scenarios={
        "text": Scenario(
            fixtures=("text",),
            expect_text="It is 21 °C and sunny in Paris.",
            expect_finish_reason="stop",
            expect_input_tokens=44,
            expect_output_tokens=12,
            check_request=check_text_request,
        ),
        "stream_text": Scenario(
            fixtures=("stream-text",),
            stream=True,
            expect_text="It is 21 °C in Paris.",
            expect_finish_reason="stop",
            expect_input_tokens=44,
            expect_output_tokens=9,
            check_request=check_stream_request,
        ),
        "tool_call": Scenario(
            fixtures=("tool-call",),
            expect_tool_calls=(("get_weather", {"city": "Paris"}),),
            expect_finish_reason="tool-calls",
            expect_input_tokens=210,
            expect_output_tokens=18,
            check_request=check_tool_request,
        ),
        "stream_tool_call": Scenario(
            fixtures=("stream-tool-call",),
            stream=True,
            expect_tool_calls=(("get_weather", {"city": "Paris"}),),
            expect_finish_reason="tool-calls",
            expect_input_tokens=210,
            expect_output_tokens=17,
            check_request=check_tool_request,
        ),
        "structured_output": Scenario(
            fixtures=("json",),
            expect_json={"city": "Paris", "temperature": 21},
            expect_finish_reason="stop",
            check_request=check_structured_request,
            call={"response_format": WEATHER_REPORT_SCHEMA},
        ),
        "reasoning": Scenario(
            fixtures=("stream-reasoning",),
            stream=True,
            expect_reasoning="The user asks about Paris. I have no live data.",
            expect_text="I cannot check live weather.",
            expect_output_tokens=25,
            check_request=check_reasoning_request,
            call={"provider_options": {"groq": {"reasoning_format": "parsed", "reasoning_effort": "default"}}},
        ),
        "error": Scenario(
            fixtures=("error-401",),
            expect_error_status=401,
            expect_error_message_contains="Invalid API Key",
        ),
        "metadata_round_trip": Scenario(
            fixtures=("tool-call", "text"),
            check_follow_up_request=check_follow_up_request,
        ),
    },
)
