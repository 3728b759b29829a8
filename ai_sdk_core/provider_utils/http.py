"""The one HTTP transport of the SDK: JSON POSTs over httpx, sync and async, with budgets, bounds and errors.

Everything that decides something is a pure function here (building the request, planning a redirect, mapping an
error status to :class:`~ai_sdk_core.spec.errors.APICallError`); :class:`HttpTransport` only moves bytes, once
over ``httpx.Client`` and once over ``httpx.AsyncClient``.

Redirects are followed by us, not by httpx, so that credential headers (``HttpRequest.credential_headers``) are
never sent to another origin.

Time budgets (:class:`~ai_sdk_core.spec.call_options.TimeoutConfig`) are tracked by a
:class:`~ai_sdk_core.provider_utils.timeouts.TimeBudget` checked after every read, so a server that drips bytes
is stopped when a budget runs out. The async path also bounds each read exactly with a cancel scope. The sync
path can only use a socket timeout, which httpx fixes once for the whole body when the body starts; it is set by
:meth:`~ai_sdk_core.provider_utils.timeouts.TimeBudget.body_read_timeout` so that it never cuts a server within
its budgets. A sync server that goes completely silent is therefore stopped, at the latest, after the longer of
``first_chunk`` and ``between_chunks`` (and never after ``total``).
"""

from __future__ import annotations

import sys
import threading
import weakref
from collections.abc import AsyncGenerator, Callable, Generator, Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Final, TypeAlias, cast

import httpx

from ai_sdk_core.provider_utils.json import to_json_bytes
from ai_sdk_core.provider_utils.timeouts import TimeBudget
from ai_sdk_core.spec.call_options import TimeoutConfig
from ai_sdk_core.spec.errors import (
    APICallError,
    ResponseTooLargeError,
    StreamInterruptedError,
    TimeoutBudgetError,
)

__all__ = [
    "AsyncResponseStream",
    "DEFAULT_MAX_BODY_BYTES",
    "DEFAULT_MAX_ERROR_BODY_BYTES",
    "DEFAULT_TIMEOUT",
    "HttpRequest",
    "HttpResponse",
    "HttpTransport",
    "MAX_REDIRECTS",
    "ParseErrorHook",
    "ResponseStream",
    "api_call_error_from_response",
    "connection_error",
    "is_retryable_response",
    "merge_headers",
    "plan_redirect",
]

DEFAULT_MAX_BODY_BYTES: Final = 64 * 1024 * 1024  # a JSON answer with a few base64 images fits
DEFAULT_MAX_ERROR_BODY_BYTES: Final = 64 * 1024  # enough for any vendor's JSON error; a 1 MiB HTML page is cut
DEFAULT_TIMEOUT: Final = TimeoutConfig(connect=30.0)
MAX_REDIRECTS: Final = 5

# Always treated as credentials on a redirect to another origin, on top of the request's own list.
_ALWAYS_CREDENTIAL_HEADERS: Final = frozenset(
    {"api-key", "authorization", "cookie", "proxy-authorization", "x-api-key", "x-goog-api-key"}
)
_REDIRECT_STATUSES: Final = frozenset({301, 302, 303, 307, 308})

ParseErrorHook: TypeAlias = Callable[[int, Mapping[str, str], str], "tuple[str, Any] | None"]
"""A model's ``parse_error(status_code, headers, body_text) -> (message, data) | None``."""


@dataclass(slots=True)
class HttpRequest:
    """One HTTP POST with a JSON body. ``headers`` may hold secrets: it is never logged nor put in errors.

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


def _request_headers(request: HttpRequest) -> dict[str, str]:
    # Defaults a provider may override through ``HttpRequest.headers``.
    return merge_headers({"content-type": "application/json", "accept": "application/json"}, request.headers)


def _credential_names(request: HttpRequest) -> frozenset[str]:
    return _ALWAYS_CREDENTIAL_HEADERS | {name.lower() for name in request.credential_headers}


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    default_port = {"http": 80, "https": 443}.get(url.scheme)
    return (url.scheme, url.host, url.port or default_port)


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
    if _origin(target) != _origin(url):
        for name in credential_headers:
            next_headers.pop(name, None)
    return target, next_method, next_headers


def is_retryable_response(status_code: int, headers: Mapping[str, str]) -> bool:
    """Whether an error status is worth retrying: 408, 409, 429 and 5xx, unless ``x-should-retry`` says otherwise."""
    should_retry = headers.get("x-should-retry", "").strip().lower()
    if should_retry == "true":
        return True
    if should_retry == "false":
        return False
    return status_code in (408, 409, 429) or status_code >= 500


def api_call_error_from_response(
    *,
    url: str,
    status_code: int,
    reason_phrase: str,
    headers: Mapping[str, str],
    body_text: str,
    parse_error: ParseErrorHook | None = None,
) -> APICallError:
    """Build the :class:`APICallError` for an error status, the message taken from the model's ``parse_error``."""
    message: str | None = None
    data: Any = None
    if parse_error is not None:
        try:
            parsed = parse_error(status_code, headers, body_text)
        except Exception:  # a gateway's HTML page must not hide the real error behind a parse error
            parsed = None
        if parsed is not None:
            message, data = parsed
    if not message:
        reason = f" {reason_phrase}" if reason_phrase else ""
        message = f"The API call failed with status {status_code}{reason}."
    return APICallError(
        message,
        url=url,
        status_code=status_code,
        response_headers=headers,
        response_body=body_text,
        is_retryable=is_retryable_response(status_code, headers),
        data=data,
    )


def connection_error(url: str, error: BaseException) -> APICallError:
    """The :class:`APICallError` for a request that got no answer (refused, reset, DNS, TLS, ...).

    Retryable, except when the request itself is at fault (a URL scheme httpx cannot speak, a malformed request):
    sending it again would fail the same way.
    """
    retryable = not isinstance(error, httpx.UnsupportedProtocol | httpx.LocalProtocolError)
    return APICallError(
        f"Cannot connect to the API: {type(error).__name__}: {error}",
        url=url,
        status_code=None,
        is_retryable=retryable,
        cause=error,
    )


def _httpx_timeout(budget: TimeBudget) -> httpx.Timeout:
    remaining = budget.remaining()
    return httpx.Timeout(connect=budget.connect_timeout(), read=remaining, write=remaining, pool=remaining)


def _response_headers(response: httpx.Response) -> dict[str, str]:
    return dict(response.headers.items())


def _too_large(limit: int) -> ResponseTooLargeError:
    return ResponseTooLargeError(f"The response body exceeded {limit} bytes.", limit=limit)


def _interrupted(error: BaseException) -> StreamInterruptedError:
    return StreamInterruptedError(
        f"The connection was cut while reading the response: {type(error).__name__}: {error}", cause=error
    )


class _BodyAccumulator:
    """Collects body chunks up to a bound: raising past it, or (for error pages) keeping only the head."""

    __slots__ = ("chunks", "limit", "size", "truncate")

    def __init__(self, limit: int, *, truncate: bool) -> None:
        self.limit = limit
        self.truncate = truncate
        self.chunks: list[bytes] = []
        self.size = 0

    def add(self, chunk: bytes) -> bool:
        """Add a chunk; return False once enough was kept (truncating mode)."""
        room = self.limit - self.size
        if len(chunk) > room:
            if not self.truncate:
                raise _too_large(self.limit)
            self.chunks.append(chunk[:room])
            self.size = self.limit
            return False
        self.chunks.append(chunk)
        self.size += len(chunk)
        return True

    def result(self) -> bytes:
        return b"".join(self.chunks)


# --- sync and async byte streams -----------------------------------------------------------------------------


class ResponseStream:
    """An open response whose status was checked; iterate :meth:`iter_bytes` and always :meth:`close` it."""

    def __init__(self, response: httpx.Response, budget: TimeBudget) -> None:
        self.response = response
        self.budget = budget
        self.status_code = response.status_code
        self.headers = _response_headers(response)
        self.url = str(response.url)

    def iter_bytes(self) -> Generator[bytes, None, None]:
        """Yield decoded body chunks, checking the budgets after every read.

        Raises :class:`TimeoutBudgetError` when a budget runs out and :class:`StreamInterruptedError` when the
        connection is cut before the body ended.
        """
        budget = self.budget
        budget.resume()
        budget.check()
        timeouts = self.response.request.extensions.get("timeout")
        if isinstance(timeouts, dict):
            # httpcore reads this dict once, when the body starts (see the module docstring).
            timeouts["read"] = budget.body_read_timeout()
        iterator = self.response.iter_bytes()
        while True:
            budget.resume()
            try:
                chunk = next(iterator)
            except StopIteration:
                return
            except httpx.TimeoutException as error:
                raise budget.expired_error(error) from error
            except httpx.TransportError as error:
                raise _interrupted(error) from error
            budget.mark_bytes()
            budget.check()
            budget.pause()  # the consumer's time with the chunk is not the server's silence
            yield chunk

    def close(self) -> None:
        """Release the connection (back to the pool when the body was read, else closed)."""
        self.response.close()


class AsyncResponseStream:
    """Async twin of :class:`ResponseStream`; each read is bounded exactly by the running budgets."""

    def __init__(self, response: httpx.Response, budget: TimeBudget) -> None:
        self.response = response
        self.budget = budget
        self.status_code = response.status_code
        self.headers = _response_headers(response)
        self.url = str(response.url)

    async def iter_bytes(self) -> AsyncGenerator[bytes, None]:
        """Yield decoded body chunks; errors as :meth:`ResponseStream.iter_bytes`."""
        import anyio  # only async users need it (and an event loop is running: it loads fast)

        budget = self.budget
        timeouts = self.response.request.extensions.get("timeout")
        if isinstance(timeouts, dict):
            timeouts["read"] = None  # the cancel scope below bounds every read exactly
        # httpx types it as an iterator, but it is an async generator: closing it now (not at garbage
        # collection, maybe on a dead loop) is what keeps the connection accounting right.
        iterator = cast(AsyncGenerator[bytes, None], self.response.aiter_bytes())
        try:
            while True:
                budget.resume()
                try:
                    with anyio.fail_after(budget.remaining()):
                        chunk = await iterator.__anext__()
                except StopAsyncIteration:
                    return
                except httpx.TimeoutException as error:
                    raise budget.expired_error(error) from error
                except TimeoutBudgetError:
                    raise
                except TimeoutError as error:
                    raise budget.expired_error(error) from error
                except httpx.TransportError as error:
                    raise _interrupted(error) from error
                budget.mark_bytes()
                budget.check()
                budget.pause()
                yield chunk
        finally:
            await iterator.aclose()

    async def aclose(self) -> None:
        """Release the connection."""
        await self.response.aclose()


# --- shared by the sync and async send loops -------------------------------------------------------------


class _RequestPlan:
    """The request to send next, following redirects ourselves (see :func:`plan_redirect`)."""

    __slots__ = ("content", "credentials", "headers", "max_redirects", "method", "redirects", "url")

    def __init__(self, request: HttpRequest, max_redirects: int) -> None:
        self.url = httpx.URL(request.url)
        self.method = "POST"
        self.headers = _request_headers(request)
        self.content: bytes | None = to_json_bytes(request.body)
        self.credentials = _credential_names(request)
        self.max_redirects = max_redirects
        self.redirects = 0

    def build(self, client: httpx.Client | httpx.AsyncClient, budget: TimeBudget) -> httpx.Request:
        budget.check()  # a redirect hop must not start with a budget already spent
        return client.build_request(
            self.method, self.url, headers=self.headers, content=self.content, timeout=_httpx_timeout(budget)
        )

    def follow(self, response: httpx.Response) -> bool:
        """Whether ``response`` is a redirect to follow; if so, the plan now describes the next request."""
        location = response.headers.get("location")
        if response.status_code not in _REDIRECT_STATUSES or location is None:
            return False
        if self.redirects >= self.max_redirects:
            raise APICallError(
                f"Too many redirects (more than {self.max_redirects}).",
                url=str(self.url),
                status_code=response.status_code,
                is_retryable=False,
            )
        self.redirects += 1
        self.url, self.method, self.headers = plan_redirect(
            url=self.url,
            method=self.method,
            status_code=response.status_code,
            location=location,
            headers=self.headers,
            credential_headers=self.credentials,
        )
        if self.method == "GET":
            self.content = None
        return True


def _send_error(error: Exception, budget: TimeBudget, url: httpx.URL) -> Exception:
    """Map a failure before the response headers: a budget that ran out, or no answer at all."""
    if isinstance(error, httpx.ConnectTimeout):
        try:
            budget.check()  # a running budget that also ran out is the better explanation
        except TimeoutBudgetError as expired:
            return expired
        return budget.error("connect", budget.config.connect or 0.0, cause=error)
    if isinstance(error, httpx.TimeoutException | TimeoutError):
        return budget.expired_error(error)
    return connection_error(str(url), error)


def _status_error(response: httpx.Response, body: bytes, parse_error: ParseErrorHook | None) -> APICallError:
    return api_call_error_from_response(
        url=str(response.url),
        status_code=response.status_code,
        reason_phrase=response.reason_phrase,
        headers=_response_headers(response),
        body_text=body.decode("utf-8", errors="replace"),
        parse_error=parse_error,
    )


# --- the transport -----------------------------------------------------------------------------------------


def _current_event_loop() -> object | None:
    # asyncio is not imported up front (it is heavy, and sync users never need it): if nothing imported it yet,
    # no asyncio loop can be running.
    asyncio = sys.modules.get("asyncio")
    if asyncio is None:
        return None
    try:
        return cast(object, asyncio.get_running_loop())
    except RuntimeError:  # another anyio backend (trio): one client is all we can key on
        return None


class HttpTransport:
    """Sends :class:`HttpRequest` s over one pooled httpx client per flavour, created on first use.

    Pass ``http_client`` / ``async_http_client`` to use your own clients (proxies, certificates, mocks); those
    are never closed by us. Clients we create are closed by :meth:`close` / :meth:`aclose` (or ``with``).

    Example::

        transport = HttpTransport()
        response = transport.send(HttpRequest(url="https://api.example.com/v1/x", body={"a": 1}))
        transport.close()
    """

    def __init__(
        self,
        *,
        http_client: httpx.Client | None = None,
        async_http_client: httpx.AsyncClient | None = None,
        default_timeout: TimeoutConfig = DEFAULT_TIMEOUT,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        max_error_body_bytes: int = DEFAULT_MAX_ERROR_BODY_BYTES,
        max_redirects: int = MAX_REDIRECTS,
        http2: bool = False,
    ) -> None:
        self._http_client = http_client
        self._owns_http_client = http_client is None
        self._injected_async_http_client = async_http_client
        # An AsyncClient belongs to the event loop it runs on, so ours are kept per loop (a provider made at import
        # time serves every test's loop, or several threads' loops); a loop's client goes with the loop.
        self._async_clients: weakref.WeakKeyDictionary[object, httpx.AsyncClient] = weakref.WeakKeyDictionary()
        self._loopless_async_client: httpx.AsyncClient | None = None  # other anyio backends (trio)
        self._lock = threading.Lock()
        self.default_timeout = default_timeout
        self.max_body_bytes = max_body_bytes
        self.max_error_body_bytes = max_error_body_bytes
        self.max_redirects = max_redirects
        self.http2 = http2

    def __repr__(self) -> str:
        return f"{type(self).__name__}(default_timeout={self.default_timeout!r})"

    # clients ---------------------------------------------------------------------------------------------

    def _client(self) -> httpx.Client:
        with self._lock:
            if self._http_client is None:
                # Our own budgets decide every timeout; httpx's 5 s default would cut long generations.
                self._http_client = httpx.Client(timeout=None, follow_redirects=False, http2=self.http2)  # noqa: S113
            return self._http_client

    def _async_client(self) -> httpx.AsyncClient:
        if self._injected_async_http_client is not None:
            return self._injected_async_http_client
        loop = _current_event_loop()
        with self._lock:
            client = self._async_clients.get(loop) if loop is not None else self._loopless_async_client
            if client is None:
                client = httpx.AsyncClient(
                    timeout=None,  # noqa: S113  # our budgets are set per request
                    follow_redirects=False,
                    http2=self.http2,
                )
                if loop is None:
                    self._loopless_async_client = client
                else:
                    self._async_clients[loop] = client
            return client

    def close(self) -> None:
        """Close the sync client if we created it (async ones need :meth:`aclose`)."""
        if not self._owns_http_client:
            return
        with self._lock:
            client, self._http_client = self._http_client, None
        if client is not None:
            client.close()

    async def aclose(self) -> None:
        """Close the clients we created: the sync one and the current event loop's async one.

        Async clients of other event loops cannot be closed from this one; they are dropped with their loop.
        """
        self.close()
        loop = _current_event_loop()
        with self._lock:
            if loop is None:
                client, self._loopless_async_client = self._loopless_async_client, None
            else:
                client = self._async_clients.pop(loop, None)
        if client is not None:
            await client.aclose()

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

    # sync ------------------------------------------------------------------------------------------------

    def _open(self, request: HttpRequest, budget: TimeBudget) -> httpx.Response:
        client = self._client()
        plan = _RequestPlan(request, self.max_redirects)
        while True:
            try:
                response = client.send(plan.build(client, budget), stream=True, follow_redirects=False)
            except httpx.TransportError as error:
                raise _send_error(error, budget, plan.url) from error
            if not plan.follow(response):
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
        raise _status_error(response, kept.result(), parse_error)

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
        body = _BodyAccumulator(self.max_body_bytes, truncate=False)
        try:
            for chunk in stream.iter_bytes():
                stream.budget.mark_progress()  # a plain body has no events: every chunk is progress
                body.add(chunk)
        except StreamInterruptedError as error:
            raise connection_error(stream.url, error) from error
        finally:
            stream.close()
        return HttpResponse(stream.status_code, stream.headers, body.result(), stream.url)

    # async -----------------------------------------------------------------------------------------------

    async def _aopen(self, request: HttpRequest, budget: TimeBudget) -> httpx.Response:
        import anyio  # only async users need it (and an event loop is running: it loads fast)

        client = self._async_client()
        plan = _RequestPlan(request, self.max_redirects)
        while True:
            try:
                with anyio.fail_after(budget.remaining()):
                    response = await client.send(plan.build(client, budget), stream=True, follow_redirects=False)
            except (httpx.TransportError, TimeoutError) as error:
                raise _send_error(error, budget, plan.url) from error
            if not plan.follow(response):
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
        raise _status_error(response, kept.result(), parse_error)

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
        body = _BodyAccumulator(self.max_body_bytes, truncate=False)
        chunks = stream.iter_bytes()
        try:
            async for chunk in chunks:
                stream.budget.mark_progress()
                body.add(chunk)
        except StreamInterruptedError as error:
            raise connection_error(stream.url, error) from error
        finally:
            await chunks.aclose()
            await stream.aclose()
        return HttpResponse(stream.status_code, stream.headers, body.result(), stream.url)
