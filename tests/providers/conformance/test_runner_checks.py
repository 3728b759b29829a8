"""The conformance checks themselves fail on the faults they exist to catch (a suite that never fails is no
suite)."""

from __future__ import annotations

import pytest

from ai_sdk_core.spec import (
    CallOptions,
    Finish,
    FinishReason,
    FunctionTool,
    InputTokens,
    OutputTokens,
    ResponseFormat,
    StreamPart,
    StreamStart,
    TextDelta,
    TextEnd,
    TextPart,
    TextStart,
    ToolCallContent,
    ToolInputDelta,
    ToolInputEnd,
    ToolInputStart,
    Usage,
    UserMessage,
)

from .cases import WEATHER_TOOL_SCHEMA, Scenario
from .test_conformance import Decoded, build_call_options, check_expectations, check_stream_invariants, decode_stream

FINISH = Finish(usage=Usage(), finish_reason=FinishReason(unified="stop"))
GOOD_TEXT: list[StreamPart] = [StreamStart(), TextStart("t"), TextDelta("t", "Hi"), TextEnd("t"), FINISH]
GOOD_TOOL: list[StreamPart] = [
    StreamStart(),
    ToolInputStart("c1", "get_weather"),
    ToolInputDelta("c1", '{"city":'),
    ToolInputDelta("c1", '"Paris"}'),
    ToolInputEnd("c1"),
    ToolCallContent("c1", "get_weather", '{"city":"Paris"}'),
    FINISH,
]


def test_well_formed_streams_pass() -> None:
    check_stream_invariants(GOOD_TEXT)
    check_stream_invariants(GOOD_TOOL)
    assert decode_stream(GOOD_TOOL).tool_calls == [("get_weather", {"city": "Paris"})]


@pytest.mark.parametrize(
    "parts",
    [
        pytest.param(GOOD_TEXT[1:], id="no-stream-start"),
        pytest.param(GOOD_TEXT[:-1], id="no-finish"),
        pytest.param([*GOOD_TEXT, FINISH], id="two-finishes"),
        pytest.param([StreamStart(), TextDelta("t", "Hi"), TextStart("t"), TextEnd("t"), FINISH], id="delta-first"),
        pytest.param([StreamStart(), TextStart("t"), TextDelta("t", "Hi"), FINISH], id="text-left-open"),
        pytest.param([GOOD_TOOL[0], *GOOD_TOOL[1:4], GOOD_TOOL[5], GOOD_TOOL[4], FINISH], id="call-before-end"),
        pytest.param(
            [*GOOD_TOOL[:3], *GOOD_TOOL[4:]],
            id="deltas-miss-input",
        ),
    ],
)
def test_malformed_streams_fail(parts: list[StreamPart]) -> None:
    with pytest.raises(AssertionError):
        check_stream_invariants(parts)


def test_expectations_compare_every_field() -> None:
    decoded = Decoded(
        text='{"a": 1}',
        finish_reason="stop",
        usage=Usage(input_tokens=InputTokens(total=5), output_tokens=OutputTokens(total=2)),
    )
    check_expectations(
        Scenario(fixtures=(), expect_json={"a": 1}, expect_input_tokens=5, expect_output_tokens=2), decoded
    )
    for wrong in (
        Scenario(fixtures=(), expect_text="other"),
        Scenario(fixtures=(), expect_finish_reason="length"),
        Scenario(fixtures=(), expect_input_tokens=6),
        Scenario(fixtures=(), expect_json={"a": 2}),
        Scenario(fixtures=(), expect_tool_calls=(("get_weather", {}),)),
    ):
        with pytest.raises(AssertionError):
            check_expectations(wrong, decoded)


def test_call_options_are_built_the_same_for_everyone() -> None:
    options = build_call_options("tool_call", Scenario(fixtures=()))
    assert isinstance(options, CallOptions)
    assert options.prompt == [UserMessage([TextPart("What is the weather in Paris?")])]
    assert options.tools is not None
    assert options.tools == [FunctionTool(name="get_weather", input_schema=WEATHER_TOOL_SCHEMA)]
    structured = build_call_options("structured_output", Scenario(fixtures=(), call={"response_format": {"a": 1}}))
    assert structured.tools is None
    assert structured.response_format == ResponseFormat(type="json", schema={"a": 1})
