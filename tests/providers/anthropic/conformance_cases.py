"""Anthropic Messages in the shared conformance suite (fixtures in ``fixtures/``, written from the API reference).

The model is ``claude-sonnet-4-5``: ``max_tokens`` defaults to its 64000-token ceiling, and structured output
goes through the native ``output_config.format``. The round trip asks for extended thinking: the first answer
is a signed thinking block and a tool call, and the second request must send that thinking block back intact.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from ai_sdk_core.providers.anthropic import create_anthropic
from ai_sdk_core.spec import LanguageModel

from ..conformance.cases import WEATHER_TOOL_SCHEMA, ProviderUnderTest, Scenario

FIXTURES = Path(__file__).parent / "fixtures"
MODEL_ID = "claude-sonnet-4-5"
PROMPT = [{"role": "user", "content": [{"type": "text", "text": "What is the weather in Paris?"}]}]
PERSON_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"name": {"type": "string"}, "born": {"type": "integer"}},
    "required": ["name", "born"],
    "additionalProperties": False,
}
WEATHER_TOOLS = [{"name": "get_weather", "input_schema": WEATHER_TOOL_SCHEMA}]
THINKING = {"thinking": {"type": "enabled", "budget_tokens": 1024}}


def make_model(http_client: httpx.Client, async_http_client: httpx.AsyncClient) -> LanguageModel:
    provider = create_anthropic(
        api_key="sk-ant-test-conformance", http_client=http_client, async_http_client=async_http_client
    )
    return provider(MODEL_ID)


def check_text_request(body: Any) -> None:
    assert body == {"model": MODEL_ID, "max_tokens": 64000, "messages": PROMPT}


def check_stream_request(body: Any) -> None:
    assert body == {"model": MODEL_ID, "max_tokens": 64000, "messages": PROMPT, "stream": True}


def check_tool_request(body: Any) -> None:
    assert body["tools"] == WEATHER_TOOLS
    assert "tool_choice" not in body


def check_structured_request(body: Any) -> None:
    assert body["output_config"] == {"format": {"type": "json_schema", "schema": PERSON_SCHEMA}}
    assert "tools" not in body


def check_reasoning_request(body: Any) -> None:
    # The thinking budget comes on top of the answer's tokens.
    assert body["thinking"] == {"type": "enabled", "budget_tokens": 1024}
    assert body["max_tokens"] == 2048 + 1024


def check_follow_up_request(body: Any) -> None:
    assert body["messages"] == [
        *PROMPT,
        {
            "role": "assistant",
            "content": [
                {
                    "type": "thinking",
                    "thinking": "I should look the weather up.",
                    "signature": "ErUBCkYIBRgCIkD0sig-round-trip",
                },
                {"type": "tool_use", "id": "toolu_01RoundTrip", "name": "get_weather", "input": {"city": "Paris"}},
            ],
        },
        {
            "role": "user",
            "content": [{"type": "tool_result", "tool_use_id": "toolu_01RoundTrip", "content": '{"temperature":21}'}],
        },
    ]
    assert body["thinking"] == {"type": "enabled", "budget_tokens": 1024}


PROVIDER = ProviderUnderTest(
    name="anthropic",
    fixtures=FIXTURES,
    make_model=make_model,
    scenarios={
        "text": Scenario(
            fixtures=("text",),
            expect_text="It is sunny in Paris today.",
            expect_finish_reason="stop",
            expect_input_tokens=14,
            expect_output_tokens=9,
            check_request=check_text_request,
        ),
        "stream_text": Scenario(
            fixtures=("stream-text",),
            stream=True,
            expect_text="Sunny in Paris, 21 °C.",
            expect_finish_reason="stop",
            expect_input_tokens=14,
            expect_output_tokens=8,
            check_request=check_stream_request,
        ),
        "tool_call": Scenario(
            fixtures=("tool-call",),
            expect_text="Let me check the weather.",
            expect_tool_calls=(("get_weather", {"city": "Paris"}),),
            expect_finish_reason="tool-calls",
            expect_input_tokens=380,
            expect_output_tokens=54,
            check_request=check_tool_request,
        ),
        "stream_tool_call": Scenario(
            fixtures=("stream-tool-call",),
            stream=True,
            expect_text="Let me check the weather.",
            expect_tool_calls=(("get_weather", {"city": "Paris"}),),
            expect_finish_reason="tool-calls",
            expect_input_tokens=380,
            expect_output_tokens=41,
            check_request=check_tool_request,
        ),
        "structured_output": Scenario(
            fixtures=("structured-output",),
            expect_json={"name": "Ada Lovelace", "born": 1815},
            expect_finish_reason="stop",
            check_request=check_structured_request,
            call={"prompt": "Who wrote the first program?", "response_format": PERSON_SCHEMA},
        ),
        "reasoning": Scenario(
            fixtures=("stream-reasoning",),
            stream=True,
            expect_reasoning="Paris is in France; June is warm there.",
            expect_text="Probably warm.",
            expect_finish_reason="stop",
            expect_output_tokens=120,
            check_request=check_reasoning_request,
            call={"provider_options": {"anthropic": THINKING}, "max_output_tokens": 2048},
        ),
        "error": Scenario(
            fixtures=("error-invalid-request",),
            expect_error_status=400,
            expect_error_message_contains="max_tokens: Field required",
        ),
        "metadata_round_trip": Scenario(
            fixtures=("thinking-tool-call", "text"),
            check_follow_up_request=check_follow_up_request,
            call={"provider_options": {"anthropic": THINKING}},
        ),
    },
)
