"""Fixtures for the Anthropic provider tests: replayed wire data, every I/O test run sync and async."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import httpx
import pytest

from ai_sdk_core.providers.anthropic import AnthropicProvider, create_anthropic
from ai_sdk_core.spec import CallOptions, GenerateResult, StreamPart
from ai_sdk_core.testing.replay import ReplayResponse, ReplayTransport

FIXTURES = Path(__file__).parent / "fixtures"
API_KEY = "sk-ant-test-0123456789abcdef"


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    # A developer's real key or base URL must never leak into a test, nor make one pass by accident.
    for name in ("ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL"):
        monkeypatch.delenv(name, raising=False)


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


class ReplayFactory(Protocol):
    """The ``replay`` fixture: a provider served the given fixtures or responses, and the recording transport."""

    def __call__(
        self, *responses: str | ReplayResponse, **provider_arguments: Any
    ) -> tuple[AnthropicProvider, ReplayTransport]: ...


@pytest.fixture(params=["sync", "async"])
def io(request: pytest.FixtureRequest) -> Driver:
    return Driver(request.param)


@pytest.fixture
def replay() -> Iterator[ReplayFactory]:
    """``replay("text", ...)`` -> an Anthropic provider whose clients are served those fixtures in order."""
    clients: list[httpx.Client] = []

    def make(*responses: str | ReplayResponse, **provider_arguments: Any) -> tuple[AnthropicProvider, ReplayTransport]:
        transport = ReplayTransport(
            [ReplayResponse.from_fixture(FIXTURES, item) if isinstance(item, str) else item for item in responses]
        )
        client = httpx.Client(transport=transport)
        clients.append(client)
        provider_arguments.setdefault("api_key", API_KEY)
        provider = create_anthropic(
            http_client=client, async_http_client=httpx.AsyncClient(transport=transport), **provider_arguments
        )
        return provider, transport

    yield make
    for client in clients:
        client.close()
