"""create_ui_message_stream / acreate_ui_message_stream: writers, merging, errors, early exit, on_finish."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import anyio
import pytest

from ai_sdk_core import astream_text, stream_text
from ai_sdk_core.spec.errors import InvalidArgumentError
from ai_sdk_core.testing import MockLanguageModel, text_stream_parts
from ai_sdk_core.ui import (
    AsyncUIMessageStreamWriter,
    UIMessage,
    UIMessageStreamFinish,
    UIMessageStreamWriter,
    acreate_ui_message_stream,
    create_ui_message_stream,
    encode_ui_message_stream,
)

pytestmark = pytest.mark.anyio

Chunk = dict[str, Any]
WAIT = 20.0  # seconds a test waits for an event before it reports a failure (a hang guard, not a timing check)


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


async def collect(mode: str, execute: Callable[[Any], Any], **options: Any) -> list[Chunk]:
    """Every chunk of a stream made with ``execute`` (a plain function, usable by both forms)."""
    if mode == "sync":
        return list(create_ui_message_stream(execute=execute, **options))
    return [chunk async for chunk in acreate_ui_message_stream(execute=execute, **options)]


def types(chunks: list[Chunk]) -> list[str]:
    return [chunk["type"] for chunk in chunks]


def write_weather(writer: UIMessageStreamWriter | AsyncUIMessageStreamWriter) -> None:
    writer.write({"type": "start"})
    writer.write({"type": "data-weather", "id": "w1", "data": {"status": "loading"}})
    writer.write({"type": "data-notice", "data": "just so you know", "transient": True})
    writer.write({"type": "data-weather", "id": "w1", "data": {"status": "done", "temperature": 21}})
    writer.write({"type": "finish", "finishReason": "stop"})


async def test_written_chunks_come_out_in_order_and_start_gets_an_id(mode: str) -> None:
    chunks = await collect(mode, write_weather, generate_id=lambda: "msg-9")
    assert chunks == [
        {"type": "start", "messageId": "msg-9"},
        {"type": "data-weather", "id": "w1", "data": {"status": "loading"}},
        {"type": "data-notice", "data": "just so you know", "transient": True},
        {"type": "data-weather", "id": "w1", "data": {"status": "done", "temperature": 21}},
        {"type": "finish", "finishReason": "stop"},
    ]


async def test_data_parts_update_in_place_and_transient_ones_are_not_stored(mode: str) -> None:
    received: list[UIMessageStreamFinish] = []
    await collect(mode, write_weather, on_finish=received.append, generate_id=lambda: "msg-9")
    (finish,) = received
    assert finish.response_message.to_dict()["parts"] == [
        {"type": "data-weather", "id": "w1", "data": {"status": "done", "temperature": 21}}
    ]
    assert finish.finish_reason == "stop"
    assert finish.is_aborted is False
    assert [message.id for message in finish.messages] == ["msg-9"]


async def test_message_metadata_is_merged_into_the_message(mode: str) -> None:
    def execute(writer: Any) -> None:
        writer.write({"type": "start", "messageMetadata": {"model": "m"}})
        writer.write({"type": "message-metadata", "messageMetadata": {"usage": {"tokens": 3}}})

    received: list[UIMessageStreamFinish] = []
    chunks = await collect(mode, execute, on_finish=received.append)
    assert chunks[1] == {"type": "message-metadata", "messageMetadata": {"usage": {"tokens": 3}}}
    assert received[0].response_message.metadata == {"model": "m", "usage": {"tokens": 3}}


async def test_an_exception_in_execute_is_a_masked_error_chunk_and_the_stream_ends(
    mode: str, caplog: pytest.LogCaptureFixture
) -> None:
    def execute(writer: Any) -> None:
        writer.write({"type": "start"})
        raise RuntimeError("database password wrong")

    with caplog.at_level(logging.ERROR, logger="ai_sdk_core.ui"):
        chunks = await collect(mode, execute)
    assert chunks[1:] == [{"type": "error", "errorText": "An error occurred."}]
    assert "database" not in str(chunks)
    (record,) = [record for record in caplog.records if record.name == "ai_sdk_core.ui"]
    assert record.exc_info is not None and "database password wrong" in str(record.exc_info[1])


async def test_on_error_chooses_the_error_text(mode: str) -> None:
    def execute(writer: Any) -> None:
        raise ValueError("bad")

    chunks = await collect(mode, execute, on_error=lambda error: f"Failed: {type(error).__name__}")
    assert chunks == [{"type": "error", "errorText": "Failed: ValueError"}]


async def test_an_on_error_that_raises_reaches_the_consumer(mode: str) -> None:
    def execute(writer: Any) -> None:
        raise ValueError("bad")

    def on_error(error: BaseException) -> str:
        raise LookupError("on_error is broken")

    with pytest.raises(LookupError, match="on_error is broken"):
        await collect(mode, execute, on_error=on_error)


async def test_what_is_not_a_chunk_fails_in_execute_and_becomes_an_error_chunk(mode: str) -> None:
    failures: list[BaseException] = []

    def execute(writer: Any) -> None:
        writer.write("text-delta")

    def on_error(error: BaseException) -> str:
        failures.append(error)
        return "bad chunk"

    chunks = await collect(mode, execute, on_error=on_error)
    assert chunks == [{"type": "error", "errorText": "bad chunk"}]
    assert type(failures[0]).__name__ == "UIMessageStreamError"


async def test_written_none_values_are_left_out_and_unknown_types_dropped(mode: str) -> None:
    def execute(writer: Any) -> None:
        writer.write({"type": "text-start", "id": "t", "providerMetadata": None})
        writer.write({"type": "no-such-chunk-type-here"})
        writer.write({"type": "text-end", "id": "t"})

    chunks = await collect(mode, execute)
    assert chunks == [{"type": "text-start", "id": "t"}, {"type": "text-end", "id": "t"}]


def test_a_chunk_reaches_the_consumer_before_execute_goes_on() -> None:
    consumer_has_it = threading.Event()
    execute_saw_it: list[bool] = []

    def execute(writer: UIMessageStreamWriter) -> None:
        writer.write({"type": "data-progress", "data": 1})
        execute_saw_it.append(consumer_has_it.wait(WAIT))  # the slow operation: waits for the consumer
        writer.write({"type": "data-progress", "data": 2})

    chunks = []
    for chunk in create_ui_message_stream(execute=execute):
        chunks.append(chunk)
        consumer_has_it.set()
    assert execute_saw_it == [True]
    assert [chunk["data"] for chunk in chunks] == [1, 2]


async def test_async_chunk_reaches_the_consumer_before_execute_goes_on() -> None:
    consumer_has_it = anyio.Event()

    async def execute(writer: AsyncUIMessageStreamWriter) -> None:
        writer.write({"type": "data-progress", "data": 1})
        await consumer_has_it.wait()  # the slow operation: waits for the consumer
        writer.write({"type": "data-progress", "data": 2})

    chunks = []
    with anyio.fail_after(WAIT):
        async for chunk in acreate_ui_message_stream(execute=execute):
            chunks.append(chunk)
            consumer_has_it.set()
    assert [chunk["data"] for chunk in chunks] == [1, 2]


def test_merge_runs_next_to_execute_and_to_other_merges() -> None:
    first_written = threading.Event()
    waited: list[bool] = []

    def first() -> Iterator[Chunk]:
        yield {"type": "data-a", "data": 1}
        first_written.set()
        yield {"type": "data-a", "data": 2}

    def second() -> Iterator[Chunk]:
        waited.append(first_written.wait(WAIT))  # only possible if `first` is read at the same time
        yield {"type": "data-b", "data": 1}

    def execute(writer: UIMessageStreamWriter) -> None:
        writer.merge(second())
        writer.merge(first())

    chunks = list(create_ui_message_stream(execute=execute))
    assert waited == [True]
    assert sorted((chunk["type"], chunk["data"]) for chunk in chunks) == [("data-a", 1), ("data-a", 2), ("data-b", 1)]


async def test_async_merges_are_read_concurrently_and_accept_sync_iterables() -> None:
    first_written = anyio.Event()

    async def first() -> AsyncIterator[Chunk]:
        yield {"type": "data-a", "data": 1}
        first_written.set()

    async def second() -> AsyncIterator[Chunk]:
        await first_written.wait()
        yield {"type": "data-b", "data": 1}

    def third() -> Iterator[Chunk]:
        yield {"type": "data-c", "data": 1}

    async def execute(writer: AsyncUIMessageStreamWriter) -> None:
        writer.merge(second())
        writer.merge(first())
        writer.merge([{"type": "data-d", "data": 1}])
        writer.merge(third())

    with anyio.fail_after(WAIT):
        chunks = [chunk async for chunk in acreate_ui_message_stream(execute=execute)]
    assert sorted(types(chunks)) == ["data-a", "data-b", "data-c", "data-d"]


async def test_merging_a_text_stream_result(mode: str) -> None:
    model = MockLanguageModel(do_stream=text_stream_parts("Hi"))
    received: list[UIMessageStreamFinish] = []

    if mode == "sync":

        def execute(writer: Any) -> None:
            writer.write({"type": "data-status", "data": "thinking"})
            writer.merge(stream_text(model=model, prompt="go").to_ui_message_stream())

        chunks = list(create_ui_message_stream(execute=execute, on_finish=received.append, generate_id=lambda: "m1"))
    else:

        async def aexecute(writer: Any) -> None:
            writer.write({"type": "data-status", "data": "thinking"})
            writer.merge(astream_text(model=model, prompt="go").to_ui_message_stream())

        chunks = [
            chunk
            async for chunk in acreate_ui_message_stream(
                execute=aexecute, on_finish=received.append, generate_id=lambda: "m1"
            )
        ]
    assert chunks[0] == {"type": "data-status", "data": "thinking"}
    assert chunks[1] == {"type": "start", "messageId": "m1"}
    assert types(chunks)[-1] == "finish"
    texts = [part.to_dict() for part in received[0].response_message.parts if part.type == "text"]
    assert texts == [{"type": "text", "text": "Hi", "state": "done"}]


async def test_a_trailing_assistant_message_is_continued(mode: str) -> None:
    original = [
        UIMessage.model_validate({"id": "u1", "role": "user", "parts": [{"type": "text", "text": "Hi"}]}),
        UIMessage.model_validate({"id": "a1", "role": "assistant", "parts": [{"type": "text", "text": "Yo"}]}),
    ]
    received: list[UIMessageStreamFinish] = []

    def execute(writer: Any) -> None:
        writer.write({"type": "start"})
        writer.write({"type": "data-x", "data": 1})

    chunks = await collect(mode, execute, original_messages=original, on_finish=received.append)
    assert chunks[0] == {"type": "start", "messageId": "a1"}
    (finish,) = received
    assert finish.is_continuation is True
    assert [message.id for message in finish.messages] == ["u1", "a1"]
    assert [part.type for part in finish.response_message.parts] == ["text", "data-x"]


async def test_an_abort_chunk_marks_the_finish_aborted(mode: str) -> None:
    received: list[UIMessageStreamFinish] = []

    def execute(writer: Any) -> None:
        writer.write({"type": "start"})
        writer.write({"type": "abort", "reason": "stopped"})

    await collect(mode, execute, on_finish=received.append)
    assert received[0].is_aborted is True


def test_consumer_leaving_early_finishes_once_as_aborted_and_stops_merges() -> None:
    received: list[UIMessageStreamFinish] = []
    merged_closed = threading.Event()
    consumer_left = threading.Event()
    execute_done = threading.Event()

    def endless() -> Iterator[Chunk]:
        try:
            while True:
                yield {"type": "data-tick", "data": 0}
        finally:
            merged_closed.set()

    def execute(writer: UIMessageStreamWriter) -> None:
        writer.write({"type": "start"})
        writer.merge(endless())
        consumer_left.wait(WAIT)
        writer.write({"type": "data-late", "data": "ignored"})  # no error: the writer ignores it
        execute_done.set()

    stream = create_ui_message_stream(execute=execute, on_finish=received.append, generate_id=lambda: "m1")
    events = encode_ui_message_stream(stream)
    assert next(events) == b'data: {"type":"start","messageId":"m1"}\n\n'
    assert next(events) == b'data: {"type":"data-tick","data":0}\n\n'
    events.close()  # type: ignore[attr-defined]  # what a WSGI server does when the client goes away
    consumer_left.set()
    assert merged_closed.wait(WAIT)
    assert execute_done.wait(WAIT)
    (finish,) = received
    assert finish.is_aborted is True
    assert finish.response_message.id == "m1"


class _LogRecorder(logging.Handler):
    """Collects the records of a logger and signals the first one (the log line is written in another thread)."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []
        self.logged = threading.Event()

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        self.logged.set()


def test_after_the_consumer_left_a_merge_is_never_read_and_an_error_is_still_logged() -> None:
    consumer_left = threading.Event()
    source_started = threading.Event()

    def model_stream() -> Iterator[Chunk]:
        source_started.set()  # where a model call would start
        yield {"type": "data-x", "data": 1}

    late = model_stream()

    def execute(writer: UIMessageStreamWriter) -> None:
        writer.write({"type": "start"})
        consumer_left.wait(WAIT)
        writer.merge(late)
        raise RuntimeError("failed after the client left")

    recorder = _LogRecorder()
    logger = logging.getLogger("ai_sdk_core.ui")
    logger.addHandler(recorder)
    try:
        stream = create_ui_message_stream(execute=execute)
        assert next(stream)["type"] == "start"
        stream.close()  # type: ignore[attr-defined]
        consumer_left.set()
        assert recorder.logged.wait(WAIT)
    finally:
        logger.removeHandler(recorder)
    assert not source_started.is_set()
    assert late.gi_frame is None  # closed unread
    (record,) = recorder.records
    assert record.levelno == logging.ERROR
    assert record.exc_info is not None and str(record.exc_info[1]) == "failed after the client left"


async def test_async_consumer_leaving_cancels_execute_and_merges_and_finishes_once() -> None:
    import anyio.lowlevel

    received: list[UIMessageStreamFinish] = []
    execute_cancelled = anyio.Event()
    merged_closed = anyio.Event()

    async def endless() -> AsyncIterator[Chunk]:
        try:
            while True:
                yield {"type": "data-tick", "data": 0}
                await anyio.lowlevel.checkpoint()
        finally:
            merged_closed.set()

    async def execute(writer: AsyncUIMessageStreamWriter) -> None:
        writer.write({"type": "start"})
        writer.merge(endless())
        try:
            await anyio.sleep_forever()
        except anyio.get_cancelled_exc_class():
            execute_cancelled.set()
            raise

    async def on_finish(finish: UIMessageStreamFinish) -> None:
        received.append(finish)

    stream = acreate_ui_message_stream(execute=execute, on_finish=on_finish)
    with anyio.fail_after(WAIT):
        assert (await anext(stream))["type"] == "start"
        assert (await anext(stream))["type"] == "data-tick"
        await stream.aclose()  # type: ignore[attr-defined]
    assert execute_cancelled.is_set()
    assert merged_closed.is_set()
    (finish,) = received
    assert finish.is_aborted is True


async def test_async_consumer_cancelled_from_outside_stops_execute() -> None:
    execute_cancelled = anyio.Event()
    received: list[UIMessageStreamFinish] = []

    async def execute(writer: AsyncUIMessageStreamWriter) -> None:
        writer.write({"type": "start"})
        try:
            await anyio.sleep_forever()
        except anyio.get_cancelled_exc_class():
            execute_cancelled.set()
            raise

    stream = acreate_ui_message_stream(execute=execute, on_finish=received.append)
    with anyio.move_on_after(WAIT) as outer, anyio.CancelScope() as scope:
        async for chunk in stream:
            assert chunk["type"] == "start"
            scope.cancel()  # the consumer's task is cancelled while it waits for the next chunk
    assert not outer.cancelled_caught
    await stream.aclose()  # type: ignore[attr-defined]
    assert execute_cancelled.is_set()
    assert len(received) == 1 and received[0].is_aborted


def test_async_callbacks_are_refused_by_the_sync_form() -> None:
    async def execute(writer: Any) -> None:
        pass

    with pytest.raises(InvalidArgumentError, match="execute"):
        create_ui_message_stream(execute=execute)


def test_an_execute_returning_an_awaitable_in_the_sync_form_is_an_error_chunk() -> None:
    async def later() -> None:
        pass

    failures: list[BaseException] = []

    def on_error(error: BaseException) -> str:
        failures.append(error)
        return "wrong form"

    chunks = list(create_ui_message_stream(execute=lambda writer: later(), on_error=on_error))
    assert chunks == [{"type": "error", "errorText": "wrong form"}]
    assert "acreate_ui_message_stream" in str(failures[0])


async def test_writer_exposes_on_error(mode: str) -> None:
    def execute(writer: Any) -> None:
        writer.write({"type": "error", "errorText": writer.on_error(RuntimeError("x"))})

    chunks = await collect(mode, execute, on_error=lambda error: f"masked {error}")
    assert chunks == [{"type": "error", "errorText": "masked x"}]


def test_an_async_on_error_is_refused_by_both_forms() -> None:
    async def on_error(error: BaseException) -> str:
        return "x"

    with pytest.raises(InvalidArgumentError, match="on_error"):
        create_ui_message_stream(execute=lambda writer: None, on_error=on_error)
    with pytest.raises(InvalidArgumentError, match="on_error"):
        acreate_ui_message_stream(execute=lambda writer: None, on_error=on_error)
