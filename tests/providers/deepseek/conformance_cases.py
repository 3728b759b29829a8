"""DeepSeek in the shared conformance suite (fixtures in ``tests/providers/presets/fixtures/deepseek``).

The round trip is DeepSeek's documented thinking-mode rule: the reasoning of a turn that called a tool goes
back as the assistant message's ``reasoning_content``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from ai_sdk_core.providers.deepseek import create_deepseek
from ai_sdk_core.spec import LanguageModel

from ..conformance.cases import WEATHER_TOOL_SCHEMA, ProviderUnderTest, Scenario

FIXTURES = Path(__file__).parent.parent / "presets" / "fixtures" / "deepseek"
PROMPT = [{"role": "user", "content": "What is the weather in Paris?"}]
WEATHER_TOOLS = [{"type": "function", "function": {"name": "get_weather", "parameters": WEATHER_TOOL_SCHEMA}}]
WEATHER_REPORT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"city": {"type": "string"}, "temperature": {"type": "number"}},
    "required": ["city", "temperature"],
}


def make_model(http_client: httpx.Client, async_http_client: httpx.AsyncClient) -> LanguageModel:
    provider = create_deepseek(
        api_key="sk-test-conformance", http_client=http_client, async_http_client=async_http_client
    )
    return provider("deepseek-chat")


def check_text_request(body: Any) -> None:
    assert body == {"model": "deepseek-chat", "messages": PROMPT}


def check_stream_request(body: Any) -> None:
    assert body == {
        "model": "deepseek-chat",
        "messages": PROMPT,
        "stream": True,
        "stream_options": {"include_usage": True},
    }


def check_tool_request(body: Any) -> None:
    assert body["tools"] == WEATHER_TOOLS


def check_structured_request(body: Any) -> None:
    # DeepSeek's JSON output takes no schema: JSON mode is asked for, and the prompt asks for the schema.
    assert body["response_format"] == {"type": "json_object"}
    assert body["messages"] == [
        {
            "role": "system",
            "content": 'Return JSON that conforms to the following schema: {"type":"object","properties":'
            '{"city":{"type":"string"},"temperature":{"type":"number"}},"required":["city","temperature"]}',
        },
        *PROMPT,
    ]


def check_reasoning_request(body: Any) -> None:
    assert body["thinking"] == {"type": "enabled"}


def check_follow_up_request(body: Any) -> None:
    assert body["messages"] == [
        *PROMPT,
        {
            "role": "assistant",
            "content": None,
            "reasoning_content": "I need the weather tool for Paris.",
            "tool_calls": [
                {
                    "id": "call_0_5d1e",
                    "type": "function",
                    "function": {"name": "get_weather", "arguments": '{"city":"Paris"}'},
                }
            ],
        },
        {"role": "tool", "tool_call_id": "call_0_5d1e", "content": '{"temperature":21}'},
    ]


PROVIDER = ProviderUnderTest(
    name="deepseek",
    fixtures=FIXTURES,
    make_model=make_model,
    scenarios={
        "text": Scenario(
            fixtures=("text",),
            expect_text="Paris is mild today: 21 °C.",
            expect_finish_reason="stop",
            expect_input_tokens=18,
            expect_output_tokens=10,
            check_request=check_text_request,
        ),
        "stream_text": Scenario(
            fixtures=("stream-text",),
            stream=True,
            expect_text="Paris is mild today.",
            expect_finish_reason="stop",
            expect_input_tokens=18,
            expect_output_tokens=5,
            check_request=check_stream_request,
        ),
        "tool_call": Scenario(
            fixtures=("tool-call",),
            expect_tool_calls=(("get_weather", {"city": "Paris"}),),
            expect_finish_reason="tool-calls",
            expect_input_tokens=160,
            expect_output_tokens=20,
            check_request=check_tool_request,
        ),
        "stream_tool_call": Scenario(
            fixtures=("stream-tool-call",),
            stream=True,
            expect_tool_calls=(("get_weather", {"city": "Paris"}),),
            expect_finish_reason="tool-calls",
            expect_input_tokens=160,
            expect_output_tokens=19,
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
            fixtures=("reasoning",),
            expect_reasoning="The user wants the weather. I cannot look it up, so I say so.",
            expect_text="I cannot check live weather.",
            expect_output_tokens=40,
            check_request=check_reasoning_request,
            call={"provider_options": {"deepseek": {"thinking": {"type": "enabled"}}}},
        ),
        "error": Scenario(
            fixtures=("error-402",),
            expect_error_status=402,
            expect_error_message_contains="Insufficient Balance",
        ),
        "metadata_round_trip": Scenario(
            fixtures=("reasoning-tool-call", "reasoning-after-tool"),
            check_follow_up_request=check_follow_up_request,
        ),
    },
)
