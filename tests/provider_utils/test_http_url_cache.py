"""The transport's parsed-URL cache: a key a user put in a URL's query (``query_params=``, a proxy's base URL)
lives no longer than the transport that sends it (the provider holds it anyway); no process-wide cache keeps it."""

from __future__ import annotations

import gc
import sys

import httpx
import pytest

from ai_sdk_core.provider_utils import HttpRequest, HttpTransport

pytestmark = pytest.mark.anyio


def answer(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json={"ok": True})


def keyed_url(number: int) -> str:
    # Built at run time (never an interned constant), so its reference count is ours to watch.
    return "".join(["https://api.example.test/v1/chat?api-key=sk-secret-", str(number)])


def test_a_url_with_a_key_is_not_kept_once_its_transport_is_gone() -> None:
    url = keyed_url(1)
    baseline = sys.getrefcount(url)
    transport = HttpTransport(http_client=httpx.Client(transport=httpx.MockTransport(answer)))
    for _ in range(2):  # the second call is served by the cache
        assert transport.send(HttpRequest(url=url, body={})).body == b'{"ok":true}'
    transport.close()
    del transport
    gc.collect()
    assert sys.getrefcount(url) == baseline


async def test_an_async_call_keeps_no_url_either() -> None:
    url = keyed_url(2)
    baseline = sys.getrefcount(url)
    transport = HttpTransport(http_client=httpx.AsyncClient(transport=httpx.MockTransport(answer)))
    for _ in range(2):
        assert (await transport.asend(HttpRequest(url=url, body={}))).status_code == 200
    await transport.aclose()
    del transport
    gc.collect()
    assert sys.getrefcount(url) == baseline


def test_urls_served_from_the_cache_are_sent_as_given() -> None:
    seen: list[str] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(200, json={})

    transport = HttpTransport(http_client=httpx.Client(transport=httpx.MockTransport(record)))
    urls = [keyed_url(number) for number in range(100)] * 2  # more than the transport keeps: some parsed again
    for url in urls:
        transport.send(HttpRequest(url=url, body={}))
    transport.close()
    assert seen == urls
