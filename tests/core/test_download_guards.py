"""Download guards: addresses that are not global (also when wrapped in IPv6), and the total time limit."""

from __future__ import annotations

import httpx
import pytest

from ai_sdk_core.prompt.download import DownloadConfig, DownloadRun, adownload, check_addresses, download
from ai_sdk_core.spec import DownloadError
from ai_sdk_core.testing.fault_server import Drip, FaultServer, Reply

pytestmark = pytest.mark.anyio

REFUSED = [
    "100.100.100.200",  # shared address space (CGNAT): a cloud metadata service lives here
    "100.64.0.1",
    "2002:7f00:1::1",  # 6to4 wrapping 127.0.0.1
    "2002:a9fe:a9fe::1",  # 6to4 wrapping 169.254.169.254
    "2001:0:4136:e378:8000:ffff:80ff:fffe",  # Teredo whose client is 127.0.0.1
    "::ffff:127.0.0.1",  # IPv4-mapped
    "::ffff:100.100.100.200",
    "64:ff9b::a9fe:a9fe",  # NAT64 wrapping 169.254.169.254
    "::127.0.0.1",  # deprecated IPv4-compatible form
    "192.0.2.1",  # documentation range: reserved, not global
    "224.0.0.1",
]


@pytest.mark.parametrize("address", REFUSED)
def test_non_global_address_forms_are_refused(address: str) -> None:
    with pytest.raises(DownloadError, match="non-public"):
        check_addresses("http://host/x", [address], DownloadConfig())


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:4700::1111", "2002:5db8:d822::1"])
def test_global_addresses_pass(address: str) -> None:
    check_addresses("http://host/x", [address], DownloadConfig())


def test_allowing_loopback_allows_only_loopback() -> None:
    config = DownloadConfig(allow_loopback=True)
    check_addresses("http://host/x", ["::ffff:127.0.0.1", "2002:7f00:1::1", "::1"], config)
    with pytest.raises(DownloadError):
        check_addresses("http://host/x", ["100.100.100.200"], config)


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("host", ["[2002:7f00:1::1]", "100.100.100.200", "[::ffff:a9fe:a9fe]"])
async def test_wrapped_literals_are_refused_before_any_request(mode: str, host: str) -> None:
    requested: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda request: requested.append(request) or httpx.Response(200))
    with httpx.Client(transport=transport) as client:
        async with httpx.AsyncClient(transport=transport) as async_client:
            config = DownloadConfig(http_client=client, async_http_client=async_client)
            with pytest.raises(DownloadError, match="non-public"):
                if mode == "sync":
                    download(f"http://{host}/a.png", config)
                else:
                    await adownload(f"http://{host}/a.png", config)
    assert requested == []


@pytest.mark.parametrize("mode", ["sync", "async"])
async def test_dripping_server_hits_the_total_time_limit(mode: str) -> None:
    with FaultServer() as server:
        # A byte every 50 ms: never silent long enough for a per-read timeout, 7.5 s in all without a total limit.
        server.script(Drip(chunk=b"x", interval=0.05, max_chunks=150, headers={"content-type": "image/png"}))
        config = DownloadConfig(allow_loopback=True, timeout=0.5)
        with pytest.raises(DownloadError, match=r"longer than the 0\.5 s limit"):
            if mode == "sync":
                download(server.url("/slow.png"), config)
            else:
                await adownload(server.url("/slow.png"), config)
    assert not server.failures, server.failures


@pytest.mark.parametrize("mode", ["sync", "async"])
async def test_small_download_within_the_limit(mode: str) -> None:
    with FaultServer() as server:
        server.script(Reply(200, body=b"png-bytes", headers={"content-type": "image/png; q=1"}))
        config = DownloadConfig(allow_loopback=True, timeout=5.0)
        url = server.url("/a.png")
        downloaded = download(url, config) if mode == "sync" else await adownload(url, config)
    assert downloaded.data == b"png-bytes" and downloaded.media_type == "image/png"


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_run_decisions_without_io() -> None:
    clock = FakeClock()
    run = DownloadRun("http://example.com/a", DownloadConfig(max_redirects=1, max_bytes=4, timeout=2.0), clock=clock)
    assert run.check_hop(["93.184.216.34"]) == 2.0
    assert run.on_response(302, {"location": "/b"}) is True
    assert run.current == "http://example.com/b"
    with pytest.raises(DownloadError, match="Too many redirects"):
        run.on_response(302, {"location": "/c"})

    run = DownloadRun("http://example.com/a", DownloadConfig(max_bytes=4, timeout=2.0), clock=clock)
    assert run.on_response(200, {"content-type": "text/plain"}) is False
    run.on_chunk(b"ab")
    clock.now += 2.5
    with pytest.raises(DownloadError, match="longer than"):
        run.on_chunk(b"c")
    with pytest.raises(DownloadError, match="404"):
        DownloadRun("http://example.com/a", DownloadConfig()).on_response(404, {})
    with pytest.raises(DownloadError, match="4-byte"):
        DownloadRun("http://example.com/a", DownloadConfig(max_bytes=4)).on_response(200, {"content-length": "9"})
