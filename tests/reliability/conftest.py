"""Fixtures of the reliability suite: a fault server, HTTP clients, a leak scanner (messages, reprs, logs and
OpenTelemetry spans), recorded retry waits, and one harness running a call through the sync or the async API.

Every test runs each applicable wire format in sync and async; the invariant checked everywhere: a typed error
(never a bare ``KeyError``, ``UnicodeDecodeError``, ``RecursionError`` or ``json.JSONDecodeError``), the fake key
nowhere, partial output kept, sockets closed.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from ai_sdk_core import agenerate_text, astream_text, generate_text, stream_text
from ai_sdk_core.provider_utils import retry as retry_module
from ai_sdk_core.spec import AISDKError, RetryError
from ai_sdk_core.testing import FaultServer
from tests.reliability.wires import SECRET, make_model


def _open_descriptors() -> int:
    return len(os.listdir("/proc/self/fd"))


def error_chain(error: BaseException | None) -> list[BaseException]:
    """``error``, its causes and contexts, and the attempts of a :class:`RetryError`, each once."""
    seen: list[BaseException] = []
    pending = [error]
    while pending:
        current = pending.pop()
        if current is None or any(current is known for known in seen):
            continue
        seen.append(current)
        pending.extend([current.__cause__, current.__context__])
        if isinstance(current, RetryError):
            pending.extend(current.errors)
    return seen


def assert_typed(error: BaseException | None) -> AISDKError:
    """The error is one of ours (an :class:`AISDKError`), not a bare parsing or lookup error."""
    assert error is not None, "expected an error"
    assert isinstance(error, AISDKError), f"untyped error {type(error).__name__}: {error!r}"
    return error


class Spans:
    """An in-memory OpenTelemetry exporter and its tracer."""

    def __init__(self) -> None:
        self.exporter = InMemorySpanExporter()
        self.provider = TracerProvider()
        self.provider.add_span_processor(SimpleSpanProcessor(self.exporter))
        self.tracer = self.provider.get_tracer("reliability")

    def text(self) -> str:
        """Everything the finished spans hold, as one text: names, attributes, events, status."""
        pieces: list[str] = []
        for span in self.exporter.get_finished_spans():
            pieces.append(span.name)
            pieces.append(repr(dict(span.attributes or {})))
            pieces.append(repr(span.status.description))
            pieces.extend(repr((event.name, dict(event.attributes or {}))) for event in span.events)
        return "\n".join(pieces)


@dataclass
class Outcome:
    """How a call ended: its text (partial for a broken stream), its error, and the stream's parts."""

    text: str = ""
    error: BaseException | None = None
    parts: list[Any] = field(default_factory=list)
    result: Any = None
    finish_reason: str | None = None


class Harness:
    """Runs calls for one wire format in one mode (``sync`` or ``async``) against the test's fault server.

    The sync API is called from inside the async test on purpose: it must work in a thread whose loop runs.
    """

    def __init__(self, mode: str, wire: str, server: FaultServer, spans: Spans, clients: tuple[Any, Any]) -> None:
        self.mode = mode
        self.wire = wire
        self.server = server
        self.spans = spans
        self.clients = clients
        self.model = make_model(wire, server.base_url, *clients)

    def _arguments(self, arguments: dict[str, Any]) -> dict[str, Any]:
        defaults: dict[str, Any] = {
            "model": self.model,
            "prompt": "Say hello.",
            "experimental_telemetry": {"is_enabled": True, "tracer": self.spans.tracer},
        }
        return defaults | arguments

    async def generate(self, **arguments: Any) -> Outcome:
        """``generate_text``/``agenerate_text``; an exception becomes ``Outcome.error``."""
        try:
            if self.mode == "sync":
                result = generate_text(**self._arguments(arguments))
            else:
                result = await agenerate_text(**self._arguments(arguments))
        except Exception as error:
            return Outcome(error=error)
        return Outcome(text=result.text, result=result)

    async def stream(self, **arguments: Any) -> Outcome:
        """``stream_text``/``astream_text`` read to the end; the text is what arrived, ``error`` the stream's."""
        if self.mode == "sync":
            result = stream_text(**self._arguments(arguments))
            parts = list(result.full_stream)
            return Outcome(
                text=result.text, error=result.error, parts=parts, result=result, finish_reason=result.finish_reason
            )
        async_result = astream_text(**self._arguments(arguments))
        async_parts = [part async for part in async_result.full_stream]
        return Outcome(
            text=await async_result.text,
            error=await async_result.error,
            parts=async_parts,
            result=async_result,
            finish_reason=await async_result.finish_reason,
        )

    async def call(self, flavour: str, **arguments: Any) -> Outcome:
        """``generate`` or ``stream``, by name."""
        return await (self.generate(**arguments) if flavour == "generate" else self.stream(**arguments))


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def fault_server() -> Iterator[FaultServer]:
    with FaultServer() as server:
        yield server
    assert not server.failures, server.failures


@pytest.fixture
def spans() -> Iterator[Spans]:
    recorder = Spans()
    yield recorder
    recorder.provider.shutdown()


@pytest.fixture
async def clients() -> AsyncIterator[tuple[httpx.Client, httpx.AsyncClient]]:
    """One sync and one async client (pooled, so a stale kept-alive connection can happen), closed after."""
    client = httpx.Client()
    async_client = httpx.AsyncClient()
    try:
        yield client, async_client
    finally:
        client.close()  # noqa: ASYNC212  # the sync client is closed where the test made it
        await async_client.aclose()


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def leak_log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Every logger at DEBUG (httpx and httpcore included), so a key in any log line is seen."""
    caplog.set_level(logging.DEBUG)
    return caplog


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The retry loop's waits, recorded instead of slept: the decided delay is asserted, no test waits for it."""
    recorded: list[float] = []

    def sleep(seconds: float) -> None:
        recorded.append(seconds)

    async def asleep(seconds: float) -> None:
        recorded.append(seconds)

    import time

    monkeypatch.setattr(retry_module, "time", SimpleNamespace(sleep=sleep, monotonic=time.monotonic))
    monkeypatch.setattr(retry_module, "anyio", SimpleNamespace(sleep=asleep))
    return recorded


@pytest.fixture
def descriptors() -> Iterator[None]:
    """No file descriptor (socket) outlives the test: its clients and servers closed everything they opened."""
    before = _open_descriptors()
    yield
    after = _open_descriptors()
    assert after <= before, f"{after - before} descriptors leaked"


class Checker:
    """The invariant of every case, checked at the end of a test."""

    def __init__(self, server: FaultServer, spans: Spans, caplog: pytest.LogCaptureFixture) -> None:
        self.server = server
        self.spans = spans
        self.caplog = caplog

    def no_secret(self, *errors: BaseException | None, extra: str = "", require_sent: bool = True) -> None:
        """The fake key is in no error of the chains (message, repr, stored body and headers), log line or span;
        and (unless nothing could reach a server) it was sent, so the scan could have found it."""
        if require_sent:
            sent = any(SECRET in str(request.headers) for request in self.server.requests)
            assert sent, "the key was never sent"
        texts = [self.caplog.text, self.spans.text(), extra]
        for error in errors:
            for link in error_chain(error):
                texts.extend([str(link), repr(link), repr(getattr(link, "response_body", None))])
                texts.append(repr(getattr(link, "response_headers", None)))
                texts.append(repr(getattr(link, "data", None)))
        leaked = [text for text in texts if SECRET in text]
        assert not leaked, f"the API key leaked into: {leaked[0][:300]}"

    def typed(self, error: BaseException | None, *, require_sent: bool = True) -> AISDKError:
        """A typed error (an :class:`AISDKError`, not a bare parsing or lookup error), leaking no key."""
        typed = assert_typed(error)
        self.no_secret(typed, require_sent=require_sent)
        return typed


@pytest.fixture
async def harness(
    descriptors: None,
    mode: str,
    fault_server: FaultServer,
    spans: Spans,
    clients: tuple[httpx.Client, httpx.AsyncClient],
    request: pytest.FixtureRequest,
) -> Harness:
    wire = request.node.callspec.params.get("wire", "openai-chat")
    return Harness(mode, wire, fault_server, spans, clients)


@pytest.fixture
def check(fault_server: FaultServer, spans: Spans, leak_log: pytest.LogCaptureFixture) -> Checker:
    return Checker(fault_server, spans, leak_log)
