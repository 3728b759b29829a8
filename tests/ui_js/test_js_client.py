"""The UI message stream of :mod:`ai_sdk_core.ui`, read by the real npm ``ai`` client.

Each test runs ``driver.mjs`` (``AbstractChat`` + ``DefaultChatTransport``, what ``useChat`` runs) against the
Python app in ``app.py`` for one scenario (``scenarios.py``) and one protocol major: 7 with ``ai`` 7.x, 6 and 5
with ``ai`` 6.x / 5.x (``protocol_version=6`` / ``5`` on the server). Besides what each test is about, every
request and response goes through the checks of ``checks.py`` (schema validation of every chunk, the Python
reader against the JS reader, ``on_finish`` against the chat's messages, the posted body read back exactly).

The server passes its ``protocol_version`` to ``to_ui_message_stream`` / ``acreate_ui_message_stream`` too, so
that ``on_finish`` assembles the chunks as that major's client does, and the Python reader reads with it.
"""

from __future__ import annotations

import base64
from typing import Any

import pytest

from ai_sdk_core.spec.prompt import (
    AssistantMessage,
    FilePart,
    ReasoningPart,
    TextPart,
    ToolCallPart,
    ToolMessage,
    ToolResultPart,
    UserMessage,
)
from ai_sdk_core.ui.versions import APPROVAL_UNSUPPORTED_TEXT
from tests.ui_js.app import Exchange
from tests.ui_js.checks import Drive, Turn, check_finish, check_reader
from tests.ui_js.scenarios import (
    PNG_BYTES,
    REASONING_METADATA,
    SECRET_ERROR_TEXT,
    SHOWN_ERROR_TEXT,
    TEXT_METADATA,
)

MAJORS = pytest.mark.parametrize("major", [7, 6, 5])


@MAJORS
def test_text(drive: Drive, major: int) -> None:
    run = drive("text", major)
    (turn,) = run.turns
    assert run.client["statusHistory"] == ["submitted", "streaming", "ready"]
    assert turn.client["status"] == "ready" and turn.client["error"] is None
    assert turn.chunk_types == [
        "start",
        "start-step",
        "text-start",
        "text-delta",
        "text-delta",
        "text-delta",
        "text-end",
        "finish-step",
        "finish",
    ]
    assert turn.assistant["id"].startswith("server-msg-")  # the server's generate_message_id
    assert turn.client["chunks"][0] == {"type": "start", "messageId": turn.assistant["id"]}
    assert turn.client["chunks"][-1] == {"type": "finish", "finishReason": "stop"}
    assert "wörld! 👋" in turn.client["raw"]  # not \u-escaped
    assert turn.assistant["parts"] == [
        {"type": "step-start"},
        {"type": "text", "text": "Hello, wörld! 👋", "state": "done"},
    ]
    assert turn.client["onFinish"] == {
        "isAbort": False,
        "isDisconnect": False,
        "isError": False,
        "finishReason": "stop",
    }
    assert turn.exchange.finish is not None and turn.exchange.finish.finish_reason == "stop"


@MAJORS
def test_reasoning(drive: Drive, major: int) -> None:
    (turn,) = drive("reasoning", major).turns
    assert turn.chunk_types[2:7] == [
        "reasoning-start",
        "reasoning-delta",
        "reasoning-delta",
        "reasoning-end",
        "text-start",
    ]
    assert turn.assistant["parts"] == [
        {"type": "step-start"},
        {"type": "reasoning", "id": "r1", "text": "The user wants a short answer.", "state": "done"},
        {"type": "text", "text": "Short answer.", "state": "done"},
    ]


def _weather_part(state: str, city: str, **result: Any) -> dict[str, Any]:
    return {"type": "tool-get_weather", "toolCallId": "call-1", "state": state, "input": {"city": city}, **result}


@MAJORS
def test_multi_step_tool_call(drive: Drive, major: int) -> None:
    (turn,) = drive("tool-call", major).turns
    assert turn.chunk_types == [
        "start",
        "start-step",
        "tool-input-start",
        "tool-input-delta",
        "tool-input-available",
        "tool-output-available",
        "finish-step",
        "start-step",
        "text-start",
        "text-delta",
        "text-delta",
        "text-end",
        "finish-step",
        "finish",
    ]
    assert turn.assistant["parts"] == [
        {"type": "step-start"},
        _weather_part("output-available", "Paris", output="sunny in Paris"),
        {"type": "step-start"},
        {"type": "text", "text": "It is sunny in Paris.", "state": "done"},
    ]
    assert turn.client["onFinish"]["finishReason"] == "stop"
    assert turn.exchange.model is not None and len(turn.exchange.model.calls) == 2


@MAJORS
def test_tool_error(drive: Drive, major: int) -> None:
    (turn,) = drive("tool-error", major).turns
    assert "tool-output-error" in turn.chunk_types
    assert turn.client["status"] == "ready" and turn.client["error"] is None  # a failed tool is not a failed chat
    assert turn.assistant["parts"] == [
        {"type": "step-start"},
        _weather_part("output-error", "Atlantis", errorText="no weather station in Atlantis"),
        {"type": "step-start"},
        {"type": "text", "text": "I could not find it.", "state": "done"},
    ]


@MAJORS
def test_data_part_updated_in_place_and_transient_part(drive: Drive, major: int) -> None:
    (turn,) = drive("data", major).turns
    assert turn.chunk_types.count("data-progress") == 2
    # One data part, where it was first written, holding the second value; the transient part is not stored.
    assert turn.assistant["parts"] == [
        {"type": "data-progress", "id": "progress-1", "data": {"percent": 100}},
        {"type": "step-start"},
        {"type": "text", "text": "Done.", "state": "done"},
    ]
    # onData sees all three, the transient one included.
    assert turn.client["onData"] == [
        {"type": "data-progress", "id": "progress-1", "data": {"percent": 10}},
        {"type": "data-notice", "data": {"text": "working"}, "transient": True},
        {"type": "data-progress", "id": "progress-1", "data": {"percent": 100}},
    ]


@MAJORS
def test_message_metadata_on_start_and_finish(drive: Drive, major: int) -> None:
    (turn,) = drive("metadata", major).turns
    start, finish = turn.client["chunks"][0], turn.client["chunks"][-1]
    assert start["type"] == "start"
    assert start["messageMetadata"] == {"createdAt": 1_700_000_000_000, "model": "mock-model-id"}
    assert finish == {
        "type": "finish",
        "finishReason": "stop",
        "messageMetadata": {"totalTokens": 13, "finishReason": "stop"},
    }
    # Metadata of any other part travels in its own chunk, before the finish-step it belongs to.
    position = turn.chunk_types.index("message-metadata")
    assert turn.client["chunks"][position] == {"type": "message-metadata", "messageMetadata": {"stepTokens": 13}}
    assert turn.chunk_types[position + 1] == "finish-step"
    assert turn.assistant["metadata"] == {
        "createdAt": 1_700_000_000_000,
        "model": "mock-model-id",
        "stepTokens": 13,
        "totalTokens": 13,
        "finishReason": "stop",
    }


@MAJORS
def test_masked_server_error(drive: Drive, major: int) -> None:
    (turn,) = drive("server-error", major).turns
    assert turn.client["status"] == "error"
    assert turn.client["error"] == "An error occurred."
    assert turn.client["onFinish"]["isError"] is True
    assert {"type": "error", "errorText": "An error occurred."} in turn.client["chunks"]
    assert SECRET_ERROR_TEXT not in turn.client["raw"]
    # The text streamed before the error stays on the client (and in what on_finish persists).
    assert turn.assistant["parts"] == [
        {"type": "step-start"},
        {"type": "text", "text": "Partial", "state": "streaming"},
    ]
    # The server logged the real error.
    assert any(SECRET_ERROR_TEXT in text for text in _logged_errors(turn.exchange)), turn.exchange.log_records


@MAJORS
def test_aborted_request(drive: Drive, major: int) -> None:
    (turn,) = drive("abort", major).turns
    # stop() is not an error for the client: it keeps what arrived and is ready again.
    assert turn.client["status"] == "ready" and turn.client["error"] is None
    assert turn.client["onFinish"] == {"isAbort": True, "isDisconnect": False, "isError": False, "finishReason": None}
    assert turn.assistant["parts"] == [{"type": "step-start"}, {"type": "text", "text": "Hello", "state": "streaming"}]
    assert not turn.client["raw"].endswith("data: [DONE]\n\n")
    finish = turn.exchange.finish
    assert finish is not None and finish.is_aborted is True
    assert finish.finish_reason is None
    # The model stream was closed, not left waiting.
    model = turn.exchange.model
    assert model is not None
    (stream,) = model.streams
    assert stream.ag_frame is None


@MAJORS
def test_second_turn_posts_the_assistant_message_back(drive: Drive, major: int) -> None:
    run = drive("second-turn", major)
    first, second = run.turns
    first_answer = first.assistant
    request = second.exchange.request
    assert request is not None
    assert request.body == {"turnNumber": 2}
    assert [message.role for message in request.messages] == ["user", "assistant", "user"]
    assert request.messages[1].to_dict() == first_answer

    # The model saw the whole first turn again: the tool call, its result and the answer, then the new question.
    model = second.exchange.model
    assert model is not None
    prompt = model.calls[0].prompt
    assert [type(message) for message in prompt] == [
        UserMessage,
        AssistantMessage,
        ToolMessage,
        AssistantMessage,
        UserMessage,
    ]
    call_part = prompt[1].content[0]
    assert isinstance(call_part, ToolCallPart)
    assert (call_part.tool_call_id, call_part.tool_name, call_part.input) == (
        "call-1",
        "get_weather",
        {"city": "Paris"},
    )
    result_part = prompt[2].content[0]
    assert isinstance(result_part, ToolResultPart)
    assert (result_part.tool_call_id, result_part.output.type, result_part.output.value) == (
        "call-1",
        "text",
        "sunny in Paris",
    )
    assert prompt[3].content == [TextPart(text="It is sunny in Paris.")]
    assert prompt[4].content == [TextPart(text="And tomorrow?")]
    # ... the same history the model had inside the first turn, when it wrote that answer.
    first_model = first.exchange.model
    assert first_model is not None
    assert prompt[:3] == first_model.calls[1].prompt

    assert second.assistant["parts"] == [
        {"type": "step-start"},
        {"type": "text", "text": "Tomorrow too.", "state": "done"},
    ]
    assert [message["role"] for message in run.turns[1].client["messages"]] == [
        "user",
        "assistant",
        "user",
        "assistant",
    ]


def _approval_id(turn: Turn) -> str:
    (part,) = [part for part in turn.assistant["parts"] if part["type"] == "tool-get_weather"]
    assert part["state"] == "approval-requested", part
    approval_id: str = part["approval"]["id"]
    return approval_id


def _check_approval_request(turn: Turn) -> str:
    """The first turn of the approval scenarios: the call waits for the user."""
    assert turn.chunk_types[-4:] == ["tool-input-available", "tool-approval-request", "finish-step", "finish"]
    approval_id = _approval_id(turn)
    assert turn.assistant["parts"] == [
        {"type": "step-start"},
        _weather_part("approval-requested", "Paris", approval={"id": approval_id}),
    ]
    assert turn.client["onFinish"]["finishReason"] == "tool-calls"
    return approval_id


@pytest.mark.parametrize("major", [7, 6])
def test_approved_tool_call_runs_on_the_next_request(drive: Drive, major: int) -> None:
    first, second = drive("approval", major).turns
    approval_id = _check_approval_request(first)
    request = second.exchange.request
    assert request is not None
    answered = _weather_part("approval-responded", "Paris", approval={"id": approval_id, "approved": True})
    assert request.messages[-1].to_dict() == {**first.assistant, "parts": [{"type": "step-start"}, answered]}
    assert request.message_id == first.assistant["id"]
    # The server runs the approved call first and streams its output into the same assistant message.
    assert second.chunk_types[:2] == ["start", "tool-output-available"]
    assert second.client["chunks"][0] == {"type": "start", "messageId": first.assistant["id"]}
    assert [message["role"] for message in second.client["messages"]] == ["user", "assistant"]
    assert second.assistant["id"] == first.assistant["id"]
    assert second.assistant["parts"] == [
        {"type": "step-start"},
        {**answered, "state": "output-available", "output": "sunny in Paris"},
        {"type": "step-start"},
        {"type": "text", "text": "It is sunny in Paris.", "state": "done"},
    ]
    model = second.exchange.model
    assert model is not None
    result_part = model.calls[0].prompt[-1].content[-1]
    assert isinstance(result_part, ToolResultPart)
    assert (result_part.tool_call_id, result_part.output.value) == ("call-1", "sunny in Paris")


@pytest.mark.parametrize("major", [7, 6])
def test_denied_tool_call_reaches_the_model(drive: Drive, major: int) -> None:
    first, second = drive("approval-denied", major).turns
    _check_approval_request(first)
    assert second.assistant["parts"][-1] == {"type": "text", "text": "Fine, I will not look it up.", "state": "done"}
    model = second.exchange.model
    assert model is not None
    result_part = model.calls[0].prompt[-1].content[-1]
    assert isinstance(result_part, ToolResultPart)
    assert (result_part.output.type, result_part.output.reason) == ("execution-denied", "not now")


@pytest.mark.parametrize("major", [7, 6])
def test_denied_tool_call_part_ends_denied(drive: Drive, major: int) -> None:
    first, second = drive("approval-denied", major).turns
    approval_id = _approval_id(first)
    assert second.chunk_types[:2] == ["start", "tool-output-denied"]
    assert second.assistant["parts"][1] == _weather_part(
        "output-denied", "Paris", approval={"id": approval_id, "approved": False, "reason": "not now"}
    )


def test_approval_request_on_major_5_is_a_tool_error(drive: Drive) -> None:
    # 5.x has no approval state: the server sends the call as failed, which the client can show and post back.
    (turn,) = drive("approval", 5).turns
    assert "tool-approval-request" not in turn.chunk_types
    assert turn.assistant["parts"] == [
        {"type": "step-start"},
        _weather_part("output-error", "Paris", errorText=APPROVAL_UNSUPPORTED_TEXT),
    ]


@pytest.mark.parametrize(("scenario", "major"), [("approval", 5), ("invalid-tool", 6), ("invalid-tool", 5)])
def test_on_finish_persists_what_an_older_client_shows(drive: Drive, scenario: str, major: int) -> None:
    # The sequences an older client assembles differently from 7.x: on_finish (given the server's
    # protocol_version) persists the older client's message, not the 7.x one.
    turn = drive(scenario, major, compare_finish=False, compare_reader=False).turns[0]
    check_finish(turn)
    check_reader(turn)
    finish = turn.exchange.finish
    assert finish is not None
    persisted = finish.response_message.to_dict()
    failed = [part for part in persisted["parts"] if part.get("state") == "output-error"]
    assert len(failed) == 1
    if scenario == "approval":
        assert failed[0]["errorText"] == APPROVAL_UNSUPPORTED_TEXT and "approval" not in failed[0]
    else:
        # 6.x and 5.x keep the input of a failed static call as rawInput (7.x as input).
        assert failed[0]["type"] == "tool-get_horoscope"
        assert failed[0]["rawInput"] == {"sign": "Leo"} and "input" not in failed[0]


@MAJORS
def test_sources_file_and_provider_metadata_round_trip(drive: Drive, major: int) -> None:
    first, second = drive("rich", major).turns
    assert first.client["chunks"][-1] == {"type": "finish", "finishReason": "length"}
    png_url = "data:image/png;base64," + base64.b64encode(PNG_BYTES).decode()
    assert first.assistant["parts"] == [
        {"type": "step-start"},
        {"type": "source-url", "sourceId": "src-1", "url": "https://example.com/a", "title": "Example A"},
        {
            "type": "source-document",
            "sourceId": "src-2",
            "mediaType": "application/pdf",
            "title": "Report",
            "filename": "report.pdf",
            "providerMetadata": {"mock": {"page": 3}},
        },
        {"type": "file", "mediaType": "image/png", "url": png_url},
        {
            "type": "reasoning",
            "id": "r1",
            "text": "Checking sources.",
            "providerMetadata": REASONING_METADATA,
            "state": "done",
        },
        {"type": "text", "text": "See the report", "providerMetadata": TEXT_METADATA, "state": "done"},
    ]
    # Posted back: the file, and the reasoning and text with their provider metadata as provider options (what
    # a provider needs to continue, e.g. a reasoning signature); sources are not sent to the model.
    model = second.exchange.model
    assert model is not None
    assistant = model.calls[0].prompt[1]
    assert isinstance(assistant, AssistantMessage)
    file_part, reasoning_part, text_part = assistant.content
    assert isinstance(file_part, FilePart) and file_part.media_type == "image/png"
    data = file_part.data
    assert (base64.b64decode(data) if isinstance(data, str) else data) == PNG_BYTES
    assert reasoning_part == ReasoningPart(text="Checking sources.", provider_options=REASONING_METADATA)
    assert text_part == TextPart(text="See the report", provider_options=TEXT_METADATA)


@MAJORS
def test_call_of_an_unknown_tool(drive: Drive, major: int) -> None:
    # Older clients assemble this sequence differently from 7.x (see the test above); the Python reader and
    # on_finish follow the client's major.
    first, second = drive("invalid-tool", major).turns
    error_text = "Model tried to call unavailable tool 'get_horoscope'. Available tools: get_weather."
    error_chunk = first.client["chunks"][first.chunk_types.index("tool-input-error")]
    # A 5.x client follows the chunk's flag: it gets the flag the call started with (ai_sdk_core.ui.versions).
    assert error_chunk.get("dynamic", False) is (major != 5) and error_chunk["errorText"] == error_text
    call_parts = [part for part in first.assistant["parts"] if part.get("toolCallId") == error_chunk["toolCallId"]]
    assert len(call_parts) == 1  # no second part left streaming next to the failed one
    assert call_parts[0]["state"] == "output-error" and call_parts[0]["errorText"] == error_text
    input_key = "input" if major == 7 else "rawInput"
    assert call_parts[0][input_key] == {"sign": "Leo"}
    assert first.assistant["parts"][-1] == {"type": "text", "text": "I cannot do that.", "state": "done"}
    # Posted back, the failed call reaches the model as a call with an error result.
    model = second.exchange.model
    assert model is not None
    prompt = model.calls[0].prompt
    call_part = prompt[1].content[0]
    assert isinstance(call_part, ToolCallPart)
    assert (call_part.tool_call_id, call_part.tool_name, call_part.input) == (
        "call-9",
        "get_horoscope",
        {"sign": "Leo"},
    )
    result_part = prompt[2].content[0]
    assert isinstance(result_part, ToolResultPart)
    assert (result_part.output.type, result_part.output.value) == ("error-text", error_text)


@MAJORS
def test_keep_alive_comments(drive: Drive, major: int) -> None:
    (turn,) = drive("keep-alive", major).turns
    assert turn.client["raw"].startswith(": stream-open\n\n")
    assert turn.assistant["parts"] == [{"type": "step-start"}, {"type": "text", "text": "Still here.", "state": "done"}]


@MAJORS
def test_text_stream_protocol(drive: Drive, major: int) -> None:
    (turn,) = drive("text-protocol", major).turns
    assert turn.client["headers"]["content-type"] == "text/plain; charset=utf-8"
    assert turn.client["raw"] == "Plain text ✓"
    assert turn.client["status"] == "ready"
    assert turn.assistant["parts"] == [
        {"type": "step-start"},
        {"type": "text", "text": "Plain text ✓", "state": "done"},
    ]


@MAJORS
def test_regenerate(drive: Drive, major: int) -> None:
    first, second = drive("regenerate", major).turns
    request = second.exchange.request
    assert request is not None
    # The client drops the answer it regenerates and names it.
    assert (request.trigger, request.message_id) == ("regenerate-message", first.assistant["id"])
    assert [message.role for message in request.messages] == ["user"]
    assert [message["role"] for message in second.client["messages"]] == ["user", "assistant"]
    assert second.assistant["id"] != first.assistant["id"]
    assert second.assistant["parts"][-1] == {"type": "text", "text": "Second answer.", "state": "done"}


def _logged_errors(exchange: Exchange) -> list[str]:
    return [str(record.exc_info[1]) for record in exchange.log_records if record.exc_info and record.exc_info[1]]


@MAJORS
def test_server_error_with_on_error_text(drive: Drive, major: int) -> None:
    (turn,) = drive("server-error-text", major).turns
    assert (turn.client["status"], turn.client["error"]) == ("error", SHOWN_ERROR_TEXT)
    assert {"type": "error", "errorText": SHOWN_ERROR_TEXT} in turn.client["chunks"]
    assert SECRET_ERROR_TEXT not in turn.client["raw"]


@MAJORS
def test_error_in_execute_of_a_custom_stream(drive: Drive, major: int) -> None:
    (turn,) = drive("execute-error", major).turns
    assert (turn.client["status"], turn.client["error"]) == ("error", "An error occurred.")
    assert turn.chunk_types[-2:] == ["finish", "error"]
    assert SECRET_ERROR_TEXT not in turn.client["raw"]
    assert any(SECRET_ERROR_TEXT in text for text in _logged_errors(turn.exchange))
    # What was written before the error stays.
    assert turn.assistant["parts"] == [
        {"type": "data-progress", "id": "progress-1", "data": {"percent": 10}},
        {"type": "step-start"},
        {"type": "text", "text": "Done.", "state": "done"},
    ]
