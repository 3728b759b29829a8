"""Fixtures for the Gemini provider tests: replayed wire data, each test run sync and async."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

import httpx
import pytest

from ai_sdk_core.providers.google import GoogleGenerativeAIProvider, create_google_generative_ai
from ai_sdk_core.testing.replay import ReplayTransport
from tests.providers.driver import Driver, io

FIXTURES = Path(__file__).parent / "fixtures"
API_KEY = "AIza-test-0123456789"


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    # A developer's real key must never leak into a test, nor make one pass by accident.
    monkeypatch.delenv("GOOGLE_GENERATIVE_AI_API_KEY", raising=False)


__all__ = ["Driver", "io"]


class ReplayFactory(Protocol):
    """The ``replay`` fixture: a Gemini provider served the named fixtures, and the transport recording it."""

    def __call__(
        self, *scenarios: str, fragment_size: int | None = None, **provider_arguments: Any
    ) -> tuple[GoogleGenerativeAIProvider, ReplayTransport]: ...


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
