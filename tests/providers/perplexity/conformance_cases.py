"""Perplexity in the shared conformance suite (fixtures in ``tests/providers/presets/fixtures/perplexity``).

Sonar has no function calling, so the tool kinds (and the round trip, which needs a tool) are unsupported.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from ai_sdk_core.providers.perplexity import create_perplexity
from ai_sdk_core.spec import LanguageModel

from ..conformance.cases import ProviderUnderTest, Scenario

FIXTURES = Path(__file__).parent.parent / "presets" / "fixtures" / "perplexity"
PROMPT = [{"role": "user", "content": "What is the weather in Paris?"}]
WEATHER_REPORT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"city": {"type": "string"}, "temperature": {"type": "number"}},
    "required": ["city", "temperature"],
}
NO_TOOLS = "Perplexity's Sonar API has no function calling"


def make_model(http_client: httpx.Client, async_http_client: httpx.AsyncClient) -> LanguageModel:
    provider = create_perplexity(
        api_key="pplx-test-conformance", http_client=http_client, async_http_client=async_http_client
    )
    return provider("sonar-pro")


def check_text_request(body: Any) -> None:
    assert body == {"model": "sonar-pro", "messages": PROMPT}


def check_stream_request(body: Any) -> None:
    assert body == {"model": "sonar-pro", "messages": PROMPT, "stream": True}


def check_structured_request(body: Any) -> None:
    assert body["response_format"] == {
        # No additionalProperties: false, so the schema does not fit strict mode and strict is not asked for.
        "type": "json_schema",
        "json_schema": {"schema": WEATHER_REPORT_SCHEMA, "strict": False, "name": "response"},
    }


PROVIDER = ProviderUnderTest(
    name="perplexity",
    fixtures=FIXTURES,
    make_model=make_model,
    scenarios={
        "text": Scenario(
            fixtures=("text",),
            expect_text="Paris is at 21 °C with clear skies [1][2].",
            expect_finish_reason="stop",
            expect_input_tokens=9,
            expect_output_tokens=14,
            check_request=check_text_request,
        ),
        "stream_text": Scenario(
            fixtures=("stream-text",),
            stream=True,
            expect_text="Paris is at 21 °C with clear skies [1].",
            expect_finish_reason="stop",
            expect_input_tokens=9,
            expect_output_tokens=12,
            check_request=check_stream_request,
        ),
        "structured_output": Scenario(
            fixtures=("json",),
            expect_json={"city": "Paris", "temperature": 21},
            expect_finish_reason="stop",
            check_request=check_structured_request,
            call={"response_format": WEATHER_REPORT_SCHEMA},
        ),
        "error": Scenario(
            fixtures=("error-400",),
            expect_error_status=400,
            expect_error_message_contains="Invalid model 'sonar-ultra'",
        ),
    },
    unsupported={"tool_call": NO_TOOLS, "stream_tool_call": NO_TOOLS, "metadata_round_trip": NO_TOOLS},
)
