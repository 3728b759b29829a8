"""Case 9: URLs in prompts (images, files) that point at loopback, link-local and private addresses, directly,
through DNS names and through a redirect, are refused before any connection unless the caller allows them; and
downloads with a huge ``Content-Length``, no length and an endless body, or a 1-byte-a-second drip, end typed.

Downloads are off by default (``download=`` opts in); the model is never called when a download is refused.
"""

from __future__ import annotations

import socket
import tracemalloc
from typing import Any

import httpx
import pytest

from ai_sdk_core import agenerate_text, generate_text
from ai_sdk_core.prompt.download import DownloadConfig
from ai_sdk_core.spec import DownloadError
from ai_sdk_core.testing import Drip, FaultServer, MockLanguageModel, Redirect, Reply, mock_text_result

pytestmark = pytest.mark.anyio

_PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


async def _run(mode: str, url: str, download: bool | DownloadConfig) -> tuple[MockLanguageModel, BaseException | None]:
    """One generate call whose prompt holds an image at ``url``; the model never fetches URLs itself."""
    model = MockLanguageModel(do_generate=mock_text_result("seen"), supported_urls={})
    messages = [{"role": "user", "content": [{"type": "text", "text": "Describe."}, {"type": "image", "image": url}]}]
    try:
        if mode == "sync":
            generate_text(model=model, messages=messages, download=download, max_retries=0)
        else:
            await agenerate_text(model=model, messages=messages, download=download, max_retries=0)
    except Exception as error:
        return model, error
    return model, None


def _prompt_bytes(model: MockLanguageModel) -> list[bytes]:
    found: list[bytes] = []
    for message in model.calls[0].prompt:
        for part in getattr(message, "content", ()):
            data = getattr(part, "data", None)
            if isinstance(data, bytes):
                found.append(data)
    return found


@pytest.fixture
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Names that resolve to addresses a hostile DNS would give: a metadata service, an intranet host."""
    answers = {"metadata.example": "169.254.169.254", "intranet.example": "10.1.2.3", "sneaky.example": "127.0.0.1"}
    original = socket.getaddrinfo

    def getaddrinfo(host: Any, port: Any, *arguments: Any, **keywords: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else host  # anyio passes the IDNA-encoded bytes
        if name in answers:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (answers[name], port or 80))]
        return original(host, port, *arguments, **keywords)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.mark.parametrize(
    "target",
    [
        "loopback",
        "loopback-name",
        "loopback-ipv6",
        "http://169.254.169.254/latest/meta-data/iam",
        "http://10.0.0.7/a.png",
        "http://192.168.1.1/a.png",
        "http://172.16.0.1/a.png",
        "http://[fe80::1]/a.png",
        "http://metadata.example/a.png",
        "http://intranet.example/a.png",
        "http://sneaky.example:{port}/a.png",
    ],
)
async def test_non_public_addresses_are_refused_before_any_connection(
    mode: str, fault_server: FaultServer, fake_dns: None, target: str
) -> None:
    url = {
        "loopback": fault_server.url("/a.png"),
        "loopback-name": f"http://localhost:{fault_server.port}/a.png",
        "loopback-ipv6": f"http://[::1]:{fault_server.port}/a.png",
    }.get(target, target.replace("{port}", str(fault_server.port)))
    fault_server.script(default=Reply(200, body=_PNG, headers={"content-type": "image/png"}))
    model, error = await _run(mode, url, True)
    assert isinstance(error, DownloadError), repr(error)
    assert "non-public" in str(error)
    assert model.calls == [] and fault_server.requests == []


async def test_a_redirect_to_a_private_address_is_refused_before_following(
    mode: str, fault_server: FaultServer
) -> None:
    # The first hop is allowed (loopback opted in); its redirect to the metadata service is not.
    fault_server.script(Redirect("http://169.254.169.254/latest/meta-data/"), Redirect("http://10.0.0.1/x.png"))
    config = DownloadConfig(allow_loopback=True)
    for _ in range(2):
        model, error = await _run(mode, fault_server.url("/a.png"), config)
        assert isinstance(error, DownloadError) and "non-public" in str(error), repr(error)
        assert model.calls == []
    assert len(fault_server.requests) == 2


async def test_a_public_hop_redirecting_to_loopback_is_refused(mode: str, fault_server: FaultServer) -> None:
    # A public-looking host (answered by a mock transport) redirects to this machine's fault server.
    target = fault_server.url("/internal.png")

    def public(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"location": target})

    transport = httpx.MockTransport(public)
    with httpx.Client(transport=transport) as client:
        async with httpx.AsyncClient(transport=transport) as async_client:
            config = DownloadConfig(http_client=client, async_http_client=async_client)
            model, error = await _run(mode, "http://93.184.216.34/a.png", config)
    assert isinstance(error, DownloadError) and "non-public" in str(error), repr(error)
    assert model.calls == [] and fault_server.requests == []


async def test_an_allowed_loopback_download_reaches_the_model(mode: str, fault_server: FaultServer) -> None:
    fault_server.script(Reply(200, body=_PNG, headers={"content-type": "image/png"}))
    model, error = await _run(mode, fault_server.url("/a.png"), DownloadConfig(allow_loopback=True))
    assert error is None, repr(error)
    assert _PNG in _prompt_bytes(model)


async def test_downloads_are_off_by_default(mode: str, fault_server: FaultServer) -> None:
    model, error = await _run(mode, fault_server.url("/a.png"), False)
    # A URL the model cannot fetch itself is refused with advice, not fetched.
    assert isinstance(error, DownloadError) and "downloading is off" in str(error), repr(error)
    assert fault_server.requests == [] and model.calls == []


async def test_a_huge_content_length_is_refused_before_reading(mode: str, fault_server: FaultServer) -> None:
    fault_server.script(
        Drip(
            chunk=b"x" * 1024,
            interval=0.05,
            max_chunks=200,
            chunked=False,
            content_length=10**12,
            headers={"content-type": "image/png"},
        )
    )
    model, error = await _run(mode, fault_server.url("/a.png"), DownloadConfig(allow_loopback=True, max_bytes=1 << 20))
    assert isinstance(error, DownloadError), repr(error)
    assert model.calls == []


async def test_an_endless_body_without_a_length_stops_at_the_cap(mode: str, fault_server: FaultServer) -> None:
    fault_server.script(
        Drip(chunk=b"x" * 65536, interval=0.0, max_chunks=4096, chunked=False, headers={"content-type": "image/png"})
    )
    config = DownloadConfig(allow_loopback=True, max_bytes=2 << 20)
    tracemalloc.start()
    try:
        model, error = await _run(mode, fault_server.url("/a.png"), config)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(error, DownloadError), repr(error)
    assert model.calls == []
    assert peak < 16 << 20, f"peak {peak / 2**20:.1f} MiB for a 2 MiB cap"


async def test_a_one_byte_a_second_drip_ends_at_the_time_limit(mode: str, fault_server: FaultServer) -> None:
    fault_server.script(
        Drip(chunk=b"x", interval=1.0, max_chunks=30, chunked=False, headers={"content-type": "image/png"})
    )
    model, error = await _run(mode, fault_server.url("/a.png"), DownloadConfig(allow_loopback=True, timeout=1.5))
    assert isinstance(error, DownloadError), repr(error)
    assert model.calls == []
