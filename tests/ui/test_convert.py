"""convert_to_model_messages: UI messages -> model messages, as the JS convertToModelMessages (ai 7.x)."""

from __future__ import annotations

from typing import Any

import pytest

from ai_sdk_core.prompt.messages import TextPart, message_to_dict
from ai_sdk_core.spec.errors import InvalidPromptError
from ai_sdk_core.spec.prompt import ToolResultOutput
from ai_sdk_core.tools import tool
from ai_sdk_core.ui.convert import convert_to_model_messages
from ai_sdk_core.ui.errors import UIMessageValidationError
from ai_sdk_core.ui.messages import DataUIPart
from ai_sdk_core.ui.request import parse_chat_request
from tests.ui.test_request import SECOND_TURN


def convert(messages: list[dict[str, Any]], **options: Any) -> list[dict[str, Any]]:
    return [message_to_dict(message) for message in convert_to_model_messages(messages, **options)]


def user(text: str, message_id: str = "u") -> dict[str, Any]:
    return {"id": message_id, "role": "user", "parts": [{"type": "text", "text": text}]}


def assistant(*parts: dict[str, Any]) -> dict[str, Any]:
    return {"id": "a", "role": "assistant", "parts": list(parts)}


def test_second_turn_posted_by_the_client() -> None:
    request = parse_chat_request(SECOND_TURN)
    converted = [message_to_dict(message) for message in convert_to_model_messages(request.messages)]
    image_url = SECOND_TURN["messages"][0]["parts"][1]["url"]
    assert converted == [
        {
            "role": "user",
            "content": [
                {"type": "text", "text": "What's the weather in Paris? Here is a map."},
                {"type": "file", "data": image_url, "mediaType": "image/png", "filename": "map.png"},
            ],
        },
        {
            "role": "assistant",
            "content": [
                {
                    "type": "reasoning",
                    "text": "The user wants the weather; call getWeather.",
                    "providerOptions": {"openai": {"itemId": "rs_01", "reasoningEncryptedContent": "gAAAAB..."}},
                },
                {
                    "type": "tool-call",
                    "toolCallId": "call_7Hq2",
                    "toolName": "getWeather",
                    "input": {"city": "Paris", "unit": "celsius"},
                    "providerOptions": {"openai": {"itemId": "fc_7Hq2"}},
                },
                {
                    "type": "tool-call",
                    "toolCallId": "call_8Zp1",
                    "toolName": "mcp_lookup",
                    "input": {"query": "Paris air quality"},
                },
            ],
        },
        {
            "role": "tool",
            "content": [
                {
                    "type": "tool-result",
                    "toolCallId": "call_7Hq2",
                    "toolName": "getWeather",
                    "output": {"type": "json", "value": {"temperature": 21, "conditions": "sunny"}},
                    "providerOptions": {"openai": {"itemId": "fc_7Hq2"}},
                },
                {
                    "type": "tool-result",
                    "toolCallId": "call_8Zp1",
                    "toolName": "mcp_lookup",
                    "output": {"type": "error-text", "value": "MCP server unavailable"},
                },
            ],
        },
        {"role": "assistant", "content": [{"type": "text", "text": "It is 21°C and sunny in Paris."}]},
        {"role": "user", "content": [{"type": "text", "text": "And in Berlin?"}]},
    ]


def test_system_message_joins_its_text_and_merges_provider_metadata() -> None:
    system = {
        "id": "s",
        "role": "system",
        "parts": [
            {"type": "text", "text": "Be brief. ", "providerMetadata": {"anthropic": {"cacheControl": {"type": "x"}}}},
            {"type": "text", "text": "Be kind."},
        ],
    }
    assert convert([system]) == [
        {
            "role": "system",
            "content": "Be brief. Be kind.",
            "providerOptions": {"anthropic": {"cacheControl": {"type": "x"}}},
        }
    ]


def test_tool_to_model_output_is_used_when_tools_are_given() -> None:
    weather = tool(
        description="weather",
        input_schema={"type": "object"},
        execute=lambda value: value,
        to_model_output=lambda result: ToolResultOutput(type="text", value=f"{result['t']} degrees"),
    )
    part = {"type": "tool-weather", "toolCallId": "c", "state": "output-available", "input": {}, "output": {"t": 3}}
    converted = convert([assistant(part)], tools={"weather": weather})
    assert converted[1]["content"][0]["output"] == {"type": "text", "value": "3 degrees"}
    assert convert([assistant(part)])[1]["content"][0]["output"] == {"type": "json", "value": {"t": 3}}


def test_string_output_becomes_text() -> None:
    part = {"type": "tool-t", "toolCallId": "c", "state": "output-available", "input": {}, "output": "done"}
    assert convert([assistant(part)])[1]["content"][0]["output"] == {"type": "text", "value": "done"}


def test_pending_approval_is_sent_as_a_request_and_dropped_once_the_user_moved_on() -> None:
    pending = {
        "type": "tool-delete",
        "toolCallId": "c",
        "state": "approval-requested",
        "input": {"id": 1},
        "approval": {"id": "ap"},
    }
    assert convert([user("go"), assistant(pending)]) == [
        {"role": "user", "content": [{"type": "text", "text": "go"}]},
        {
            "role": "assistant",
            "content": [
                {"type": "tool-call", "toolCallId": "c", "toolName": "delete", "input": {"id": 1}},
                {"type": "tool-approval-request", "approvalId": "ap", "toolCallId": "c"},
            ],
        },
    ]
    later = convert([user("go"), assistant(pending, {"type": "text", "text": "ok?"}), user("never mind", "u2")])
    assert later[1] == {"role": "assistant", "content": [{"type": "text", "text": "ok?"}]}


@pytest.mark.parametrize("approved", [True, False])
def test_answered_approval(approved: bool) -> None:
    part = {
        "type": "tool-delete",
        "toolCallId": "c",
        "state": "approval-responded",
        "input": {"id": 1},
        "approval": {"id": "ap", "approved": approved, "reason": "because"},
    }
    converted = convert([user("go"), assistant(part)])
    assert converted[1]["content"][1] == {"type": "tool-approval-request", "approvalId": "ap", "toolCallId": "c"}
    expected_tool: list[dict[str, Any]] = [
        {"type": "tool-approval-response", "approvalId": "ap", "approved": approved, "reason": "because"}
    ]
    if not approved:
        expected_tool.append(
            {
                "type": "tool-result",
                "toolCallId": "c",
                "toolName": "delete",
                "output": {"type": "execution-denied", "reason": "because"},
            }
        )
    assert converted[2] == {"role": "tool", "content": expected_tool}


def test_output_denied() -> None:
    part = {
        "type": "tool-delete",
        "toolCallId": "c",
        "state": "output-denied",
        "input": {"id": 1},
        "approval": {"id": "ap", "approved": False},
    }
    converted = convert([assistant(part)])
    assert converted[1]["content"] == [
        {"type": "tool-approval-response", "approvalId": "ap", "approved": False},
        {
            "type": "tool-result",
            "toolCallId": "c",
            "toolName": "delete",
            "output": {"type": "error-text", "value": "Tool call execution denied."},
        },
    ]


def test_provider_executed_results_stay_in_the_assistant_message() -> None:
    part = {
        "type": "tool-web_search",
        "toolCallId": "ws",
        "state": "output-available",
        "input": {"q": "x"},
        "output": [{"url": "https://a.example"}],
        "providerExecuted": True,
        "callProviderMetadata": {"openai": {"itemId": "ws_1"}},
    }
    failed = {**part, "toolCallId": "ws2", "state": "output-error", "errorText": "limit"}
    del failed["output"]
    assert convert([assistant(part, failed)]) == [
        {
            "role": "assistant",
            "content": [
                {
                    "type": "tool-call",
                    "toolCallId": "ws",
                    "toolName": "web_search",
                    "input": {"q": "x"},
                    "providerExecuted": True,
                    "providerOptions": {"openai": {"itemId": "ws_1"}},
                },
                {
                    "type": "tool-result",
                    "toolCallId": "ws",
                    "toolName": "web_search",
                    "output": {"type": "json", "value": [{"url": "https://a.example"}]},
                    "providerOptions": {"openai": {"itemId": "ws_1"}},
                },
                {
                    "type": "tool-call",
                    "toolCallId": "ws2",
                    "toolName": "web_search",
                    "input": {"q": "x"},
                    "providerExecuted": True,
                    "providerOptions": {"openai": {"itemId": "ws_1"}},
                },
                {
                    "type": "tool-result",
                    "toolCallId": "ws2",
                    "toolName": "web_search",
                    "output": {"type": "error-json", "value": "limit"},
                    "providerOptions": {"openai": {"itemId": "ws_1"}},
                },
            ],
        }
    ]


def test_incomplete_calls_are_kept_or_ignored() -> None:
    streaming = {"type": "tool-t", "toolCallId": "s", "state": "input-streaming", "input": {"a": "p"}}
    available = {"type": "tool-t", "toolCallId": "a", "state": "input-available", "input": {}}
    preliminary = {
        "type": "tool-t",
        "toolCallId": "p",
        "state": "output-available",
        "input": {},
        "output": 1,
        "preliminary": True,
    }
    message = assistant({"type": "text", "text": "hi"}, streaming, available, preliminary)
    kept = convert([message])
    assert [item.get("toolCallId") for item in kept[0]["content"]] == [None, "a", "p"]  # streaming input: no call
    assert kept[1]["content"][0]["toolCallId"] == "p"
    assert convert([message], ignore_incomplete_tool_calls=True) == [
        {"role": "assistant", "content": [{"type": "text", "text": "hi"}]}
    ]


def test_output_error_without_input_uses_the_raw_input() -> None:
    part = {"type": "tool-t", "toolCallId": "c", "state": "output-error", "rawInput": "{bad", "errorText": "parse"}
    converted = convert([assistant(part)])
    assert converted[0]["content"][0]["input"] == "{bad"
    assert converted[1]["content"][0]["output"] == {"type": "error-text", "value": "parse"}


def test_unavailable_dynamic_tool_output_is_omitted() -> None:
    part = {
        "type": "dynamic-tool",
        "toolName": "gone",
        "toolCallId": "c",
        "state": "output-available",
        "input": {},
        "output": {"big": "data"},
        "dynamic": False,
    }
    assert convert([assistant(part)])[1]["content"][0]["output"] == {
        "type": "text",
        "value": "Tool output omitted because the tool is no longer available.",
    }


def test_data_parts_are_dropped_unless_converted() -> None:
    message = assistant({"type": "data-weather", "id": "w", "data": {"t": 1}}, {"type": "text", "text": "x"})
    assert convert([message]) == [{"role": "assistant", "content": [{"type": "text", "text": "x"}]}]

    def as_text(part: DataUIPart) -> TextPart | None:
        return TextPart(text=f"weather: {part.data['t']}") if part.name == "weather" else None

    user_message = {"id": "u", "role": "user", "parts": [{"type": "data-weather", "data": {"t": 2}}]}
    assert convert([user_message, message], convert_data_part=as_text) == [
        {"role": "user", "content": [{"type": "text", "text": "weather: 2"}]},
        {"role": "assistant", "content": [{"type": "text", "text": "weather: 1"}, {"type": "text", "text": "x"}]},
    ]


def test_sources_and_unknown_parts_are_dropped_and_steering_messages_split_the_turn() -> None:
    message = assistant(
        {"type": "text", "text": "a"},
        {"type": "source-url", "sourceId": "s", "url": "https://a.example"},
        {"type": "future-part"},
        {"type": "steering-message", "id": "st", "parts": [{"type": "text", "text": "shorter"}]},
        {"type": "text", "text": "b"},
    )
    assert convert([message]) == [
        {"role": "assistant", "content": [{"type": "text", "text": "a"}]},
        {"role": "user", "content": [{"type": "text", "text": "shorter"}]},
        {"role": "assistant", "content": [{"type": "text", "text": "b"}]},
    ]


def test_assistant_file_parts_and_hosted_urls() -> None:
    message = assistant({"type": "file", "mediaType": "image/png", "url": "https://cdn.example/a.png"})
    assert convert([message]) == [
        {
            "role": "assistant",
            "content": [{"type": "file", "data": "https://cdn.example/a.png", "mediaType": "image/png"}],
        }
    ]


def test_file_part_with_a_relative_url_is_rejected() -> None:
    message = {"id": "u", "role": "user", "parts": [{"type": "file", "mediaType": "image/png", "url": "a.png"}]}
    with pytest.raises(InvalidPromptError):
        convert_to_model_messages([message])


def test_a_dict_that_is_not_a_ui_message_names_its_index() -> None:
    with pytest.raises(UIMessageValidationError) as caught:
        convert_to_model_messages([user("x"), {"id": "a", "role": "robot", "parts": []}])
    assert caught.value.message_index == 1


def test_tools_as_a_list() -> None:
    @tool
    def weather(city: str) -> str:
        """Weather."""
        return city

    weather.to_model_output = lambda result: ToolResultOutput(type="text", value="custom")
    part = {"type": "tool-weather", "toolCallId": "c", "state": "output-available", "input": {}, "output": "x"}
    assert convert([assistant(part)], tools=[weather])[1]["content"][0]["output"]["value"] == "custom"


def test_approval_turn_posted_by_the_client() -> None:
    from tests.ui.test_request import APPROVAL_TURN

    converted = convert(parse_chat_request(APPROVAL_TURN).messages)
    assert converted[1:] == [
        {
            "role": "assistant",
            "content": [
                {"type": "tool-call", "toolCallId": "call_del", "toolName": "deleteDraft", "input": {"draftId": 42}},
                {"type": "tool-approval-request", "approvalId": "appr_1", "toolCallId": "call_del"},
                {
                    "type": "tool-call",
                    "toolCallId": "call_ask",
                    "toolName": "askForConfirmation",
                    "input": {"message": "Sure?"},
                },
            ],
        },
        {
            "role": "tool",
            "content": [
                {"type": "tool-approval-response", "approvalId": "appr_1", "approved": True},
                {
                    "type": "tool-result",
                    "toolCallId": "call_ask",
                    "toolName": "askForConfirmation",
                    "output": {"type": "text", "value": "Yes, confirmed."},
                },
            ],
        },
    ]
