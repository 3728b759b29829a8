"""stream_text's shared buffer: every iterator sees the whole stream, while what is kept grows with the text and
not with the number of chunks (a late iterator replays merged deltas: same text, same other parts)."""

from __future__ import annotations

import gc
import threading
from typing import Any

import anyio
import anyio.lowlevel
import pytest

from ai_sdk_core import (
    AsyncStreamTextResult,
    ErrorPart,
    StreamInterruptedError,
    StreamTextResult,
    TextDeltaPart,
    TextStreamPart,
    astream_text,
    stream_text,
)
from ai_sdk_core.spec import Finish, FinishReason, StreamPart, StreamStart, TextDelta, TextEnd, TextStart, Usage
from ai_sdk_core.testing.mock_models import MockLanguageModel
from tests.core.conftest import Api

pytestmark = pytest.mark.anyio


class LazyParts:
    """A model stream of ``deltas`` text deltas made one at a time (nothing kept), sync and async; ``error``
    is raised after the deltas instead of ending the text (a connection cut)."""

    def __init__(self, deltas: int, error: BaseException | None = None) -> None:
        self.deltas = deltas
        self.error = error
        self.position = -2
        self.closed = False

    def __iter__(self) -> LazyParts:
        return self

    def __next__(self) -> StreamPart:
        self.position += 1
        position = self.position
        if self.closed:
            raise StopIteration
        if position == -1:
            return StreamStart()
        if position == 0:
            return TextStart(id="t")
        if position <= self.deltas:
            return TextDelta(id="t", delta=f"w{position} ")
        if self.error is not None:
            raise self.error
        if position == self.deltas + 1:
            return TextEnd(id="t")
        if position == self.deltas + 2:
            return Finish(usage=Usage(), finish_reason=FinishReason("stop"))
        raise StopIteration

    def __aiter__(self) -> LazyParts:
        return self

    async def __anext__(self) -> StreamPart:
        try:
            return next(self)
        except StopIteration:
            raise StopAsyncIteration from None

    def close(self) -> None:
        self.closed = True

    async def aclose(self) -> None:
        self.closed = True


def expected_text(deltas: int) -> str:
    return "".join(f"w{position} " for position in range(1, deltas + 1))


def lazy_model(deltas: int, error: BaseException | None = None) -> MockLanguageModel:
    return MockLanguageModel(do_stream=lambda options: LazyParts(deltas, error))


def start(api: Api, model: MockLanguageModel) -> StreamTextResult | AsyncStreamTextResult:
    if api.mode == "sync":
        return stream_text(model=model, prompt="go")
    return astream_text(model=model, prompt="go")


async def parts_of(result: StreamTextResult | AsyncStreamTextResult) -> list[TextStreamPart]:
    if isinstance(result, StreamTextResult):
        return list(result.full_stream)
    return [part async for part in result.full_stream]


async def texts_of(result: StreamTextResult | AsyncStreamTextResult) -> list[str]:
    if isinstance(result, StreamTextResult):
        return list(result.text_stream)
    return [text async for text in result.text_stream]


def text_in(parts: list[TextStreamPart]) -> str:
    return "".join(part.text for part in parts if isinstance(part, TextDeltaPart))


def not_deltas(parts: list[TextStreamPart]) -> list[TextStreamPart]:
    return [part for part in parts if not isinstance(part, TextDeltaPart)]


def live_deltas() -> int:
    """The stream parts alive now: what the buffer (or anything else) holds."""
    gc.collect()
    return sum(1 for item in gc.get_objects() if type(item) is TextDeltaPart)


async def test_a_replay_after_compaction_has_the_same_text_and_other_parts(api: Api) -> None:
    result = start(api, lazy_model(1_000))
    first = await parts_of(result)
    replay = await parts_of(result)
    assert text_in(first) == text_in(replay) == expected_text(1_000)
    assert [part.type for part in not_deltas(replay)] == [
        "start",
        "start-step",
        "text-start",
        "text-end",
        "finish-step",
        "finish",
    ]
    assert all(kept is seen for kept, seen in zip(not_deltas(replay), not_deltas(first), strict=True))
    assert len(replay) < len(first) // 2  # merged: fewer, larger deltas
    assert "".join(await texts_of(result)) == expected_text(1_000)


async def test_a_late_ui_message_stream_replays_the_whole_text(api: Api) -> None:
    result = start(api, lazy_model(1_000))
    await parts_of(result)
    if isinstance(result, StreamTextResult):
        chunks = list(result.to_ui_message_stream())
    else:
        chunks = [chunk async for chunk in result.to_ui_message_stream()]
    assert "".join(chunk["delta"] for chunk in chunks if chunk["type"] == "text-delta") == expected_text(1_000)
    assert chunks[-1]["type"] == "finish"


def test_two_sync_consumers_at_different_speeds_see_the_same_parts() -> None:
    result = stream_text(model=lazy_model(2_000), prompt="go")
    fast, slow = iter(result.full_stream), iter(result.full_stream)
    fast_parts: list[TextStreamPart] = []
    slow_parts: list[TextStreamPart] = []
    for part in fast:
        fast_parts.append(part)
        if len(fast_parts) % 3 == 0:
            slow_parts.append(next(slow))
    slow_parts += slow
    assert len(fast_parts) == 2_000 + 6
    assert all(one is other for one, other in zip(fast_parts, slow_parts, strict=True))


async def test_two_async_consumers_at_different_speeds_see_the_same_parts() -> None:
    result = astream_text(model=lazy_model(2_000), prompt="go")
    collected: dict[int, list[TextStreamPart]] = {1: [], 5: []}

    async def consume(every: int) -> None:
        async for part in result.full_stream:
            collected[every].append(part)
            if len(collected[every]) % every == 0:
                await anyio.lowlevel.checkpoint()

    async with anyio.create_task_group() as group:
        group.start_soon(consume, 1)
        group.start_soon(consume, 5)
    assert len(collected[1]) == 2_000 + 6
    assert all(one is other for one, other in zip(collected[1], collected[5], strict=True))


async def test_a_late_consumer_after_partial_consumption(api: Api) -> None:
    result = start(api, lazy_model(3_000))
    early: list[str] = []
    if isinstance(result, StreamTextResult):
        first = iter(result.text_stream)
        early += [next(first) for _ in range(1_700)]
        late = list(result.text_stream)
        early += first
    else:
        async_first = aiter(result.text_stream)
        early += [await anext(async_first) for _ in range(1_700)]
        late = [text async for text in result.text_stream]
        early += [text async for text in async_first]
    assert "".join(early) == "".join(late) == expected_text(3_000)
    assert len(early) == 3_000
    assert len(late) < 3_000 - 1_000


def test_an_abandoned_sync_consumer_holds_nothing_back() -> None:
    model = lazy_model(20_000)
    result = stream_text(model=model, prompt="go")
    abandoned, kept = iter(result.text_stream), iter(result.text_stream)
    received = [next(kept)]
    for _ in range(500):
        next(abandoned)
    abandoned.close()  # the other iterator is open: the model stream stays open
    for text in kept:
        received.append(text)
        if len(received) == 15_000:
            assert live_deltas() < 1_000
    assert "".join(received) == expected_text(20_000)
    assert model.streams[0].position > 20_000  # read to the end, not closed early


def test_a_consumer_dropped_without_closing_releases_its_parts() -> None:
    result = stream_text(model=lazy_model(20_000), prompt="go")
    dropped, kept = iter(result.text_stream), iter(result.text_stream)
    next(dropped)
    received = [next(kept)]
    del dropped  # collected: its ``finally`` runs
    for text in kept:
        received.append(text)
        if len(received) == 15_000:
            assert live_deltas() < 1_000
    assert "".join(received) == expected_text(20_000)


async def test_an_abandoned_async_consumer_holds_nothing_back() -> None:
    model = lazy_model(20_000)
    result = astream_text(model=model, prompt="go")
    abandoned, kept = aiter(result.text_stream), aiter(result.text_stream)
    received = [await anext(kept)]
    for _ in range(500):
        await anext(abandoned)
    await abandoned.aclose()  # type: ignore[attr-defined]
    async for text in kept:
        received.append(text)
        if len(received) == 15_000:
            assert live_deltas() < 1_000
    assert "".join(received) == expected_text(20_000)
    assert model.streams[0].position > 20_000


async def test_error_parts_are_kept_for_late_consumers(api: Api) -> None:
    result = start(api, lazy_model(1_000, StreamInterruptedError("cut")))
    first = await parts_of(result)
    replay = await parts_of(result)
    assert isinstance(first[-1], ErrorPart)
    assert replay[-1] is first[-1]
    assert text_in(replay) == expected_text(1_000)
    received: list[str] = []
    with pytest.raises(StreamInterruptedError):
        if isinstance(result, StreamTextResult):
            for text in result.text_stream:
                received.append(text)
        else:
            async for text in result.text_stream:
                received.append(text)
    assert "".join(received) == expected_text(1_000)


async def consume_and_count(api: Api, deltas: int) -> int:
    """Read a stream of ``deltas`` chunks; count the stream parts alive near its end."""
    result: Any = start(api, lazy_model(deltas))
    alive = -1
    received = 0
    if api.mode == "sync":
        for _ in result.text_stream:
            received += 1
            if received == deltas - 10:
                alive = live_deltas()
    else:
        async for _ in result.text_stream:
            received += 1
            if received == deltas - 10:
                alive = live_deltas()
    assert received == deltas
    return alive


async def test_what_is_kept_does_not_grow_with_the_chunk_count(api: Api) -> None:
    short = await consume_and_count(api, 2_000)
    long = await consume_and_count(api, 50_000)
    # A few hundred at most (the segment being read and the log's tail), whatever the length: keeping every
    # part would be 2,000 and 50,000.
    assert short < 1_000
    assert long < 1_000


def test_consumers_in_two_threads_both_get_the_whole_text() -> None:
    result = stream_text(model=lazy_model(20_000), prompt="go")
    texts: dict[int, str] = {}

    def consume(number: int) -> None:
        texts[number] = "".join(result.text_stream)

    threads = [threading.Thread(target=consume, args=(number,)) for number in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert texts == {0: expected_text(20_000), 1: expected_text(20_000)}
    assert result.text == expected_text(20_000)


class StallingParts:
    """A sync model stream that stalls before its end until ``release`` is set (at most ``patience`` seconds);
    ``stalled`` is set once it waits, ``timed_out`` records that nobody released it."""

    def __init__(self, deltas: int, patience: float) -> None:
        self.parts: list[StreamPart] = [StreamStart(), TextStart(id="t")]
        self.parts += [TextDelta(id="t", delta=f"w{position} ") for position in range(1, deltas + 1)]
        self.patience = patience
        self.stalled = threading.Event()
        self.release = threading.Event()
        self.timed_out = False

    def __iter__(self) -> StallingParts:
        return self

    def __next__(self) -> StreamPart:
        if self.parts:
            return self.parts.pop(0)
        if not self.stalled.is_set():
            self.stalled.set()
            self.timed_out = not self.release.wait(self.patience)
            return TextEnd(id="t")
        raise StopIteration


@pytest.mark.parametrize("deltas", [3, 600])  # within the first segment, and with a merged history
def test_a_sync_consumer_started_while_another_thread_waits_for_the_model_replays_at_once(deltas: int) -> None:
    stream = StallingParts(deltas, patience=5.0)
    result = stream_text(model=MockLanguageModel(do_stream=lambda options: stream), prompt="go")
    first: list[str] = []
    reader = threading.Thread(target=lambda: first.extend(result.text_stream))
    reader.start()
    assert stream.stalled.wait(30)  # the reader now waits inside the model stream
    late = iter(result.text_stream)
    received = [next(late)]  # what arrived so far is there: it must not wait for the model's next part
    stream.release.set()
    received += late
    reader.join()
    assert not stream.timed_out
    assert "".join(received) == "".join(first) == expected_text(deltas)
