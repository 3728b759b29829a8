"""generate_object and stream_object are traced like generate_text, under their own operation names."""

from __future__ import annotations

from typing import Any

import pytest

from ai_sdk_core import agenerate_object, astream_object, generate_object, stream_object
from ai_sdk_core.testing import MockLanguageModel, mock_text_result, text_stream_parts

from .conftest import Spans

pytestmark = pytest.mark.anyio

SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"city": {"type": "string"}},
    "required": ["city"],
    "additionalProperties": False,
}
ANSWER = '{"city": "Lisbon"}'


@pytest.mark.parametrize("mode", ["sync", "async"])
async def test_generate_object_spans(spans: Spans, mode: str) -> None:
    model = MockLanguageModel(do_generate=mock_text_result(ANSWER))
    arguments: dict[str, Any] = {
        "model": model,
        "prompt": "Where?",
        "schema": SCHEMA,
        "experimental_telemetry": spans.telemetry(),
    }
    result = generate_object(**arguments) if mode == "sync" else await agenerate_object(**arguments)
    assert result.object == {"city": "Lisbon"}
    outer = spans.one("ai.generateObject")
    inner = spans.one("ai.generateObject.doGenerate")
    assert inner.parent is not None and inner.parent.span_id == outer.context.span_id


@pytest.mark.parametrize("mode", ["sync", "async"])
async def test_stream_object_spans(spans: Spans, mode: str) -> None:
    model = MockLanguageModel(do_stream=text_stream_parts(ANSWER))
    arguments: dict[str, Any] = {
        "model": model,
        "prompt": "Where?",
        "schema": SCHEMA,
        "experimental_telemetry": spans.telemetry(),
    }
    if mode == "sync":
        assert stream_object(**arguments).object == {"city": "Lisbon"}
    else:
        assert await astream_object(**arguments).object == {"city": "Lisbon"}
    outer = spans.one("ai.streamObject")
    inner = spans.one("ai.streamObject.doStream")
    assert inner.parent is not None and inner.parent.span_id == outer.context.span_id


def test_telemetry_off_records_nothing(spans: Spans) -> None:
    generate_object(model=MockLanguageModel(do_generate=mock_text_result(ANSWER)), prompt="Where?", schema=SCHEMA)
    assert spans.finished() == []
