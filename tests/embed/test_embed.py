"""embed / embed_many / cosine_similarity over mock models, each test run sync and async."""

from __future__ import annotations

import io
import threading
from typing import Any

import anyio
import pytest

from ai_sdk_core.embed import (
    EmbedManyResult,
    EmbedResult,
    aembed,
    aembed_many,
    cosine_similarity,
    embed,
    embed_many,
)
from ai_sdk_core.spec import (
    APICallError,
    EmbeddingCallOptions,
    EmbeddingResult,
    EmbeddingUsage,
    InvalidArgumentError,
    ResponseInfo,
)
from ai_sdk_core.testing.mock_models import MockEmbeddingModel

pytestmark = pytest.mark.anyio


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


async def run_embed(mode: str, **arguments: Any) -> EmbedResult:
    return embed(**arguments) if mode == "sync" else await aembed(**arguments)


async def run_embed_many(mode: str, **arguments: Any) -> EmbedManyResult:
    return embed_many(**arguments) if mode == "sync" else await aembed_many(**arguments)


def retryable_error() -> APICallError:
    # retry-after-ms 0: the retry happens at once, the test never waits on a backoff.
    return APICallError(
        "overloaded", url="https://x.test/embeddings", status_code=503, response_headers={"retry-after-ms": "0"}
    )


async def test_embed_one_value(mode: str) -> None:
    model = MockEmbeddingModel(embed=lambda value: [float(len(value)), 0.5])
    result = await run_embed(
        mode, model=model, value="sunny day", headers={"x-a": "1"}, provider_options={"p": {"k": 1}}
    )
    assert result.value == "sunny day"
    assert result.embedding == [9.0, 0.5]
    assert result.usage == EmbeddingUsage(tokens=2)
    assert isinstance(result.response, ResponseInfo)
    assert model.calls[0].values == ["sunny day"]
    assert model.calls[0].headers == {"x-a": "1"}
    assert model.calls[0].provider_options == {"p": {"k": 1}}


async def test_embed_many_splits_keeps_order_and_sums_usage(mode: str) -> None:
    model = MockEmbeddingModel(embed=lambda value: [float(ord(value[0]))], max_embeddings_per_call=2)
    values = ["a x", "b", "c y z", "d", "e"]
    result = await run_embed_many(mode, model=model, values=values)
    # Batches may run in any order (in parallel): which values were sent together is what counts.
    assert sorted(list(call.values) for call in model.calls) == [["a x", "b"], ["c y z", "d"], ["e"]]
    assert result.values == values
    assert result.embeddings == [[97.0], [98.0], [99.0], [100.0], [101.0]]
    assert result.usage == EmbeddingUsage(tokens=3 + 4 + 1)  # words per batch, summed
    assert len(result.responses) == 3


class GatedModel:
    """Batches finish in reverse order: each batch waits until the batch after it finished."""

    specification_version = "v4"
    provider = "gated"
    model_id = "gated-1"
    max_embeddings_per_call = 1
    supports_parallel_calls = True

    def __init__(self, count: int) -> None:
        self.count = count
        self.finished: list[str] = []
        self.thread_events = [threading.Event() for _ in range(count)]
        self.async_events: list[anyio.Event] | None = None

    def _index(self, options: EmbeddingCallOptions) -> int:
        return int(options.values[0])

    def _result(self, index: int) -> EmbeddingResult:
        self.finished.append(str(index))
        return EmbeddingResult(embeddings=[[float(index)]], usage=EmbeddingUsage(tokens=index))

    def do_embed(self, options: EmbeddingCallOptions) -> EmbeddingResult:
        index = self._index(options)
        if index + 1 < self.count:
            assert self.thread_events[index + 1].wait(timeout=10), "the later batch never finished"
        result = self._result(index)
        self.thread_events[index].set()
        return result

    async def ado_embed(self, options: EmbeddingCallOptions) -> EmbeddingResult:
        if self.async_events is None:
            self.async_events = [anyio.Event() for _ in range(self.count)]
        index = self._index(options)
        if index + 1 < self.count:
            with anyio.fail_after(10):
                await self.async_events[index + 1].wait()
        result = self._result(index)
        self.async_events[index].set()
        return result


async def test_embed_many_keeps_order_when_batches_finish_out_of_order(mode: str) -> None:
    model = GatedModel(4)
    progress: list[tuple[int, int]] = []
    result = await run_embed_many(
        mode,
        model=model,
        values=["0", "1", "2", "3"],
        max_parallel_calls=4,
        on_progress=lambda done, total: progress.append((done, total)),
    )
    assert model.finished == ["3", "2", "1", "0"]
    assert result.embeddings == [[0.0], [1.0], [2.0], [3.0]]
    assert result.usage.tokens == 6
    assert progress == [(1, 4), (2, 4), (3, 4), (4, 4)]


class CountingModel:
    """Records how many calls were in flight at once; the first call of the batch starting with "retry" fails."""

    specification_version = "v4"
    provider = "counting"
    model_id = "counting-1"

    def __init__(self, *, per_call: int, parallel: bool, fail_first: set[str] | None = None) -> None:
        self.max_embeddings_per_call = per_call
        self.supports_parallel_calls = parallel
        self.in_flight = 0
        self.peak = 0
        self.lock = threading.Lock()
        self.fail_first = set(fail_first or ())
        self.attempts: list[str] = []

    def _enter(self, options: EmbeddingCallOptions) -> None:
        with self.lock:
            self.attempts.append(options.values[0])
            self.in_flight += 1
            self.peak = max(self.peak, self.in_flight)

    def _leave(self, options: EmbeddingCallOptions) -> EmbeddingResult:
        with self.lock:
            self.in_flight -= 1
            first = options.values[0]
            if first in self.fail_first:
                self.fail_first.discard(first)
                raise retryable_error()
        return EmbeddingResult(embeddings=[[1.0] for _ in options.values], usage=EmbeddingUsage(tokens=1))

    def do_embed(self, options: EmbeddingCallOptions) -> EmbeddingResult:
        self._enter(options)
        threading.Event().wait(0.005)  # lets other threads start, so a missing bound shows as a higher peak
        return self._leave(options)

    async def ado_embed(self, options: EmbeddingCallOptions) -> EmbeddingResult:
        self._enter(options)
        await anyio.sleep(0.005)
        return self._leave(options)


async def test_max_parallel_calls_bounds_batches_in_flight(mode: str) -> None:
    model = CountingModel(per_call=1, parallel=True)
    result = await run_embed_many(mode, model=model, values=[str(index) for index in range(8)], max_parallel_calls=2)
    assert len(result.embeddings) == 8
    assert 1 <= model.peak <= 2


async def test_no_parallel_calls_when_the_model_does_not_support_them(mode: str) -> None:
    model = CountingModel(per_call=1, parallel=False)
    await run_embed_many(mode, model=model, values=[str(index) for index in range(5)], max_parallel_calls=5)
    assert model.peak == 1
    assert model.attempts == ["0", "1", "2", "3", "4"]


async def test_each_batch_is_retried_on_its_own(mode: str) -> None:
    model = CountingModel(per_call=2, parallel=True, fail_first={"c"})
    result = await run_embed_many(mode, model=model, values=["a", "b", "c", "d", "e"])
    # Only the failed batch ("c", "d") was sent twice.
    assert sorted(model.attempts) == ["a", "c", "c", "e"]
    assert len(result.embeddings) == 5
    assert result.usage.tokens == 3


async def test_a_failing_batch_without_retries_raises_the_bare_error(mode: str) -> None:
    model = CountingModel(per_call=2, parallel=True, fail_first={"c"})
    with pytest.raises(APICallError, match="overloaded"):
        await run_embed_many(mode, model=model, values=["a", "b", "c", "d"], max_retries=None)


async def test_progress_bar_goes_to_stderr(mode: str, monkeypatch: pytest.MonkeyPatch) -> None:
    captured = io.StringIO()
    monkeypatch.setattr("sys.stderr", captured)
    model = MockEmbeddingModel(max_embeddings_per_call=3)
    await run_embed_many(
        mode, model=model, values=[f"v{index}" for index in range(7)], max_parallel_calls=1, progress=True
    )
    output = captured.getvalue()
    assert "3/7" in output and "6/7" in output
    assert output.endswith("] 7/7\n")
    assert "#" * 30 in output


async def test_bad_arguments_are_typed_errors(mode: str) -> None:
    model = MockEmbeddingModel()
    with pytest.raises(InvalidArgumentError, match="values"):
        await run_embed_many(mode, model=model, values="one string")
    with pytest.raises(InvalidArgumentError, match="max_parallel_calls"):
        await run_embed_many(mode, model=model, values=["a"], max_parallel_calls=0)
    with pytest.raises(InvalidArgumentError, match="max_retries"):
        await run_embed(mode, model=model, value="a", max_retries=-1)


async def test_empty_values_make_no_call(mode: str) -> None:
    model = MockEmbeddingModel(max_embeddings_per_call=2)
    result = await run_embed_many(mode, model=model, values=[])
    assert result.embeddings == [] and model.calls == []


def test_cosine_similarity() -> None:
    assert cosine_similarity([1.0, 0.0], [1.0, 0.0]) == pytest.approx(1.0)
    assert cosine_similarity([1.0, 0.0], [0.0, 2.0]) == pytest.approx(0.0)
    assert cosine_similarity([1.0, 2.0], [-1.0, -2.0]) == pytest.approx(-1.0)
    assert cosine_similarity([1.0, 2.0, 3.0], [4.0, 5.0, 6.0]) == pytest.approx(32 / (14**0.5 * 77**0.5))
    # As in the AI SDK: a zero vector has no direction, the similarity is 0 rather than a division error.
    assert cosine_similarity([0.0, 0.0], [1.0, 1.0]) == 0.0
    with pytest.raises(InvalidArgumentError, match="same length"):
        cosine_similarity([1.0], [1.0, 2.0])
