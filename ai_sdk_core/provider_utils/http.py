"""The one HTTP transport of the SDK: JSON POSTs over httpx, sync and async, with budgets, bounds and errors.

:class:`HttpTransport` only moves bytes, once over ``httpx.Client`` and once over ``httpx.AsyncClient``; every
decision is a pure function shared by both halves, in its own module:

* :mod:`~ai_sdk_core.provider_utils.redirects`: redirects, followed by us so that credentials (the request's
  ``credential_headers`` and an injected client's ``headers=``/``auth=``) never reach another origin;
* :mod:`~ai_sdk_core.provider_utils.http_errors`: statuses and failures mapped to the SDK's errors;
* :mod:`~ai_sdk_core.provider_utils.http_clients`: injected clients, or ours, one per flavour (and event loop);
* :mod:`~ai_sdk_core.provider_utils.response_stream`: body reads bounded by the
  :class:`~ai_sdk_core.provider_utils.timeouts.TimeBudget` of the call.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import TracebackType
from typing import Any, Final

import httpx

from ai_sdk_core.provider_utils.http_clients import ClientPool
from ai_sdk_core.provider_utils.http_errors import (
    ParseErrorHook,
    connection_error,
    response_too_large,
    send_error,
    status_error,
)
from ai_sdk_core.provider_utils.json import to_json_bytes
from ai_sdk_core.provider_utils.multipart import MultipartBody
from ai_sdk_core.provider_utils.redirects import MAX_REDIRECTS, RequestPlan, credential_header_names
from ai_sdk_core.provider_utils.response_stream import AsyncResponseStream, ResponseStream
from ai_sdk_core.provider_utils.timeouts import TimeBudget
from ai_sdk_core.spec.call_options import TimeoutConfig
from ai_sdk_core.spec.errors import StreamInterruptedError

__all__ = [
    "DEFAULT_MAX_BODY_BYTES",
    "DEFAULT_MAX_ERROR_BODY_BYTES",
    "DEFAULT_TIMEOUT",
    "HttpRequest",
    "HttpResponse",
    "HttpTransport",
    "merge_headers",
]

DEFAULT_MAX_BODY_BYTES: Final = 64 * 1024 * 1024  # a JSON answer with a few base64 images fits
DEFAULT_MAX_ERROR_BODY_BYTES: Final = 64 * 1024  # enough for any vendor's JSON error; a 1 MiB HTML page is cut
DEFAULT_TIMEOUT: Final = TimeoutConfig(connect=30.0)


@dataclass(slots=True)
class HttpRequest:
    """One HTTP POST with a JSON body, or a :class:`~.multipart.MultipartBody` upload.

    ``headers`` may hold secrets: it is never logged nor put in errors.

    ``credential_headers`` (lower case) are dropped when a redirect leads to another origin, on top of the usual
    ones (``authorization``, ``x-api-key``, ``api-key``, ``x-goog-api-key``, ``cookie``, ``proxy-authorization``).
    """

    url: str
    body: Any
    headers: Mapping[str, str] = field(default_factory=dict, repr=False)  # may hold secrets: never shown
    credential_headers: frozenset[str] = frozenset({"authorization"})
    timeout: TimeoutConfig | None = None


@dataclass(slots=True)
class HttpResponse:
    """A whole, successful response: status, headers (lower-case names) and the decoded body bytes."""

    status_code: int
    headers: dict[str, str]
    body: bytes
    url: str

    @property
    def text(self) -> str:
        """The body as text (UTF-8; invalid bytes replaced)."""
        return self.body.decode("utf-8", errors="replace")


# --- pure helpers ------------------------------------------------------------------------------------------


def merge_headers(*header_sets: Mapping[str, str | None] | None) -> dict[str, str]:
    """Merge header mappings, later ones winning, names compared case-insensitively; a ``None`` value removes."""
    merged: dict[str, str] = {}
    for headers in header_sets:
        if not headers:
            continue
        for name, value in headers.items():
            key = name.lower()
            if value is None:
                merged.pop(key, None)
            else:
                merged[key] = value
    return merged


# A model posts to the same few URLs on every call, and parsing one is the dearest step of building a request
# (tens of microseconds): each transport keeps the URLs it parsed (an ``httpx.URL`` is immutable). Per transport,
# not process-wide: a URL may carry a key in its query (``query_params=``, a proxy's base URL), and it must not
# outlive the provider that holds that key anyway.
_MAX_PARSED_URLS: Final = 64
_cached_credential_names = lru_cache(maxsize=64)(credential_header_names)


def _credential_names(extra: frozenset[str]) -> frozenset[str]:
    try:
        return _cached_credential_names(extra)
    except TypeError:  # a set or list where a frozenset was expected: fine, just not cacheable
        return credential_header_names(extra)


def _parsed_url(url: str, parsed: dict[str, httpx.URL]) -> httpx.URL:
    known = parsed.get(url)
    if known is None:
        known = httpx.URL(url)
        if len(parsed) >= _MAX_PARSED_URLS:  # URLs that vary per call: parse them, keep a bounded few
            parsed.clear()
        parsed[url] = known
    return known


def _request_plan(request: HttpRequest, max_redirects: int, parsed: dict[str, httpx.URL]) -> RequestPlan:
    # A JSON value by default; a MultipartBody (file uploads) brings its own bytes and content type.
    if isinstance(request.body, MultipartBody):
        content, content_type = request.body.encode()
    else:
        content, content_type = to_json_bytes(request.body), "application/json"
    return RequestPlan(
        # RequestPlan passes its url through httpx.URL, which takes a parsed one as it is.
        _parsed_url(request.url, parsed),
        # Defaults a provider may override through ``HttpRequest.headers``.
        headers=merge_headers({"content-type": content_type, "accept": "application/json"}, request.headers),
        content=content,
        credentials=_credential_names(request.credential_headers),
        max_redirects=max_redirects,
    )


def _next_request(plan: RequestPlan, client: httpx.Client | httpx.AsyncClient, budget: TimeBudget) -> httpx.Request:
    budget.check()  # a redirect hop must not start with a budget already spent
    remaining = budget.remaining()
    timeout = httpx.Timeout(connect=budget.connect_timeout(), read=remaining, write=remaining, pool=remaining)
    return plan.build(client, timeout)


def _follows(plan: RequestPlan, response: httpx.Response) -> bool:
    return plan.follow(response.status_code, response.headers.get("location"))


class _BodyAccumulator:
    """Collects body chunks up to a bound: raising past it, or (for error pages) keeping only the head.

    With a ``progress`` budget, every chunk restarts ``between_chunks``: a plain body has no events, so each
    chunk is progress.
    """

    __slots__ = ("chunks", "limit", "progress", "size", "truncate")

    def __init__(self, limit: int, *, truncate: bool, progress: TimeBudget | None = None) -> None:
        self.limit = limit
        self.truncate = truncate
        self.progress = progress
        self.chunks: list[bytes] = []
        self.size = 0

    def add(self, chunk: bytes) -> bool:
        """Add a chunk; return False once enough was kept (truncating mode)."""
        if self.progress is not None:
            self.progress.mark_progress()
        room = self.limit - self.size
        if len(chunk) > room:
            if not self.truncate:
                raise response_too_large(self.limit)
            self.chunks.append(chunk[:room])
            self.size = self.limit
            return False
        self.chunks.append(chunk)
        self.size += len(chunk)
        return True

    def result(self) -> bytes:
        return b"".join(self.chunks)


# --- the transport -----------------------------------------------------------------------------------------


class HttpTransport:
    """Sends :class:`HttpRequest` s over one pooled httpx client per flavour, created on first use.

    Pass your own client (proxies, certificates, mocks) as ``http_client``: an ``httpx.Client``, an
    ``httpx.AsyncClient``, or the sync one there and the async one as ``async_http_client``. Injected clients are
    never closed by us, and never bypassed: when only one flavour was given, a call of the other flavour raises
    :class:`~ai_sdk_core.spec.errors.InvalidArgumentError` instead of going out over a default client. Clients we
    create are closed by :meth:`close` / :meth:`aclose` (or ``with``).

    Example::

        transport = HttpTransport()
        response = transport.send(HttpRequest(url="https://api.example.com/v1/x", body={"a": 1}))
        transport.close()
    """

    def __init__(
        self,
        *,
        http_client: httpx.Client | httpx.AsyncClient | None = None,
        async_http_client: httpx.AsyncClient | None = None,
        default_timeout: TimeoutConfig = DEFAULT_TIMEOUT,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        max_error_body_bytes: int = DEFAULT_MAX_ERROR_BODY_BYTES,
        max_redirects: int = MAX_REDIRECTS,
        http2: bool = False,
    ) -> None:
        self._clients = ClientPool(http_client=http_client, async_http_client=async_http_client, http2=http2)
        self.default_timeout = default_timeout
        self.max_body_bytes = max_body_bytes
        self.max_error_body_bytes = max_error_body_bytes
        self.max_redirects = max_redirects
        self._parsed_urls: dict[str, httpx.URL] = {}  # see _parsed_url

    def __repr__(self) -> str:
        return f"{type(self).__name__}(default_timeout={self.default_timeout!r})"

    # clients ---------------------------------------------------------------------------------------------

    def _client(self) -> httpx.Client:
        return self._clients.sync_client()

    def _async_client(self) -> httpx.AsyncClient:
        return self._clients.async_client()

    def close(self) -> None:
        """Close the clients we created: the sync one at once, the async ones of running event loops by a task on
        each loop (see :class:`ClientPool`). The next call opens new ones."""
        self._clients.close()

    async def aclose(self) -> None:
        """Close the clients we created: the sync one and the current event loop's async one.

        Async clients of loops running in other threads are closed on their own loops; those of loops not running
        close when their loop ends.
        """
        await self._clients.aclose()

    def __enter__(self) -> HttpTransport:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    async def __aenter__(self) -> HttpTransport:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        await self.aclose()

    def _budget(self, request: HttpRequest) -> TimeBudget:
        return TimeBudget(request.timeout or self.default_timeout)

    # sync: only the I/O calls; every decision is in the helpers above ----------------------------------------

    def _open(self, request: HttpRequest, budget: TimeBudget) -> httpx.Response:
        client = self._client()
        plan = _request_plan(request, self.max_redirects, self._parsed_urls)
        while True:
            next_request = _next_request(plan, client, budget)
            try:
                response = client.send(next_request, auth=plan.auth(client), stream=True, follow_redirects=False)
            except httpx.TransportError as error:
                raise send_error(error, budget, plan.url) from error
            if not _follows(plan, response):
                return response
            response.close()

    def _raise_for_status(
        self, response: httpx.Response, budget: TimeBudget, parse_error: ParseErrorHook | None
    ) -> None:
        if response.is_success:
            return
        kept = _BodyAccumulator(self.max_error_body_bytes, truncate=True)
        try:
            for chunk in ResponseStream(response, budget).iter_bytes():
                if not kept.add(chunk):
                    break
        except StreamInterruptedError:
            pass  # keep what arrived: the status is the news
        finally:
            response.close()
        raise status_error(response, kept.result(), parse_error)

    def open_stream(self, request: HttpRequest, *, parse_error: ParseErrorHook | None = None) -> ResponseStream:
        """Send ``request`` and return once a successful status and its headers arrived.

        Raises :class:`APICallError` for an error status or no answer, :class:`TimeoutBudgetError` when a budget
        runs out first. The caller must close the returned stream.
        """
        budget = self._budget(request)
        response = self._open(request, budget)
        self._raise_for_status(response, budget, parse_error)
        budget.pause()  # until the caller starts reading
        return ResponseStream(response, budget)

    def send(self, request: HttpRequest, *, parse_error: ParseErrorHook | None = None) -> HttpResponse:
        """Send ``request`` and read the whole body (at most ``max_body_bytes``)."""
        stream = self.open_stream(request, parse_error=parse_error)
        body = _BodyAccumulator(self.max_body_bytes, truncate=False, progress=stream.budget)
        try:
            for chunk in stream.iter_bytes():
                body.add(chunk)
        except StreamInterruptedError as error:
            raise connection_error(stream.url, error) from error
        finally:
            stream.close()
        return HttpResponse(stream.status_code, stream.headers, body.result(), stream.url)

    # async: the same, awaiting ------------------------------------------------------------------------------

    async def _aopen(self, request: HttpRequest, budget: TimeBudget) -> httpx.Response:
        import anyio  # only async users need it (and an event loop is running: it loads fast)

        client = self._async_client()
        plan = _request_plan(request, self.max_redirects, self._parsed_urls)
        while True:
            next_request = _next_request(plan, client, budget)
            remaining = budget.remaining()
            try:
                if remaining is None:  # no budget runs: a cancel scope would cost more than the whole send
                    response = await client.send(
                        next_request, auth=plan.auth(client), stream=True, follow_redirects=False
                    )
                else:
                    with anyio.fail_after(remaining):
                        response = await client.send(
                            next_request, auth=plan.auth(client), stream=True, follow_redirects=False
                        )
            except (httpx.TransportError, TimeoutError) as error:
                raise send_error(error, budget, plan.url) from error
            if not _follows(plan, response):
                return response
            await response.aclose()

    async def _araise_for_status(
        self, response: httpx.Response, budget: TimeBudget, parse_error: ParseErrorHook | None
    ) -> None:
        if response.is_success:
            return
        kept = _BodyAccumulator(self.max_error_body_bytes, truncate=True)
        chunks = AsyncResponseStream(response, budget).iter_bytes()
        try:
            async for chunk in chunks:
                if not kept.add(chunk):
                    break
        except StreamInterruptedError:
            pass  # keep what arrived: the status is the news
        finally:
            await chunks.aclose()
            await response.aclose()
        raise status_error(response, kept.result(), parse_error)

    async def aopen_stream(
        self, request: HttpRequest, *, parse_error: ParseErrorHook | None = None
    ) -> AsyncResponseStream:
        """Async twin of :meth:`open_stream`; the caller must ``aclose()`` the returned stream."""
        budget = self._budget(request)
        response = await self._aopen(request, budget)
        await self._araise_for_status(response, budget, parse_error)
        budget.pause()  # until the caller starts reading
        return AsyncResponseStream(response, budget)

    async def asend(self, request: HttpRequest, *, parse_error: ParseErrorHook | None = None) -> HttpResponse:
        """Async twin of :meth:`send`."""
        stream = await self.aopen_stream(request, parse_error=parse_error)
        body = _BodyAccumulator(self.max_body_bytes, truncate=False, progress=stream.budget)
        chunks = stream.iter_bytes()
        try:
            async for chunk in chunks:
                body.add(chunk)
        except StreamInterruptedError as error:
            raise connection_error(stream.url, error) from error
        finally:
            await chunks.aclose()
            await stream.aclose()
        return HttpResponse(stream.status_code, stream.headers, body.result(), stream.url)
