"""``protocol_version`` on the reading side: the assembler, the reader and ``on_finish`` build the message as the
client of that npm ``ai`` major does (``processUIMessageStream`` of 7.x, 6.x, 5.x), on the sequences where the
majors differ. Expected messages are the JSON each client holds after the same chunks (checked against the real
clients in tests/ui_js)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from typing import Any

import pytest

from ai_sdk_core import astream_text, step_count_is, stream_text, tool
from ai_sdk_core.spec.errors import InvalidArgumentError
from ai_sdk_core.testing import MockLanguageModel, text_stream_parts, tool_call_stream_parts
from ai_sdk_core.ui import (
    UIMessageStreamFinish,
    acreate_ui_message_stream,
    aread_ui_message_stream,
    ato_ui_message_stream,
    create_ui_message_stream,
    read_ui_message_stream,
    to_ui_message_stream,
)
from ai_sdk_core.ui.assemble import UIMessageAssembler
from ai_sdk_core.ui.client_rules import CLIENT_RULES, client_rules
from ai_sdk_core.ui.encoding import encode_ui_message_stream
from ai_sdk_core.ui.errors import UIMessageStreamError
from ai_sdk_core.ui.versions import APPROVAL_UNSUPPORTED_TEXT, adapt_chunk

pytestmark = pytest.mark.anyio

Chunk = dict[str, Any]
VERSIONS = pytest.mark.parametrize("version", [7, 6, 5])


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def as_sent(chunks: Iterable[Chunk], version: int) -> list[Chunk]:
    """The chunks a client of ``version`` receives (the encoder's adapting, with one stream's call flags)."""
    tool_calls: dict[str, bool] = {}
    return [adapted for chunk in chunks for adapted in adapt_chunk(chunk, version, tool_calls)]


def parts_of(chunks: Iterable[Chunk], version: int, **options: Any) -> list[dict[str, Any]]:
    assembler = UIMessageAssembler(protocol_version=version, **options)
    for chunk in chunks:
        assembler.process(chunk)
    return assembler.message.to_dict()["parts"]  # type: ignore[no-any-return]


APPROVAL_CHUNKS: list[Chunk] = [
    {"type": "start-step"},
    {"type": "tool-input-start", "toolCallId": "call-1", "toolName": "weather"},
    {"type": "tool-input-available", "toolCallId": "call-1", "toolName": "weather", "input": {"city": "Paris"}},
    {"type": "tool-approval-request", "approvalId": "ap-1", "toolCallId": "call-1", "reason": "costly"},
    {"type": "finish-step"},
]

# A call of a tool the app does not have: it starts as a static call, and fails as a dynamic one.
UNKNOWN_TOOL_CHUNKS: list[Chunk] = [
    {"type": "start-step"},
    {"type": "tool-input-start", "toolCallId": "call-9", "toolName": "missing", "dynamic": False},
    {"type": "tool-input-delta", "toolCallId": "call-9", "inputTextDelta": '{"a":1}'},
    {
        "type": "tool-input-error",
        "toolCallId": "call-9",
        "toolName": "missing",
        "input": {"a": 1},
        "dynamic": True,
        "errorText": "no such tool",
    },
    {"type": "finish-step"},
]


# -- the assembler, per major ------------------------------------------------------------------------------------


@VERSIONS
def test_approval_request_as_each_major_shows_it(version: int) -> None:
    tool_part = parts_of(as_sent(APPROVAL_CHUNKS, version), version)[1]
    base = {"type": "tool-weather", "toolCallId": "call-1", "input": {"city": "Paris"}}
    if version == 7:
        expected = {**base, "state": "approval-requested", "approval": {"id": "ap-1", "requestReason": "costly"}}
    elif version == 6:  # no reason in 6.x
        expected = {**base, "state": "approval-requested", "approval": {"id": "ap-1"}}
    else:  # no approval state in 5.x: the call failed
        expected = {**base, "state": "output-error", "errorText": APPROVAL_UNSUPPORTED_TEXT}
    assert tool_part == expected


def test_a_type_the_major_does_not_know_is_unknown_to_its_assembler() -> None:
    # 5.x never receives an approval request; its assembler ignores one, or rejects it when strict.
    parts = parts_of(APPROVAL_CHUNKS, 5)
    assert parts[1]["state"] == "input-available"
    with pytest.raises(UIMessageStreamError, match="Unknown chunk type 'tool-approval-request'"):
        parts_of(APPROVAL_CHUNKS, 5, strict=True)
    assert parts_of(APPROVAL_CHUNKS, 7, strict=True)[1]["state"] == "approval-requested"


@VERSIONS
def test_failed_call_of_an_unknown_tool_as_each_major_shows_it(version: int) -> None:
    parts = parts_of(as_sent(UNKNOWN_TOOL_CHUNKS, version), version)
    base = {"type": "tool-missing", "toolCallId": "call-9", "state": "output-error", "errorText": "no such tool"}
    # One part: the static part the call started, failed. 7.x keeps the input as input, 6.x and 5.x as rawInput.
    assert parts[1:] == [{**base, "input": {"a": 1}} if version == 7 else {**base, "rawInput": {"a": 1}}]


def test_major_5_follows_the_chunk_flag_where_later_majors_follow_the_part() -> None:
    # Unadapted, the error's flag differs from the start's: 5.x adds a dynamic part next to the static one,
    # which stays streaming (the adapter prevents this by agreeing on the flag).
    parts = parts_of(UNKNOWN_TOOL_CHUNKS, 5)
    assert [(part["type"], part["state"]) for part in parts[1:]] == [
        ("tool-missing", "input-streaming"),
        ("dynamic-tool", "output-error"),
    ]
    assert len(parts_of(UNKNOWN_TOOL_CHUNKS, 6)) == 2


def test_major_5_finds_an_output_only_among_parts_of_the_chunk_kind() -> None:
    chunks: list[Chunk] = [
        {"type": "tool-input-available", "toolCallId": "c1", "toolName": "weather", "input": {}},
        {"type": "tool-output-available", "toolCallId": "c1", "output": "sunny", "dynamic": True},
    ]
    assert parts_of(chunks, 7)[0]["state"] == "output-available"
    with pytest.raises(UIMessageStreamError, match='No tool invocation found for tool call ID "c1"'):
        parts_of(chunks, 5)


@pytest.mark.parametrize("version", [6, 5])
def test_older_majors_close_open_text_at_the_end_of_a_step(version: int) -> None:
    chunks: list[Chunk] = [
        {"type": "text-start", "id": "t1"},
        {"type": "text-delta", "id": "t1", "delta": "Hel"},
        {"type": "finish-step"},
    ]
    # The text stays, still streaming; a later delta for it fails in those clients.
    assert parts_of(chunks, version) == [{"type": "text", "text": "Hel", "state": "streaming"}]
    late: list[Chunk] = [*chunks, {"type": "text-delta", "id": "t1", "delta": "lo"}]
    with pytest.raises(UIMessageStreamError, match="missing text part"):
        parts_of(late, version)
    assert parts_of([*late, {"type": "text-end", "id": "t1"}], 7) == [
        {"type": "text", "text": "Hello", "state": "done"}
    ]


def test_major_5_leaves_out_what_its_parts_do_not_hold() -> None:
    metadata = {"p": {"k": 1}}
    chunks: list[Chunk] = [
        {"type": "file", "mediaType": "image/png", "url": "data:,", "providerMetadata": metadata},
        {"type": "tool-input-start", "toolCallId": "c1", "toolName": "old"},
        {"type": "tool-input-available", "toolCallId": "c1", "toolName": "new", "input": {}},
        {"type": "tool-input-error", "toolCallId": "c2", "toolName": "t", "input": 1, "errorText": "bad",
         "providerMetadata": metadata},
    ]  # fmt: skip
    latest = parts_of(chunks, 7)
    assert latest[0]["providerMetadata"] == metadata
    assert latest[1]["type"] == "tool-new"
    assert latest[2]["resultProviderMetadata"] == metadata
    oldest = parts_of(chunks, 5)
    assert "providerMetadata" not in oldest[0]
    assert oldest[1]["type"] == "tool-old"  # 5.x does not rename a part
    assert oldest[2]["callProviderMetadata"] == metadata and "resultProviderMetadata" not in oldest[2]


@VERSIONS
def test_a_dynamic_output_sets_provider_executed_except_in_major_5(version: int) -> None:
    # 5.x passes no providerExecuted for the output of a dynamic call (it does for a static one, and for a dynamic
    # call's tool-output-error): the part keeps what its call said.
    chunks: list[Chunk] = [
        {"type": "tool-input-available", "toolCallId": "c1", "toolName": "t", "input": {}, "dynamic": True},
        {"type": "tool-output-available", "toolCallId": "c1", "output": 1, "dynamic": True, "providerExecuted": True},
        {"type": "tool-input-available", "toolCallId": "c2", "toolName": "t", "input": {}, "dynamic": True},
        {"type": "tool-output-error", "toolCallId": "c2", "errorText": "x", "dynamic": True, "providerExecuted": True},
        {"type": "tool-input-available", "toolCallId": "c3", "toolName": "s", "input": {}},
        {"type": "tool-output-available", "toolCallId": "c3", "output": 1, "providerExecuted": True},
    ]
    executed = [part.get("providerExecuted") for part in parts_of(as_sent(chunks, version), version)]
    assert executed == ([None, True, True] if version == 5 else [True, True, True])


def test_rules_are_data_and_7_is_the_default() -> None:
    assert client_rules() is CLIENT_RULES[7]
    assert UIMessageAssembler().rules == CLIENT_RULES[7]
    assert CLIENT_RULES[6] != CLIENT_RULES[7] and CLIENT_RULES[5] != CLIENT_RULES[6]


# -- unsupported majors --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("version", [4, 8])
def test_an_unsupported_major_is_refused_at_the_call(version: int) -> None:
    with pytest.raises(InvalidArgumentError, match="must be one of 5, 6, 7") as caught:
        UIMessageAssembler(protocol_version=version)
    assert caught.value.argument == "protocol_version"
    with pytest.raises(InvalidArgumentError, match="protocol_version"):
        read_ui_message_stream([], protocol_version=version)
    with pytest.raises(InvalidArgumentError, match="protocol_version"):
        aread_ui_message_stream(_no_items(), protocol_version=version)
    model = MockLanguageModel(do_stream=text_stream_parts("hi"))
    with pytest.raises(InvalidArgumentError, match="protocol_version"):
        to_ui_message_stream(stream_text(model=model, prompt="go"), protocol_version=version)
    with pytest.raises(InvalidArgumentError, match="protocol_version"):
        ato_ui_message_stream(astream_text(model=model, prompt="go"), protocol_version=version)
    with pytest.raises(InvalidArgumentError, match="protocol_version"):
        create_ui_message_stream(execute=lambda writer: None, protocol_version=version)
    with pytest.raises(InvalidArgumentError, match="protocol_version"):
        acreate_ui_message_stream(execute=lambda writer: None, protocol_version=version)


async def _no_items() -> AsyncIterator[str]:
    nothing: tuple[str, ...] = ()
    for item in nothing:
        yield item


# -- on_finish and the reader, end to end ------------------------------------------------------------------------


async def ui_chunks(
    mode: str, model: MockLanguageModel, tools: dict[str, Any], version: int
) -> tuple[list[Chunk], UIMessageStreamFinish]:
    """The chunks of ``result.to_ui_message_stream(protocol_version=version)`` and what on_finish received."""
    received: list[UIMessageStreamFinish] = []
    options: dict[str, Any] = {"on_finish": received.append, "protocol_version": version}
    arguments: dict[str, Any] = {"model": model, "prompt": "go", "tools": tools, "stop_when": step_count_is(2)}
    if mode == "sync":
        chunks = list(stream_text(**arguments).to_ui_message_stream(**options))
    else:
        chunks = [chunk async for chunk in astream_text(**arguments).to_ui_message_stream(**options)]
    (finish,) = received
    return chunks, finish


def weather(city: str) -> str:
    return f"sunny in {city}"


async def read_as(version: int, chunks: list[Chunk], mode: str) -> dict[str, Any]:
    """What the Python reader, reading like ``version``, makes of the stream encoded for that major."""
    body = list(encode_ui_message_stream(iter(chunks), protocol_version=version))
    if mode == "sync":
        messages = list(read_ui_message_stream(body, protocol_version=version))
    else:

        async def items() -> Any:
            for item in body:
                yield item

        messages = [message async for message in aread_ui_message_stream(items(), protocol_version=version)]
    return messages[-1].to_dict()


@VERSIONS
async def test_on_finish_persists_the_approval_request_as_the_major_shows_it(mode: str, version: int) -> None:
    model = MockLanguageModel(do_stream=[tool_call_stream_parts(("call-1", "weather", {"city": "Paris"}))])
    chunks, finish = await ui_chunks(mode, model, {"weather": tool(weather, needs_approval=True)}, version)
    assert "tool-approval-request" in [chunk["type"] for chunk in chunks]  # the chunks stay 7.x chunks
    (part,) = [part for part in finish.response_message.to_dict()["parts"] if part["type"] == "tool-weather"]
    if version == 5:
        assert (part["state"], part["errorText"]) == ("output-error", APPROVAL_UNSUPPORTED_TEXT)
    else:
        assert part["state"] == "approval-requested" and part["approval"]["id"].startswith("aitxt-approval-")
    assert await read_as(version, chunks, mode) == finish.response_message.to_dict()


@VERSIONS
async def test_on_finish_persists_a_failed_unknown_tool_call_as_the_major_shows_it(mode: str, version: int) -> None:
    model = MockLanguageModel(
        do_stream=[tool_call_stream_parts(("call-9", "missing", {"a": 1})), text_stream_parts("ok")]
    )
    chunks, finish = await ui_chunks(mode, model, {"weather": tool(weather)}, version)
    (part,) = [part for part in finish.response_message.to_dict()["parts"] if part.get("toolCallId") == "call-9"]
    assert (part["type"], part["state"]) == ("tool-missing", "output-error")
    if version == 7:
        assert part["input"] == {"a": 1} and "rawInput" not in part
    else:
        assert part["rawInput"] == {"a": 1} and "input" not in part
    assert await read_as(version, chunks, mode) == finish.response_message.to_dict()


@VERSIONS
async def test_create_ui_message_stream_passes_the_major_to_on_finish(mode: str, version: int) -> None:
    def execute(writer: Any) -> None:
        for chunk in APPROVAL_CHUNKS:
            writer.write(chunk)

    received: list[UIMessageStreamFinish] = []
    options: dict[str, Any] = {"on_finish": received.append, "protocol_version": version, "generate_id": lambda: "m"}
    if mode == "sync":
        list(create_ui_message_stream(execute=execute, **options))
    else:
        [chunk async for chunk in acreate_ui_message_stream(execute=execute, **options)]
    (finish,) = received
    assert finish.response_message.to_dict()["parts"] == parts_of(as_sent(APPROVAL_CHUNKS, version), version)
    expected_state = "output-error" if version == 5 else "approval-requested"
    assert finish.response_message.to_dict()["parts"][1]["state"] == expected_state
