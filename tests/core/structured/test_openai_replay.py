"""Structured output end to end through the real OpenAI chat provider, its HTTP answered by replayed fixtures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import BaseModel

from ai_sdk_core.output import Output
from ai_sdk_core.providers.openai import create_openai
from ai_sdk_core.testing.replay import ReplayTransport

from .conftest import Flavour

pytestmark = pytest.mark.anyio

FIXTURES = Path(__file__).parents[2] / "providers" / "openai" / "fixtures"


class Person(BaseModel):
    name: str
    born: int


async def _run(flavour: Flavour, use: str) -> tuple[Any, dict[str, Any]]:
    transport = ReplayTransport.from_fixtures(FIXTURES, "chat-json-schema")
    async with httpx.AsyncClient(transport=transport) as async_client:
        with httpx.Client(transport=transport) as client:
            provider = create_openai(api_key="sk-test-structured", http_client=client, async_http_client=async_client)
            model = provider.chat("gpt-4o-2024-08-06")
            if use == "generate_text":
                result: Any = await flavour.generate_text(
                    model=model, prompt="Who wrote the first program?", output=Output.object(Person, name="person")
                )
                value = result.output
            else:
                result = await flavour.generate_object(
                    model=model,
                    prompt="Who wrote the first program?",
                    schema=Person,
                    schema_name="person",
                    schema_description="A person.",
                )
                value = result.object
            assert result.usage.input_tokens == 64 and result.usage.output_tokens == 12
    assert len(transport.requests) == 1
    return value, transport.requests[0].json


@pytest.mark.parametrize("use", ["generate_text", "generate_object"])
async def test_openai_chat_receives_a_json_schema_response_format(flavour: Flavour, use: str) -> None:
    value, body = await _run(flavour, use)
    assert value == Person(name="Ada Lovelace", born=1815)
    response_format = body["response_format"]
    assert response_format["type"] == "json_schema"
    json_schema = response_format["json_schema"]
    assert json_schema["name"] == "person"
    assert json_schema["schema"]["properties"] == Person.model_json_schema()["properties"]
    assert json_schema["schema"]["required"] == ["name", "born"]
    assert json_schema["schema"]["additionalProperties"] is False
    assert json_schema["strict"] is True
    if use == "generate_object":
        assert json_schema["description"] == "A person."
    assert body["messages"] == [{"role": "user", "content": "Who wrote the first program?"}]
