"""Fixtures of the Responses API tests: a model built over replayed wire data, driven sync and async."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import httpx
import pytest

from ai_sdk_core.provider_utils.http import HttpTransport
from ai_sdk_core.providers.openai.responses import OpenAIResponsesConfig, OpenAIResponsesLanguageModel
from ai_sdk_core.testing.replay import ReplayTransport
from tests.providers.driver import Driver, io

FIXTURES = Path(__file__).parent / "fixtures"
API_KEY = "sk-test-responses-0123456789"


__all__ = ["Driver", "io"]


class ModelFactory(Protocol):
    """The ``replay`` fixture: a Responses model served the named fixtures, and the transport recording it."""

    def __call__(
        self, *scenarios: str, model_id: str = "gpt-5-mini"
    ) -> tuple[OpenAIResponsesLanguageModel, ReplayTransport]: ...


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
