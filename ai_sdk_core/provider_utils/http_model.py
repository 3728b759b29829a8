"""Base classes that give an HTTP provider model its I/O methods from pure hooks (DESIGN.md §5).

A provider subclasses :class:`HttpLanguageModel` and writes only pure functions: build the request, parse a
JSON response, decode stream events into parts. The sync and async I/O is written once, here, over
:class:`~ai_sdk_core.provider_utils.http.HttpTransport`.

Contract for subclasses (set ``provider``, ``model_id``, ``transport`` and maybe ``supported_urls``):

* ``build_request(options, *, stream: bool) -> PreparedCall`` (request + warnings)
* ``parse_response(body: Any, call: PreparedCall, response: ResponseInfo) -> GenerateResult``
* ``create_stream_decoder(call: PreparedCall) -> StreamDecoder``
* ``parse_error(status_code, headers, body_text) -> tuple[str, Any] | None`` (message, data) for API errors
* optional: ``create_sse_decoder()`` (bounds of the event stream), ``stream_start_parts(call)`` (default: one
  ``StreamStart`` part carrying ``call.warnings``, sent before any decoded part).

``StreamDecoder``: ``feed(event: ServerSentEvent) -> Iterable[StreamPart]`` then ``finish() ->
Iterable[StreamPart]`` once the body ended cleanly (emits the ``Finish`` part and closes open text/tool parts).
Every event reaches ``feed``, ``data: [DONE]`` included: the provider's decoder decides what it means. A cut
connection never reaches ``finish``: the stream raises :class:`~ai_sdk_core.spec.errors.StreamInterruptedError`
after yielding the parts decoded so far. Its ``partial`` holds them, with runs of adjacent deltas of a long stream
merged (same text, fewer parts: see :mod:`~ai_sdk_core.provider_utils.part_log`), so what a stream keeps for it
grows with its text, not with its number of chunks.

A decoder may also offer ``usage_so_far() -> Usage | None``: the usage the vendor reported before the end (Anthropic
sends input tokens in ``message_start``, Gemini running totals on its chunks). The part streams expose it as
:meth:`PartStream.usage_so_far`, so an answer that ends without its ``Finish`` part (closed early, cut) still
counts what the vendor reported. A decoder without it reports nothing (``None``): the usage stays unknown.

The core rarely holds the provider's stream itself: telemetry, middleware and the leading-error peek each wrap it
in a generator. So a part stream also registers its report when it is made (see
:mod:`~ai_sdk_core.provider_utils.usage_reports`).
"""

from __future__ import annotations

import re
from collections.abc import AsyncGenerator, AsyncIterator, Generator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal, Protocol

from ai_sdk_core.provider_utils.event_stream import ServerSentEvent, SSEDecoder
from ai_sdk_core.provider_utils.http import HttpRequest, HttpResponse, HttpTransport
from ai_sdk_core.provider_utils.http_errors import ParseErrorHook
from ai_sdk_core.provider_utils.json import try_parse_json
from ai_sdk_core.provider_utils.part_log import CoalescedParts
from ai_sdk_core.provider_utils.response_stream import AsyncResponseStream, ResponseStream
from ai_sdk_core.provider_utils.timeouts import TimeBudget
from ai_sdk_core.provider_utils.usage_reports import register_usage_report
from ai_sdk_core.spec import (
    AsyncStreamResult,
    CallOptions,
    CallWarning,
    EmbeddingCallOptions,
    EmbeddingResult,
    GenerateResult,
    InvalidResponseDataError,
    ReasoningDelta,
    RequestInfo,
    ResponseInfo,
    StreamInterruptedError,
    StreamPart,
    StreamResult,
    StreamStart,
    SyncStreamResult,
    TextDelta,
    ToolInputDelta,
    Usage,
)

__all__ = [
    "AsyncPartStream",
    "HttpEmbeddingModel",
    "HttpLanguageModel",
    "HttpRequest",
    "PartStream",
    "PreparedCall",
    "StreamDecoder",
    "apost_json",
    "parse_json_response",
    "post_json",
]

_NO_URLS: Mapping[str, Sequence[re.Pattern[str]]] = MappingProxyType({})

# The spec's delta parts and their text attribute: what the record of delivered parts may merge.
_DELTA_FIELDS: Mapping[type[Any], str] = MappingProxyType(
    {TextDelta: "delta", ReasoningDelta: "delta", ToolInputDelta: "delta"}
)


@dataclass(slots=True)
class PreparedCall:
    """A built request and the warnings found while building it (unsupported settings, ...)."""

    request: HttpRequest
    warnings: Sequence[CallWarning] = ()
    options: CallOptions | EmbeddingCallOptions | None = None
    context: dict[str, Any] = field(default_factory=dict)  # provider-private state shared with the decoders


class StreamDecoder(Protocol):
    """Turns server-sent events into stream parts; a fresh one per stream (it holds the stream's state).

    Optional (not part of the protocol, looked up with ``getattr``): ``usage_so_far() -> Usage | None``, the
    usage reported so far, with ``None`` for the counts the vendor has not sent (see the module docstring)."""

    def feed(self, event: ServerSentEvent) -> Iterable[StreamPart]: ...

    def finish(self) -> Iterable[StreamPart]: ...


# --- pure pieces shared by sync and async ----------------------------------------------------------------


def parse_json_response(response: HttpResponse) -> tuple[Any, ResponseInfo]:
    """Parse a successful response's JSON body; returns the value and the :class:`ResponseInfo` to report."""
    parsed, body = try_parse_json(response.body)
    if not parsed:
        raise InvalidResponseDataError(
            f"The API answered {response.status_code} with a body that is not JSON.",
            data=response.text[:2000],
        )
    return body, ResponseInfo(headers=response.headers, body=body)


# Media types that are a page, never an event stream: a captive portal or a misrouted gateway answering 200.
_PAGE_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def _check_event_stream_response(status_code: int, headers: Mapping[str, str]) -> None:
    """Refuse a successful answer to a streaming call that is a web page: it holds no event, and reading it
    as one would end the stream silently with no text (header names are lower-case)."""
    media_type = headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media_type in _PAGE_MEDIA_TYPES:
        raise InvalidResponseDataError(
            f"The API answered {status_code} with {media_type} instead of an event stream.",
            data={"content-type": media_type},
        )


def _complete_generate_result(result: GenerateResult, call: PreparedCall, response: ResponseInfo) -> GenerateResult:
    # Providers build the content; what was sent and received is the same for all of them, so it is filled here.
    if result.request.body is None:
        result.request = RequestInfo(body=call.request.body)
    if not result.response.headers:
        result.response.headers = response.headers
    if result.response.body is None:
        result.response.body = response.body
    if not result.warnings:
        result.warnings = tuple(call.warnings)
    return result


class _PartDecoder:
    """Bytes in, parts out: the SSE decoder and the provider's decoder, marking progress on the time budget."""

    __slots__ = ("budget", "decoder", "delivered", "events")

    def __init__(self, events: SSEDecoder, decoder: StreamDecoder, budget: TimeBudget) -> None:
        self.events = events
        self.decoder = decoder
        self.budget = budget
        # What was yielded, for StreamInterruptedError.partial: deltas merged in batches, so it grows with the
        # text and not with the chunk count.
        self.delivered: CoalescedParts[StreamPart] = CoalescedParts(_DELTA_FIELDS)

    def feed(self, chunk: bytes) -> list[StreamPart]:
        events = self.events.feed(chunk)
        if not events:
            return []
        # Only events restart between_chunks: keep-alive comments are bytes, not progress. The events of one
        # chunk arrived together: one mark for them all, made before decoding them (so never later than the
        # last per-event mark would have been), spares a clock read per event.
        self.budget.mark_progress()
        decode = self.decoder.feed
        parts: list[StreamPart] = []
        for event in events:
            parts += decode(event)
        return parts

    def finish(self) -> list[StreamPart]:
        parts: list[StreamPart] = []
        for event in self.events.flush():
            parts.extend(self.decoder.feed(event))
        parts.extend(self.decoder.finish())
        return parts

    def interrupted(self, error: StreamInterruptedError) -> StreamInterruptedError:
        error.partial = self.delivered.snapshot()
        return error

    def usage_so_far(self) -> Usage | None:
        report = getattr(self.decoder, "usage_so_far", None)
        return report() if report is not None else None


class PartStream(Iterator[StreamPart]):
    """The parts of one streamed response. Closing it (or reaching its end) releases the connection."""

    def __init__(self, response: ResponseStream, decoder: _PartDecoder, start_parts: Iterable[StreamPart]) -> None:
        self._response = response
        self._decoder = decoder
        self._parts = self._generate(list(start_parts))
        register_usage_report(decoder.usage_so_far)

    def _generate(self, start_parts: list[StreamPart]) -> Generator[StreamPart, None, None]:
        decoder = self._decoder
        record = decoder.delivered.extend
        # A chunk's parts are recorded as delivered before they are yielded: only a read (between two chunks)
        # raises StreamInterruptedError, and by then every part of the chunks before was yielded.
        try:
            record(start_parts)
            yield from start_parts
            for chunk in self._response.iter_bytes():
                parts = decoder.feed(chunk)
                record(parts)
                yield from parts
            parts = decoder.finish()
            record(parts)
            yield from parts
        except StreamInterruptedError as error:
            raise decoder.interrupted(error) from error.__cause__
        finally:
            self._response.close()

    def __iter__(self) -> PartStream:
        return self

    def __next__(self) -> StreamPart:
        return next(self._parts)

    def close(self) -> None:
        """Abandon the stream early and release its connection."""
        self._parts.close()
        self._response.close()  # a generator never started skips its ``finally``

    def usage_so_far(self) -> Usage | None:
        """The usage the vendor reported so far (``None`` if nothing, or if its decoder does not say): what an
        answer that ends without its ``Finish`` part still counts. Readable after :meth:`close`."""
        return self._decoder.usage_so_far()


class AsyncPartStream(AsyncIterator[StreamPart]):
    """Async twin of :class:`PartStream`; ``aclose()`` abandons it."""

    def __init__(self, response: AsyncResponseStream, decoder: _PartDecoder, start_parts: Iterable[StreamPart]) -> None:
        self._response = response
        self._decoder = decoder
        self._parts = self._generate(list(start_parts))
        register_usage_report(decoder.usage_so_far)

    async def _generate(self, start_parts: list[StreamPart]) -> AsyncGenerator[StreamPart, None]:
        decoder = self._decoder
        record = decoder.delivered.extend
        chunks = self._response.iter_bytes()
        # As in PartStream: only a read raises StreamInterruptedError, after the parts of earlier chunks.
        try:
            record(start_parts)
            for part in start_parts:
                yield part
            async for chunk in chunks:
                parts = decoder.feed(chunk)
                record(parts)
                for part in parts:
                    yield part
            parts = decoder.finish()
            record(parts)
            for part in parts:
                yield part
        except StreamInterruptedError as error:
            raise decoder.interrupted(error) from error.__cause__
        finally:
            await chunks.aclose()
            await self._response.aclose()

    def __aiter__(self) -> AsyncPartStream:
        return self

    async def __anext__(self) -> StreamPart:
        return await self._parts.__anext__()

    async def aclose(self) -> None:
        """Abandon the stream early and release its connection."""
        await self._parts.aclose()
        await self._response.aclose()

    def usage_so_far(self) -> Usage | None:
        """As :meth:`PartStream.usage_so_far` (plain, not awaited: it reads state the decoder already holds)."""
        return self._decoder.usage_so_far()


def post_json(transport: HttpTransport, call: PreparedCall, parse_error: ParseErrorHook) -> tuple[Any, ResponseInfo]:
    """Send a prepared call and parse its JSON answer (for any HTTP model kind: image, speech, ...)."""
    return parse_json_response(transport.send(call.request, parse_error=parse_error))


async def apost_json(
    transport: HttpTransport, call: PreparedCall, parse_error: ParseErrorHook
) -> tuple[Any, ResponseInfo]:
    """Async twin of :func:`post_json`."""
    return parse_json_response(await transport.asend(call.request, parse_error=parse_error))


# --- base classes --------------------------------------------------------------------------------------------


class HttpLanguageModel:
    """Base of HTTP language models. Subclasses set ``provider``/``model_id``/``transport`` and the hooks."""

    specification_version: Literal["v4"] = "v4"
    provider: str
    model_id: str
    transport: HttpTransport
    supported_urls: Mapping[str, Sequence[re.Pattern[str]]] = _NO_URLS

    def build_request(self, options: CallOptions, *, stream: bool) -> PreparedCall:
        """Build the request for ``options`` (pure)."""
        raise NotImplementedError

    def parse_response(self, body: Any, call: PreparedCall, response: ResponseInfo) -> GenerateResult:
        """Turn a parsed JSON answer into a result (pure)."""
        raise NotImplementedError

    def create_stream_decoder(self, call: PreparedCall) -> StreamDecoder:
        """A fresh decoder of server-sent events into parts for one stream."""
        raise NotImplementedError

    def parse_error(self, status_code: int, headers: Mapping[str, str], body_text: str) -> tuple[str, Any] | None:
        """``(message, data)`` of an error response, or ``None`` for the generic message."""
        return None

    def create_sse_decoder(self) -> SSEDecoder:
        """The event-stream decoder (override to change its size bounds)."""
        return SSEDecoder()

    def stream_start_parts(self, call: PreparedCall) -> Iterable[StreamPart]:
        """Parts sent before any decoded part: by default one ``StreamStart`` with the call's warnings."""
        return (StreamStart(warnings=tuple(call.warnings)),)

    def do_generate(self, options: CallOptions) -> GenerateResult:
        """Generate a whole answer (blocking)."""
        call = self.build_request(options, stream=False)
        body, response = post_json(self.transport, call, self.parse_error)
        return _complete_generate_result(self.parse_response(body, call, response), call, response)

    async def ado_generate(self, options: CallOptions) -> GenerateResult:
        """Generate a whole answer."""
        call = self.build_request(options, stream=False)
        body, response = await apost_json(self.transport, call, self.parse_error)
        return _complete_generate_result(self.parse_response(body, call, response), call, response)

    def _part_decoder(self, call: PreparedCall, budget: TimeBudget) -> _PartDecoder:
        return _PartDecoder(self.create_sse_decoder(), self.create_stream_decoder(call), budget)

    def do_stream(self, options: CallOptions) -> SyncStreamResult:
        """Start a stream; returns once the response headers arrived (errors before that are raised here)."""
        call = self.build_request(options, stream=True)
        response = self.transport.open_stream(call.request, parse_error=self.parse_error)
        try:
            _check_event_stream_response(response.status_code, response.headers)
            stream = PartStream(response, self._part_decoder(call, response.budget), self.stream_start_parts(call))
        except BaseException:
            response.close()
            raise
        return StreamResult(
            stream=stream,
            request=RequestInfo(body=call.request.body),
            response=ResponseInfo(headers=response.headers),
        )

    async def ado_stream(self, options: CallOptions) -> AsyncStreamResult:
        """Async twin of :meth:`do_stream`."""
        call = self.build_request(options, stream=True)
        response = await self.transport.aopen_stream(call.request, parse_error=self.parse_error)
        try:
            _check_event_stream_response(response.status_code, response.headers)
            stream = AsyncPartStream(response, self._part_decoder(call, response.budget), self.stream_start_parts(call))
        except BaseException:
            await response.aclose()
            raise
        return StreamResult(
            stream=stream,
            request=RequestInfo(body=call.request.body),
            response=ResponseInfo(headers=response.headers),
        )


class HttpEmbeddingModel:
    """Base of HTTP embedding models: hooks ``build_embed_request`` and ``parse_embed_response``."""

    specification_version: Literal["v4"] = "v4"
    provider: str
    model_id: str
    transport: HttpTransport
    max_embeddings_per_call: int | None = None
    supports_parallel_calls: bool = True

    def build_embed_request(self, options: EmbeddingCallOptions) -> PreparedCall:
        """Build the request embedding ``options.values`` (pure)."""
        raise NotImplementedError

    def parse_embed_response(self, body: Any, call: PreparedCall, response: ResponseInfo) -> EmbeddingResult:
        """Turn a parsed JSON answer into embeddings, in input order (pure)."""
        raise NotImplementedError

    def parse_error(self, status_code: int, headers: Mapping[str, str], body_text: str) -> tuple[str, Any] | None:
        """``(message, data)`` of an error response, or ``None`` for the generic message."""
        return None

    def _complete(self, result: EmbeddingResult, call: PreparedCall, response: ResponseInfo) -> EmbeddingResult:
        if not result.response.headers:
            result.response.headers = response.headers
        if result.response.body is None:
            result.response.body = response.body
        if not result.warnings:
            result.warnings = tuple(call.warnings)
        return result

    def do_embed(self, options: EmbeddingCallOptions) -> EmbeddingResult:
        """Embed the values (blocking)."""
        call = self.build_embed_request(options)
        body, response = post_json(self.transport, call, self.parse_error)
        return self._complete(self.parse_embed_response(body, call, response), call, response)

    async def ado_embed(self, options: EmbeddingCallOptions) -> EmbeddingResult:
        """Embed the values."""
        call = self.build_embed_request(options)
        body, response = await apost_json(self.transport, call, self.parse_error)
        return self._complete(self.parse_embed_response(body, call, response), call, response)
