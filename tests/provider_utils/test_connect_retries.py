"""A connection that could not be made (refused, or not within ``TimeoutConfig.connect``) is retried."""

from __future__ import annotations

import httpx
import pytest

from ai_sdk_core.provider_utils import HttpRequest, HttpTransport
from ai_sdk_core.spec import APICallError, RetryError, TimeoutConfig

from .flavours import FLAVOURS, Flavour, send_with_retries

pytestmark = [pytest.mark.anyio, pytest.mark.parametrize("flavour", FLAVOURS)]

REQUEST = HttpRequest(url="http://model.test/v1/call", body={}, timeout=TimeoutConfig(connect=2))


def failing_first(attempts: list[int], error: type[httpx.TransportError], failures: int = 1) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        attempts.append(len(attempts))
        if len(attempts) <= failures:
            raise error("no connection", request=request)
        return httpx.Response(200, json={"ok": True})

    return httpx.MockTransport(handler)


def transport_over(flavour: Flavour, mock: httpx.MockTransport) -> HttpTransport:
    if flavour == "sync":
        return HttpTransport(http_client=httpx.Client(transport=mock))
    return HttpTransport(http_client=httpx.AsyncClient(transport=mock))


@pytest.mark.parametrize("error", [httpx.ConnectTimeout, httpx.ConnectError])
async def test_a_connect_failure_then_success_takes_two_attempts(
    flavour: Flavour, error: type[httpx.TransportError]
) -> None:
    attempts: list[int] = []
    transport = transport_over(flavour, failing_first(attempts, error))
    response = await send_with_retries(flavour, transport, REQUEST, max_retries=2)
    assert response.status_code == 200
    assert len(attempts) == 2


async def test_connect_timeouts_every_time_end_in_a_retry_error_of_api_call_errors(flavour: Flavour) -> None:
    attempts: list[int] = []
    transport = transport_over(flavour, failing_first(attempts, httpx.ConnectTimeout, failures=10))
    with pytest.raises(RetryError) as caught:
        await send_with_retries(flavour, transport, REQUEST, max_retries=2)
    assert len(attempts) == 3
    assert all(isinstance(error, APICallError) and error.status_code is None for error in caught.value.errors)
    assert all(isinstance(error.__cause__, httpx.ConnectTimeout) for error in caught.value.errors)
