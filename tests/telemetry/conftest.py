"""Fixtures of the telemetry tests: a tracer writing to the OpenTelemetry SDK's in-memory exporter, and one
helper running ``generate_text``/``stream_text`` through the sync or the async API."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from ai_sdk_core import agenerate_text, astream_text, generate_text, stream_text


class Spans:
    """The finished spans of a test and the tracer producing them."""

    def __init__(self) -> None:
        self.exporter = InMemorySpanExporter()
        self.provider = TracerProvider()
        self.provider.add_span_processor(SimpleSpanProcessor(self.exporter))
        self.tracer = self.provider.get_tracer("tests")

    def finished(self) -> list[ReadableSpan]:
        return list(self.exporter.get_finished_spans())

    def named(self, name: str) -> list[ReadableSpan]:
        return [span for span in self.finished() if span.name == name]

    def one(self, name: str) -> ReadableSpan:
        found = self.named(name)
        assert len(found) == 1, [span.name for span in self.finished()]
        return found[0]

    def telemetry(self, **overrides: Any) -> dict[str, Any]:
        return {"is_enabled": True, "tracer": self.tracer, **overrides}


@pytest.fixture
def spans() -> Iterator[Spans]:
    recorder = Spans()
    yield recorder
    recorder.provider.shutdown()


async def run(mode: str, flavour: str, **arguments: Any) -> tuple[str, BaseException | None]:
    """Run one call to its end; returns the text and the stream's error (``generate`` raises instead).

    The sync API is called from inside the async test on purpose: it must work in a thread whose loop runs.
    """
    if flavour == "generate":
        if mode == "sync":
            return generate_text(**arguments).text, None
        return (await agenerate_text(**arguments)).text, None
    if mode == "sync":
        result = stream_text(**arguments)
        result.consume_stream()
        return result.text, result.error
    async_result = astream_text(**arguments)
    await async_result.consume_stream()
    return await async_result.text, await async_result.error


def all_attribute_text(recorded: list[ReadableSpan]) -> str:
    """Every attribute key and value (of spans and their events), as one string to search in."""
    pieces: list[str] = []
    for span in recorded:
        sources = [span.attributes or {}, *(event.attributes or {} for event in span.events)]
        for attributes in sources:
            for key, value in attributes.items():
                pieces.append(f"{key}={value!r}")
        pieces.append(span.name)
        pieces.append(str(span.status.description))
    return "\n".join(pieces)
