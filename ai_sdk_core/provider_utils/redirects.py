"""Redirects, followed by us rather than by httpx, so that credentials never reach another origin.

Pure decisions (:func:`plan_redirect`, :func:`strip_credentials`) and :class:`RequestPlan`, the state of one
request's redirect chain, shared by the sync and async send loops of
:class:`~ai_sdk_core.provider_utils.http.HttpTransport`.

Credentials come from two places: the request's own headers, and an injected client's ``headers=``, ``auth=``
and cookies, which httpx adds again to every request it builds. Once a chain leaves the origin it started on,
both are dropped: the request's headers when the hop is planned, the client's after each hop is built (and the
hop is sent without the client's ``auth``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

import httpx

from ai_sdk_core.spec.errors import APICallError

__all__ = [
    "ALWAYS_CREDENTIAL_HEADERS",
    "MAX_REDIRECTS",
    "REDIRECT_STATUSES",
    "RequestPlan",
    "credential_header_names",
    "plan_redirect",
    "same_origin",
    "strip_credentials",
]

MAX_REDIRECTS: Final = 5

ALWAYS_CREDENTIAL_HEADERS: Final = frozenset(
    {"api-key", "authorization", "cookie", "proxy-authorization", "x-api-key", "x-goog-api-key"}
)
"""Header names (lower case) dropped on a redirect to another origin, on top of a request's own list."""

REDIRECT_STATUSES: Final = frozenset({301, 302, 303, 307, 308})

_DEFAULT_PORTS: Final = {"http": 80, "https": 443}


def credential_header_names(extra: Iterable[str] = ()) -> frozenset[str]:
    """:data:`ALWAYS_CREDENTIAL_HEADERS` and the ``extra`` names, lower case."""
    return ALWAYS_CREDENTIAL_HEADERS | {name.lower() for name in extra}


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return (url.scheme, url.host, url.port or _DEFAULT_PORTS.get(url.scheme))


def same_origin(first: httpx.URL, second: httpx.URL) -> bool:
    """Whether two URLs share scheme, host and port (an explicit default port is the same origin)."""
    return _origin(first) == _origin(second)


def plan_redirect(
    *,
    url: httpx.URL,
    method: str,
    status_code: int,
    location: str,
    headers: Mapping[str, str],
    credential_headers: frozenset[str],
) -> tuple[httpx.URL, str, dict[str, str]]:
    """Decide the next request of a redirect: ``(url, method, headers)``.

    Like browsers and httpx: 303 (and 301/302 after a POST) becomes a GET without body; 307/308 repeat the
    request. Credential headers are dropped when the origin (scheme, host, port) changes, so an API key never
    follows a redirect to another server or from HTTPS to HTTP.
    """
    target = url.join(location)
    if target.scheme not in ("http", "https"):
        raise APICallError(
            f"Refusing to follow a redirect to a {target.scheme!r} URL.",
            url=str(url),
            status_code=status_code,
            is_retryable=False,
        )
    next_method = method
    if status_code == 303 or (status_code in (301, 302) and method == "POST"):
        next_method = "GET"
    next_headers = dict(headers)
    if next_method == "GET":
        next_headers.pop("content-type", None)
        next_headers.pop("content-length", None)
    if not same_origin(target, url):
        for name in credential_headers:
            next_headers.pop(name, None)
    return target, next_method, next_headers


def strip_credentials(headers: httpx.Headers, credential_headers: Iterable[str]) -> None:
    """Delete the ``credential_headers`` from a built request's headers (those its client merged in too)."""
    for name in credential_headers:
        if name in headers:
            del headers[name]


class RequestPlan:
    """The request to send next, following redirects ourselves (see :func:`plan_redirect`).

    ``left_origin`` turns true on the first hop to another origin and stays true: from then on, :meth:`build`
    strips credentials from every request and :meth:`auth` keeps the client's ``auth`` from being applied.
    """

    __slots__ = ("content", "credentials", "headers", "left_origin", "max_redirects", "method", "redirects", "url")

    def __init__(
        self,
        url: str | httpx.URL,
        *,
        headers: dict[str, str],
        content: bytes | None,
        credentials: frozenset[str],
        max_redirects: int = MAX_REDIRECTS,
        method: str = "POST",
    ) -> None:
        self.url = httpx.URL(url)
        self.method = method
        self.headers = headers
        self.content = content
        self.credentials = credentials
        self.max_redirects = max_redirects
        self.redirects = 0
        self.left_origin = False

    def auth(self, client: httpx.Client | httpx.AsyncClient) -> httpx.Auth | None:
        """What to pass as ``client.send(auth=...)``: the client's own ``auth``, or none once off the origin."""
        return None if self.left_origin else client.auth

    def build(self, client: httpx.Client | httpx.AsyncClient, timeout: httpx.Timeout) -> httpx.Request:
        """Build the next request with ``client`` (which merges its own headers, cookies and parameters in)."""
        request = client.build_request(
            self.method, self.url, headers=self.headers, content=self.content, timeout=timeout
        )
        if self.left_origin:
            strip_credentials(request.headers, self.credentials)
        return request

    def follow(self, status_code: int, location: str | None) -> bool:
        """Whether a response is a redirect to follow; if so, the plan now describes the next request."""
        if status_code not in REDIRECT_STATUSES or location is None:
            return False
        if self.redirects >= self.max_redirects:
            raise APICallError(
                f"Too many redirects (more than {self.max_redirects}).",
                url=str(self.url),
                status_code=status_code,
                is_retryable=False,
            )
        self.redirects += 1
        previous = self.url
        self.url, self.method, self.headers = plan_redirect(
            url=previous,
            method=self.method,
            status_code=status_code,
            location=location,
            headers=self.headers,
            credential_headers=self.credentials,
        )
        if not same_origin(self.url, previous):
            self.left_origin = True
        if self.method == "GET":
            self.content = None
        return True
