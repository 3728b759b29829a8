"""HttpLanguageModel and HttpEmbeddingModel driven by a tiny test subclass, in both flavours."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping
from typing import Any

import anyio
import httpx
import pytest

from ai_sdk_core.provider_utils import (
    HttpEmbeddingModel,
    HttpLanguageModel,
    HttpRequest,
    HttpTransport,
    PreparedCall,
    ServerSentEvent,
    SSEDecoder,
    StreamDecoder,
    try_parse_json,
)
from ai_sdk_core.spec import (
    APICallError,
    AsyncStreamResult,
    CallOptions,
    CallWarning,
    EmbeddingCallOptions,
    EmbeddingModel,
    EmbeddingResult,
    EmbeddingUsage,
    Finish,
    FinishReason,
    GenerateResult,
    InvalidResponseDataError,
    LanguageModel,
    ResponseInfo,
    ResponseTooLargeError,
    StreamInterruptedError,
    StreamPart,
    StreamStart,
    SyncStreamResult,
    TextContent,
    TextDelta,
    TimeoutBudgetError,
    TimeoutConfig,
    Usage,
)
from ai_sdk_core.testing.fault_server import Drip, FaultServer, Reply, Silent, Stream, sse

from .flavours import FLAVOURS, Flavour

pytestmark = pytest.mark.anyio

WARNING = CallWarning(type="unsupported", feature="top_k")


class EchoDecoder:
    """Each event's data becomes one text delta; a clean end adds a Finish part."""

    def feed(self, event: ServerSentEvent) -> Iterable[StreamPart]:
        return [TextDelta(id="text-0", delta=event.data)]

    def finish(self) -> Iterable[StreamPart]:
        return [Finish(usage=Usage(), finish_reason=FinishReason("stop"))]


class TinyModel(HttpLanguageModel):
    """The smallest provider: POST {"stream": ...}; the answer is {"text": ...}; errors are {"error": ...}."""

    provider = "tiny"

    def __init__(self, url: str, transport: HttpTransport) -> None:
        self.model_id = "tiny-1"
        self.url = url
        self.transport = transport

    def build_request(self, options: CallOptions, *, stream: bool) -> PreparedCall:
        request = HttpRequest(
            url=self.url,
            body={"stream": stream},
            headers={"authorization": "Bearer sk-tiny"},
            timeout=options.timeout,
        )
        return PreparedCall(request=request, warnings=(WARNING,), options=options)

    def parse_response(self, body: Any, call: PreparedCall, response: ResponseInfo) -> GenerateResult:
        return GenerateResult(
            content=[TextContent(text=body["text"])], finish_reason=FinishReason("stop"), usage=Usage()
        )

    def create_stream_decoder(self, call: PreparedCall) -> StreamDecoder:
        return EchoDecoder()

    def parse_error(self, status_code: int, headers: Mapping[str, str], body_text: str) -> tuple[str, Any] | None:
        parsed, data = try_parse_json(body_text)
        if parsed and isinstance(data, dict) and isinstance(data.get("error"), str):
            return data["error"], data
        return None


class TinyEmbeddingModel(HttpEmbeddingModel):
    provider = "tiny"
    max_embeddings_per_call = 8

    def __init__(self, url: str, transport: HttpTransport) -> None:
        self.model_id = "tiny-embed"
        self.url = url
        self.transport = transport

    def build_embed_request(self, options: EmbeddingCallOptions) -> PreparedCall:
        return PreparedCall(request=HttpRequest(url=self.url, body={"input": list(options.values)}), options=options)

    def parse_embed_response(self, body: Any, call: PreparedCall, response: ResponseInfo) -> EmbeddingResult:
        return EmbeddingResult(embeddings=body["data"], usage=EmbeddingUsage(tokens=body["tokens"]))


@pytest.fixture
async def transport() -> AsyncIterator[HttpTransport]:
    transport = HttpTransport()
    yield transport
    await transport.aclose()


async def generate(flavour: Flavour, model: TinyModel, options: CallOptions) -> GenerateResult:
    if flavour == "sync":
        return model.do_generate(options)
    return await model.ado_generate(options)


async def collect_stream(flavour: Flavour, model: TinyModel, options: CallOptions) -> tuple[list[StreamPart], Any]:
    """Stream and collect the parts; returns them and the error that ended the stream (or None)."""
    parts: list[StreamPart] = []
    error: BaseException | None = None
    if flavour == "sync":
        result = model.do_stream(options)
        try:
            for part in result.stream:
                parts.append(part)
        except Exception as raised:
            error = raised
    else:
        async_result = await model.ado_stream(options)
        try:
            async for part in async_result.stream:
                parts.append(part)
        except Exception as raised:
            error = raised
    return parts, error


def deltas(parts: list[StreamPart]) -> list[str]:
    return [part.delta for part in parts if isinstance(part, TextDelta)]


@pytest.mark.parametrize("flavour", FLAVOURS)
async def test_generate(flavour: Flavour, fault_server: FaultServer, transport: HttpTransport) -> None:
    fault_server.script(Reply(200, json={"text": "Hi"}, headers={"x-request-id": "abc"}))
    result = await generate(flavour, TinyModel(fault_server.url("/gen"), transport), CallOptions(prompt=[]))
    assert result.content == [TextContent(text="Hi")]
    assert result.request.body == {"stream": False}
    assert result.response.headers["x-request-id"] == "abc"
    assert result.response.body == {"text": "Hi"}
    assert result.warnings == (WARNING,)
    assert fault_server.requests[0].json() == {"stream": False}


@pytest.mark.parametrize("flavour", FLAVOURS)
async def test_generate_error_message_comes_from_the_hook(
    flavour: Flavour, fault_server: FaultServer, transport: HttpTransport
) -> None:
    fault_server.script(Reply(400, json={"error": "prompt too long"}))
    with pytest.raises(APICallError) as caught:
        await generate(flavour, TinyModel(fault_server.url("/gen"), transport), CallOptions(prompt=[]))
    assert caught.value.message == "prompt too long"
    assert caught.value.data == {"error": "prompt too long"}
    assert "sk-tiny" not in repr(caught.value) + str(caught.value) + str(caught.value.response_headers)


@pytest.mark.parametrize("flavour", FLAVOURS)
async def test_generate_with_a_body_that_is_not_json(
    flavour: Flavour, fault_server: FaultServer, transport: HttpTransport
) -> None:
    fault_server.script(Reply(200, body="<html>gateway</html>"))
    with pytest.raises(InvalidResponseDataError):
        await generate(flavour, TinyModel(fault_server.url("/gen"), transport), CallOptions(prompt=[]))


@pytest.mark.parametrize("flavour", FLAVOURS)
async def test_stream_delivers_every_event_then_finish(
    flavour: Flavour, fault_server: FaultServer, transport: HttpTransport
) -> None:
    fault_server.script(Stream([sse("a"), b": comment\n\n", sse("b") + sse("[DONE]")]))
    parts, error = await collect_stream(flavour, TinyModel(fault_server.url("/s"), transport), CallOptions(prompt=[]))
    assert error is None
    assert isinstance(parts[0], StreamStart)
    assert parts[0].warnings == (WARNING,)
    assert deltas(parts) == ["a", "b", "[DONE]"]  # [DONE] is the provider decoder's business
    assert isinstance(parts[-1], Finish)


@pytest.mark.parametrize("flavour", FLAVOURS)
async def test_stream_cut_after_two_events(
    flavour: Flavour, fault_server: FaultServer, transport: HttpTransport
) -> None:
    fault_server.script(Stream([sse("one"), sse("two")], cut=True))
    parts, error = await collect_stream(flavour, TinyModel(fault_server.url("/s"), transport), CallOptions(prompt=[]))
    assert isinstance(error, StreamInterruptedError)
    assert deltas(parts) == ["one", "two"]
    assert not any(isinstance(part, Finish) for part in parts)
    assert error.partial == parts


@pytest.mark.parametrize("flavour", FLAVOURS)
async def test_stream_error_status_raises_before_returning(
    flavour: Flavour, fault_server: FaultServer, transport: HttpTransport
) -> None:
    fault_server.script(Reply(503, json={"error": "overloaded"}))
    with pytest.raises(APICallError) as caught:
        await collect_stream(flavour, TinyModel(fault_server.url("/s"), transport), CallOptions(prompt=[]))
    assert caught.value.message == "overloaded"
    assert caught.value.is_retryable


@pytest.mark.parametrize("flavour", FLAVOURS)
async def test_stream_first_chunk_budget(flavour: Flavour, fault_server: FaultServer, transport: HttpTransport) -> None:
    fault_server.script(Silent())
    options = CallOptions(prompt=[], timeout=TimeoutConfig(first_chunk=0.3))
    with pytest.raises(TimeoutBudgetError) as caught:
        await collect_stream(flavour, TinyModel(fault_server.url("/s"), transport), options)
    assert caught.value.budget == "first_chunk"


@pytest.mark.parametrize("flavour", FLAVOURS)
async def test_slow_first_event_after_headers_is_bounded_by_first_chunk_not_between_chunks(
    flavour: Flavour, fault_server: FaultServer, transport: HttpTransport
) -> None:
    # Headers at once, then 0.4 s later (a model thinking) two events and the end.
    fault_server.script(Stream([b"", sse("late") + sse("quick")], interval=0.4))
    options = CallOptions(prompt=[], timeout=TimeoutConfig(first_chunk=5, between_chunks=0.2))
    parts, error = await collect_stream(flavour, TinyModel(fault_server.url("/s"), transport), options)
    assert error is None
    assert deltas(parts) == ["late", "quick"]


SLOW_CONSUMER_PAUSE = 0.3  # simulates work between parts; no timing is asserted


def consume_slowly(result: SyncStreamResult) -> list[StreamPart]:
    time.sleep(SLOW_CONSUMER_PAUSE)  # before the first read
    received: list[StreamPart] = []
    for part in result.stream:
        received.append(part)
        if isinstance(part, TextDelta):
            time.sleep(SLOW_CONSUMER_PAUSE)
    return received


async def aconsume_slowly(result: AsyncStreamResult) -> list[StreamPart]:
    await anyio.sleep(SLOW_CONSUMER_PAUSE)
    received: list[StreamPart] = []
    async for part in result.stream:
        received.append(part)
        if isinstance(part, TextDelta):
            await anyio.sleep(SLOW_CONSUMER_PAUSE)
    return received


@pytest.mark.parametrize("flavour", FLAVOURS)
async def test_a_slow_consumer_is_not_a_silent_server(
    flavour: Flavour, fault_server: FaultServer, transport: HttpTransport
) -> None:
    # Each event in its own chunk, all sent at once: they wait in buffers while the consumer works, which is
    # not the server's silence.
    fault_server.script(Stream([sse("one"), sse("two"), sse("three")]))
    options = CallOptions(prompt=[], timeout=TimeoutConfig(first_chunk=0.15, between_chunks=0.15))
    model = TinyModel(fault_server.url("/s"), transport)
    if flavour == "sync":
        received = consume_slowly(model.do_stream(options))
    else:
        received = await aconsume_slowly(await model.ado_stream(options))
    assert deltas(received) == ["one", "two", "three"]
    assert isinstance(received[-1], Finish)


@pytest.mark.parametrize("flavour", FLAVOURS)
async def test_comments_do_not_reset_between_chunks(
    flavour: Flavour, fault_server: FaultServer, transport: HttpTransport
) -> None:
    fault_server.script(Drip(chunk=b": keep-alive\n\n", interval=0.2, first_chunks=[sse("hello")]))
    options = CallOptions(prompt=[], timeout=TimeoutConfig(between_chunks=0.5))
    parts, error = await collect_stream(flavour, TinyModel(fault_server.url("/s"), transport), options)
    assert isinstance(error, TimeoutBudgetError)
    assert error.budget == "between_chunks"
    assert deltas(parts) == ["hello"]


@pytest.mark.parametrize("flavour", FLAVOURS)
async def test_total_budget_stops_a_stream_whose_events_keep_coming(
    flavour: Flavour, fault_server: FaultServer, transport: HttpTransport
) -> None:
    fault_server.script(Drip(chunk=sse("tick"), interval=0.2, first_chunks=[sse("tick")]))
    options = CallOptions(prompt=[], timeout=TimeoutConfig(total=1.0, between_chunks=0.5))
    parts, error = await collect_stream(flavour, TinyModel(fault_server.url("/s"), transport), options)
    assert isinstance(error, TimeoutBudgetError)
    assert error.budget == "total"
    assert deltas(parts)[0] == "tick"


@pytest.mark.parametrize("flavour", FLAVOURS)
async def test_total_budget_stops_a_comment_drip(
    flavour: Flavour, fault_server: FaultServer, transport: HttpTransport
) -> None:
    fault_server.script(Drip(chunk=b": keep-alive\n\n", interval=0.2))
    options = CallOptions(prompt=[], timeout=TimeoutConfig(total=0.7))
    parts, error = await collect_stream(flavour, TinyModel(fault_server.url("/s"), transport), options)
    assert isinstance(error, TimeoutBudgetError)
    assert error.budget == "total"
    assert deltas(parts) == []


class BoundedTinyModel(TinyModel):
    def create_sse_decoder(self) -> SSEDecoder:
        return SSEDecoder(max_line_bytes=64)


@pytest.mark.parametrize("flavour", FLAVOURS)
async def test_stream_line_bound_from_the_model_hook(
    flavour: Flavour, fault_server: FaultServer, transport: HttpTransport
) -> None:
    fault_server.script(Stream([sse("fine"), sse("x" * 1000)]))
    parts, error = await collect_stream(
        flavour, BoundedTinyModel(fault_server.url("/s"), transport), CallOptions(prompt=[])
    )
    assert isinstance(error, ResponseTooLargeError)
    assert error.limit == 64
    assert deltas(parts) == ["fine"]


# --- closing: a mock transport whose body stream records that it was closed -----------------------------------


class TrackedBody(httpx.SyncByteStream, httpx.AsyncByteStream):
    def __init__(self, chunks: list[bytes]) -> None:
        self.chunks = chunks
        self.closed = False

    def __iter__(self) -> Iterator[bytes]:
        yield from self.chunks

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self.chunks:
            yield chunk

    def close(self) -> None:
        self.closed = True

    async def aclose(self) -> None:
        self.closed = True


def mock_transport(body: TrackedBody) -> HttpTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "text/event-stream"}, stream=body)

    return HttpTransport(
        http_client=httpx.Client(transport=httpx.MockTransport(handler)),
        async_http_client=httpx.AsyncClient(transport=httpx.MockTransport(handler)),
    )


@pytest.mark.parametrize("read_parts", [0, 2])
def test_sync_stream_closed_early_releases_the_response(read_parts: int) -> None:
    body = TrackedBody([sse("a"), sse("b"), sse("c")])
    result: SyncStreamResult = TinyModel("http://model.test/s", mock_transport(body)).do_stream(CallOptions(prompt=[]))
    for _ in range(read_parts):
        next(result.stream)
    assert not body.closed
    result.stream.close()  # type: ignore[attr-defined]
    assert body.closed


def test_sync_stream_exhausted_releases_the_response() -> None:
    body = TrackedBody([sse("a")])
    result = TinyModel("http://model.test/s", mock_transport(body)).do_stream(CallOptions(prompt=[]))
    assert deltas(list(result.stream)) == ["a"]
    assert body.closed


@pytest.mark.parametrize("read_parts", [0, 2])
async def test_async_stream_closed_early_releases_the_response(read_parts: int) -> None:
    body = TrackedBody([sse("a"), sse("b"), sse("c")])
    transport = mock_transport(body)
    result = await TinyModel("http://model.test/s", transport).ado_stream(CallOptions(prompt=[]))
    for _ in range(read_parts):
        await result.stream.__anext__()
    assert not body.closed
    await result.stream.aclose()  # type: ignore[attr-defined]
    assert body.closed
    await transport.aclose()


async def test_async_stream_exhausted_releases_the_response() -> None:
    body = TrackedBody([sse("a")])
    transport = mock_transport(body)
    result = await TinyModel("http://model.test/s", transport).ado_stream(CallOptions(prompt=[]))
    assert deltas([part async for part in result.stream]) == ["a"]
    assert body.closed
    await transport.aclose()


async def test_injected_clients_are_not_closed_by_us() -> None:
    async with httpx.AsyncClient(transport=httpx.MockTransport(lambda request: httpx.Response(200))) as async_client:
        with httpx.Client(transport=httpx.MockTransport(lambda request: httpx.Response(200))) as client:
            transport = HttpTransport(http_client=client, async_http_client=async_client)
            await transport.aclose()
            assert not client.is_closed
            assert not async_client.is_closed


async def test_clients_we_create_are_closed() -> None:
    transport = HttpTransport()
    client = transport._client()
    async_client = transport._async_client()
    await transport.aclose()
    assert client.is_closed
    assert async_client.is_closed


# --- embeddings ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("flavour", FLAVOURS)
async def test_embedding_model(flavour: Flavour, fault_server: FaultServer, transport: HttpTransport) -> None:
    fault_server.script(Reply(200, json={"data": [[0.5, 1.0], [0.25, 0.0]], "tokens": 4}))
    model = TinyEmbeddingModel(fault_server.url("/embed"), transport)
    options = EmbeddingCallOptions(values=["a", "b"])
    result = model.do_embed(options) if flavour == "sync" else await model.ado_embed(options)
    assert result.embeddings == [[0.5, 1.0], [0.25, 0.0]]
    assert result.usage == EmbeddingUsage(tokens=4)
    assert result.response.body == {"data": [[0.5, 1.0], [0.25, 0.0]], "tokens": 4}
    assert fault_server.requests[0].json() == {"input": ["a", "b"]}


def test_async_client_follows_the_event_loop(fault_server: FaultServer) -> None:
    # A provider created at import time is used from several event loops (one per test, one per anyio.run):
    # each loop gets its own pooled client, reused within the loop.
    fault_server.script(default=Reply(200, json={"text": "Hi"}))
    transport = HttpTransport()
    model = TinyModel(fault_server.url("/gen"), transport)
    clients: list[httpx.AsyncClient] = []

    async def call_twice() -> None:
        for _ in range(2):
            result = await model.ado_generate(CallOptions(prompt=[]))
            assert result.content == [TextContent(text="Hi")]
            clients.append(transport._async_client())
        await transport.aclose()

    anyio.run(call_twice)
    anyio.run(call_twice)
    assert clients[0] is clients[1]
    assert clients[2] is clients[3]
    assert clients[0] is not clients[2]
    assert all(client.is_closed for client in clients)


def test_close_keeps_an_injected_client_in_use() -> None:
    with httpx.Client(transport=httpx.MockTransport(lambda request: httpx.Response(200, json=[1]))) as client:
        transport = HttpTransport(http_client=client)
        transport.close()
        assert transport.send(HttpRequest(url="http://model.test/x", body={})).body == b"[1]"
        assert transport._client() is client


def test_subclasses_satisfy_the_spec_protocols() -> None:
    transport = HttpTransport()
    assert isinstance(TinyModel("http://model.test", transport), LanguageModel)
    assert isinstance(TinyEmbeddingModel("http://model.test", transport), EmbeddingModel)
    transport.close()
