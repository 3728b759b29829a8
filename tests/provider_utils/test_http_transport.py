"""HttpTransport against the fault server, each case in both flavours: statuses, retries, bounds, redirects."""

from __future__ import annotations

import socket
import time
from collections.abc import AsyncIterator
from email.utils import formatdate
from typing import Any

import httpx
import pytest

from ai_sdk_core.provider_utils import HttpRequest, HttpTransport
from ai_sdk_core.spec import (
    APICallError,
    ResponseTooLargeError,
    RetryAfterTooLongError,
    RetryError,
    TimeoutBudgetError,
    TimeoutConfig,
)
from ai_sdk_core.testing.fault_server import (
    Connection,
    FaultServer,
    Handler,
    ReceivedRequest,
    Redirect,
    Reply,
    Silent,
    Stream,
)

from .flavours import FLAVOURS, Flavour, send, send_with_retries, stream_body

pytestmark = [pytest.mark.anyio, pytest.mark.parametrize("flavour", FLAVOURS)]

OK = Reply(200, json={"ok": True})


@pytest.fixture
async def transport() -> AsyncIterator[HttpTransport]:
    transport = HttpTransport()
    yield transport
    await transport.aclose()


def request_to(server: FaultServer, path: str = "/v1/call", **options: Any) -> HttpRequest:
    return HttpRequest(url=server.url(path), body={"prompt": "héllo"}, **options)


async def test_sends_json_and_returns_the_body(
    flavour: Flavour, fault_server: FaultServer, transport: HttpTransport
) -> None:
    fault_server.script(Reply(200, json={"answer": 42}, headers={"x-request-id": "r1"}))
    response = await send(flavour, transport, request_to(fault_server, headers={"X-Custom": "1", "X-Drop": None}))
    assert response.status_code == 200
    assert response.body == b'{"answer": 42}'
    assert response.headers["x-request-id"] == "r1"
    [received] = fault_server.requests
    assert received.method == "POST"
    assert received.path == "/v1/call"
    assert received.body == '{"prompt":"héllo"}'.encode()
    assert received.headers["content-type"] == "application/json"
    assert received.headers["accept"] == "application/json"
    assert received.headers["x-custom"] == "1"
    assert "x-drop" not in received.headers


@pytest.mark.parametrize(
    "retry_headers",
    [{"retry-after-ms": "50"}, {"retry-after": "0.05"}, {"retry-after": "HTTP-DATE"}],
    ids=["retry-after-ms", "retry-after-seconds", "retry-after-date"],
)
async def test_429_with_retry_after_then_success(
    flavour: Flavour, fault_server: FaultServer, transport: HttpTransport, retry_headers: dict[str, str]
) -> None:
    if retry_headers.get("retry-after") == "HTTP-DATE":
        # Two seconds ahead: the date has whole seconds, so the wait is between one and two seconds.
        retry_headers = {"retry-after": formatdate(time.time() + 2, usegmt=True)}
    fault_server.script(Reply(429, json={"error": "slow down"}, headers=retry_headers), OK)
    response = await send_with_retries(flavour, transport, request_to(fault_server), initial_delay=30)
    # With a 30 s backoff, only honouring the header lets this finish within the test timeout.
    assert response.status_code == 200
    assert len(fault_server.requests) == 2


async def test_retry_after_above_the_cap_raises_at_once(
    flavour: Flavour, fault_server: FaultServer, transport: HttpTransport
) -> None:
    fault_server.script(Reply(429, headers={"retry-after": "3600"}), OK)
    with pytest.raises(RetryAfterTooLongError) as caught:
        await send_with_retries(flavour, transport, request_to(fault_server))
    assert caught.value.retry_after_seconds == 3600
    assert len(fault_server.requests) == 1


async def test_5xx_then_success(flavour: Flavour, fault_server: FaultServer, transport: HttpTransport) -> None:
    fault_server.script(Reply(503), Reply(502), OK)
    response = await send_with_retries(flavour, transport, request_to(fault_server))
    assert response.status_code == 200
    assert len(fault_server.requests) == 3


async def test_500_always_gives_retry_error_with_every_attempt(
    flavour: Flavour, fault_server: FaultServer, transport: HttpTransport
) -> None:
    fault_server.script(default=Reply(500, body="boom"))
    with pytest.raises(RetryError) as caught:
        await send_with_retries(flavour, transport, request_to(fault_server), max_retries=2)
    assert caught.value.reason == "max_retries_exceeded"
    assert len(caught.value.errors) == 3
    assert all(isinstance(error, APICallError) and error.status_code == 500 for error in caught.value.errors)
    assert len(fault_server.requests) == 3


async def test_max_retries_zero_raises_the_bare_error(
    flavour: Flavour, fault_server: FaultServer, transport: HttpTransport
) -> None:
    fault_server.script(Reply(500), OK)
    with pytest.raises(APICallError) as caught:
        await send_with_retries(flavour, transport, request_to(fault_server), max_retries=0)
    assert type(caught.value) is APICallError
    assert caught.value.status_code == 500
    assert len(fault_server.requests) == 1


async def test_x_should_retry_false_stops_a_500(
    flavour: Flavour, fault_server: FaultServer, transport: HttpTransport
) -> None:
    fault_server.script(Reply(500, headers={"x-should-retry": "false"}), OK)
    with pytest.raises(APICallError) as caught:
        await send_with_retries(flavour, transport, request_to(fault_server))
    assert caught.value.is_retryable is False
    assert len(fault_server.requests) == 1


async def test_x_should_retry_true_retries_a_400(
    flavour: Flavour, fault_server: FaultServer, transport: HttpTransport
) -> None:
    fault_server.script(Reply(400, headers={"x-should-retry": "true"}), OK)
    response = await send_with_retries(flavour, transport, request_to(fault_server))
    assert response.status_code == 200
    assert len(fault_server.requests) == 2


async def test_error_uses_the_parse_error_hook(
    flavour: Flavour, fault_server: FaultServer, transport: HttpTransport
) -> None:
    fault_server.script(Reply(401, json={"error": {"message": "Bad key"}}))

    def parse_error(status_code: int, headers: Any, body_text: str) -> tuple[str, Any]:
        return f"{status_code}: Bad key", {"seen": body_text}

    with pytest.raises(APICallError) as caught:
        await send(flavour, transport, request_to(fault_server), parse_error=parse_error)
    assert caught.value.message == "401: Bad key"
    assert caught.value.data == {"seen": '{"error": {"message": "Bad key"}}'}
    assert caught.value.is_retryable is False
    assert caught.value.url == fault_server.url("/v1/call")


async def test_error_without_hook_or_with_a_failing_hook_gets_a_generic_message(
    flavour: Flavour, fault_server: FaultServer, transport: HttpTransport
) -> None:
    fault_server.script(Reply(418, body="<html>teapot</html>"))

    def broken_hook(status_code: int, headers: Any, body_text: str) -> tuple[str, Any]:
        raise KeyError("error")

    with pytest.raises(APICallError) as caught:
        await send(flavour, transport, request_to(fault_server), parse_error=broken_hook)
    assert "418" in caught.value.message
    assert caught.value.response_body == "<html>teapot</html>"


async def test_one_mib_error_page_is_kept_truncated(
    flavour: Flavour, fault_server: FaultServer, transport: HttpTransport
) -> None:
    fault_server.script(Reply(502, body=b"<html>" + b"x" * (1024 * 1024), headers={"content-type": "text/html"}))
    with pytest.raises(APICallError) as caught:
        await send(flavour, transport, request_to(fault_server))
    body = caught.value.response_body
    assert body is not None
    assert body.startswith("<html>xxx")
    assert len(body) < 10_000
    assert "truncated" in body
    assert caught.value.is_retryable


async def test_body_above_the_bound_raises(flavour: Flavour, fault_server: FaultServer) -> None:
    fault_server.script(Reply(200, body=b"[" + b"1," * 2000 + b"1]"))
    async with HttpTransport(max_body_bytes=1000) as transport:
        with pytest.raises(ResponseTooLargeError) as caught:
            await send(flavour, transport, request_to(fault_server))
    assert caught.value.limit == 1000


async def test_connection_refused_is_a_retryable_error_without_status(
    flavour: Flavour, transport: HttpTransport
) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nobody listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(APICallError) as caught:
        await send(flavour, transport, HttpRequest(url=f"http://127.0.0.1:{port}/x", body={}))
    assert caught.value.status_code is None
    assert caught.value.is_retryable


async def test_cut_body_of_a_plain_response_is_a_retryable_error(
    flavour: Flavour, fault_server: FaultServer, transport: HttpTransport
) -> None:
    fault_server.script(Stream([b'{"partial": '], headers={"content-type": "application/json"}, cut=True))
    with pytest.raises(APICallError) as caught:
        await send(flavour, transport, request_to(fault_server))
    assert caught.value.status_code is None
    assert caught.value.is_retryable


async def test_server_that_never_answers_hits_first_chunk(
    flavour: Flavour, fault_server: FaultServer, transport: HttpTransport
) -> None:
    fault_server.script(Silent())
    with pytest.raises(TimeoutBudgetError) as caught:
        await send(flavour, transport, request_to(fault_server, timeout=TimeoutConfig(first_chunk=0.3)))
    assert caught.value.budget == "first_chunk"


async def test_stream_body_is_read_whole(flavour: Flavour, fault_server: FaultServer, transport: HttpTransport) -> None:
    fault_server.script(Stream([b"data: 1\n\n", b"data: 2\n\n"]))
    assert await stream_body(flavour, transport, request_to(fault_server)) == b"data: 1\n\ndata: 2\n\n"


async def test_cross_origin_redirect_drops_credentials(
    flavour: Flavour, fault_server: FaultServer, other_fault_server: FaultServer, transport: HttpTransport
) -> None:
    fault_server.script(Redirect(other_fault_server.url("/moved"), status=307))
    other_fault_server.script(Reply(200, json={"ok": True}))
    request = request_to(
        fault_server,
        headers={"Authorization": "Bearer sk-secret", "x-api-key": "sk-secret", "x-custom": "kept"},
        credential_headers=frozenset({"authorization", "x-api-key"}),
    )
    response = await send(flavour, transport, request)
    assert response.status_code == 200
    assert fault_server.requests[0].headers["authorization"] == "Bearer sk-secret"
    [moved] = other_fault_server.requests
    assert moved.path == "/moved"
    assert moved.method == "POST"  # 307 repeats the request
    assert moved.body == '{"prompt":"héllo"}'.encode()
    assert moved.headers["x-custom"] == "kept"
    assert "authorization" not in moved.headers
    assert "x-api-key" not in moved.headers
    assert not any("sk-secret" in value for value in moved.headers.values())


@pytest.mark.parametrize(
    "client_credentials",
    [{"headers": {"api-key": "SECRET1", "authorization": "Bearer SECRET1"}}, {"auth": ("user", "SECRET2")}],
    ids=["client-headers", "client-auth"],
)
async def test_cross_origin_redirect_drops_an_injected_clients_credentials(
    flavour: Flavour, fault_server: FaultServer, other_fault_server: FaultServer, client_credentials: dict[str, Any]
) -> None:
    # httpx adds a client's headers= and auth= to every request it builds, redirect hops included.
    fault_server.script(Redirect(other_fault_server.url("/moved"), status=307))
    other_fault_server.script(OK)
    client: httpx.Client | httpx.AsyncClient
    client = httpx.Client(**client_credentials) if flavour == "sync" else httpx.AsyncClient(**client_credentials)
    try:
        response = await send(flavour, HttpTransport(http_client=client), request_to(fault_server))
    finally:
        if isinstance(client, httpx.Client):
            client.close()
        else:
            await client.aclose()
    assert response.status_code == 200
    assert "authorization" in fault_server.requests[0].headers  # the gateway itself got them
    [moved] = other_fault_server.requests
    assert "authorization" not in moved.headers
    assert "api-key" not in moved.headers
    assert not any("SECRET" in value for value in moved.headers.values())


async def test_same_origin_redirect_keeps_credentials(
    flavour: Flavour, fault_server: FaultServer, transport: HttpTransport
) -> None:
    fault_server.script(Redirect("/v2/call", status=308), OK)
    request = request_to(fault_server, headers={"authorization": "Bearer sk-secret"})
    await send(flavour, transport, request)
    assert [received.path for received in fault_server.requests] == ["/v1/call", "/v2/call"]
    assert fault_server.requests[1].headers["authorization"] == "Bearer sk-secret"


async def test_redirect_loop_stops(flavour: Flavour, fault_server: FaultServer, transport: HttpTransport) -> None:
    fault_server.script(default=Redirect("/again", status=307))
    with pytest.raises(APICallError, match="redirects"):
        await send(flavour, transport, request_to(fault_server))
    assert len(fault_server.requests) == 6  # the request and five redirects


async def test_slow_headers_hit_first_chunk_and_a_handler_can_write_anything(
    flavour: Flavour, fault_server: FaultServer, transport: HttpTransport
) -> None:
    def half_a_head(connection: Connection, request: ReceivedRequest) -> None:
        connection.sock.sendall(b"HTTP/1.1 200 OK\r\ncontent-")  # and then nothing: a stalled server
        connection.client_gone(5)

    fault_server.script(Reply(200, json={}, delay=5), Handler(half_a_head))
    for _ in range(2):
        with pytest.raises(TimeoutBudgetError) as caught:
            await send(flavour, transport, request_to(fault_server, timeout=TimeoutConfig(first_chunk=0.2)))
        assert caught.value.budget == "first_chunk"
    assert len(fault_server.requests) == 2
