"""The OpenAI Responses API in the shared conformance suite (fixtures in ``fixtures/``, see its README).

The model is built directly from ``ai_sdk_core.providers.openai.responses`` (the provider's ``openai.responses``
wiring is not needed for it). ``gpt-5-mini`` is a reasoning model: system messages would go as ``developer``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from ai_sdk_core.provider_utils.http import HttpTransport
from ai_sdk_core.providers.openai.responses import OpenAIResponsesConfig, OpenAIResponsesLanguageModel
from ai_sdk_core.spec import LanguageModel

from ..conformance.cases import WEATHER_TOOL_SCHEMA, ProviderUnderTest, Scenario

FIXTURES = Path(__file__).parent / "fixtures"
MODEL_ID = "gpt-5-mini"
PROMPT_INPUT = [{"role": "user", "content": [{"type": "input_text", "text": "What is the weather in Paris?"}]}]
PERSON_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"name": {"type": "string"}, "born": {"type": "integer"}},
    "required": ["name", "born"],
    "additionalProperties": False,
}
# A closed schema with every field required fits strict mode, so "strict" is true (it is always sent).
WEATHER_TOOLS = [{"type": "function", "name": "get_weather", "parameters": WEATHER_TOOL_SCHEMA, "strict": True}]


def make_model(http_client: httpx.Client, async_http_client: httpx.AsyncClient) -> LanguageModel:
    config = OpenAIResponsesConfig(
        provider="openai.responses",
        base_url="https://api.openai.com/v1",
        headers=lambda: {"authorization": "Bearer sk-test-conformance"},
        transport=HttpTransport(http_client=http_client, async_http_client=async_http_client),
    )
    return OpenAIResponsesLanguageModel(MODEL_ID, config)


def check_text_request(body: Any) -> None:
    assert body == {"model": MODEL_ID, "input": PROMPT_INPUT}


def check_stream_request(body: Any) -> None:
    assert body == {"model": MODEL_ID, "input": PROMPT_INPUT, "stream": True}


def check_tool_request(body: Any) -> None:
    assert body["tools"] == WEATHER_TOOLS
    assert "tool_choice" not in body


def check_structured_request(body: Any) -> None:
    assert body["text"] == {
        "format": {"type": "json_schema", "name": "response", "schema": PERSON_SCHEMA, "strict": True}
    }


def check_reasoning_request(body: Any) -> None:
    assert body["reasoning"] == {"effort": "low", "summary": "auto"}


def check_follow_up_request(body: Any) -> None:
    # store=false: the reasoning item goes back whole with its encrypted content, the call with its item id.
    assert body["input"] == [
        *PROMPT_INPUT,
        {"type": "reasoning", "id": "rs_trip01", "summary": [], "encrypted_content": "gAAAAB-encrypted-trip01"},
        {
            "type": "function_call",
            "call_id": "call_trip01",
            "name": "get_weather",
            "arguments": '{"city":"Paris"}',
            "id": "fc_trip01",
        },
        {"type": "function_call_output", "call_id": "call_trip01", "output": '{"temperature":21}'},
    ]
    assert body["store"] is False
    assert body["include"] == ["reasoning.encrypted_content"]


PROVIDER = ProviderUnderTest(
    name="openai-responses",
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
            expect_text="It is sunny in Paris: très beau.",
            expect_finish_reason="stop",
            expect_input_tokens=14,
            expect_output_tokens=10,
            check_request=check_stream_request,
        ),
        "tool_call": Scenario(
            fixtures=("tool-call",),
            expect_tool_calls=(("get_weather", {"city": "Paris"}),),
            expect_finish_reason="tool-calls",
            expect_input_tokens=52,
            expect_output_tokens=17,
            check_request=check_tool_request,
        ),
        "stream_tool_call": Scenario(
            fixtures=("stream-tool-call",),
            stream=True,
            expect_tool_calls=(("get_weather", {"city": "Paris"}), ("get_weather", {"city": "Tokyo"})),
            expect_finish_reason="tool-calls",
            expect_input_tokens=60,
            expect_output_tokens=30,
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
            expect_reasoning="**Reading** the question.Paris is the capital.",
            expect_text="The capital is Paris.",
            expect_finish_reason="stop",
            expect_output_tokens=150,
            check_request=check_reasoning_request,
            call={"provider_options": {"openai": {"reasoning_effort": "low", "reasoning_summary": "auto"}}},
        ),
        "error": Scenario(
            fixtures=("error-400",),
            expect_error_status=400,
            expect_error_message_contains="Invalid type for 'input[0].content'",
        ),
        "metadata_round_trip": Scenario(
            fixtures=("round-trip-1", "round-trip-2"),
            check_follow_up_request=check_follow_up_request,
            call={"provider_options": {"openai": {"store": False}}},
        ),
    },
)
