"""A tool result the model cannot read as JSON is a typed tool error that says how to fix it."""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any

import pytest
from pydantic import BaseModel

from ai_sdk_core import (
    ToolError,
    ToolExecutionError,
    ToolResult,
    TypeValidationError,
    agenerate_text,
    generate_text,
    step_count_is,
    tool,
)
from ai_sdk_core.spec import ToolMessage, ToolResultOutput
from ai_sdk_core.testing import MockLanguageModel, mock_text_result, mock_tool_call_result

pytestmark = pytest.mark.anyio


class Opaque:
    """No JSON form: not a model, not a dataclass, not a container."""


class Reading(BaseModel):
    celsius: float


@dataclasses.dataclass
class Place:
    city: str
    seen: datetime.date


async def _run(mode: str, result_value: Any, **tool_settings: Any) -> tuple[Any, MockLanguageModel]:
    make = tool(lambda: result_value, description="Produce a value.", name="make", **tool_settings)
    model = MockLanguageModel(do_generate=[mock_tool_call_result(("call_1", "make", {})), mock_text_result("ok")])
    arguments: dict[str, Any] = {"model": model, "prompt": "Go", "tools": {"make": make}, "stop_when": step_count_is(2)}
    result = generate_text(**arguments) if mode == "sync" else await agenerate_text(**arguments)
    return result, model


def _sent_output(model: MockLanguageModel) -> ToolResultOutput:
    message = model.calls[1].prompt[-1]
    assert isinstance(message, ToolMessage)
    return message.content[0].output


@pytest.mark.parametrize("mode", ["sync", "async"])
async def test_an_unserialisable_result_becomes_a_tool_error_naming_the_fix(mode: str) -> None:
    result, model = await _run(mode, Opaque())
    (outcome,) = [part for part in result.steps[0].content if isinstance(part, ToolError)]
    assert isinstance(outcome, ToolError)
    assert isinstance(outcome.error, ToolExecutionError)
    assert isinstance(outcome.error.__cause__, TypeValidationError)
    assert "Opaque" in str(outcome.error) and "to_model_output" in str(outcome.error)
    sent = _sent_output(model)
    assert sent.type in ("error-text", "error-json")
    assert "to_model_output" in str(sent.value)
    assert result.text == "ok", "the loop goes on: the model sees the error and answers"


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Reading(celsius=21.5), {"celsius": 21.5}),
        (Place(city="Lisbon", seen=datetime.date(2026, 11, 25)), {"city": "Lisbon", "seen": "2026-11-25"}),
        ([1, "two", None], [1, "two", None]),
    ],
)
async def test_models_dataclasses_and_containers_are_sent_as_json(mode: str, value: Any, expected: Any) -> None:
    result, model = await _run(mode, value)
    assert isinstance(result.steps[0].tool_results[0], ToolResult)
    assert _sent_output(model) == ToolResultOutput(type="json", value=expected)


@pytest.mark.parametrize("mode", ["sync", "async"])
async def test_to_model_output_makes_any_value_readable(mode: str) -> None:
    result, model = await _run(
        mode, Opaque(), to_model_output=lambda value: ToolResultOutput(type="text", value=type(value).__name__)
    )
    assert isinstance(result.steps[0].tool_results[0], ToolResult)
    assert _sent_output(model) == ToolResultOutput(type="text", value="Opaque")
