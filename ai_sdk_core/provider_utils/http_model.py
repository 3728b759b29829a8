"""Base classes that give an HTTP provider model its four I/O methods from pure hooks (DESIGN.md §5).

A provider subclasses :class:`HttpLanguageModel` and writes only pure functions: build the request, parse a
JSON response, decode stream events into parts. The sync and async I/O is written once, here, over
:class:`~ai_sdk_core.provider_utils.http.HttpTransport`.

INTERFACE CONTRACT (filled in by the provider_utils work; providers code against these signatures):

* ``HttpRequest``: url, headers (merged, ``None`` values dropped), json body (a Python value), credential
  header names (never sent across origins on a redirect), timeout (TimeoutConfig | None).
* ``HttpLanguageModel`` hooks:
    - ``build_request(options, *, stream: bool) -> PreparedCall`` (request + warnings)
    - ``parse_response(body: Any, call: PreparedCall, response: ResponseInfo) -> GenerateResult``
    - ``create_stream_decoder(call: PreparedCall) -> StreamDecoder``
    - ``parse_error(status_code, headers, body_text) -> tuple[str, Any] | None`` (message, data) for API errors
* ``StreamDecoder``: ``feed(event: ServerSentEvent) -> Iterable[StreamPart]`` then ``finish() ->
  Iterable[StreamPart]`` once the body ended cleanly (emits the ``Finish`` part and closes open text/tool parts).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from ai_sdk_core.provider_utils.event_stream import ServerSentEvent
from ai_sdk_core.spec import (
    AsyncStreamResult,
    CallOptions,
    CallWarning,
    GenerateResult,
    ResponseInfo,
    StreamPart,
    SyncStreamResult,
    TimeoutConfig,
)

__all__ = ["HttpLanguageModel", "HttpRequest", "PreparedCall", "StreamDecoder"]


@dataclass(slots=True)
class HttpRequest:
    """One HTTP POST with a JSON body. ``headers`` may hold secrets: it is never logged nor put in errors."""

    url: str
    body: Any
    headers: Mapping[str, str] = field(default_factory=dict)
    credential_headers: frozenset[str] = frozenset({"authorization"})
    timeout: TimeoutConfig | None = None


@dataclass(slots=True)
class PreparedCall:
    """A built request and the warnings found while building it (unsupported settings, ...)."""

    request: HttpRequest
    warnings: Sequence[CallWarning] = ()
    options: CallOptions | None = None
    context: dict[str, Any] = field(default_factory=dict)  # provider-private state shared with the decoders


class StreamDecoder(Protocol):
    """Turns server-sent events into stream parts; a fresh one per stream (it holds the stream's state)."""

    def feed(self, event: ServerSentEvent) -> Iterable[StreamPart]: ...

    def finish(self) -> Iterable[StreamPart]: ...


class HttpLanguageModel:
    """Base of HTTP language models. Subclasses set ``provider``/``model_id``/``transport`` and the hooks."""

    specification_version: Literal["v4"] = "v4"

    def build_request(self, options: CallOptions, *, stream: bool) -> PreparedCall:
        raise NotImplementedError

    def parse_response(self, body: Any, call: PreparedCall, response: ResponseInfo) -> GenerateResult:
        raise NotImplementedError

    def create_stream_decoder(self, call: PreparedCall) -> StreamDecoder:
        raise NotImplementedError

    def parse_error(self, status_code: int, headers: Mapping[str, str], body_text: str) -> tuple[str, Any] | None:
        return None

    def do_generate(self, options: CallOptions) -> GenerateResult:
        raise NotImplementedError

    async def ado_generate(self, options: CallOptions) -> GenerateResult:
        raise NotImplementedError

    def do_stream(self, options: CallOptions) -> SyncStreamResult:
        raise NotImplementedError

    async def ado_stream(self, options: CallOptions) -> AsyncStreamResult:
        raise NotImplementedError


_unused: tuple[type, ...] = (AsyncIterator, Iterator)
