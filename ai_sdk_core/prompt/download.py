"""Downloading files that a prompt references by URL, for models that cannot fetch that URL themselves.

Off unless the caller opts in (``download=True`` or a :class:`DownloadConfig`), because fetching a URL chosen
by whoever wrote the message is a server-side request forgery risk. When on, every hop (redirects included)
is checked: the host is resolved and refused if any address is private, loopback, link-local, multicast,
reserved or unspecified (tests may allow loopback explicitly). The body is capped at ``max_bytes``.

The address check happens before the connection, so a DNS answer that changes between the check and the
connect (DNS rebinding) is not caught; put an egress proxy in front when that matters.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from ai_sdk_core.spec.errors import DownloadError

if TYPE_CHECKING:
    import httpx

__all__ = [
    "DownloadConfig",
    "DownloadedFile",
    "adownload",
    "check_addresses",
    "download",
]


@dataclass(slots=True, frozen=True)
class DownloadConfig:
    """How prompt URLs are downloaded: size cap, time limit, which addresses are allowed, HTTP clients.

    ``http_client``/``async_http_client`` are used as given (and not closed); otherwise a short-lived client
    is made per download.
    """

    max_bytes: int = 20 * 1024 * 1024
    timeout: float = 30.0
    max_redirects: int = 5
    allow_private_addresses: bool = False
    allow_loopback: bool = False
    http_client: httpx.Client | None = None
    async_http_client: httpx.AsyncClient | None = None


@dataclass(slots=True, frozen=True)
class DownloadedFile:
    """Downloaded bytes and the media type the server declared (None when it declared none)."""

    data: bytes
    media_type: str | None


def _host_and_port(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DownloadError(f"Only http(s) URLs can be downloaded: {url}", url=url)
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def check_addresses(url: str, addresses: list[str], config: DownloadConfig) -> None:
    """Refuse ``url`` when any of the addresses its host resolved to is not public (see module docstring)."""
    if config.allow_private_addresses:
        return
    for text in addresses:
        address = ipaddress.ip_address(text.split("%", 1)[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        if address.is_loopback and config.allow_loopback:
            continue
        if (
            address.is_private
            or address.is_loopback
            or address.is_link_local
            or address.is_multicast
            or address.is_reserved
            or address.is_unspecified
        ):
            raise DownloadError(
                f"Refusing to download {url}: its host resolves to the non-public address {address}",
                url=url,
            )


def _literal_address(host: str) -> list[str] | None:
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        return None


def _resolve(url: str) -> list[str]:
    host, port = _host_and_port(url)
    literal = _literal_address(host)
    if literal is not None:
        return literal
    # Imported here: only downloads (off by default) resolve hosts, and socket is slow to import.
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as error:
        raise DownloadError(f"Cannot resolve the host of {url}", url=url, cause=error) from error
    return [str(info[4][0]) for info in infos]


async def _aresolve(url: str) -> list[str]:
    import socket

    import anyio

    host, port = _host_and_port(url)
    literal = _literal_address(host)
    if literal is not None:
        return literal
    try:
        infos = await anyio.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as error:
        raise DownloadError(f"Cannot resolve the host of {url}", url=url, cause=error) from error
    return [str(info[4][0]) for info in infos]


def _redirect_target(url: str, response: httpx.Response) -> str | None:
    if response.is_redirect and "location" in response.headers:
        return urljoin(url, response.headers["location"])
    return None


def _check_response(url: str, response: httpx.Response, config: DownloadConfig) -> str | None:
    """Raise for an error status or a declared size over the cap; returns the declared media type."""
    if response.status_code >= 400:
        raise DownloadError(
            f"Downloading {url} failed with status {response.status_code}",
            url=url,
            status_code=response.status_code,
        )
    declared = response.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > config.max_bytes:
        raise DownloadError(f"{url} is larger than the {config.max_bytes}-byte download limit", url=url)
    content_type = response.headers.get("content-type")
    return content_type.split(";", 1)[0].strip() if content_type else None


class _Collector:
    """Gathers body chunks, refusing to hold more than the cap (servers may lie about content-length)."""

    def __init__(self, url: str, limit: int) -> None:
        self.url = url
        self.limit = limit
        self.chunks: list[bytes] = []
        self.size = 0

    def add(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > self.limit:
            raise DownloadError(f"{self.url} is larger than the {self.limit}-byte download limit", url=self.url)
        self.chunks.append(chunk)

    def result(self, media_type: str | None) -> DownloadedFile:
        return DownloadedFile(data=b"".join(self.chunks), media_type=media_type)


def _too_many_redirects(url: str) -> DownloadError:
    return DownloadError(f"Too many redirects while downloading {url}", url=url)


def download(url: str, config: DownloadConfig) -> DownloadedFile:
    """Download ``url`` (blocking), checking each hop's addresses and the size cap."""
    import httpx

    client = config.http_client or httpx.Client(timeout=config.timeout)
    try:
        current = url
        for _ in range(config.max_redirects + 1):
            check_addresses(current, _resolve(current), config)
            try:
                with client.stream("GET", current, follow_redirects=False) as response:
                    target = _redirect_target(current, response)
                    if target is not None:
                        current = target
                        continue
                    media_type = _check_response(current, response, config)
                    collector = _Collector(current, config.max_bytes)
                    for chunk in response.iter_bytes():
                        collector.add(chunk)
                    return collector.result(media_type)
            except httpx.HTTPError as error:
                raise DownloadError(f"Downloading {current} failed: {error}", url=current, cause=error) from error
        raise _too_many_redirects(url)
    finally:
        if config.http_client is None:
            client.close()


async def adownload(url: str, config: DownloadConfig) -> DownloadedFile:
    """Async twin of :func:`download`."""
    import httpx

    client = config.async_http_client or httpx.AsyncClient(timeout=config.timeout)
    try:
        current = url
        for _ in range(config.max_redirects + 1):
            check_addresses(current, await _aresolve(current), config)
            try:
                async with client.stream("GET", current, follow_redirects=False) as response:
                    target = _redirect_target(current, response)
                    if target is not None:
                        current = target
                        continue
                    media_type = _check_response(current, response, config)
                    collector = _Collector(current, config.max_bytes)
                    async for chunk in response.aiter_bytes():
                        collector.add(chunk)
                    return collector.result(media_type)
            except httpx.HTTPError as error:
                raise DownloadError(f"Downloading {current} failed: {error}", url=current, cause=error) from error
        raise _too_many_redirects(url)
    finally:
        if config.async_http_client is None:
            await client.aclose()
