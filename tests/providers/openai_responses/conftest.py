"""Fixtures of the Responses API tests: a model built over replayed wire data, driven sync and async."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import httpx
import pytest

from ai_sdk_core.provider_utils.http import HttpTransport
from ai_sdk_core.providers.openai.responses import OpenAIResponsesConfig, OpenAIResponsesLanguageModel
from ai_sdk_core.spec import CallOptions, GenerateResult, StreamPart
from ai_sdk_core.testing.replay import ReplayTransport

FIXTURES = Path(__file__).parent / "fixtures"
API_KEY = "sk-test-responses-0123456789"


@dataclass(slots=True)
class Driver:
    """Runs a model's I/O methods in one flavour, so each test body is written once for sync and async."""

    mode: str

    async def generate(self, model: Any, options: CallOptions) -> GenerateResult:
        if self.mode == "sync":
            result: GenerateResult = model.do_generate(options)
            return result
        result = await model.ado_generate(options)
        return result

    async def stream(self, model: Any, options: CallOptions) -> list[StreamPart]:
        if self.mode == "sync":
            return list(model.do_stream(options).stream)
        result = await model.ado_stream(options)
        return [part async for part in result.stream]


class ModelFactory(Protocol):
    """The ``replay`` fixture: a Responses model served the named fixtures, and the transport recording it."""

    def __call__(
        self, *scenarios: str, model_id: str = "gpt-5-mini"
    ) -> tuple[OpenAIResponsesLanguageModel, ReplayTransport]: ...


@pytest.fixture(params=["sync", "async"])
def io(request: pytest.FixtureRequest) -> Driver:
    return Driver(request.param)


@pytest.fixture
def replay() -> Iterator[ModelFactory]:
    clients: list[httpx.Client] = []

    def make(*scenarios: str, model_id: str = "gpt-5-mini") -> tuple[OpenAIResponsesLanguageModel, ReplayTransport]:
        transport = ReplayTransport.from_fixtures(FIXTURES, *scenarios)
        client = httpx.Client(transport=transport)
        clients.append(client)
        config = OpenAIResponsesConfig(
            provider="openai.responses",
            base_url="https://api.openai.com/v1/",
            headers=lambda: {"authorization": f"Bearer {API_KEY}"},
            transport=HttpTransport(http_client=client, async_http_client=httpx.AsyncClient(transport=transport)),
        )
        return OpenAIResponsesLanguageModel(model_id, config), transport

    yield make
    for client in clients:
        client.close()
