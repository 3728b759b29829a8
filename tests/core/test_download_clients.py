"""Injected download clients are never bypassed: one flavour given, the other flavour refused."""

from __future__ import annotations

import httpx
import pytest

from ai_sdk_core import InvalidArgumentError
from ai_sdk_core.prompt.download import DownloadConfig, adownload, download

pytestmark = pytest.mark.anyio

URL = "https://files.example.test/cat.png"


def _serve_png(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, headers={"content-type": "image/png"}, content=b"\x89PNG")


def _public_address(monkeypatch: pytest.MonkeyPatch) -> None:
    # The address check resolves the host first: answer with a global address (MockTransport serves the bytes).
    import ai_sdk_core.prompt.download as module

    async def aresolve(url: str) -> list[str]:
        return ["93.184.215.14"]

    monkeypatch.setattr(module, "_resolve", lambda url: ["93.184.215.14"])
    monkeypatch.setattr(module, "_aresolve", aresolve)


async def test_only_a_sync_client_refuses_an_async_download() -> None:
    with (
        httpx.Client(transport=httpx.MockTransport(_serve_png)) as client,
        pytest.raises(InvalidArgumentError) as raised,
    ):
        await adownload(URL, DownloadConfig(http_client=client))
    assert raised.value.argument == "DownloadConfig.async_http_client"


async def test_only_an_async_client_refuses_a_sync_download() -> None:
    async with httpx.AsyncClient(transport=httpx.MockTransport(_serve_png)) as client:
        with pytest.raises(InvalidArgumentError) as raised:
            download(URL, DownloadConfig(async_http_client=client))
    assert raised.value.argument == "DownloadConfig.http_client"


async def test_each_injected_client_serves_its_own_flavour(monkeypatch: pytest.MonkeyPatch) -> None:
    _public_address(monkeypatch)
    seen: list[str] = []

    def serve(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return _serve_png(request)

    transport = httpx.MockTransport(serve)
    with httpx.Client(transport=transport) as client:
        async with httpx.AsyncClient(transport=transport) as async_client:
            config = DownloadConfig(http_client=client, async_http_client=async_client)
            assert download(URL, config).data == b"\x89PNG"
            assert (await adownload(URL, config)).data == b"\x89PNG"
    assert seen == [URL, URL]
