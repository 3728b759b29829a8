"""stream_text specifics: laziness, several iterators, broken streams, early close."""

from __future__ import annotations

import contextlib
from typing import Any

import anyio
import anyio.lowlevel
import pytest

from ai_sdk_core import (
    AISDKError,
    ErrorPart,
    StreamInterruptedError,
    astream_text,
    step_count_is,
    stream_text,
    tool,
)
from ai_sdk_core.spec import Raw, StreamError, TextDelta, TextStart
from ai_sdk_core.testing.mock_models import MockLanguageModel, simulate_stream, text_stream_parts
from tests.core.conftest import Api

pytestmark = pytest.mark.anyio


def broken_parts(error: BaseException) -> list[Any]:
    return [TextStart(id="t"), TextDelta(id="t", delta="Hel"), TextDelta(id="t", delta="lo"), error]


async def test_nothing_is_sent_before_iteration() -> None:
    model = MockLanguageModel(do_stream=text_stream_parts("hi"))
    result = stream_text(model=model, prompt="go")
    async_result = astream_text(model=model, prompt="go")
    assert model.calls == []
    result.consume_stream()
    assert len(model.calls) == 1
    assert await async_result.text == "hi"
    assert len(model.calls) == 2


def test_each_iterator_sees_the_whole_stream() -> None:
    model = MockLanguageModel(do_stream=text_stream_parts("a", "b", "c"))
    result = stream_text(model=model, prompt="go")
    first = result.text_stream
    assert next(first) == "a"
    second = result.text_stream
    assert list(second) == ["a", "b", "c"]
    assert list(first) == ["b", "c"]
    types = [part.type for part in result.full_stream]
    assert (types[0], types[-1]) == ("start", "finish")
    assert len(model.calls) == 1


async def test_async_iterators_each_see_the_whole_stream() -> None:
    model = MockLanguageModel(do_stream=text_stream_parts("a", "b"))
    result = astream_text(model=model, prompt="go")
    assert [text async for text in result.text_stream] == ["a", "b"]
    assert [text async for text in result.text_stream] == ["a", "b"]
    assert await result.finish_reason == "stop"


@pytest.mark.parametrize(
    "failure",
    [StreamInterruptedError("connection cut"), StreamError(error=AISDKError("overloaded"))],
    ids=["interrupted", "error-part"],
)
async def test_broken_stream_keeps_partial_output(api: Api, failure: Any) -> None:
    errors: list[BaseException] = []
    model = MockLanguageModel(do_stream=[broken_parts(failure)])
    outcome = await api.stream(model=model, prompt="go", on_error=errors.append)
    assert [part.type for part in outcome.parts] == [
        "start",
        "start-step",
        "text-start",
        "text-delta",
        "text-delta",
        "error",
    ]
    last = outcome.parts[-1]
    assert isinstance(last, ErrorPart)
    assert outcome.text == "Hello"
    assert len(outcome.steps) == 1
    assert outcome.finish_reason == "error"
    assert outcome.error is last.error
    assert errors == [last.error]
    assert model.streams[0].closed


def test_text_stream_raises_after_partial_text() -> None:
    model = MockLanguageModel(do_stream=[broken_parts(StreamInterruptedError("cut"))])
    result = stream_text(model=model, prompt="go")
    received: list[str] = []
    with pytest.raises(StreamInterruptedError):
        for text in result.text_stream:
            received.append(text)
    assert received == ["Hel", "lo"]
    assert result.text == "Hello"


async def test_async_text_stream_raises_after_partial_text() -> None:
    model = MockLanguageModel(do_stream=[broken_parts(StreamInterruptedError("cut"))])
    result = astream_text(model=model, prompt="go")
    received: list[str] = []
    with pytest.raises(StreamInterruptedError):
        async for text in result.text_stream:
            received.append(text)
    assert received == ["Hel", "lo"]
    assert await result.text == "Hello"


async def test_failed_stream_open_becomes_error_part(api: Api) -> None:
    model = MockLanguageModel(do_stream=[ValueError("no stream")])
    outcome = await api.stream(model=model, prompt="go")
    assert [part.type for part in outcome.parts] == ["start", "error"]
    assert isinstance(outcome.error, ValueError)
    assert outcome.steps == []


def test_breaking_out_early_closes_the_model_stream() -> None:
    model = MockLanguageModel(do_stream=text_stream_parts("a", "b", "c", "d"))
    result = stream_text(model=model, prompt="go")
    for text in result.text_stream:
        assert text == "a"
        break
    assert model.streams[0].closed
    assert model.streams[0].consumed < 7
    assert result.text == "a"


def test_close_and_context_manager_close_the_model_stream() -> None:
    model = MockLanguageModel(do_stream=[text_stream_parts("a", "b"), text_stream_parts("c", "d")])
    with stream_text(model=model, prompt="go") as result:
        assert next(iter(result.text_stream)) == "a"
    assert model.streams[0].closed
    other = stream_text(model=model, prompt="go")
    stream = other.full_stream
    next(stream)
    next(stream)
    other.close()
    assert model.streams[1].closed


async def test_async_early_close_closes_the_model_stream() -> None:
    model = MockLanguageModel(do_stream=[text_stream_parts("a", "b", "c"), text_stream_parts("x", "y")])
    result = astream_text(model=model, prompt="go")
    async with contextlib.aclosing(result.text_stream) as texts:  # type: ignore[type-var]
        async for text in texts:
            assert text == "a"
            break
    assert model.streams[0].closed
    async with astream_text(model=model, prompt="go") as second:
        async for part in second.full_stream:
            if part.type == "text-delta":
                break
    assert model.streams[1].closed


async def test_raw_chunks_only_when_asked(api: Api) -> None:
    parts = [Raw(raw_value={"chunk": 1}), *text_stream_parts("hi")]
    without = await api.stream(model=MockLanguageModel(do_stream=list(parts)), prompt="go")
    with_raw = await api.stream(model=MockLanguageModel(do_stream=list(parts)), prompt="go", include_raw_chunks=True)
    assert "raw" not in [part.type for part in without.parts]
    assert [part.raw_value for part in with_raw.parts if part.type == "raw"] == [{"chunk": 1}]  # type: ignore[union-attr]


async def test_tool_error_in_stream_is_a_part_not_a_stream_error(api: Api) -> None:
    from ai_sdk_core.testing.mock_models import tool_call_stream_parts

    def fail() -> str:
        raise RuntimeError("nope")

    model = MockLanguageModel(do_stream=[tool_call_stream_parts(("c1", "fail", {})), text_stream_parts("ok")])
    outcome = await api.stream(model=model, prompt="go", tools={"fail": tool(fail)}, stop_when=step_count_is(2))
    types = [part.type for part in outcome.parts]
    assert "tool-error" in types and "error" not in types
    assert outcome.text == "ok"


def test_simulated_stream_with_delay_still_streams() -> None:
    model = MockLanguageModel(do_stream=lambda options: simulate_stream(text_stream_parts("x", "y"), delay=0.001))
    assert stream_text(model=model, prompt="go").text == "xy"


async def test_start_step_carries_the_call_warnings(api: Api) -> None:
    from ai_sdk_core.generate_text.stream_parts import StartStepPart
    from ai_sdk_core.spec import CallWarning, StreamStart

    warning = CallWarning(type="unsupported", feature="seed")
    parts = [StreamStart(warnings=[warning]), *text_stream_parts("ok")[1:]]
    outcome = await api.stream(model=MockLanguageModel(do_stream=parts), prompt="go")
    start_step = outcome.parts[1]
    assert isinstance(start_step, StartStepPart)
    assert list(start_step.warnings) == [warning]
    assert start_step.request.body == {"mock": True}
    assert list(outcome.steps[0].warnings) == [warning]


class HangingStream:
    """Sends one part, then waits forever (until cancelled); records whether it was closed."""

    def __init__(self) -> None:
        self.sent = False
        self.closed = False

    def __aiter__(self) -> HangingStream:
        return self

    async def __anext__(self) -> Any:
        if not self.sent:
            self.sent = True
            return TextStart(id="t")
        await anyio.sleep_forever()

    async def aclose(self) -> None:
        # Releasing a real HTTP response awaits too: this checkpoint fails unless the close is shielded.
        await anyio.lowlevel.checkpoint()
        self.closed = True


async def test_cancelled_consumer_closes_the_model_stream() -> None:
    hanging = HangingStream()
    result = astream_text(model=MockLanguageModel(do_stream=lambda options: hanging), prompt="go")
    first_part = anyio.Event()

    async def consume() -> None:
        async for part in result.full_stream:
            if part.type == "text-start":
                first_part.set()

    with anyio.fail_after(10):
        async with anyio.create_task_group() as group:
            group.start_soon(consume)
            await first_part.wait()
            group.cancel_scope.cancel()
    assert hanging.closed
