"""UI message models: tolerant parsing, typed parts, and an exact round trip of what the client sends."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from ai_sdk_core.ui.messages import (
    CustomUIPart,
    DataUIPart,
    DynamicToolUIPart,
    FileUIPart,
    ReasoningFileUIPart,
    ReasoningUIPart,
    SourceDocumentUIPart,
    SourceUrlUIPart,
    SteeringMessageUIPart,
    StepStartUIPart,
    TextUIPart,
    ToolApproval,
    ToolUIPart,
    UIMessage,
    UnknownUIPart,
    part_type_tag,
)

ASSISTANT = {
    "id": "msg-1",
    "role": "assistant",
    "metadata": {"model": "gpt-4o-mini", "createdAt": 1732579200000},
    "parts": [
        {"type": "step-start"},
        {
            "type": "reasoning",
            "id": "r-1",
            "text": "Look it up.",
            "state": "done",
            "providerMetadata": {"anthropic": {"signature": "c2ln"}},
        },
        {
            "type": "tool-getWeather",
            "toolCallId": "call-1",
            "state": "output-available",
            "input": {"city": "Paris"},
            "output": None,
            "callProviderMetadata": {"openai": {"itemId": "fc_1"}},
        },
        {
            "type": "dynamic-tool",
            "toolName": "mcp_search",
            "toolCallId": "call-2",
            "state": "output-error",
            "input": {"q": "x"},
            "errorText": "boom",
        },
        {
            "type": "tool-delete",
            "toolCallId": "call-3",
            "state": "approval-responded",
            "input": {"id": 3},
            "approval": {"id": "ap-1", "approved": False, "reason": "no"},
        },
        {"type": "source-url", "sourceId": "s-1", "url": "https://example.com", "title": "Example"},
        {"type": "source-document", "sourceId": "s-2", "mediaType": "application/pdf", "title": "Doc"},
        {"type": "file", "mediaType": "image/png", "url": "data:image/png;base64,iVBORw0KGgo="},
        {"type": "reasoning-file", "mediaType": "image/png", "url": "https://example.com/a.png"},
        {"type": "custom", "kind": "openai.compaction", "providerMetadata": {"openai": {"x": 1}}},
        {"type": "steering-message", "id": "st-1", "parts": [{"type": "text", "text": "shorter"}]},
        {"type": "data-weather", "id": "w-1", "data": {"city": "Paris", "temperature": 21}},
        {"type": "step-start"},
        {"type": "text", "text": "It is 21°C.", "state": "done"},
        {"type": "future-part", "anything": [1, {"nested": None}]},
    ],
}


def test_each_part_type_parses_into_its_class() -> None:
    message = UIMessage.model_validate(ASSISTANT)
    classes = [type(part) for part in message.parts]
    assert classes == [
        StepStartUIPart,
        ReasoningUIPart,
        ToolUIPart,
        DynamicToolUIPart,
        ToolUIPart,
        SourceUrlUIPart,
        SourceDocumentUIPart,
        FileUIPart,
        ReasoningFileUIPart,
        CustomUIPart,
        SteeringMessageUIPart,
        DataUIPart,
        StepStartUIPart,
        TextUIPart,
        UnknownUIPart,
    ]
    tool = message.parts[2]
    assert isinstance(tool, ToolUIPart)
    assert tool.tool_name == "getWeather"
    assert tool.call_provider_metadata == {"openai": {"itemId": "fc_1"}}
    denied = message.parts[4]
    assert isinstance(denied, ToolUIPart) and isinstance(denied.approval, ToolApproval)
    assert denied.approval.approved is False
    data = message.parts[11]
    assert isinstance(data, DataUIPart) and data.name == "weather"


def test_round_trip_keeps_absent_keys_absent_and_nulls_null() -> None:
    message = UIMessage.model_validate(ASSISTANT)
    assert message.to_dict() == ASSISTANT
    assert message.to_dict()["parts"][2]["output"] is None  # an explicit null output survives


def test_json_round_trip() -> None:
    import json

    message = UIMessage.model_validate_json(json.dumps(ASSISTANT))
    assert json.loads(message.model_dump_json(by_alias=True, exclude_unset=True)) == ASSISTANT


def test_unknown_keys_are_kept_and_serialised() -> None:
    part = {"type": "text", "text": "hi", "futureField": {"a": 1}}
    message = UIMessage.model_validate({"id": "u", "role": "user", "parts": [part], "createdAt": "2026"})
    assert message.parts[0].model_extra == {"futureField": {"a": 1}}
    assert message.to_dict() == {"id": "u", "role": "user", "parts": [part], "createdAt": "2026"}


def test_snake_case_names_are_accepted_and_dumped_camel_case() -> None:
    part = ToolUIPart(type="tool-x", tool_call_id="c", state="input-available", input={}, provider_executed=True)
    assert part.to_dict() == {
        "type": "tool-x",
        "toolCallId": "c",
        "state": "input-available",
        "input": {},
        "providerExecuted": True,
    }


def test_constructed_parts_dump_their_type() -> None:
    message = UIMessage(id="m", role="user", parts=[TextUIPart(text="hi"), StepStartUIPart()])
    assert message.to_dict() == {
        "id": "m",
        "role": "user",
        "parts": [{"type": "text", "text": "hi"}, {"type": "step-start"}],
    }


def test_exclude_none_dump_matches_the_client_shape_without_nulls() -> None:
    message = UIMessage.model_validate({"id": "m", "role": "user", "parts": [{"type": "text", "text": "x"}]})
    assert message.model_dump(by_alias=True, exclude_none=True) == message.to_dict()


@pytest.mark.parametrize(
    ("part", "tag"),
    [
        ({"type": "tool-"}, "tool"),
        ({"type": "data-"}, "data"),
        ({"type": "dynamic-tool"}, "dynamic-tool"),
        ({"type": 3}, "unknown"),
        ({}, "unknown"),
        ({"type": "toolish"}, "unknown"),
    ],
)
def test_part_type_tag(part: dict[str, Any], tag: str) -> None:
    assert part_type_tag(part) == tag


def test_known_part_missing_a_required_field_is_rejected() -> None:
    with pytest.raises(ValidationError):
        UIMessage.model_validate({"id": "m", "role": "user", "parts": [{"type": "text"}]})
    with pytest.raises(ValidationError):
        UIMessage.model_validate({"id": "m", "role": "assistant", "parts": [{"type": "tool-x", "state": "done"}]})


def test_prefix_checks_on_direct_construction() -> None:
    with pytest.raises(ValidationError):
        ToolUIPart(type="weather", tool_call_id="c", state="input-available")
    with pytest.raises(ValidationError):
        DataUIPart(type="weather", data=1)


# -- property: any valid client message survives parse -> dump unchanged ---------------------------------------

json_scalars = st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=8)
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=8,
)
metadata = st.dictionaries(
    st.sampled_from(["openai", "anthropic", "google"]),
    st.dictionaries(st.text(max_size=5), json_values, max_size=2),
    max_size=2,
)
extras = st.dictionaries(
    st.text(alphabet="xyz", min_size=1, max_size=4).map(lambda key: "x" + key), json_values, max_size=2
)


def _with(required: dict[str, Any], optional: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(required, optional=optional).flatmap(
        lambda part: extras.map(lambda extra: {**extra, **part})
    )


text_state = st.sampled_from(["streaming", "done"])
tool_states = st.sampled_from(
    [
        "input-streaming",
        "input-available",
        "approval-requested",
        "approval-responded",
        "output-available",
        "output-error",
        "output-denied",
    ]
)
approval = st.fixed_dictionaries(
    {"id": st.text(min_size=1, max_size=5)},
    optional={"approved": st.booleans(), "reason": st.text(max_size=5), "signature": st.text(max_size=5)},
)
tool_optional = {
    "input": json_values,
    "output": json_values,
    "errorText": st.text(max_size=5),
    "rawInput": st.text(max_size=5),
    "providerExecuted": st.booleans(),
    "callProviderMetadata": metadata,
    "resultProviderMetadata": metadata,
    "approval": approval,
    "preliminary": st.booleans(),
    "title": st.text(max_size=5),
}
parts = st.one_of(
    _with({"type": st.just("text"), "text": st.text(max_size=10)}, {"state": text_state, "providerMetadata": metadata}),
    _with(
        {"type": st.just("reasoning"), "text": st.text(max_size=10)},
        {"id": st.text(max_size=3), "state": text_state, "providerMetadata": metadata},
    ),
    _with(
        {
            "type": st.text(max_size=6).map(lambda name: "tool-" + name),
            "toolCallId": st.text(max_size=4),
            "state": tool_states,
        },
        tool_optional,
    ),
    _with(
        {
            "type": st.just("dynamic-tool"),
            "toolName": st.text(max_size=4),
            "toolCallId": st.text(max_size=4),
            "state": tool_states,
        },
        tool_optional,
    ),
    _with(
        {"type": st.just("source-url"), "sourceId": st.text(max_size=3), "url": st.text(max_size=8)},
        {"title": st.text(max_size=4)},
    ),
    _with(
        {"type": st.just("file"), "mediaType": st.just("image/png"), "url": st.text(max_size=8)},
        {"filename": st.text(max_size=4)},
    ),
    _with(
        {"type": st.text(max_size=6).map(lambda name: "data-" + name), "data": json_values}, {"id": st.text(max_size=3)}
    ),
    _with({"type": st.just("step-start")}, {}),
    _with({"type": st.sampled_from(["future", "x-part", "source"])}, {"payload": json_values}),
)
messages = st.fixed_dictionaries(
    {
        "id": st.text(max_size=6),
        "role": st.sampled_from(["system", "user", "assistant"]),
        "parts": st.lists(parts, max_size=5),
    },
    optional={"metadata": json_values},
)


@settings(max_examples=200, deadline=None)
@given(messages)
def test_any_valid_client_message_round_trips(message: dict[str, Any]) -> None:
    assert UIMessage.model_validate(message).to_dict() == message


def test_a_message_needs_parts_as_the_js_type_says() -> None:
    import pydantic

    from ai_sdk_core.ui import UIMessage

    with pytest.raises(pydantic.ValidationError):
        UIMessage.model_validate({"id": "m1", "role": "user"})
    assert "parts" in UIMessage.model_json_schema()["required"]
