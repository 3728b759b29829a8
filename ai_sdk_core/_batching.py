"""Shared machinery of the non-text core functions (embed, images, speech, transcription, reranking).

* argument normalisation (``max_retries``, ``timeout``, model strings), the same rules as ``generate_text``;
* :func:`run_batches` / :func:`arun_batches`: run independent calls with bounded parallelism, keeping their
  order (a thread pool in sync code, an anyio task group in async code: a sync call never starts an event loop);
* :class:`ProgressReporter`: the ``on_progress`` callback and the optional stderr bar.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from typing import Any, TextIO, TypeVar

from ai_sdk_core.provider_utils.settings import NOT_GIVEN
from ai_sdk_core.spec import InvalidArgumentError, TimeoutConfig

__all__ = [
    "ProgressCallback",
    "ProgressReporter",
    "arun_batches",
    "merge_provider_metadata",
    "normalize_max_retries",
    "normalize_timeout",
    "resolve_model",
    "run_batches",
]

T = TypeVar("T")

ProgressCallback = Callable[[int, int], None]
"""``on_progress(done, total)``: called after each finished batch (from a worker thread in sync code)."""


def normalize_max_retries(value: Any) -> int:
    """``NOT_GIVEN`` -> 2 (the default), ``None`` -> 0, else an integer >= 0."""
    if value is NOT_GIVEN:
        return 2
    if value is None:
        return 0
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise InvalidArgumentError("expected an integer >= 0", argument="max_retries", value=value)
    return value


def normalize_timeout(value: Any) -> TimeoutConfig | None:
    """Total seconds (> 0) or a :class:`TimeoutConfig`; ``None``/``NOT_GIVEN``: the transport's default."""
    if value is NOT_GIVEN or value is None:
        return None
    if isinstance(value, TimeoutConfig):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return TimeoutConfig(total=float(value))
    raise InvalidArgumentError("expected seconds (> 0) or a TimeoutConfig", argument="timeout", value=value)


def resolve_model(model: Any, kind: str) -> Any:
    """A model object as is; a ``"provider:model"`` string through the built-in providers' ``<kind>_model``."""
    if model is None or model is NOT_GIVEN:
        raise InvalidArgumentError("a model is required", argument="model")
    if not isinstance(model, str):
        return model
    # Imported here: the registry loads providers lazily, and only string users need it.
    from ai_sdk_core.registry.builtin import builtin_provider
    from ai_sdk_core.registry.registry import split_model_id

    provider_name, model_id = split_model_id(model, ":", model_type=f"{kind}_model")
    provider = builtin_provider(provider_name, model_id=model)
    factory = getattr(provider, f"{kind}_model", None)
    if factory is None:
        raise InvalidArgumentError(f"provider {provider_name!r} has no {kind} models", argument="model", value=model)
    return factory(model_id)


def merge_provider_metadata(metadata: Sequence[dict[str, dict[str, Any]] | None]) -> dict[str, dict[str, Any]]:
    """Merge the provider metadata of several calls, per provider, later calls winning on equal keys."""
    merged: dict[str, dict[str, Any]] = {}
    for entry in metadata:
        for provider, values in (entry or {}).items():
            merged.setdefault(provider, {}).update(values)
    return merged


class ProgressReporter:
    """Counts finished work and reports it: ``on_progress(done, total)`` and, when ``bar`` is true, a stderr bar."""

    __slots__ = ("_lock", "bar", "callback", "done", "stream", "total")

    def __init__(
        self, total: int, *, callback: ProgressCallback | None, bar: bool, stream: TextIO | None = None
    ) -> None:
        self.total = total
        self.done = 0
        self.callback = callback
        self.bar = bar
        self.stream = stream
        self._lock = threading.Lock()  # sync batches finish on worker threads

    def advance(self, amount: int) -> None:
        """Record ``amount`` more units done and report."""
        with self._lock:
            self.done += amount
            done = self.done
            if self.bar:
                self._draw(done)
        if self.callback is not None:
            self.callback(done, self.total)

    def _draw(self, done: int) -> None:
        stream = self.stream or sys.stderr
        width = 30
        filled = width * done // self.total if self.total else width
        end = "\n" if done >= self.total else ""
        stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{self.total}{end}")
        stream.flush()


def run_batches(
    tasks: Sequence[Callable[[], T]], *, max_parallel: int, on_done: Callable[[int, T], None] | None = None
) -> list[T]:
    """Run ``tasks`` with at most ``max_parallel`` at a time (threads); results in task order.

    The first error is raised once the running tasks ended; tasks not started yet are cancelled.
    """
    results: list[Any] = [None] * len(tasks)
    if max_parallel <= 1 or len(tasks) <= 1:
        for index, task in enumerate(tasks):
            results[index] = task()
            if on_done is not None:
                on_done(index, results[index])
        return results
    with ThreadPoolExecutor(max_workers=min(max_parallel, len(tasks)), thread_name_prefix="ai-sdk-batch") as pool:
        futures: dict[Future[T], int] = {pool.submit(task): index for index, task in enumerate(tasks)}
        pending: set[Future[T]] = set(futures)
        while pending:
            finished, pending = wait(pending, return_when=FIRST_EXCEPTION)
            for future in finished:
                error = future.exception()
                if error is not None:
                    for waiting in pending:
                        waiting.cancel()
                    raise error
                index = futures[future]
                results[index] = future.result()
                if on_done is not None:
                    on_done(index, results[index])
    return results


async def arun_batches(
    tasks: Sequence[Callable[[], Awaitable[T]]],
    *,
    max_parallel: int,
    on_done: Callable[[int, T], None] | None = None,
) -> list[T]:
    """Async twin of :func:`run_batches` (an anyio task group bounded by a capacity limiter)."""
    import anyio

    results: list[Any] = [None] * len(tasks)
    errors: list[Exception] = []
    limiter = anyio.CapacityLimiter(max(1, max_parallel))

    async with anyio.create_task_group() as group:

        async def run(index: int, task: Callable[[], Awaitable[T]]) -> None:
            try:
                async with limiter:
                    results[index] = await task()
            except Exception as error:  # raised bare below, not wrapped in an ExceptionGroup
                errors.append(error)
                group.cancel_scope.cancel()
                return
            if on_done is not None:
                on_done(index, results[index])

        for index, task in enumerate(tasks):
            group.start_soon(run, index, task)
    if errors:
        raise errors[0]
    return results
