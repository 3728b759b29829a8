"""parse_chat_request: what DefaultChatTransport (ai 7.x) posts, read tolerantly, with safe reasons on errors."""

from __future__ import annotations

import json
from typing import Any

import pytest

from ai_sdk_core.ui.errors import InvalidChatRequestError
from ai_sdk_core.ui.messages import (
    DataUIPart,
    DynamicToolUIPart,
    FileUIPart,
    ReasoningUIPart,
    StepStartUIPart,
    TextUIPart,
    ToolUIPart,
    UnknownUIPart,
)
from ai_sdk_core.ui.request import ChatRequest, parse_chat_request

# The first POST of a chat, as `sendMessage({text, files})` makes it: `messageId` is undefined, so absent.
FIRST_TURN: dict[str, Any] = {
    "model": "openai:gpt-4o-mini",
    "id": "Kx3bQ0fYc2pZ",
    "messages": [
        {
            "id": "Yd0LqMvK8sWn",
            "role": "user",
            "parts": [
                {"type": "text", "text": "What's the weather in Paris? Here is a map."},
                {
                    "type": "file",
                    "mediaType": "image/png",
                    "filename": "map.png",
                    "url": "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGBg"
                    "AAAABQABpfZFQAAAAABJRU5ErkJggg==",
                },
            ],
        }
    ],
    "trigger": "submit-message",
}

# The assistant message the client assembled from the first answer (a reasoning step with a tool call and a
# data part, then a text step), posted back with the next user message.
ASSISTANT_TURN: dict[str, Any] = {
    "id": "msg-9aQw2Lk0",
    "role": "assistant",
    "metadata": {"model": "openai:gpt-4o-mini", "createdAt": 1764111600000, "totalTokens": 412},
    "parts": [
        {"type": "step-start"},
        {
            "type": "reasoning",
            "id": "rs_01",
            "text": "The user wants the weather; call getWeather.",
            "providerMetadata": {"openai": {"itemId": "rs_01", "reasoningEncryptedContent": "gAAAAB..."}},
            "state": "done",
        },
        {
            "type": "tool-getWeather",
            "toolCallId": "call_7Hq2",
            "state": "output-available",
            "input": {"city": "Paris", "unit": "celsius"},
            "output": {"temperature": 21, "conditions": "sunny"},
            "callProviderMetadata": {"openai": {"itemId": "fc_7Hq2"}},
        },
        {
            "type": "dynamic-tool",
            "toolName": "mcp_lookup",
            "toolCallId": "call_8Zp1",
            "state": "output-error",
            "input": {"query": "Paris air quality"},
            "errorText": "MCP server unavailable",
        },
        {"type": "data-weather-card", "id": "card-1", "data": {"city": "Paris", "status": "done"}},
        {"type": "step-start"},
        {"type": "text", "text": "It is 21°C and sunny in Paris.", "state": "done"},
    ],
}

SECOND_TURN: dict[str, Any] = {
    "model": "openai:gpt-4o-mini",
    "temperature": 0.2,
    "id": "Kx3bQ0fYc2pZ",
    "messages": [
        FIRST_TURN["messages"][0],
        ASSISTANT_TURN,
        {"id": "Pq7vNc1XzR4e", "role": "user", "parts": [{"type": "text", "text": "And in Berlin?"}]},
    ],
    "trigger": "submit-message",
}

# `regenerate()` on the last assistant message: the assistant message is gone and `messageId` names it.
REGENERATE: dict[str, Any] = {
    "id": "Kx3bQ0fYc2pZ",
    "messages": [FIRST_TURN["messages"][0]],
    "trigger": "regenerate-message",
    "messageId": "msg-9aQw2Lk0",
}


def test_first_turn_from_bytes() -> None:
    request = parse_chat_request(json.dumps(FIRST_TURN).encode())
    assert request.id == "Kx3bQ0fYc2pZ"
    assert request.trigger == "submit-message"
    assert request.message_id is None
    assert request.body == {"model": "openai:gpt-4o-mini"}
    (message,) = request.messages
    assert [type(part) for part in message.parts] == [TextUIPart, FileUIPart]
    file_part = message.parts[1]
    assert isinstance(file_part, FileUIPart) and file_part.media_type == "image/png"


def test_second_turn_carries_the_assembled_assistant_message() -> None:
    request = parse_chat_request(json.dumps(SECOND_TURN))
    assert request.body == {"model": "openai:gpt-4o-mini", "temperature": 0.2}
    assistant = request.messages[1]
    assert [type(part) for part in assistant.parts] == [
        StepStartUIPart,
        ReasoningUIPart,
        ToolUIPart,
        DynamicToolUIPart,
        DataUIPart,
        StepStartUIPart,
        TextUIPart,
    ]
    assert assistant.metadata["totalTokens"] == 412
    assert assistant.to_dict() == ASSISTANT_TURN
    assert request.to_dict() == SECOND_TURN


def test_regenerate_has_a_message_id() -> None:
    request = parse_chat_request(REGENERATE)
    assert request.trigger == "regenerate-message"
    assert request.message_id == "msg-9aQw2Lk0"
    assert request.body == {}


def test_unknown_part_types_and_keys_are_kept() -> None:
    body = {
        "id": "c",
        "messages": [
            {"id": "a", "role": "assistant", "parts": [{"type": "brand-new", "x": 1}], "extraKey": True},
        ],
        "trigger": "submit-message",
        "futureTopLevel": {"a": 1},
    }
    request = parse_chat_request(body)
    part = request.messages[0].parts[0]
    assert isinstance(part, UnknownUIPart) and part.model_extra == {"x": 1}
    assert request.body == {"futureTopLevel": {"a": 1}}
    assert request.to_dict() == body


def test_chat_request_is_a_pydantic_model_usable_as_a_body() -> None:
    request = ChatRequest.model_validate(SECOND_TURN)
    assert request.body["model"] == "openai:gpt-4o-mini"
    schema = ChatRequest.model_json_schema()
    assert "messages" in schema["properties"]


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"{not json", "the body is not valid JSON"),
        ("[1, 2]", "the body must be a JSON object"),
        ({"id": "c"}, "'messages' must be a list of UI messages"),
        ({"messages": {"a": 1}}, "'messages' must be a list of UI messages"),
        ({"messages": ["hi"]}, "messages[0] must be an object"),
        ({"messages": [{"id": "a", "role": "user"}]}, "messages[0].parts must be a list"),
        # A 'body' field that is not an object, next to other page fields (they cannot be merged into it).
        ({"messages": [], "body": "text", "model": "m"}, "body: Input should be a valid dictionary"),
    ],
)
def test_invalid_bodies_have_a_reason(body: Any, reason: str) -> None:
    with pytest.raises(InvalidChatRequestError) as caught:
        parse_chat_request(body)
    assert caught.value.reason == reason
    assert isinstance(caught.value, ValueError)


def test_invalid_message_reason_names_where_and_hides_the_value() -> None:
    secret = "sk-live-should-not-leak"
    body = {"messages": [{"id": "a", "role": secret, "parts": []}]}
    with pytest.raises(InvalidChatRequestError) as caught:
        parse_chat_request(body)
    assert caught.value.reason.startswith("messages[0].role")
    assert secret not in caught.value.reason and secret not in str(caught.value)


def test_message_without_id_is_rejected() -> None:
    with pytest.raises(InvalidChatRequestError) as caught:
        parse_chat_request({"messages": [{"role": "user", "parts": [{"type": "text", "text": "x"}]}]})
    assert "messages[0].id" in caught.value.reason


def test_known_part_without_required_field_is_rejected() -> None:
    body = {"messages": [{"id": "a", "role": "user", "parts": [{"type": "text"}]}]}
    with pytest.raises(InvalidChatRequestError) as caught:
        parse_chat_request(body)
    assert caught.value.reason == "messages[0].parts[0].text: Field required"


# After `addToolApprovalResponse({id, approved: true})` and a client-side tool's `addToolOutput(...)`, the
# client posts the updated assistant message again (automatic send).
APPROVAL_TURN: dict[str, Any] = {
    "id": "Kx3bQ0fYc2pZ",
    "messages": [
        {"id": "u1", "role": "user", "parts": [{"type": "text", "text": "Delete draft 42, then ask me to confirm."}]},
        {
            "id": "msg-3",
            "role": "assistant",
            "parts": [
                {"type": "step-start"},
                {
                    "type": "tool-deleteDraft",
                    "toolCallId": "call_del",
                    "state": "approval-responded",
                    "input": {"draftId": 42},
                    "approval": {"id": "appr_1", "approved": True},
                },
                {
                    "type": "tool-askForConfirmation",
                    "toolCallId": "call_ask",
                    "state": "output-available",
                    "input": {"message": "Sure?"},
                    "output": "Yes, confirmed.",
                },
            ],
        },
    ],
    "trigger": "submit-message",
    "messageId": "msg-3",
}


def test_approval_turn() -> None:
    request = parse_chat_request(json.dumps(APPROVAL_TURN))
    tool_part = request.messages[1].parts[1]
    assert isinstance(tool_part, ToolUIPart) and tool_part.approval is not None
    assert tool_part.approval.approved is True
    assert request.to_dict() == APPROVAL_TURN


def _user_messages(count: int) -> list[dict[str, Any]]:
    return [{"id": f"m{index}", "role": "user", "parts": [{"type": "text", "text": "hi"}]} for index in range(count)]


def test_a_body_with_too_many_messages_is_refused_before_they_are_read() -> None:
    from ai_sdk_core.ui.request import DEFAULT_MAX_CHAT_MESSAGES

    at_limit = parse_chat_request({"messages": _user_messages(DEFAULT_MAX_CHAT_MESSAGES)})
    assert len(at_limit.messages) == DEFAULT_MAX_CHAT_MESSAGES
    # One over the limit, and the last message is malformed: the count is what is reported, so the refusal
    # happened before any message was looked at.
    over = [*_user_messages(DEFAULT_MAX_CHAT_MESSAGES), {"role": "user"}]
    with pytest.raises(InvalidChatRequestError) as raised:
        parse_chat_request(json.dumps({"messages": over}))
    limit = DEFAULT_MAX_CHAT_MESSAGES
    assert raised.value.reason == f"too many messages: {limit + 1} (at most {limit})"


def test_a_request_type_sets_its_own_message_limit() -> None:
    class SmallChat(ChatRequest):
        max_messages = 2

    class Unlimited(ChatRequest):
        max_messages = None

    assert len(parse_chat_request({"messages": _user_messages(2)}, request_type=SmallChat).messages) == 2
    with pytest.raises(InvalidChatRequestError, match=r"too many messages: 3 \(at most 2\)"):
        parse_chat_request({"messages": _user_messages(3)}, request_type=SmallChat)
    many = parse_chat_request({"messages": _user_messages(10_001)}, request_type=Unlimited)
    assert isinstance(many, Unlimited) and len(many.messages) == 10_001


def test_validating_the_model_directly_applies_the_limit_too() -> None:
    # FastAPI validates a ChatRequest body itself (no parse_chat_request): the limit must hold there as well.
    from pydantic import ValidationError

    class SmallChat(ChatRequest):
        max_messages = 1

    with pytest.raises(ValidationError, match=r"too many messages: 2 \(at most 1\)"):
        SmallChat.model_validate({"messages": _user_messages(2)})
