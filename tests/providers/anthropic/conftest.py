"""Fixtures for the Anthropic provider tests: replayed wire data, every I/O test run sync and async."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

import httpx
import pytest

from ai_sdk_core.providers.anthropic import AnthropicProvider, create_anthropic
from ai_sdk_core.testing.replay import ReplayResponse, ReplayTransport
from tests.providers.driver import Driver, io

FIXTURES = Path(__file__).parent / "fixtures"
API_KEY = "sk-ant-test-0123456789abcdef"


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    # A developer's real key or base URL must never leak into a test, nor make one pass by accident.
    for name in ("ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL"):
        monkeypatch.delenv(name, raising=False)


__all__ = ["Driver", "io"]


class ReplayFactory(Protocol):
    """The ``replay`` fixture: a provider served the given fixtures or responses, and the recording transport."""

    def __call__(
        self, *responses: str | ReplayResponse, **provider_arguments: Any
    ) -> tuple[AnthropicProvider, ReplayTransport]: ...


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
