"""The Responses stream decoder as a state machine, fed events directly (no HTTP)."""

from __future__ import annotations

from typing import Any

from ai_sdk_core.provider_utils.event_stream import ServerSentEvent
from ai_sdk_core.provider_utils.json import parse_json, to_json_str
from ai_sdk_core.providers.openai.responses.stream import ResponsesStreamDecoder
from ai_sdk_core.spec import (
    Finish,
    Raw,
    ReasoningDelta,
    ReasoningEnd,
    ReasoningStart,
    StreamError,
    StreamPart,
    ToolCallContent,
    ToolInputDelta,
    ToolInputEnd,
    ToolInputStart,
    ToolResultContent,
)


def run(decoder: ResponsesStreamDecoder, *events: dict[str, Any]) -> list[StreamPart]:
    parts: list[StreamPart] = []
    for event in events:
        parts += decoder.feed(ServerSentEvent(data=to_json_str(event), event=str(event["type"])))
    return parts + list(decoder.finish())


def test_reasoning_summary_parts_get_their_own_ids_and_the_encrypted_content_at_the_end() -> None:
    parts = run(
        ResponsesStreamDecoder(),
        {
            "type": "response.output_item.added",
            "output_index": 0,
            "item": {"id": "rs_1", "type": "reasoning", "encrypted_content": "gAA-partial"},
        },
        {"type": "response.reasoning_summary_part.added", "item_id": "rs_1", "summary_index": 0},
        {"type": "response.reasoning_summary_text.delta", "item_id": "rs_1", "summary_index": 0, "delta": "A"},
        {"type": "response.reasoning_summary_part.added", "item_id": "rs_1", "summary_index": 1},
        {"type": "response.reasoning_summary_text.delta", "item_id": "rs_1", "summary_index": 1, "delta": "B"},
        {
            "type": "response.output_item.done",
            "output_index": 0,
            "item": {"id": "rs_1", "type": "reasoning", "encrypted_content": "gAAA-1", "summary": []},
        },
    )
    starts = [part.id for part in parts if isinstance(part, ReasoningStart)]
    # The added item's encrypted content may be incomplete (OpenAI's docs): only the finished item's counts.
    assert all(
        part.provider_metadata == {"openai": {"item_id": "rs_1"}} for part in parts if isinstance(part, ReasoningStart)
    )
    deltas = [(part.id, part.delta) for part in parts if isinstance(part, ReasoningDelta)]
    ends = [part for part in parts if isinstance(part, ReasoningEnd)]
    assert starts == ["rs_1:0", "rs_1:1"]
    assert deltas == [("rs_1:0", "A"), ("rs_1:1", "B")]
    assert [part.id for part in ends] == ["rs_1:0", "rs_1:1"]
    for end in ends:
        assert end.provider_metadata == {"openai": {"item_id": "rs_1", "reasoning_encrypted_content": "gAAA-1"}}


def test_code_interpreter_code_streams_as_the_json_input_of_the_call() -> None:
    item = {"id": "ci_1", "type": "code_interpreter_call", "status": "in_progress", "container_id": "cntr_1"}
    done = {**item, "status": "completed", "code": 'print("hi")\n', "outputs": [{"type": "logs", "logs": "hi\n"}]}
    parts = run(
        ResponsesStreamDecoder(tool_names={"code_interpreter": "python"}),
        {"type": "response.output_item.added", "output_index": 0, "item": item},
        {"type": "response.code_interpreter_call_code.delta", "item_id": "ci_1", "output_index": 0, "delta": "print("},
        {"type": "response.code_interpreter_call_code.delta", "item_id": "ci_1", "output_index": 0, "delta": '"hi")\n'},
        {"type": "response.code_interpreter_call_code.done", "item_id": "ci_1", "output_index": 0, "code": ""},
        {"type": "response.output_item.done", "output_index": 0, "item": done},
    )
    start = parts[0]
    assert isinstance(start, ToolInputStart)
    assert (start.id, start.tool_name, start.provider_executed) == ("ci_1", "python", True)
    streamed = "".join(part.delta for part in parts if isinstance(part, ToolInputDelta))
    call = next(part for part in parts if isinstance(part, ToolCallContent))
    assert streamed == call.input
    assert parse_json(call.input) == {"container_id": "cntr_1", "code": 'print("hi")\n'}
    assert any(isinstance(part, ToolInputEnd) for part in parts)
    result = next(part for part in parts if isinstance(part, ToolResultContent))
    assert result.result == {"outputs": [{"type": "logs", "logs": "hi\n"}]}


def test_error_event_gives_an_error_part_and_error_finish() -> None:
    parts = run(ResponsesStreamDecoder(), {"type": "error", "code": "server_error", "message": "boom"})
    assert isinstance(parts[0], StreamError)
    assert parts[0].error["message"] == "boom"
    finish = parts[-1]
    assert isinstance(finish, Finish)
    assert finish.finish_reason.unified == "error"


def test_undecodable_event_is_an_error_part() -> None:
    decoder = ResponsesStreamDecoder()
    parts = list(decoder.feed(ServerSentEvent(data="{not json", event="response.output_text.delta")))
    assert isinstance(parts[0], StreamError)


def test_stream_without_terminal_event_finishes_as_other() -> None:
    parts = run(ResponsesStreamDecoder(), {"type": "response.in_progress", "response": {}})
    assert isinstance(parts[-1], Finish)
    assert parts[-1].finish_reason.unified == "other"
    assert parts[-1].usage.input_tokens.total is None


def test_raw_chunks_come_first_when_asked() -> None:
    event = {"type": "response.web_search_call.searching", "item_id": "ws_1", "output_index": 0}
    parts = run(ResponsesStreamDecoder(include_raw_chunks=True), event)
    assert isinstance(parts[0], Raw)
    assert parts[0].raw_value == event


def test_function_call_input_falls_back_to_the_deltas() -> None:
    parts = run(
        ResponsesStreamDecoder(),
        {
            "type": "response.output_item.added",
            "output_index": 3,
            "item": {"id": "fc_1", "type": "function_call", "call_id": "call_1", "name": "f", "arguments": ""},
        },
        {"type": "response.function_call_arguments.delta", "item_id": "fc_1", "output_index": 3, "delta": '{"a":'},
        {"type": "response.function_call_arguments.delta", "item_id": "fc_1", "output_index": 3, "delta": "1}"},
        {"type": "response.output_item.done", "output_index": 3, "item": {"id": "fc_1", "type": "function_call"}},
    )
    call = next(part for part in parts if isinstance(part, ToolCallContent))
    assert (call.tool_call_id, call.tool_name, call.input) == ("call_1", "f", '{"a":1}')
    assert call.provider_metadata == {"openai": {"item_id": "fc_1"}}
