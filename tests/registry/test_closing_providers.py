"""Closing providers: ``close()`` / ``aclose()`` / ``with`` close the pooled connections a provider opened (seen
from a loopback server's side), leave a client the user passed in open, may be repeated, and do not kill the
provider (its next call opens a new connection). ``close_cached_providers()`` closes what ``"provider:model"``
resolution cached."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator

import anyio
import httpx
import pytest

from ai_sdk_core import (
    aclose_cached_providers,
    agenerate_text,
    close_cached_providers,
    generate_text,
    resolve_language_model,
)
from ai_sdk_core.providers.anthropic import create_anthropic
from ai_sdk_core.providers.openai import create_openai
from tests.support.vendor_server import FAKE_API_KEY, VendorServer

BOUND = 20.0  # seconds: only reached when something is broken


def eventually(condition: Callable[[], bool]) -> bool:
    """Whether ``condition`` holds within :data:`BOUND` (the server notices a closed connection on its thread)."""
    waiter = threading.Event()
    for _ in range(int(BOUND / 0.01)):
        if condition():
            return True
        waiter.wait(0.01)
    return condition()


async def aeventually(condition: Callable[[], bool]) -> bool:
    """:func:`eventually` that lets the running event loop work while it waits."""
    for _ in range(int(BOUND / 0.01)):
        if condition():
            return True
        await anyio.sleep(0.01)
    return condition()


@pytest.fixture
def server() -> Iterator[VendorServer]:
    with VendorServer() as vendor_server:
        yield vendor_server


def test_close_closes_the_pooled_sync_connection_and_the_provider_reopens(server: VendorServer) -> None:
    openai = create_openai(api_key=FAKE_API_KEY, base_url=server.base_url("openai-chat"))
    model = openai.chat("gpt-4.1-mini")
    assert generate_text(model=model, prompt="one").text == "one"
    assert server.open_connections == 1  # kept alive in the pool
    openai.close()
    assert eventually(lambda: server.open_connections == 0)
    openai.close()  # twice is fine
    # A closed provider is not dead: the model built before still works, over a new connection.
    assert generate_text(model=model, prompt="two").text == "two"
    assert server.connections_accepted == 2
    openai.close()
    assert eventually(lambda: server.open_connections == 0)


def test_with_closes_the_provider(server: VendorServer) -> None:
    with create_anthropic(api_key=FAKE_API_KEY, base_url=server.base_url("anthropic")) as anthropic:
        assert generate_text(model=anthropic("claude-sonnet-4-5"), prompt="hi").text == "hi"
        assert server.open_connections == 1
    assert eventually(lambda: server.open_connections == 0)


@pytest.mark.anyio
async def test_async_with_closes_the_async_and_sync_connections(server: VendorServer) -> None:
    async with create_anthropic(api_key=FAKE_API_KEY, base_url=server.base_url("anthropic")) as anthropic:
        model = anthropic("claude-sonnet-4-5")
        assert (await agenerate_text(model=model, prompt="async")).text == "async"
        # The sync flavour from a worker thread: the provider's other pooled client.
        assert (await anyio.to_thread.run_sync(lambda: generate_text(model=model, prompt="sync"))).text == "sync"
        assert server.open_connections == 2
    assert await aeventually(lambda: server.open_connections == 0)
    await anthropic.aclose()  # twice is fine
    assert (await agenerate_text(model=model, prompt="again")).text == "again"
    await anthropic.aclose()
    assert await aeventually(lambda: server.open_connections == 0)


@pytest.mark.anyio
async def test_sync_close_from_async_code_closes_the_loops_connection_by_a_task(server: VendorServer) -> None:
    openai = create_openai(api_key=FAKE_API_KEY, base_url=server.base_url("openai-chat"))
    with openai:  # `with`, not `async with`: close() cannot await, it leaves a task on this loop
        assert (await agenerate_text(model=openai.chat("gpt-4.1-mini"), prompt="hi")).text == "hi"
        assert server.open_connections == 1
    assert await aeventually(lambda: server.open_connections == 0)


def test_close_reaches_an_async_client_of_a_loop_running_in_another_thread(server: VendorServer) -> None:
    openai = create_openai(api_key=FAKE_API_KEY, base_url=server.base_url("openai-chat"))
    loop = asyncio.new_event_loop()
    worker = threading.Thread(target=loop.run_forever, name="provider-close-test-loop")
    worker.start()
    try:
        call = agenerate_text(model=openai.chat("gpt-4.1-mini"), prompt="from the other loop")
        answer = asyncio.run_coroutine_threadsafe(call, loop).result(timeout=BOUND)
        assert answer.text == "from the other loop"
        assert server.open_connections == 1
        openai.close()  # from this thread, with no loop running here
        assert eventually(lambda: server.open_connections == 0)
    finally:
        asyncio.run_coroutine_threadsafe(loop.shutdown_asyncgens(), loop).result(timeout=BOUND)
        loop.call_soon_threadsafe(loop.stop)
        worker.join(timeout=BOUND)
        loop.close()


@pytest.mark.anyio
async def test_a_client_the_user_passed_in_stays_open(server: VendorServer) -> None:
    with httpx.Client() as client:
        async with httpx.AsyncClient() as async_client:
            openai = create_openai(
                api_key=FAKE_API_KEY,
                base_url=server.base_url("openai-chat"),
                http_client=client,
                async_http_client=async_client,
            )
            model = openai.chat("gpt-4.1-mini")
            assert (await agenerate_text(model=model, prompt="a")).text == "a"
            assert (await anyio.to_thread.run_sync(lambda: generate_text(model=model, prompt="s"))).text == "s"
            openai.close()
            await openai.aclose()
            assert not client.is_closed and not async_client.is_closed
            assert server.open_connections == 2  # the user's pools still hold their connections
            assert (await agenerate_text(model=model, prompt="still")).text == "still"
    assert eventually(lambda: server.open_connections == 0)  # closed by their owner


def test_close_cached_providers_closes_configured_and_default_instances(
    server: VendorServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    configured = resolve_language_model(
        "anthropic:claude-sonnet-4-5", api_key=FAKE_API_KEY, base_url=server.base_url("anthropic")
    )
    # The default `openai` instance reads its key and base URL from the environment at call time.
    monkeypatch.setenv("OPENAI_API_KEY", FAKE_API_KEY)
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url("openai-chat"))
    default = resolve_language_model("openai:gpt-4.1-mini")
    assert generate_text(model=configured, prompt="configured").text == "configured"
    assert generate_text(model=default, prompt="default").text == "default"
    assert server.open_connections == 2
    close_cached_providers()
    assert eventually(lambda: server.open_connections == 0)
    close_cached_providers()  # twice is fine
    # The providers stay cached and reopen on use, so the next close reaches the new connection too.
    again = resolve_language_model(
        "anthropic:claude-sonnet-4-5", api_key=FAKE_API_KEY, base_url=server.base_url("anthropic")
    )
    assert again.transport is configured.transport  # type: ignore[attr-defined]
    assert generate_text(model=configured, prompt="reopened").text == "reopened"
    assert server.connections_accepted == 3
    close_cached_providers()
    assert eventually(lambda: server.open_connections == 0)


@pytest.mark.anyio
async def test_aclose_cached_providers_closes_the_loops_connections(server: VendorServer) -> None:
    model = resolve_language_model(
        "anthropic:claude-sonnet-4-5", api_key=FAKE_API_KEY, base_url=server.base_url("anthropic")
    )
    assert (await agenerate_text(model=model, prompt="async")).text == "async"
    assert (await anyio.to_thread.run_sync(lambda: generate_text(model=model, prompt="sync"))).text == "sync"
    assert server.open_connections == 2
    await aclose_cached_providers()
    assert await aeventually(lambda: server.open_connections == 0)
