"""``strict: true`` is the default only for schemas that meet strict mode's rules; an explicit option wins."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from pydantic import BaseModel

from ai_sdk_core.providers.openai import create_openai
from ai_sdk_core.providers.openai_compatible.strict_schema import fits_strict_json_schema
from ai_sdk_core.spec import CallOptions, ResponseFormat, TextPart, UserMessage
from ai_sdk_core.testing.replay import ReplayTransport

from .conftest import API_KEY, FIXTURES


class WithDefault(BaseModel):
    city: str
    unit: str = "celsius"


STRICT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"city": {"type": "string"}, "tags": {"type": "array", "items": {"type": "string"}}},
    "required": ["city", "tags"],
    "additionalProperties": False,
}


@pytest.mark.parametrize(
    ("schema", "fits"),
    [
        (STRICT_SCHEMA, True),
        ({**STRICT_SCHEMA, "required": ["city"]}, False),
        ({key: value for key, value in STRICT_SCHEMA.items() if key != "additionalProperties"}, False),
        ({**STRICT_SCHEMA, "properties": {"city": {"type": "object", "properties": {}}}, "required": ["city"]}, False),
        ({"allOf": [STRICT_SCHEMA]}, False),
        (WithDefault.model_json_schema(), False),
        (None, False),
    ],
)
def test_which_schemas_fit_strict_mode(schema: Any, fits: bool) -> None:
    assert fits_strict_json_schema(schema) is fits


def _response_format_sent(kind: str, schema: dict[str, Any], options: dict[str, Any]) -> dict[str, Any]:
    fixture = "chat-json-schema" if kind == "chat" else "../../openai_responses/fixtures/structured-output"
    transport = ReplayTransport.from_fixtures(FIXTURES, fixture)
    provider = create_openai(api_key=API_KEY, http_client=httpx.Client(transport=transport))
    model = provider.chat("gpt-4o-mini") if kind == "chat" else provider.responses("gpt-5-mini")
    call = CallOptions(
        prompt=[UserMessage([TextPart("Weather?")])],
        response_format=ResponseFormat(type="json", schema=schema, name="weather"),
        provider_options={"openai": options} if options else None,
    )
    model.do_generate(call)
    body = transport.requests[0].json
    return body["response_format"]["json_schema"] if kind == "chat" else body["text"]["format"]


@pytest.mark.parametrize("kind", ["chat", "responses"])
@pytest.mark.parametrize(
    ("schema", "options", "strict"),
    [
        (STRICT_SCHEMA, {}, True),
        (WithDefault.model_json_schema(), {}, False),
        (WithDefault.model_json_schema(), {"strict_json_schema": True}, True),
        (STRICT_SCHEMA, {"strict_json_schema": False}, False),
    ],
)
def test_strict_is_sent_when_the_schema_fits_or_when_asked(
    kind: str, schema: dict[str, Any], options: dict[str, Any], strict: bool
) -> None:
    assert _response_format_sent(kind, schema, options)["strict"] is strict
