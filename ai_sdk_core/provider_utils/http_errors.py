"""What the transport raises, decided by pure functions shared by its sync and async halves.

* an error status -> :class:`~ai_sdk_core.spec.errors.APICallError` (message from the model's ``parse_error``
  hook, retryable for 408/409/429/5xx unless ``x-should-retry`` says otherwise);
* no answer (refused, reset, DNS, TLS, a connect timeout) -> a retryable ``APICallError`` without status;
* a running time budget (``first_chunk``, ``between_chunks``, ``total``) that ran out ->
  :class:`~ai_sdk_core.spec.errors.TimeoutBudgetError`, never retried (the caller's time is gone);
* a connection cut while a body is read -> :class:`~ai_sdk_core.spec.errors.StreamInterruptedError`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeAlias

import httpx

from ai_sdk_core.provider_utils.redirects import ALWAYS_CREDENTIAL_HEADERS
from ai_sdk_core.provider_utils.timeouts import TimeBudget
from ai_sdk_core.spec.errors import (
    APICallError,
    ResponseTooLargeError,
    StreamInterruptedError,
    TimeoutBudgetError,
)

__all__ = [
    "ParseErrorHook",
    "api_call_error_from_response",
    "connect_timeout_error",
    "connection_error",
    "is_retryable_response",
    "read_error",
    "response_too_large",
    "send_error",
    "status_error",
    "stream_interrupted",
]

ParseErrorHook: TypeAlias = Callable[[int, Mapping[str, str], str], "tuple[str, Any] | None"]
"""A model's ``parse_error(status_code, headers, body_text) -> (message, data) | None``."""


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


_REDACTED = "**********"
# A bearer token or key shorter than this is no secret worth masking (and masking "a" would mangle the body).
_MIN_SECRET_CHARS = 8


def request_secrets(request: httpx.Request) -> list[str]:
    """The credential values a request carried (``Authorization``'s token without its scheme, API-key headers)."""
    secrets: list[str] = []
    for name in ALWAYS_CREDENTIAL_HEADERS:
        for value in request.headers.get_list(name):
            secrets.append(value)
            scheme, _, token = value.partition(" ")
            if token and scheme.lower() in ("bearer", "basic", "token"):
                secrets.append(token)
    return sorted({secret for secret in secrets if len(secret) >= _MIN_SECRET_CHARS}, key=len, reverse=True)


def redact(text: str, secrets: list[str]) -> str:
    """``text`` with every secret replaced by a mask: a server may echo the key it received."""
    for secret in secrets:
        text = text.replace(secret, _REDACTED)
    return text


def status_error(response: httpx.Response, body: bytes, parse_error: ParseErrorHook | None) -> APICallError:
    """The :class:`APICallError` of an error response whose (bounded) body was read.

    Credentials the request carried are masked in the body and headers first: a gateway that echoes the key it
    received must not put it into the error's message, stored body or ``repr``.
    """
    secrets = request_secrets(response.request)
    return api_call_error_from_response(
        url=str(response.url),
        status_code=response.status_code,
        reason_phrase=response.reason_phrase,
        headers={name: redact(value, secrets) for name, value in response.headers.items()},
        body_text=redact(body.decode("utf-8", errors="replace"), secrets),
        parse_error=parse_error,
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


def connect_timeout_error(url: str, seconds: float | None, error: BaseException) -> APICallError:
    """The retryable :class:`APICallError` for a connection not made within ``TimeoutConfig.connect``.

    Unlike the other budgets, ``connect`` bounds one attempt, not the caller's time: another attempt may well
    reach a server that was briefly overloaded, so it is an error without status that retries pick up.
    """
    within = f" within the connect timeout of {seconds:g} s (raise TimeoutConfig.connect to wait longer)"
    return APICallError(
        f"Cannot connect to the API{within if seconds is not None else ''}: {type(error).__name__}: {error}",
        url=url,
        status_code=None,
        is_retryable=True,
        cause=error,
    )


def send_error(error: Exception, budget: TimeBudget, url: httpx.URL) -> Exception:
    """Map a failure before the response headers: a budget that ran out, or no answer at all."""
    if isinstance(error, httpx.ConnectTimeout):
        try:
            budget.check()  # the connect timeout is cut to the running budgets: one that ran out is the cause
        except TimeoutBudgetError as expired:
            return expired
        return connect_timeout_error(str(url), budget.config.connect, error)
    if isinstance(error, httpx.TimeoutException | TimeoutError):
        return budget.expired_error(error)
    return connection_error(str(url), error)


def read_error(error: Exception, budget: TimeBudget) -> Exception:
    """Map a failure while reading a body: a budget that ran out, or a cut connection."""
    if isinstance(error, httpx.TimeoutException | TimeoutError):
        return budget.expired_error(error)
    return stream_interrupted(error)


def response_too_large(limit: int) -> ResponseTooLargeError:
    """The error for a body past ``limit`` bytes."""
    return ResponseTooLargeError(f"The response body exceeded {limit} bytes.", limit=limit)


def stream_interrupted(error: BaseException) -> StreamInterruptedError:
    """The error for a connection cut before the body ended."""
    return StreamInterruptedError(
        f"The connection was cut while reading the response: {type(error).__name__}: {error}", cause=error
    )
