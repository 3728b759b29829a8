"""``http_client=`` of the OpenAI and OpenAI-compatible providers: either httpx flavour, never bypassed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from ai_sdk_core.providers.openai import create_openai
from ai_sdk_core.providers.openai_compatible import create_openai_compatible
from ai_sdk_core.spec import CallOptions, InvalidArgumentError, Prompt, TextContent, TextPart, UserMessage
from ai_sdk_core.testing.replay import ReplayTransport

from .conftest import API_KEY, FIXTURES, Driver

pytestmark = pytest.mark.anyio

HELLO: Prompt = [UserMessage([TextPart("Hello")])]
OPTIONS = CallOptions(prompt=HELLO)

ProviderFactory = Callable[..., Any]


def openai_provider(**clients: Any) -> Any:
    # The chat model: these tests replay Chat Completions fixtures.
    return create_openai(api_key=API_KEY, **clients).chat


def compatible_provider(**clients: Any) -> Any:
    return create_openai_compatible(name="local", base_url="http://llm.test/v1", **clients)


PROVIDERS = pytest.mark.parametrize("make_provider", [openai_provider, compatible_provider], ids=["openai", "compat"])


@PROVIDERS
async def test_an_async_client_as_http_client_serves_async_calls_and_refuses_sync_ones(
    make_provider: ProviderFactory,
) -> None:
    replay = ReplayTransport.from_fixtures(FIXTURES, "chat-text")
    async with httpx.AsyncClient(transport=replay) as client:
        model = make_provider(http_client=client)("gpt-4o-mini")
        with pytest.raises(InvalidArgumentError) as caught:
            model.do_generate(OPTIONS)
        assert caught.value.argument == "http_client"
        result = await model.ado_generate(OPTIONS)
    assert any(isinstance(part, TextContent) and part.text for part in result.content)
    assert len(replay.requests) == 1


@PROVIDERS
async def test_a_sync_client_alone_refuses_async_calls_instead_of_making_its_own(
    make_provider: ProviderFactory,
) -> None:
    replay = ReplayTransport.from_fixtures(FIXTURES, "chat-text")
    with httpx.Client(transport=replay) as client:
        model = make_provider(http_client=client)("gpt-4o-mini")
        with pytest.raises(InvalidArgumentError) as caught:
            await model.ado_generate(OPTIONS)
        assert caught.value.argument == "async_http_client"
        with pytest.raises(InvalidArgumentError):
            await model.ado_stream(OPTIONS)
        result = model.do_generate(OPTIONS)
    assert any(isinstance(part, TextContent) and part.text for part in result.content)
    assert len(replay.requests) == 1


@PROVIDERS
@pytest.mark.parametrize("mode", ["sync", "async"])
async def test_both_clients_serve_their_own_flavour(make_provider: ProviderFactory, mode: str) -> None:
    sync_replay = ReplayTransport.from_fixtures(FIXTURES, "chat-text")
    async_replay = ReplayTransport.from_fixtures(FIXTURES, "chat-text")
    with httpx.Client(transport=sync_replay) as client:
        async with httpx.AsyncClient(transport=async_replay) as async_client:
            model = make_provider(http_client=client, async_http_client=async_client)("gpt-4o-mini")
            await Driver(mode).generate(model, OPTIONS)
    assert (len(sync_replay.requests), len(async_replay.requests)) == ((1, 0) if mode == "sync" else (0, 1))


@PROVIDERS
async def test_two_async_clients_are_refused_when_the_provider_is_made(make_provider: ProviderFactory) -> None:
    async with httpx.AsyncClient() as first, httpx.AsyncClient() as second:
        with pytest.raises(InvalidArgumentError):
            make_provider(http_client=first, async_http_client=second)
