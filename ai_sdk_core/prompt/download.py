"""Downloading files that a prompt references by URL, for models that cannot fetch that URL themselves.

Off unless the caller opts in (``download=True`` or a :class:`DownloadConfig`), because fetching a URL chosen
by whoever wrote the message is a server-side request forgery risk. When on, every hop (redirects included)
is checked: the host is resolved and refused if any address is not global (private, shared, loopback,
link-local, multicast, reserved, unspecified; IPv6 forms wrapping an IPv4 address are judged by that address;
tests may allow loopback explicitly). The body is capped at ``max_bytes`` and the whole download, redirects
included, at ``timeout`` seconds.

The address check happens before the connection, so a DNS answer that changes between the check and the
connect (DNS rebinding) is not caught; put an egress proxy in front when that matters.
"""

from __future__ import annotations

import ipaddress
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final
from urllib.parse import urljoin, urlsplit

from ai_sdk_core.spec.errors import DownloadError, InvalidArgumentError

if TYPE_CHECKING:
    import httpx

# httpx's Response.is_redirect: the statuses whose Location a client follows.
_REDIRECT_STATUSES: Final = frozenset({301, 302, 303, 307, 308})

__all__ = [
    "DownloadConfig",
    "DownloadRun",
    "DownloadedFile",
    "adownload",
    "check_addresses",
    "download",
]


@dataclass(slots=True, frozen=True)
class DownloadConfig:
    """How prompt URLs are downloaded: size cap, time limit, which addresses are allowed, HTTP clients.

    ``timeout`` bounds the whole download (every hop, every read), not just one read.

    ``http_client``/``async_http_client`` are used as given (and not closed); with neither, a short-lived
    client is made per download. Injected clients are never bypassed: with only one flavour given, a download
    of the other flavour raises :class:`InvalidArgumentError` instead of going out without your proxy or mock.
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


_IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_NAT64_PREFIX = ipaddress.ip_network("64:ff9b::/96")


def _embedded_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address] | None:
    """The IPv4 addresses an IPv6 address wraps (mapped, 6to4, Teredo, NAT64, IPv4-compatible), or None."""
    if address.ipv4_mapped is not None:
        return [address.ipv4_mapped]
    if address.sixtofour is not None:
        return [address.sixtofour]
    if address.teredo is not None:
        return list(address.teredo)  # the Teredo server and the client's public address
    if address in _NAT64_PREFIX:
        return [ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)]
    # Deprecated IPv4-compatible form (::a.b.c.d); :: and ::1 are judged as themselves.
    if int(address) >> 32 == 0 and int(address) > 1:
        return [ipaddress.IPv4Address(int(address))]
    return None


def _judged_addresses(text: str) -> list[_IPAddress]:
    """The addresses that decide whether ``text`` may be contacted: the IPv4 ones it wraps, else itself."""
    address = ipaddress.ip_address(text.split("%", 1)[0])
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            return list(embedded)
    return [address]


def check_addresses(url: str, addresses: list[str], config: DownloadConfig) -> None:
    """Refuse ``url`` when any of the addresses its host resolved to is not public (see module docstring).

    Public means :attr:`ipaddress.IPv4Address.is_global` (which excludes shared address space such as
    100.64.0.0/10, where cloud metadata services live), judged on the IPv4 address an IPv6 address wraps
    (IPv4-mapped, 6to4, Teredo, NAT64): ``2002:7f00:1::1`` is refused like ``127.0.0.1``.
    """
    if config.allow_private_addresses:
        return
    for text in addresses:
        for address in _judged_addresses(text):
            if address.is_loopback and config.allow_loopback:
                continue
            if not address.is_global or address.is_multicast:
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


class DownloadRun:
    """The decisions of one download, free of I/O; :func:`download` and :func:`adownload` perform what it asks.

    Per hop: :meth:`check_hop` (the host's addresses, the time left), then :meth:`on_response` (a redirect to
    follow, or an error status, or the body to read), then :meth:`on_chunk` per body chunk (size cap and total
    deadline, checked after every read: a server that drips bytes never trips a per-read timeout).
    """

    __slots__ = ("chunks", "clock", "config", "current", "deadline", "media_type", "redirects", "size", "url")

    def __init__(self, url: str, config: DownloadConfig, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.url = url
        self.config = config
        self.clock = clock
        self.deadline = clock() + config.timeout
        self.current = url
        self.redirects = 0
        self.media_type: str | None = None
        self.chunks: list[bytes] = []
        self.size = 0

    def remaining(self) -> float:
        """Seconds left of the total time limit; raises :class:`DownloadError` when none are."""
        remaining = self.deadline - self.clock()
        if remaining <= 0:
            raise DownloadError(
                f"Downloading {self.url} took longer than the {self.config.timeout:g} s limit", url=self.url
            )
        return remaining

    def check_hop(self, addresses: list[str]) -> float:
        """Check the current hop's resolved addresses; returns the seconds left (the timeout of its request)."""
        check_addresses(self.current, addresses, self.config)
        return self.remaining()

    def on_response(self, status_code: int, headers: Mapping[str, str]) -> bool:
        """Judge a response's head: ``True`` means follow the redirect (:attr:`current` moved on), ``False`` means
        read the body. Raises for an error status, a declared size over the cap, or too many redirects."""
        location = headers.get("location")
        if status_code in _REDIRECT_STATUSES and location is not None:
            self.redirects += 1
            if self.redirects > self.config.max_redirects:
                raise DownloadError(f"Too many redirects while downloading {self.url}", url=self.url)
            self.current = urljoin(self.current, location)
            return True
        url = self.current
        if status_code >= 400:
            raise DownloadError(f"Downloading {url} failed with status {status_code}", url=url, status_code=status_code)
        declared = headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.config.max_bytes:
            raise DownloadError(f"{url} is larger than the {self.config.max_bytes}-byte download limit", url=url)
        content_type = headers.get("content-type")
        self.media_type = content_type.split(";", 1)[0].strip() if content_type else None
        return False

    def on_chunk(self, chunk: bytes) -> None:
        """Account one body chunk: refuse more than the cap (servers may lie about content-length) or the deadline."""
        self.size += len(chunk)
        if self.size > self.config.max_bytes:
            raise DownloadError(
                f"{self.current} is larger than the {self.config.max_bytes}-byte download limit", url=self.current
            )
        self.chunks.append(chunk)
        self.remaining()

    def transport_error(self, error: Exception) -> DownloadError:
        """The error for a failed connection or read (a timeout past the deadline says so)."""
        try:
            self.remaining()
        except DownloadError as expired:
            expired.__cause__ = error
            return expired
        return DownloadError(f"Downloading {self.current} failed: {error}", url=self.current, cause=error)

    def result(self) -> DownloadedFile:
        """The downloaded file, once the body was read."""
        return DownloadedFile(data=b"".join(self.chunks), media_type=self.media_type)


def _refuse_bypassing_an_injected_client(config: DownloadConfig, *, asynchronous: bool) -> None:
    given, missing = ("http_client", "async_http_client") if asynchronous else ("async_http_client", "http_client")
    if getattr(config, missing) is None and getattr(config, given) is not None:
        flavour = "async" if asynchronous else "sync"
        raise InvalidArgumentError(
            f"a {flavour} download needs DownloadConfig({missing}=...): only {given} was given, and an injected "
            "client is never bypassed",
            argument=f"DownloadConfig.{missing}",
        )


def download(url: str, config: DownloadConfig) -> DownloadedFile:
    """Download ``url`` (blocking), checking each hop's addresses, the size cap and the total time limit."""
    import httpx

    _refuse_bypassing_an_injected_client(config, asynchronous=False)
    run = DownloadRun(url, config)
    client = config.http_client or httpx.Client(timeout=config.timeout)
    try:
        while True:
            timeout = run.check_hop(_resolve(run.current))
            try:
                with client.stream("GET", run.current, follow_redirects=False, timeout=timeout) as response:
                    if run.on_response(response.status_code, response.headers):
                        continue
                    for chunk in response.iter_bytes():
                        run.on_chunk(chunk)
                    return run.result()
            except httpx.HTTPError as error:
                raise run.transport_error(error) from error
    finally:
        if config.http_client is None:
            client.close()


async def adownload(url: str, config: DownloadConfig) -> DownloadedFile:
    """Async twin of :func:`download`."""
    import httpx

    _refuse_bypassing_an_injected_client(config, asynchronous=True)
    run = DownloadRun(url, config)
    client = config.async_http_client or httpx.AsyncClient(timeout=config.timeout)
    try:
        while True:
            timeout = run.check_hop(await _aresolve(run.current))
            try:
                async with client.stream("GET", run.current, follow_redirects=False, timeout=timeout) as response:
                    if run.on_response(response.status_code, response.headers):
                        continue
                    async for chunk in response.aiter_bytes():
                        run.on_chunk(chunk)
                    return run.result()
            except httpx.HTTPError as error:
                raise run.transport_error(error) from error
    finally:
        if config.async_http_client is None:
            await client.aclose()
