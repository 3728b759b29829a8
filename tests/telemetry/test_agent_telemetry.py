"""An agent forwards its telemetry settings, so each run is traced like a ``generate_text`` call."""

from __future__ import annotations

import pytest

from ai_sdk_core import Agent
from ai_sdk_core.testing import MockLanguageModel, mock_text_result

from .conftest import Spans

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize("mode", ["sync", "async"])
async def test_agent_runs_are_traced(spans: Spans, mode: str) -> None:
    agent = Agent(
        model=MockLanguageModel(do_generate=mock_text_result("Hi there")),
        instructions="Be brief.",
        experimental_telemetry=spans.telemetry(function_id="greeter"),
    )
    result = agent.generate(prompt="Hello") if mode == "sync" else await agent.agenerate(prompt="Hello")
    assert result.text == "Hi there"
    outer = spans.one("ai.generateText")
    assert outer.attributes is not None
    assert outer.attributes["ai.telemetry.functionId"] == "greeter"
    inner = spans.one("ai.generateText.doGenerate")
    assert inner.parent is not None and inner.parent.span_id == outer.context.span_id
