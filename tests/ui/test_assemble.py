"""UIMessageAssembler: the chunk -> UIMessage state machine of the JS client (processUIMessageStream, ai 7.x).

Expected messages are written as the JSON the JS client holds after the same chunks (keys it leaves undefined
are absent)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest

from ai_sdk_core.ui.assemble import UIMessageAssembler, merge_metadata
from ai_sdk_core.ui.errors import UIMessageStreamError
from ai_sdk_core.ui.messages import UIMessage


def assemble(chunks: Iterable[dict[str, Any]], **options: Any) -> UIMessageAssembler:
    assembler = UIMessageAssembler(**options)
    for chunk in chunks:
        assembler.process(chunk)
    return assembler


def parts_of(chunks: Iterable[dict[str, Any]], **options: Any) -> list[dict[str, Any]]:
    return assemble(chunks, **options).message.to_dict()["parts"]  # type: ignore[no-any-return]


def test_new_message_shape() -> None:
    assembler = UIMessageAssembler(message_id="m-1")
    assert assembler.message.to_dict() == {"id": "m-1", "role": "assistant", "parts": []}
    assert assembler.finish_reason is None


def test_text_streams_then_is_done() -> None:
    assembler = UIMessageAssembler()
    assembler.process({"type": "text-start", "id": "t1"})
    assert assembler.changed
    assembler.process({"type": "text-delta", "id": "t1", "delta": "Hel"})
    assert assembler.message.to_dict()["parts"] == [{"type": "text", "text": "Hel", "state": "streaming"}]
    assembler.process({"type": "text-delta", "id": "t1", "delta": "lo", "providerMetadata": {"p": {"a": 1}}})
    assembler.process({"type": "text-end", "id": "t1"})
    assert assembler.message.to_dict()["parts"] == [
        {"type": "text", "text": "Hello", "state": "done", "providerMetadata": {"p": {"a": 1}}}
    ]


def test_interleaved_text_parts_by_id() -> None:
    parts = parts_of(
        [
            {"type": "text-start", "id": "a"},
            {"type": "text-start", "id": "b"},
            {"type": "text-delta", "id": "b", "delta": "B"},
            {"type": "text-delta", "id": "a", "delta": "A"},
            {"type": "text-end", "id": "a", "citations": [{"type": "x"}]},
        ]
    )
    assert parts == [
        {"type": "text", "text": "A", "state": "done", "citations": [{"type": "x"}]},
        {"type": "text", "text": "B", "state": "streaming"},
    ]


def test_reasoning_keeps_id_and_provider_metadata_of_the_end_chunk() -> None:
    parts = parts_of(
        [
            {"type": "reasoning-start", "id": "r1"},
            {"type": "reasoning-delta", "id": "r1", "delta": "think"},
            {"type": "reasoning-end", "id": "r1", "providerMetadata": {"anthropic": {"signature": "sig"}}},
        ]
    )
    assert parts == [
        {
            "type": "reasoning",
            "id": "r1",
            "text": "think",
            "state": "done",
            "providerMetadata": {"anthropic": {"signature": "sig"}},
        }
    ]


def test_streamed_tool_call_through_every_input_state() -> None:
    assembler = UIMessageAssembler()
    assembler.process({"type": "start-step"})
    assembler.process({"type": "tool-input-start", "toolCallId": "c1", "toolName": "getWeather"})
    assert assembler.message.to_dict()["parts"][1] == {
        "type": "tool-getWeather",
        "toolCallId": "c1",
        "state": "input-streaming",
    }
    assembler.process({"type": "tool-input-delta", "toolCallId": "c1", "inputTextDelta": '{"city": "Pa'})
    assert assembler.message.to_dict()["parts"][1] == {
        "type": "tool-getWeather",
        "toolCallId": "c1",
        "state": "input-streaming",
        "input": {"city": "Pa"},
        "rawInput": '{"city": "Pa',
    }
    assembler.process(
        {
            "type": "tool-input-available",
            "toolCallId": "c1",
            "toolName": "getWeather",
            "input": {"city": "Paris"},
            "providerMetadata": {"openai": {"itemId": "fc"}},
        }
    )
    assert assembler.message.to_dict()["parts"][1] == {
        "type": "tool-getWeather",
        "toolCallId": "c1",
        "state": "input-available",
        "input": {"city": "Paris"},
        "callProviderMetadata": {"openai": {"itemId": "fc"}},
    }
    assembler.process({"type": "tool-output-available", "toolCallId": "c1", "output": {"t": 1}, "preliminary": True})
    assert assembler.message.to_dict()["parts"][1]["preliminary"] is True
    assembler.process(
        {"type": "tool-output-available", "toolCallId": "c1", "output": {"t": 2}, "providerMetadata": {"o": {}}}
    )
    assert assembler.message.to_dict()["parts"][1] == {
        "type": "tool-getWeather",
        "toolCallId": "c1",
        "state": "output-available",
        "input": {"city": "Paris"},
        "output": {"t": 2},
        "callProviderMetadata": {"openai": {"itemId": "fc"}},
        "resultProviderMetadata": {"o": {}},
    }


def test_text_encoded_tool_input_is_kept_as_text() -> None:
    parts = parts_of(
        [
            {"type": "tool-input-start", "toolCallId": "c", "toolName": "shell", "inputEncoding": "text"},
            {"type": "tool-input-delta", "toolCallId": "c", "inputTextDelta": "ls -"},
        ]
    )
    assert parts == [
        {
            "type": "tool-shell",
            "toolCallId": "c",
            "state": "input-streaming",
            "inputEncoding": "text",
            "input": "ls -",
            "rawInput": "ls -",
        }
    ]


def test_tool_output_error_keeps_raw_input_of_a_static_tool() -> None:
    parts = parts_of(
        [
            {"type": "tool-input-start", "toolCallId": "c", "toolName": "t"},
            {"type": "tool-input-delta", "toolCallId": "c", "inputTextDelta": "{"},
            {"type": "tool-output-error", "toolCallId": "c", "errorText": "bad"},
        ]
    )
    assert parts == [
        {"type": "tool-t", "toolCallId": "c", "state": "output-error", "input": {}, "rawInput": "{", "errorText": "bad"}
    ]


def test_tool_input_error_creates_an_output_error_part() -> None:
    parts = parts_of(
        [
            {
                "type": "tool-input-error",
                "toolCallId": "c",
                "toolName": "t",
                "input": "{oops",
                "errorText": "Invalid input",
            }
        ]
    )
    assert parts == [
        {"type": "tool-t", "toolCallId": "c", "state": "output-error", "input": "{oops", "errorText": "Invalid input"}
    ]


def test_dynamic_tool_part() -> None:
    parts = parts_of(
        [
            {"type": "tool-input-start", "toolCallId": "c", "toolName": "mcp", "dynamic": True, "title": "MCP"},
            {"type": "tool-input-delta", "toolCallId": "c", "inputTextDelta": "{}"},
            {"type": "tool-input-available", "toolCallId": "c", "toolName": "mcp", "input": {}, "dynamic": True},
            {"type": "tool-output-error", "toolCallId": "c", "errorText": "down"},
        ]
    )
    assert parts == [
        {
            "type": "dynamic-tool",
            "toolName": "mcp",
            "toolCallId": "c",
            "state": "output-error",
            "title": "MCP",
            "input": {},
            "errorText": "down",
        }
    ]


def test_provider_executed_flag_is_kept_when_later_chunks_omit_it() -> None:
    parts = parts_of(
        [
            {
                "type": "tool-input-available",
                "toolCallId": "c",
                "toolName": "web_search",
                "input": {},
                "providerExecuted": True,
            },
            {"type": "tool-output-available", "toolCallId": "c", "output": [1]},
        ]
    )
    assert parts[0]["providerExecuted"] is True and parts[0]["output"] == [1]


def test_approval_request_response_and_denial() -> None:
    chunks = [
        {"type": "tool-input-available", "toolCallId": "c", "toolName": "delete", "input": {"id": 1}},
        {"type": "tool-approval-request", "approvalId": "a1", "toolCallId": "c", "reason": "dangerous"},
    ]
    assembler = assemble(chunks)
    assert assembler.message.to_dict()["parts"][0]["approval"] == {"id": "a1", "requestReason": "dangerous"}
    assert assembler.message.to_dict()["parts"][0]["state"] == "approval-requested"
    assembler.process({"type": "tool-approval-response", "approvalId": "a1", "approved": False, "reason": "no"})
    assert assembler.message.to_dict()["parts"][0]["approval"] == {
        "id": "a1",
        "requestReason": "dangerous",
        "approved": False,
        "reason": "no",
    }
    assembler.process({"type": "tool-output-denied", "toolCallId": "c"})
    assert assembler.message.to_dict()["parts"][0]["state"] == "output-denied"


def test_output_for_a_call_of_an_earlier_step_is_found() -> None:
    parts = parts_of(
        [
            {"type": "start-step"},
            {"type": "tool-input-available", "toolCallId": "c", "toolName": "t", "input": 1},
            {"type": "start-step"},
            {"type": "tool-output-available", "toolCallId": "c", "output": 2},
        ]
    )
    assert parts[1]["state"] == "output-available" and parts[1]["output"] == 2


def test_sources_files_custom_and_steering_parts() -> None:
    parts = parts_of(
        [
            {"type": "source-url", "sourceId": "s", "url": "https://a.example", "title": "A"},
            {"type": "source-document", "sourceId": "d", "mediaType": "application/pdf", "title": "D"},
            {"type": "file", "url": "data:image/png;base64,AA==", "mediaType": "image/png"},
            {"type": "reasoning-file", "url": "https://x.example/f.png", "mediaType": "image/png"},
            {"type": "custom", "kind": "openai.thing"},
            {"type": "steering-message", "id": "st", "parts": [{"type": "text", "text": "hi"}]},
        ]
    )
    assert parts == [
        {"type": "source-url", "sourceId": "s", "url": "https://a.example", "title": "A"},
        {"type": "source-document", "sourceId": "d", "mediaType": "application/pdf", "title": "D"},
        {"type": "file", "mediaType": "image/png", "url": "data:image/png;base64,AA=="},
        {"type": "reasoning-file", "mediaType": "image/png", "url": "https://x.example/f.png"},
        {"type": "custom", "kind": "openai.thing"},
        {"type": "steering-message", "id": "st", "parts": [{"type": "text", "text": "hi"}]},
    ]


def test_data_parts_update_in_place_and_transient_ones_are_not_stored() -> None:
    assembler = assemble(
        [
            {"type": "data-weather", "id": "w", "data": {"status": "loading"}},
            {"type": "text-start", "id": "t"},
            {"type": "data-weather", "id": "w", "data": {"status": "done"}},
            {"type": "data-log", "data": 1},
            {"type": "data-log", "data": 2},
        ]
    )
    assert assembler.message.to_dict()["parts"] == [
        {"type": "data-weather", "id": "w", "data": {"status": "done"}},
        {"type": "text", "text": "", "state": "streaming"},
        {"type": "data-log", "data": 1},
        {"type": "data-log", "data": 2},
    ]
    assembler.process({"type": "data-toast", "data": "saved", "transient": True})
    assert not assembler.changed
    assert len(assembler.message.parts) == 4


def test_start_finish_and_metadata_merge() -> None:
    assembler = UIMessageAssembler(message_id="server-id")
    assembler.process({"type": "start", "messageId": "m-7", "messageMetadata": {"a": {"x": 1}, "keep": 1}})
    assert assembler.changed
    assembler.process({"type": "message-metadata", "messageMetadata": {"a": {"y": 2}}})
    assembler.process({"type": "finish", "finishReason": "stop", "messageMetadata": {"a": {"x": 3}, "tokens": 9}})
    assert assembler.message.to_dict() == {
        "id": "m-7",
        "role": "assistant",
        "parts": [],
        "metadata": {"a": {"x": 3, "y": 2}, "keep": 1, "tokens": 9},
    }
    assert assembler.finish_reason == "stop"


def test_start_without_id_or_metadata_changes_nothing() -> None:
    assembler = assemble([{"type": "start"}], message_id="keep")
    assert not assembler.changed
    assert assembler.message.id == "keep"


def test_step_boundaries_and_reset_step() -> None:
    assembler = assemble(
        [
            {"type": "start-step"},
            {"type": "text-start", "id": "t"},
            {"type": "text-end", "id": "t"},
            {"type": "finish-step"},
            {"type": "start-step"},
        ]
    )
    assert not assembler.changed  # the client does not re-render for a step boundary
    assembler.process({"type": "text-start", "id": "u"})
    assembler.process({"type": "reset-step"})
    assert assembler.changed
    assert [part["type"] for part in assembler.message.to_dict()["parts"]] == ["step-start", "text", "step-start"]
    with pytest.raises(UIMessageStreamError):
        assembler.process({"type": "text-delta", "id": "u", "delta": "x"})  # reset forgot the open part


def test_abort_and_error_chunks_are_recorded_without_changing_the_message() -> None:
    assembler = assemble([{"type": "error", "errorText": "An error occurred."}, {"type": "abort", "reason": "x"}])
    assert assembler.aborted and assembler.error_text == "An error occurred."
    assert assembler.message.parts == []


@pytest.mark.parametrize(
    "chunks",
    [
        [{"type": "text-delta", "id": "nope", "delta": "x"}],
        [{"type": "text-end", "id": "nope"}],
        [{"type": "reasoning-delta", "id": "nope", "delta": "x"}],
        [{"type": "reasoning-end", "id": "nope"}],
        [{"type": "tool-input-delta", "toolCallId": "nope", "inputTextDelta": "{"}],
        [{"type": "tool-output-available", "toolCallId": "nope", "output": 1}],
        [{"type": "tool-output-error", "toolCallId": "nope", "errorText": "x"}],
        [{"type": "tool-output-denied", "toolCallId": "nope"}],
        [{"type": "tool-approval-request", "toolCallId": "nope", "approvalId": "a"}],
        [{"type": "tool-approval-response", "approvalId": "nope", "approved": True}],
        [{"type": "text-start"}],
    ],
)
def test_inconsistent_sequences_raise(chunks: list[dict[str, Any]]) -> None:
    with pytest.raises(UIMessageStreamError) as caught:
        assemble(chunks)
    assert caught.value.chunk_type == chunks[-1]["type"]


def test_unknown_chunk_types_are_ignored_unless_strict() -> None:
    assembler = assemble([{"type": "brand-new-chunk", "x": 1}])
    assert not assembler.changed and assembler.message.parts == []
    with pytest.raises(UIMessageStreamError) as caught:
        assemble([{"type": "brand-new-chunk"}], strict=True)
    assert caught.value.chunk_type == "brand-new-chunk"


def test_continuing_a_message_resumes_its_streaming_tool_call_without_mutating_it() -> None:
    original = UIMessage.model_validate(
        {
            "id": "m",
            "role": "assistant",
            "parts": [
                {"type": "step-start"},
                {"type": "tool-t", "toolCallId": "c", "state": "input-streaming", "rawInput": '{"a":'},
            ],
        }
    )
    before = original.to_dict()
    assembler = UIMessageAssembler(message=original)
    assembler.process({"type": "tool-input-delta", "toolCallId": "c", "inputTextDelta": " 1}"})
    assert assembler.message.to_dict()["parts"][1]["input"] == {"a": 1}
    assert original.to_dict() == before


def test_a_user_message_is_not_continued() -> None:
    user = UIMessage.model_validate({"id": "u", "role": "user", "parts": [{"type": "text", "text": "hi"}]})
    assembler = UIMessageAssembler(message=user, message_id="new")
    assert assembler.message.to_dict() == {"id": "new", "role": "assistant", "parts": []}


def test_reset_on_message_id_change() -> None:
    original = UIMessage.model_validate({"id": "old", "role": "assistant", "parts": [{"type": "text", "text": "x"}]})
    assembler = UIMessageAssembler(message=original, reset_on_message_id_change=True)
    assembler.process({"type": "start", "messageId": "new"})
    assert assembler.message.to_dict() == {"id": "new", "role": "assistant", "parts": []}
    kept = UIMessageAssembler(message=original)
    kept.process({"type": "start", "messageId": "new"})
    assert kept.message.to_dict()["parts"] == [{"type": "text", "text": "x"}]


def test_snapshot_is_independent() -> None:
    assembler = assemble([{"type": "text-start", "id": "t"}, {"type": "data-x", "id": "d", "data": {"n": [1]}}])
    snapshot = assembler.snapshot()
    assembler.process({"type": "text-delta", "id": "t", "delta": "more"})
    assembler.process({"type": "data-x", "id": "d", "data": {"n": [2]}})
    assert snapshot.to_dict()["parts"] == [
        {"type": "text", "text": "", "state": "streaming"},
        {"type": "data-x", "id": "d", "data": {"n": [1]}},
    ]


@pytest.mark.parametrize(
    ("base", "overrides", "merged"),
    [
        (None, {"a": 1}, {"a": 1}),
        ({"a": 1}, None, {"a": 1}),
        ({"a": {"b": 1}}, {"a": {"c": 2}}, {"a": {"b": 1, "c": 2}}),
        ({"a": [1]}, {"a": [2]}, {"a": [2]}),
        ("text", {"a": 1}, {"a": 1}),
        ({"a": 1}, {"__proto__": {"x": 1}}, {"a": 1}),
    ],
)
def test_merge_metadata(base: Any, overrides: Any, merged: Any) -> None:
    assert merge_metadata(base, overrides) == merged


def test_none_in_a_chunk_means_absent_except_for_json_values() -> None:
    # The encoder leaves None values out (but keeps input/output/data nulls), so the server's message must too.
    parts = parts_of(
        [
            {"type": "text-start", "id": "t", "providerMetadata": None},
            {"type": "tool-input-available", "toolCallId": "c", "toolName": "t", "input": None, "title": None},
            {"type": "tool-output-available", "toolCallId": "c", "output": None, "preliminary": None},
            {"type": "data-x", "id": None, "data": None, "transient": None},
        ]
    )
    assert parts == [
        {"type": "text", "text": "", "state": "streaming"},
        {"type": "tool-t", "toolCallId": "c", "state": "output-available", "input": None, "output": None},
        {"type": "data-x", "data": None},
    ]
