"""Case 8: streamed tool arguments whose prefix already parses before they are complete, arguments that are not
JSON or do not match the schema, and tool names like ``__class__`` or one that was not offered.

Policy: a call runs only with its complete arguments; a call that cannot run (invalid input, unknown tool) is
answered with a :class:`ToolError` holding a typed error (``InvalidToolInputError``, ``NoSuchToolError``) and
never reaches ``execute``; the run itself does not fail.
"""

from __future__ import annotations

from typing import Any

import pytest

from ai_sdk_core import tool
from ai_sdk_core.generate_text.results import ToolError, ToolResult
from ai_sdk_core.spec import InvalidToolInputError, NoSuchToolError
from ai_sdk_core.testing import Reply, Stream
from tests.reliability.conftest import Checker, Harness
from tests.reliability.wires import WIRES, json_tool_reply, stream_events
from tests.support.vendor_server.script import ScriptedToolCall

pytestmark = pytest.mark.anyio

_SCHEMA = {
    "type": "object",
    "properties": {"n": {"type": "integer"}, "m": {"type": "string"}},
    "required": ["n", "m"],
    "additionalProperties": False,
}
# Wires that stream a call's arguments as text deltas (Gemini sends each call whole).
_DELTA_WIRES = ("openai-chat", "openai-responses", "anthropic")


def _tools(calls: list[Any]) -> dict[str, Any]:
    def execute(input: Any) -> str:
        calls.append(input)
        return "counted"

    return {"count": tool(description="Counts.", input_schema=_SCHEMA, execute=execute)}


def _step_content(outcome: Any) -> list[Any]:
    if outcome.parts:
        return [part for part in outcome.parts if isinstance(part, ToolResult | ToolError)]
    return [part for part in outcome.result.steps[-1].content if isinstance(part, ToolResult | ToolError)]


@pytest.mark.parametrize("wire", WIRES)
async def test_arguments_that_parse_early_run_only_when_complete(harness: Harness, check: Checker, wire: str) -> None:
    # Eight-character deltas split the number: '{"n":1' parses (partially) as {"n": 1} long before the end.
    arguments = {"n": 1234567890123, "m": "complete"}
    calls: list[Any] = []
    events = stream_events(wire, tool_calls=[ScriptedToolCall("count", arguments)], chunk_size=8)
    harness.server.script(Stream(events))
    outcome = await harness.stream(tools=_tools(calls))
    assert outcome.error is None, repr(outcome.error)
    assert calls == [arguments]
    results = _step_content(outcome)
    assert len(results) == 1 and isinstance(results[0], ToolResult) and results[0].input == arguments
    check.no_secret()


@pytest.mark.parametrize("wire", _DELTA_WIRES)
async def test_arguments_that_are_not_json_never_reach_execute(harness: Harness, check: Checker, wire: str) -> None:
    calls: list[Any] = []
    events = stream_events(wire, tool_calls=[ScriptedToolCall("count", {"n": 1, "m": "MARK"})], chunk_size=1000)
    # The arguments string loses its closing quote and brace: '{"n": 1, "m": "MARK' (the event stays valid).
    broken = [event.replace(b'MARK\\"}', b"MARK") for event in events]
    assert broken != events
    harness.server.script(Stream(broken))
    outcome = await harness.stream(tools=_tools(calls))
    assert outcome.error is None, repr(outcome.error)
    assert calls == []
    errors = _step_content(outcome)
    assert len(errors) == 1 and isinstance(errors[0], ToolError)
    check.typed(errors[0].error)
    assert isinstance(errors[0].error, InvalidToolInputError)


@pytest.mark.parametrize("flavour", ["generate", "stream"])
@pytest.mark.parametrize("wire", WIRES)
async def test_arguments_against_the_schema_never_reach_execute(
    harness: Harness, check: Checker, wire: str, flavour: str
) -> None:
    calls: list[Any] = []
    call = ScriptedToolCall("count", {"n": "not a number", "extra": True})
    if flavour == "generate":
        harness.server.script(Reply(json=json_tool_reply(wire, [call])))
    else:
        harness.server.script(Stream(stream_events(wire, tool_calls=[call])))
    outcome = await harness.call(flavour, tools=_tools(calls))
    assert outcome.error is None, repr(outcome.error)
    assert calls == []
    errors = _step_content(outcome)
    assert len(errors) == 1 and isinstance(errors[0], ToolError)
    assert isinstance(check.typed(errors[0].error), InvalidToolInputError)


@pytest.mark.parametrize("flavour", ["generate", "stream"])
@pytest.mark.parametrize("wire", WIRES)
@pytest.mark.parametrize("name", ["__class__", "__init__", "constructor", "count ", "not_offered"])
async def test_a_tool_that_was_not_offered_is_never_looked_up_as_an_attribute(
    harness: Harness, check: Checker, wire: str, flavour: str, name: str
) -> None:
    calls: list[Any] = []
    call = ScriptedToolCall(name, {"n": 1, "m": "x"})
    if flavour == "generate":
        harness.server.script(Reply(json=json_tool_reply(wire, [call])))
    else:
        harness.server.script(Stream(stream_events(wire, tool_calls=[call])))
    outcome = await harness.call(flavour, tools=_tools(calls))
    assert outcome.error is None, repr(outcome.error)
    assert calls == []
    errors = _step_content(outcome)
    assert len(errors) == 1 and isinstance(errors[0], ToolError)
    error = check.typed(errors[0].error)
    assert isinstance(error, NoSuchToolError) and error.tool_name == name
