"""The plain OpenAI-compatible presets in the shared conformance suite: Together AI, Cerebras, DeepInfra, Fireworks
and xAI answer in the same documented Chat Completions shapes, so they share ``fixtures/generic``; each entry
checks its own request (model id, usage on streams, JSON schema or JSON mode). Groq, DeepSeek and Perplexity have
their own entries (``tests/providers/<vendor>/``) for their quirks; xAI's reasoning is its ``reasoning`` scenario.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from ai_sdk_core.providers.cerebras import create_cerebras
from ai_sdk_core.providers.deepinfra import create_deepinfra
from ai_sdk_core.providers.fireworks import create_fireworks
from ai_sdk_core.providers.openai_compatible.preset import PresetProvider
from ai_sdk_core.providers.togetherai import create_togetherai
from ai_sdk_core.providers.xai import create_xai
from ai_sdk_core.spec import LanguageModel

from ..conformance.cases import WEATHER_TOOL_SCHEMA, ProviderUnderTest, Scenario

FIXTURES = Path(__file__).parent / "fixtures"
GENERIC = FIXTURES / "generic"
PROMPT = [{"role": "user", "content": "What is the weather in Paris?"}]
WEATHER_TOOLS = [{"type": "function", "function": {"name": "get_weather", "parameters": WEATHER_TOOL_SCHEMA}}]
WEATHER_REPORT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"city": {"type": "string"}, "temperature": {"type": "number"}},
    "required": ["city", "temperature"],
    "additionalProperties": False,
}


def _entry(
    name: str,
    factory: Callable[..., PresetProvider],
    model_id: str,
    *,
    structured_outputs: bool,
    extra: dict[str, Scenario] | None = None,
) -> ProviderUnderTest:
    def make_model(http_client: httpx.Client, async_http_client: httpx.AsyncClient) -> LanguageModel:
        provider = factory(api_key="test-key-conformance", http_client=http_client, async_http_client=async_http_client)
        model: LanguageModel = provider(model_id)
        return model

    def check_text_request(body: Any) -> None:
        assert body == {"model": model_id, "messages": PROMPT}

    def check_stream_request(body: Any) -> None:
        assert body == {
            "model": model_id,
            "messages": PROMPT,
            "stream": True,
            "stream_options": {"include_usage": True},
        }

    def check_tool_request(body: Any) -> None:
        assert body["model"] == model_id
        assert body["tools"] == WEATHER_TOOLS

    def check_structured_request(body: Any) -> None:
        expected = (
            {
                "type": "json_schema",
                "json_schema": {"schema": WEATHER_REPORT_SCHEMA, "strict": True, "name": "response"},
            }
            if structured_outputs
            else {"type": "json_object"}
        )
        assert body["response_format"] == expected

    def check_follow_up_request(body: Any) -> None:
        assert body["messages"][1:] == [
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {
                        "id": "call_g3",
                        "type": "function",
                        "function": {"name": "get_weather", "arguments": '{"city":"Paris"}'},
                    }
                ],
            },
            {"role": "tool", "tool_call_id": "call_g3", "content": '{"temperature":21}'},
        ]

    scenarios = {
        "text": Scenario(
            fixtures=("text",),
            expect_text="Sunny, 21 °C.",
            expect_finish_reason="stop",
            expect_input_tokens=15,
            expect_output_tokens=6,
            check_request=check_text_request,
        ),
        "stream_text": Scenario(
            fixtures=("stream-text",),
            stream=True,
            expect_text="Sunny, 21 °C.",
            expect_finish_reason="stop",
            expect_input_tokens=15,
            expect_output_tokens=5,
            check_request=check_stream_request,
        ),
        "tool_call": Scenario(
            fixtures=("tool-call",),
            expect_tool_calls=(("get_weather", {"city": "Paris"}),),
            expect_finish_reason="tool-calls",
            expect_input_tokens=120,
            expect_output_tokens=16,
            check_request=check_tool_request,
        ),
        "stream_tool_call": Scenario(
            fixtures=("stream-tool-call",),
            stream=True,
            expect_tool_calls=(("get_weather", {"city": "Paris"}),),
            expect_finish_reason="tool-calls",
            expect_input_tokens=120,
            expect_output_tokens=15,
            check_request=check_tool_request,
        ),
        "structured_output": Scenario(
            fixtures=("json",),
            expect_json={"city": "Paris", "temperature": 21},
            expect_finish_reason="stop",
            check_request=check_structured_request,
            call={"response_format": WEATHER_REPORT_SCHEMA},
        ),
        "error": Scenario(
            fixtures=("error-401",),
            expect_error_status=401,
            expect_error_message_contains="Invalid API key provided.",
        ),
        "metadata_round_trip": Scenario(
            fixtures=("tool-call", "text"),
            check_follow_up_request=check_follow_up_request,
        ),
        **(extra or {}),
    }
    return ProviderUnderTest(name=name, fixtures=GENERIC, make_model=make_model, scenarios=scenarios)


XAI_REASONING = Scenario(
    # xAI's own fixture, beside the shared ones.
    fixtures=("../xai/stream-reasoning-citations",),
    stream=True,
    expect_reasoning="Checking sources.",
    expect_text="21 °C in Paris.",
    expect_finish_reason="stop",
    expect_output_tokens=6,
)

PROVIDERS = [
    _entry("togetherai", create_togetherai, "meta-llama/Llama-3.3-70B-Instruct-Turbo", structured_outputs=False),
    _entry("cerebras", create_cerebras, "llama-3.3-70b", structured_outputs=True),
    _entry("deepinfra", create_deepinfra, "meta-llama/Llama-3.3-70B-Instruct", structured_outputs=False),
    _entry(
        "fireworks", create_fireworks, "accounts/fireworks/models/llama-v3p3-70b-instruct", structured_outputs=False
    ),
    _entry("xai", create_xai, "grok-3-mini", structured_outputs=True, extra={"reasoning": XAI_REASONING}),
]
