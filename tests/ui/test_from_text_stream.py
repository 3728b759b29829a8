"""stream_text -> UI message chunks (``result.to_ui_message_stream()``), every behaviour through the sync and the
async API, with mock models."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pytest

from ai_sdk_core import astream_text, step_count_is, stream_text, tool
from ai_sdk_core.generate_text.results import ToolCall, ToolOutputDenied
from ai_sdk_core.generate_text.stream_parts import FinishStepPart, StartPart, TextDeltaPart
from ai_sdk_core.spec import (
    FileContent,
    ReasoningDelta,
    ReasoningEnd,
    ReasoningStart,
    SourceContent,
    StreamError,
    StreamStart,
    TextDelta,
    TextEnd,
    TextStart,
)
from ai_sdk_core.spec.errors import AISDKError, InvalidArgumentError
from ai_sdk_core.spec.stream_parts import Finish
from ai_sdk_core.testing import (
    MockLanguageModel,
    mock_usage,
    simulate_stream,
    text_stream_parts,
    tool_call_stream_parts,
)
from ai_sdk_core.ui import UIMessage, UIMessageStreamFinish, ato_ui_message_stream, to_ui_message_stream
from ai_sdk_core.ui.encoding import encode_ui_message_stream
from ai_sdk_core.ui.from_text_stream import DEFAULT_ERROR_TEXT

pytestmark = pytest.mark.anyio

Chunk = dict[str, Any]


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


async def ui_chunks(
    mode: str, model: MockLanguageModel, options: dict[str, Any] | None = None, **arguments: Any
) -> list[Chunk]:
    """Every chunk of ``result.to_ui_message_stream(**options)`` through the sync or the async API."""
    if mode == "sync":
        return list(stream_text(model=model, prompt="go", **arguments).to_ui_message_stream(**(options or {})))
    result = astream_text(model=model, prompt="go", **arguments)
    return [chunk async for chunk in result.to_ui_message_stream(**(options or {}))]


def finish_collector() -> tuple[list[UIMessageStreamFinish], Callable[[UIMessageStreamFinish], None]]:
    received: list[UIMessageStreamFinish] = []
    return received, received.append


def types(chunks: list[Chunk]) -> list[str]:
    return [chunk["type"] for chunk in chunks]


def stop() -> Finish:
    return text_stream_parts(finish_reason="stop")[-1]  # type: ignore[return-value]


async def test_text_answer(mode: str) -> None:
    chunks = await ui_chunks(mode, MockLanguageModel(do_stream=text_stream_parts("Hel", "lo")))
    assert chunks == [
        {"type": "start"},
        {"type": "start-step"},
        {"type": "text-start", "id": "text-1"},
        {"type": "text-delta", "id": "text-1", "delta": "Hel"},
        {"type": "text-delta", "id": "text-1", "delta": "lo"},
        {"type": "text-end", "id": "text-1"},
        {"type": "finish-step"},
        {"type": "finish", "finishReason": "stop"},
    ]


def reasoning_parts() -> list[Any]:
    metadata = {"anthropic": {"signature": "sig"}}
    return [
        StreamStart(),
        ReasoningStart(id="r1", provider_metadata=metadata),
        ReasoningDelta(id="r1", delta="Thinking"),
        ReasoningEnd(id="r1"),
        TextStart(id="t1"),
        TextDelta(id="t1", delta="Answer"),
        TextEnd(id="t1"),
        stop(),
    ]


async def test_reasoning_is_sent_with_its_provider_metadata(mode: str) -> None:
    chunks = await ui_chunks(mode, MockLanguageModel(do_stream=reasoning_parts()))
    assert chunks[2:5] == [
        {"type": "reasoning-start", "id": "r1", "providerMetadata": {"anthropic": {"signature": "sig"}}},
        {"type": "reasoning-delta", "id": "r1", "delta": "Thinking"},
        {"type": "reasoning-end", "id": "r1"},
    ]


async def test_send_reasoning_false_leaves_reasoning_out(mode: str) -> None:
    chunks = await ui_chunks(mode, MockLanguageModel(do_stream=reasoning_parts()), {"send_reasoning": False})
    assert not [chunk for chunk in chunks if chunk["type"].startswith("reasoning")]
    assert "text-delta" in types(chunks)


def weather_model() -> MockLanguageModel:
    return MockLanguageModel(
        do_stream=[
            tool_call_stream_parts(("call-1", "weather", {"city": "Paris"})),
            text_stream_parts("Sunny"),
        ]
    )


def weather(city: str) -> dict[str, Any]:
    """Weather of a city."""
    return {"city": city, "temperature": 21}


async def test_multi_step_tool_call_with_output_then_text(mode: str) -> None:
    chunks = await ui_chunks(mode, weather_model(), tools={"weather": tool(weather)}, stop_when=step_count_is(2))
    assert chunks == [
        {"type": "start"},
        {"type": "start-step"},
        {"type": "tool-input-start", "toolCallId": "call-1", "toolName": "weather"},
        {"type": "tool-input-delta", "toolCallId": "call-1", "inputTextDelta": '{"city":"Paris"}'},
        {"type": "tool-input-available", "toolCallId": "call-1", "toolName": "weather", "input": {"city": "Paris"}},
        {"type": "tool-output-available", "toolCallId": "call-1", "output": {"city": "Paris", "temperature": 21}},
        {"type": "finish-step"},
        {"type": "start-step"},
        {"type": "text-start", "id": "text-1"},
        {"type": "text-delta", "id": "text-1", "delta": "Sunny"},
        {"type": "text-end", "id": "text-1"},
        {"type": "finish-step"},
        {"type": "finish", "finishReason": "stop"},
    ]


def failing_weather(city: str) -> str:
    """Weather of a city."""
    raise RuntimeError(f"no station in {city}")


async def test_tool_error_text_is_what_the_model_read_by_default(mode: str) -> None:
    chunks = await ui_chunks(
        mode, weather_model(), tools={"weather": tool(failing_weather)}, stop_when=step_count_is(2)
    )
    (error,) = [chunk for chunk in chunks if chunk["type"] == "tool-output-error"]
    assert error == {"type": "tool-output-error", "toolCallId": "call-1", "errorText": "no station in Paris"}


async def test_tool_error_text_goes_through_on_error_when_given(mode: str) -> None:
    seen: list[BaseException] = []

    def on_error(error: BaseException) -> str:
        seen.append(error)
        return "The tool failed."

    chunks = await ui_chunks(
        mode,
        weather_model(),
        {"on_error": on_error},
        tools={"weather": tool(failing_weather)},
        stop_when=step_count_is(2),
    )
    (error,) = [chunk for chunk in chunks if chunk["type"] == "tool-output-error"]
    assert error["errorText"] == "The tool failed."
    assert "no station in Paris" in str(seen[0]) or "no station in Paris" in str(seen[0].__cause__)


async def test_redact_tool_errors_false_keeps_the_model_text_even_with_on_error(mode: str) -> None:
    chunks = await ui_chunks(
        mode,
        weather_model(),
        {"on_error": lambda error: "masked", "redact_tool_errors": False},
        tools={"weather": tool(failing_weather)},
        stop_when=step_count_is(2),
    )
    (error,) = [chunk for chunk in chunks if chunk["type"] == "tool-output-error"]
    assert error["errorText"] == "no station in Paris"


async def test_call_of_an_unknown_tool_is_a_tool_input_error_and_nothing_more(mode: str) -> None:
    model = MockLanguageModel(
        do_stream=[tool_call_stream_parts(("call-9", "missing", {"a": 1})), text_stream_parts("ok")]
    )
    chunks = await ui_chunks(mode, model, tools={"weather": tool(weather)}, stop_when=step_count_is(2))
    (input_error,) = [chunk for chunk in chunks if chunk["type"] == "tool-input-error"]
    assert input_error["toolCallId"] == "call-9"
    assert input_error["toolName"] == "missing"
    assert input_error["input"] == {"a": 1}
    assert input_error["dynamic"] is True  # not a tool of the app: the client makes a dynamic-tool part
    assert "missing" in input_error["errorText"]
    assert "tool-output-error" not in types(chunks)
    assert "tool-input-available" not in types(chunks)


async def test_dynamic_tools_are_flagged(mode: str) -> None:
    from ai_sdk_core import dynamic_tool

    probe = dynamic_tool(execute=lambda arguments: "ok", name="weather")
    chunks = await ui_chunks(mode, weather_model(), tools={"weather": probe}, stop_when=step_count_is(2))
    flagged = [chunk for chunk in chunks if chunk["type"].startswith("tool-")]
    assert flagged and all(chunk.get("dynamic") is True for chunk in flagged if chunk["type"] != "tool-input-delta")


async def test_approval_request_is_sent(mode: str) -> None:
    model = MockLanguageModel(do_stream=[tool_call_stream_parts(("call-1", "weather", {"city": "Paris"}))])
    chunks = await ui_chunks(mode, model, tools={"weather": tool(weather, needs_approval=True)})
    (request,) = [chunk for chunk in chunks if chunk["type"] == "tool-approval-request"]
    assert request["toolCallId"] == "call-1"
    assert request["approvalId"].startswith("aitxt-approval-")
    assert "tool-output-available" not in types(chunks)


def test_denied_output_becomes_its_chunk() -> None:
    denied = ToolOutputDenied(tool_call_id="call-1", tool_name="weather", input={}, reason="no")
    assert list(to_ui_message_stream([denied], send_start=False)) == [
        {"type": "tool-output-denied", "toolCallId": "call-1"}
    ]


def sources_and_file_parts() -> list[Any]:
    return [
        StreamStart(),
        SourceContent(source_type="url", id="s1", url="https://example.com", title="Example"),
        SourceContent(source_type="document", id="s2", media_type="application/pdf", title="Doc", filename="d.pdf"),
        FileContent(media_type="image/png", data=b"\x89PNG"),
        FileContent(media_type="text/plain", data="aGk="),
        stop(),
    ]


async def test_sources_only_with_send_sources(mode: str) -> None:
    model = MockLanguageModel(do_stream=[sources_and_file_parts(), sources_and_file_parts()])
    without = await ui_chunks(mode, model)
    assert not [chunk for chunk in without if chunk["type"].startswith("source")]
    with_sources = await ui_chunks(mode, model, {"send_sources": True})
    assert [chunk for chunk in with_sources if chunk["type"].startswith("source")] == [
        {"type": "source-url", "sourceId": "s1", "url": "https://example.com", "title": "Example"},
        {
            "type": "source-document",
            "sourceId": "s2",
            "mediaType": "application/pdf",
            "title": "Doc",
            "filename": "d.pdf",
        },
    ]


async def test_files_become_data_urls(mode: str) -> None:
    chunks = await ui_chunks(mode, MockLanguageModel(do_stream=sources_and_file_parts()))
    assert [chunk for chunk in chunks if chunk["type"] == "file"] == [
        {"type": "file", "mediaType": "image/png", "url": "data:image/png;base64,iVBORw=="},
        {"type": "file", "mediaType": "text/plain", "url": "data:text/plain;base64,aGk="},
    ]


def broken_model() -> MockLanguageModel:
    parts: list[Any] = [
        StreamStart(),
        TextStart(id="t1"),
        TextDelta(id="t1", delta="Partial"),
        StreamError(error=AISDKError("upstream secret-free failure")),
    ]
    return MockLanguageModel(do_stream=[parts])


async def test_a_model_error_is_masked_for_the_client_and_logged(mode: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="ai_sdk_core.ui"):
        chunks = await ui_chunks(mode, broken_model())
    assert chunks[-1] == {"type": "error", "errorText": DEFAULT_ERROR_TEXT}
    assert DEFAULT_ERROR_TEXT == "An error occurred."
    assert "finish" not in types(chunks)
    (record,) = [record for record in caplog.records if record.name == "ai_sdk_core.ui"]
    assert record.levelno == logging.ERROR
    assert record.exc_info is not None and "upstream secret-free failure" in str(record.exc_info[1])


async def test_on_error_chooses_the_error_text(mode: str) -> None:
    chunks = await ui_chunks(mode, broken_model(), {"on_error": lambda error: f"Sorry: {error}"})
    assert chunks[-1] == {"type": "error", "errorText": "Sorry: upstream secret-free failure"}


async def test_message_metadata_on_start_finish_and_steps(mode: str) -> None:
    def metadata(part: Any) -> Any:
        if isinstance(part, StartPart):
            return {"model": "mock"}
        if isinstance(part, FinishStepPart):
            return {"step": "done"}
        if type(part).__name__ == "FinishPart":
            return {"finishReason": part.finish_reason}
        return None

    chunks = await ui_chunks(mode, MockLanguageModel(do_stream=text_stream_parts("hi")), {"message_metadata": metadata})
    assert chunks[0] == {"type": "start", "messageMetadata": {"model": "mock"}}
    assert chunks[-3:] == [
        {"type": "message-metadata", "messageMetadata": {"step": "done"}},
        {"type": "finish-step"},
        {"type": "finish", "finishReason": "stop", "messageMetadata": {"finishReason": "stop"}},
    ]


async def test_metadata_of_a_part_without_chunk_still_goes_out(mode: str) -> None:
    def metadata(part: Any) -> Any:
        return {"last": part.text} if isinstance(part, TextDeltaPart) else None

    chunks = await ui_chunks(
        mode,
        MockLanguageModel(do_stream=text_stream_parts("a")),
        {"message_metadata": metadata, "send_reasoning": False},
    )
    index = types(chunks).index("text-delta")
    assert chunks[index + 1] == {"type": "message-metadata", "messageMetadata": {"last": "a"}}


async def test_send_start_and_send_finish_false(mode: str) -> None:
    chunks = await ui_chunks(
        mode, MockLanguageModel(do_stream=text_stream_parts("hi")), {"send_start": False, "send_finish": False}
    )
    assert types(chunks)[0] == "start-step"
    assert types(chunks)[-1] == "finish-step"


async def test_generate_message_id_names_the_new_message(mode: str) -> None:
    chunks = await ui_chunks(
        mode, MockLanguageModel(do_stream=text_stream_parts("hi")), {"generate_message_id": lambda: "msg-new"}
    )
    assert chunks[0] == {"type": "start", "messageId": "msg-new"}


def conversation(*, last_is_assistant: bool) -> list[UIMessage]:
    messages = [UIMessage.model_validate({"id": "u1", "role": "user", "parts": [{"type": "text", "text": "Hi"}]})]
    if last_is_assistant:
        messages.append(
            UIMessage.model_validate(
                {"id": "a1", "role": "assistant", "parts": [{"type": "text", "text": "Earlier", "state": "done"}]}
            )
        )
    return messages


async def test_on_finish_receives_the_conversation_with_the_new_message(mode: str) -> None:
    received, on_finish = finish_collector()
    original = conversation(last_is_assistant=False)
    chunks = await ui_chunks(
        mode,
        MockLanguageModel(do_stream=text_stream_parts("Hel", "lo")),
        {"original_messages": original, "generate_message_id": lambda: "a2", "on_finish": on_finish},
    )
    assert chunks[0] == {"type": "start", "messageId": "a2"}
    (finish,) = received
    assert finish.is_aborted is False
    assert finish.is_continuation is False
    assert finish.finish_reason == "stop"
    assert [message.id for message in finish.messages] == ["u1", "a2"]
    assert finish.response_message is finish.messages[-1]
    assert finish.response_message.to_dict() == {
        "id": "a2",
        "role": "assistant",
        "parts": [{"type": "step-start"}, {"type": "text", "text": "Hello", "state": "done"}],
    }


async def test_a_trailing_assistant_message_is_continued_with_its_id(mode: str) -> None:
    received, on_finish = finish_collector()
    original = conversation(last_is_assistant=True)
    chunks = await ui_chunks(
        mode,
        MockLanguageModel(do_stream=text_stream_parts("More")),
        {"original_messages": original, "generate_message_id": lambda: "unused", "on_finish": on_finish},
    )
    assert chunks[0] == {"type": "start", "messageId": "a1"}
    (finish,) = received
    assert finish.is_continuation is True
    assert [message.id for message in finish.messages] == ["u1", "a1"]
    texts = [part.text for part in finish.response_message.parts if part.type == "text"]  # type: ignore[union-attr]
    assert texts == ["Earlier", "More"]
    assert original[-1].parts[-1].text == "Earlier" and len(original[-1].parts) == 1  # type: ignore[union-attr]


async def test_original_messages_may_be_json_dicts(mode: str) -> None:
    received, on_finish = finish_collector()
    original = [message.to_dict() for message in conversation(last_is_assistant=True)]
    await ui_chunks(
        mode,
        MockLanguageModel(do_stream=text_stream_parts("x")),
        {"original_messages": original, "on_finish": on_finish},
    )
    assert received[0].response_message.id == "a1"
    assert all(isinstance(message, UIMessage) for message in received[0].messages)


async def test_a_model_error_keeps_the_partial_message_for_on_finish(mode: str) -> None:
    received, on_finish = finish_collector()
    await ui_chunks(mode, broken_model(), {"on_finish": on_finish})
    (finish,) = received
    assert finish.is_aborted is False
    assert finish.finish_reason is None
    assert [part.text for part in finish.response_message.parts if part.type == "text"] == ["Partial"]  # type: ignore[union-attr]


def test_client_disconnect_closes_the_model_stream_and_finishes_once_as_aborted() -> None:
    received, on_finish = finish_collector()
    model = MockLanguageModel(do_stream=lambda options: simulate_stream(text_stream_parts("a", "b", "c", "d")))
    result = stream_text(model=model, prompt="go")
    chunks = result.to_ui_message_stream(on_finish=on_finish)
    events = encode_ui_message_stream(chunks)
    seen = [next(events) for _ in range(4)]  # start, start-step, text-start, first delta
    assert seen[-1] == b'data: {"type":"text-delta","id":"text-1","delta":"a"}\n\n'
    events.close()  # type: ignore[attr-defined]  # what a WSGI server does when the client goes away
    assert model.streams[0].closed
    (finish,) = received
    assert finish.is_aborted is True
    assert [part.text for part in finish.response_message.parts if part.type == "text"] == ["a"]  # type: ignore[union-attr]


async def test_async_client_disconnect_closes_the_model_stream_and_finishes_once_as_aborted() -> None:
    received: list[UIMessageStreamFinish] = []

    async def on_finish(finish: UIMessageStreamFinish) -> None:  # async callbacks work in the async form
        received.append(finish)

    model = MockLanguageModel(do_stream=lambda options: simulate_stream(text_stream_parts("a", "b", "c", "d")))
    result = astream_text(model=model, prompt="go")
    chunks = result.to_ui_message_stream(on_finish=on_finish)
    seen = [await anext(chunks) for _ in range(4)]
    assert seen[-1]["delta"] == "a"
    await chunks.aclose()  # type: ignore[attr-defined]
    assert model.streams[0].closed
    (finish,) = received
    assert finish.is_aborted is True


async def test_async_consumer_cancellation_still_runs_on_finish() -> None:
    import anyio
    import anyio.lowlevel

    received: list[UIMessageStreamFinish] = []
    release = anyio.Event()

    async def slow_parts() -> Any:
        yield StreamStart()
        yield TextStart(id="t")
        yield TextDelta(id="t", delta="a")
        await release.wait()  # never set: the consumer is cancelled while waiting here
        yield TextEnd(id="t")

    async def on_finish(finish: UIMessageStreamFinish) -> None:
        await anyio.lowlevel.checkpoint()  # an await inside on_finish must survive the cancellation
        received.append(finish)

    model = MockLanguageModel(do_stream=lambda options: slow_parts())
    result = astream_text(model=model, prompt="go")
    chunks = result.to_ui_message_stream(on_finish=on_finish)
    got: list[Chunk] = []

    async def consume() -> None:
        async for chunk in chunks:
            got.append(chunk)
            if chunk["type"] == "text-delta":
                scope.cancel()

    with anyio.CancelScope() as scope:
        await consume()
    await chunks.aclose()  # type: ignore[attr-defined]
    assert types(got)[-1] == "text-delta"
    (finish,) = received
    assert finish.is_aborted is True


def test_a_plain_iterable_of_parts_that_raises_ends_with_an_error_chunk() -> None:
    def parts() -> Any:
        yield StartPart()
        raise RuntimeError("boom")

    chunks = list(to_ui_message_stream(parts()))
    assert chunks == [{"type": "start"}, {"type": "error", "errorText": DEFAULT_ERROR_TEXT}]


async def test_async_free_function_takes_an_async_iterable_of_parts() -> None:
    async def parts() -> Any:
        yield StartPart()
        yield ToolCall(tool_call_id="c", tool_name="t", input={"x": 1})

    chunks = [chunk async for chunk in ato_ui_message_stream(parts(), tools={})]
    assert chunks == [
        {"type": "start"},
        {"type": "tool-input-available", "toolCallId": "c", "toolName": "t", "input": {"x": 1}, "dynamic": False},
    ]


def test_unknown_options_and_async_callbacks_in_sync_are_refused() -> None:
    result = stream_text(model=MockLanguageModel(do_stream=text_stream_parts("x")), prompt="go")
    with pytest.raises(InvalidArgumentError, match="send_everything"):
        result.to_ui_message_stream(send_everything=True)  # type: ignore[call-arg]

    async def on_finish(finish: UIMessageStreamFinish) -> None:
        pass

    with pytest.raises(InvalidArgumentError, match="on_finish"):
        result.to_ui_message_stream(on_finish=on_finish)


async def test_text_stream_for_the_text_protocol(mode: str, caplog: pytest.LogCaptureFixture) -> None:
    if mode == "sync":
        assert list(
            stream_text(model=MockLanguageModel(do_stream=text_stream_parts("a", "b")), prompt="go").to_text_stream()
        ) == ["a", "b"]
        with caplog.at_level(logging.ERROR, logger="ai_sdk_core.ui"):
            broken = list(stream_text(model=broken_model(), prompt="go").to_text_stream())
    else:
        result = astream_text(model=MockLanguageModel(do_stream=text_stream_parts("a", "b")), prompt="go")
        assert [text async for text in result.to_text_stream()] == ["a", "b"]
        with caplog.at_level(logging.ERROR, logger="ai_sdk_core.ui"):
            broken = [text async for text in astream_text(model=broken_model(), prompt="go").to_text_stream()]
    assert broken == ["Partial"]  # the error ends the text instead of raising
    assert any(
        "upstream secret-free failure" in str(record.exc_info[1]) for record in caplog.records if record.exc_info
    )


async def test_chunks_of_a_run_encode_to_events_the_reader_reassembles(mode: str) -> None:
    from ai_sdk_core.ui import UIMessageAssembler

    chunks = await ui_chunks(mode, weather_model(), tools={"weather": tool(weather)}, stop_when=step_count_is(2))
    assembler = UIMessageAssembler(message_id="m")
    for chunk in chunks:
        assembler.process(chunk)
    parts = assembler.message.to_dict()["parts"]
    assert [part["type"] for part in parts] == ["step-start", "tool-weather", "step-start", "text"]
    assert parts[1]["state"] == "output-available"
    assert parts[1]["output"] == {"city": "Paris", "temperature": 21}
    assert mock_usage() is not None  # the mock usage helper stays importable from ai_sdk_core.testing


def test_malformed_original_messages_fail_at_the_call() -> None:
    result = stream_text(model=MockLanguageModel(do_stream=text_stream_parts("x")), prompt="go")
    with pytest.raises(InvalidArgumentError, match="original_messages"):
        result.to_ui_message_stream(original_messages=[{"id": "u1", "role": "robot"}], on_finish=lambda finish: None)


async def test_generated_id_names_the_finished_message_even_without_a_start_chunk(mode: str) -> None:
    received, on_finish = finish_collector()
    await ui_chunks(
        mode,
        MockLanguageModel(do_stream=text_stream_parts("x")),
        {"generate_message_id": lambda: "m-7", "send_start": False, "on_finish": on_finish},
    )
    assert received[0].response_message.id == "m-7"


def test_generate_message_id_is_not_called_when_continuing() -> None:
    calls: list[int] = []

    def generate() -> str:
        calls.append(1)
        return "new"

    result = stream_text(model=MockLanguageModel(do_stream=text_stream_parts("x")), prompt="go")
    chunks = list(
        result.to_ui_message_stream(
            original_messages=conversation(last_is_assistant=True), generate_message_id=generate
        )
    )
    assert chunks[0] == {"type": "start", "messageId": "a1"}
    assert calls == []


async def test_an_async_iterable_of_parts_that_raises_ends_with_an_error_chunk() -> None:
    async def parts() -> Any:
        yield StartPart()
        yield ToolOutputDenied(tool_call_id="call-1", tool_name="weather", input={})
        raise RuntimeError("boom")

    chunks = [chunk async for chunk in ato_ui_message_stream(parts())]
    assert chunks == [
        {"type": "start"},
        {"type": "tool-output-denied", "toolCallId": "call-1"},
        {"type": "error", "errorText": DEFAULT_ERROR_TEXT},
    ]


async def test_per_part_callbacks_must_be_plain_functions(mode: str) -> None:
    async def metadata(part: Any) -> Any:
        return None

    model = MockLanguageModel(do_stream=text_stream_parts("x"))
    result = stream_text(model=model, prompt="go") if mode == "sync" else astream_text(model=model, prompt="go")
    with pytest.raises(InvalidArgumentError, match="message_metadata"):
        result.to_ui_message_stream(message_metadata=metadata)
