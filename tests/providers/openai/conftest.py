"""Fixtures for the OpenAI and OpenAI-compatible provider tests: replayed wire data, run sync and async."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

import httpx
import pytest

from ai_sdk_core.providers.openai import OpenAIProvider, create_openai
from ai_sdk_core.testing.replay import ReplayTransport
from tests.providers.driver import Driver, io

FIXTURES = Path(__file__).parent / "fixtures"
API_KEY = "sk-test-0123456789abcdef"


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    # A developer's real key or base URL must never leak into a test, nor make one pass by accident.
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "ACME_API_KEY"):
        monkeypatch.delenv(name, raising=False)


__all__ = ["Driver", "io"]


class ReplayFactory(Protocol):
    """The ``replay`` fixture: an OpenAI provider served the named fixtures, and the transport recording it."""

    def __call__(
        self, *scenarios: str, fragment_size: int | None = None, **provider_arguments: Any
    ) -> tuple[OpenAIProvider, ReplayTransport]: ...


@pytest.fixture
def replay() -> Iterator[ReplayFactory]:
    """``replay("chat-text", ...)`` -> an OpenAI provider whose clients are served those fixtures in order."""
    clients: list[httpx.Client | httpx.AsyncClient] = []

    def make(
        *scenarios: str, fragment_size: int | None = None, **provider_arguments: Any
    ) -> tuple[OpenAIProvider, ReplayTransport]:
        transport = ReplayTransport.from_fixtures(FIXTURES, *scenarios, fragment_size=fragment_size)
        client = httpx.Client(transport=transport)
        async_client = httpx.AsyncClient(transport=transport)
        clients.extend((client, async_client))
        provider_arguments.setdefault("api_key", API_KEY)
        provider = create_openai(http_client=client, async_http_client=async_client, **provider_arguments)
        return provider, transport

    yield make
    for client in clients:
        if isinstance(client, httpx.Client):
            client.close()
