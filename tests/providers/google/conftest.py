"""Fixtures for the Gemini provider tests: replayed wire data, each test run sync and async."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import httpx
import pytest

from ai_sdk_core.providers.google import GoogleGenerativeAIProvider, create_google_generative_ai
from ai_sdk_core.spec import CallOptions, EmbeddingCallOptions, EmbeddingResult, GenerateResult, StreamPart
from ai_sdk_core.testing.replay import ReplayTransport

FIXTURES = Path(__file__).parent / "fixtures"
API_KEY = "AIza-test-0123456789"


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    # A developer's real key must never leak into a test, nor make one pass by accident.
    monkeypatch.delenv("GOOGLE_GENERATIVE_AI_API_KEY", raising=False)


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

    async def embed(self, model: Any, options: EmbeddingCallOptions) -> EmbeddingResult:
        if self.mode == "sync":
            result: EmbeddingResult = model.do_embed(options)
            return result
        result = await model.ado_embed(options)
        return result


class ReplayFactory(Protocol):
    """The ``replay`` fixture: a Gemini provider served the named fixtures, and the transport recording it."""

    def __call__(
        self, *scenarios: str, fragment_size: int | None = None, **provider_arguments: Any
    ) -> tuple[GoogleGenerativeAIProvider, ReplayTransport]: ...


@pytest.fixture(params=["sync", "async"])
def io(request: pytest.FixtureRequest) -> Driver:
    return Driver(request.param)


@pytest.fixture
def replay() -> Iterator[ReplayFactory]:
    """``replay("text", ...)`` -> a provider whose clients are served those fixtures in order (ids ``id-1``...)."""
    clients: list[httpx.Client | httpx.AsyncClient] = []

    def make(
        *scenarios: str, fragment_size: int | None = None, **provider_arguments: Any
    ) -> tuple[GoogleGenerativeAIProvider, ReplayTransport]:
        transport = ReplayTransport.from_fixtures(FIXTURES, *scenarios, fragment_size=fragment_size)
        client = httpx.Client(transport=transport)
        async_client = httpx.AsyncClient(transport=transport)
        clients.extend((client, async_client))
        counter = itertools.count(1)
        provider_arguments.setdefault("api_key", API_KEY)
        provider_arguments.setdefault("generate_id", lambda: f"id-{next(counter)}")
        provider = create_google_generative_ai(http_client=client, async_http_client=async_client, **provider_arguments)
        return provider, transport

    yield make
    for client in clients:
        if isinstance(client, httpx.Client):
            client.close()
