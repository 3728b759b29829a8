"""Gemini in the shared conformance suite (fixtures in ``fixtures/``, see its README).

The metadata round trip answers first with a signed thought, a text and a signed function call
(``round-trip-tool-call.json``); the second request must carry both ``thoughtSignature`` values back on the
matching parts of the model turn, and the tool's result as a ``functionResponse``.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import httpx

from ai_sdk_core.providers.google import create_google_generative_ai
from ai_sdk_core.spec import LanguageModel

from ..conformance.cases import ProviderUnderTest, Scenario

FIXTURES = Path(__file__).parent / "fixtures"
MODEL_ID = "gemini-2.5-flash"
USER_TURN = {"role": "user", "parts": [{"text": "What is the weather in Paris?"}]}
PERSON_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"name": {"type": "string"}, "born": {"type": "integer"}},
    "required": ["name", "born"],
    "additionalProperties": False,
}
# WEATHER_TOOL_SCHEMA in Gemini's OpenAPI subset: ``additionalProperties`` is not part of it.
WEATHER_TOOLS = [
    {
        "functionDeclarations": [
            {
                "name": "get_weather",
                "description": "",
                "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
            }
        ]
    }
]
THINKING = {"google": {"thinkingConfig": {"includeThoughts": True}}}


def make_model(http_client: httpx.Client, async_http_client: httpx.AsyncClient) -> LanguageModel:
    counter = itertools.count(1)
    provider = create_google_generative_ai(
        api_key="test-google-key",
        generate_id=lambda: f"id-{next(counter)}",
        http_client=http_client,
        async_http_client=async_http_client,
    )
    return provider(MODEL_ID)


def check_text_request(body: Any) -> None:
    assert body == {"contents": [USER_TURN]}


def check_tool_request(body: Any) -> None:
    assert body == {"contents": [USER_TURN], "tools": WEATHER_TOOLS}


def check_structured_request(body: Any) -> None:
    assert body["generationConfig"] == {
        "responseMimeType": "application/json",
        "responseSchema": {
            "type": "object",
            "properties": {"name": {"type": "string"}, "born": {"type": "integer"}},
            "required": ["name", "born"],
        },
    }


def check_reasoning_request(body: Any) -> None:
    assert body["generationConfig"] == {"thinkingConfig": {"includeThoughts": True}}


def check_follow_up_request(body: Any) -> None:
    assert body["contents"] == [
        USER_TURN,
        {
            "role": "model",
            "parts": [
                {
                    "text": "The user wants current weather; call the tool.",
                    "thought": True,
                    "thoughtSignature": "c2lnbmF0dXJlLXRob3VnaHQ=",
                },
                {"text": "Checking the weather."},
                {
                    "functionCall": {"name": "get_weather", "args": {"city": "Paris"}},
                    "thoughtSignature": "c2lnbmF0dXJlLWNhbGw=",
                },
            ],
        },
        {
            "role": "user",
            "parts": [
                {
                    "functionResponse": {
                        "name": "get_weather",
                        "response": {"name": "get_weather", "content": {"temperature": 21}},
                    }
                }
            ],
        },
    ]
    assert body["tools"] == WEATHER_TOOLS
    assert body["generationConfig"] == {"thinkingConfig": {"includeThoughts": True}}


PROVIDER = ProviderUnderTest(
    name="google",
    fixtures=FIXTURES,
    make_model=make_model,
    scenarios={
        "text": Scenario(
            fixtures=("text",),
            expect_text="It is sunny in Paris today.",
            expect_finish_reason="stop",
            expect_input_tokens=8,
            expect_output_tokens=7,
            check_request=check_text_request,
        ),
        "stream_text": Scenario(
            fixtures=("stream-text",),
            stream=True,
            expect_text="It is sunny in Paris, 22 °C.",
            expect_finish_reason="stop",
            expect_input_tokens=8,
            expect_output_tokens=9,
            check_request=check_text_request,
        ),
        "tool_call": Scenario(
            fixtures=("tool-call",),
            expect_tool_calls=(("get_weather", {"city": "Paris"}),),
            expect_finish_reason="tool-calls",
            expect_input_tokens=41,
            expect_output_tokens=67,  # 15 visible + 52 thought tokens
            check_request=check_tool_request,
        ),
        "stream_tool_call": Scenario(
            fixtures=("stream-tool-call",),
            stream=True,
            expect_tool_calls=(("get_weather", {"city": "Paris"}), ("get_weather", {"city": "Tokyo"})),
            expect_finish_reason="tool-calls",
            expect_input_tokens=45,
            expect_output_tokens=24,
            check_request=check_tool_request,
        ),
        "structured_output": Scenario(
            fixtures=("structured-output",),
            expect_json={"name": "Ada Lovelace", "born": 1815},
            expect_finish_reason="stop",
            check_request=check_structured_request,
            call={"prompt": "What is the weather in Paris?", "response_format": PERSON_SCHEMA},
        ),
        "reasoning": Scenario(
            fixtures=("stream-reasoning",),
            stream=True,
            expect_reasoning="**Weighing the question**\n\nParis in spring is mild.",
            expect_text="Probably mild.",
            expect_finish_reason="stop",
            expect_output_tokens=123,
            check_request=check_reasoning_request,
            call={"provider_options": THINKING},
        ),
        "error": Scenario(
            fixtures=("error-400",),
            expect_error_status=400,
            expect_error_message_contains="API key not valid",
        ),
        "metadata_round_trip": Scenario(
            fixtures=("round-trip-tool-call", "round-trip-answer"),
            check_follow_up_request=check_follow_up_request,
            call={"provider_options": THINKING},
        ),
    },
)
