"""Injected httpx clients: ``http_client=`` takes either flavour, and an injected client is never bypassed."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from ai_sdk_core.provider_utils import HttpRequest, HttpTransport
from ai_sdk_core.spec import InvalidArgumentError

from .flavours import FLAVOURS, Flavour, send

REQUEST = HttpRequest(url="http://model.test/v1/call", body={"a": 1})


def recording(seen: list[str], label: str) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(label)
        return httpx.Response(200, json=[label])

    return httpx.MockTransport(handler)


@pytest.mark.anyio
async def test_an_async_client_given_as_http_client_serves_async_calls() -> None:
    seen: list[str] = []
    async with httpx.AsyncClient(transport=recording(seen, "mine")) as client:
        transport = HttpTransport(http_client=client)
        response = await transport.asend(REQUEST)
        stream = await transport.aopen_stream(REQUEST)
        await stream.aclose()
    assert response.body == b'["mine"]'
    assert seen == ["mine", "mine"]


@pytest.mark.anyio
async def test_a_sync_call_with_only_an_async_client_names_http_client() -> None:
    seen: list[str] = []
    async with httpx.AsyncClient(transport=recording(seen, "mine")) as client:
        transport = HttpTransport(http_client=client)
        calls: list[Callable[[], object]] = [lambda: transport.send(REQUEST), lambda: transport.open_stream(REQUEST)]
        for call in calls:
            with pytest.raises(InvalidArgumentError) as caught:
                call()
            assert caught.value.argument == "http_client"
            assert "`http_client=`" in caught.value.message
    assert seen == []


@pytest.mark.anyio
async def test_an_async_call_with_only_a_sync_client_names_async_http_client() -> None:
    seen: list[str] = []
    with httpx.Client(transport=recording(seen, "mine")) as client:
        transport = HttpTransport(http_client=client)
        for _ in range(2):  # and no default client was made behind the user's back by the first attempt
            with pytest.raises(InvalidArgumentError) as caught:
                await transport.asend(REQUEST)
            assert caught.value.argument == "async_http_client"
            assert "`async_http_client=`" in caught.value.message
        assert transport.send(REQUEST).body == b'["mine"]'
    assert seen == ["mine"]


@pytest.mark.anyio
@pytest.mark.parametrize("flavour", FLAVOURS)
async def test_both_flavours_given_each_call_uses_its_own(flavour: Flavour) -> None:
    seen: list[str] = []
    with httpx.Client(transport=recording(seen, "sync")) as client:
        async with httpx.AsyncClient(transport=recording(seen, "async")) as async_client:
            transport = HttpTransport(http_client=client, async_http_client=async_client)
            response = await send(flavour, transport, REQUEST)
    assert seen == [flavour]
    assert response.body == f'["{flavour}"]'.encode()


@pytest.mark.anyio
async def test_clients_we_did_not_make_are_left_open() -> None:
    async with httpx.AsyncClient(transport=recording([], "mine")) as client:
        transport = HttpTransport(http_client=client)
        await transport.aclose()
        assert not client.is_closed
        assert (await transport.asend(REQUEST)).status_code == 200


@pytest.mark.anyio
async def test_two_async_clients_are_refused() -> None:
    async with httpx.AsyncClient() as first, httpx.AsyncClient() as second:
        with pytest.raises(InvalidArgumentError, match="`async_http_client=`") as caught:
            HttpTransport(http_client=first, async_http_client=second)
    assert caught.value.argument == "http_client"


@pytest.mark.parametrize(
    ("arguments", "argument"),
    [({"http_client": object()}, "http_client"), ({"async_http_client": "client"}, "async_http_client")],
)
def test_something_else_than_an_httpx_client_is_refused(arguments: dict[str, object], argument: str) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        HttpTransport(**arguments)  # type: ignore[arg-type]
    assert caught.value.argument == argument


def test_a_sync_client_given_as_async_http_client_is_refused() -> None:
    with httpx.Client() as client, pytest.raises(InvalidArgumentError, match=r"httpx\.AsyncClient"):
        HttpTransport(async_http_client=client)  # type: ignore[arg-type]


def test_a_finished_event_loop_closes_its_client_and_is_not_kept_alive() -> None:
    # asyncio.run (and asgiref's async_to_sync) finalise a loop before closing it: the pool's client for that
    # loop must close then, or the loop, the client and its sockets live as long as the pool.
    import asyncio
    import gc
    import weakref

    from ai_sdk_core.provider_utils.http_clients import ClientPool

    pool = ClientPool()
    clients: list[httpx.AsyncClient] = []
    loops: list[weakref.ref[asyncio.AbstractEventLoop]] = []

    async def use_the_pool() -> None:
        clients.append(pool.async_client())
        loops.append(weakref.ref(asyncio.get_running_loop()))
        assert pool.async_client() is clients[-1]  # one client per loop

    asyncio.run(use_the_pool())
    asyncio.run(use_the_pool())
    gc.collect()
    assert clients[0] is not clients[1]
    assert all(client.is_closed for client in clients)
    assert [loop() for loop in loops] == [None, None]
    pool.close()


def test_each_event_loop_keeps_its_own_client_when_calls_alternate() -> None:
    # The pool remembers the last loop it served; a call from another loop in between must not get that client.
    import asyncio

    from ai_sdk_core.provider_utils.http_clients import ClientPool

    pool = ClientPool()
    first_loop, second_loop = asyncio.new_event_loop(), asyncio.new_event_loop()

    async def client_of_this_loop() -> httpx.AsyncClient:
        return pool.async_client()

    try:
        first = first_loop.run_until_complete(client_of_this_loop())
        second = second_loop.run_until_complete(client_of_this_loop())
        assert first is not second
        assert first_loop.run_until_complete(client_of_this_loop()) is first
        assert second_loop.run_until_complete(client_of_this_loop()) is second
        first_loop.run_until_complete(pool.aclose())  # closes the first loop's client, forgets it
        replacement = first_loop.run_until_complete(client_of_this_loop())
        assert replacement is not first and not replacement.is_closed
        assert first.is_closed
    finally:
        first_loop.run_until_complete(pool.aclose())
        second_loop.run_until_complete(pool.aclose())
        first_loop.close()
        second_loop.close()
