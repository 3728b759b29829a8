"""The two drivers of the text-generation loop: one performs its effects blocking, one with ``await``.

Both are generators of the ``full_stream`` parts the loop emits (``generate_text`` just exhausts them).

Threads and loops:

* The sync driver never starts an event loop in the caller's thread, so it works inside Jupyter, inside a
  running loop's thread and in WSGI workers. Async tools and async callbacks it meets are run on a private
  event loop in a worker thread (an ``anyio`` blocking portal, started on first need and stopped when the run
  ends: one per run, shared by every async callback and tool of the run).
  Tools of one step run concurrently: sync ones in a thread pool (one tool alone runs in the caller's
  thread), each in a copy of the caller's ``contextvars`` context, async ones on the portal.
* The async driver runs sync tools in worker threads (``anyio.to_thread``) and async tools as tasks of one
  task group; sync callbacks are called directly (they should be quick).
"""

from __future__ import annotations

import contextvars
import inspect
import sys
import threading
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Generator, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any

from ai_sdk_core.generate_text.effects import (
    HAND_BACK,
    STREAM_END,
    CallModel,
    CloseStream,
    Download,
    Effect,
    Emit,
    ExecuteTools,
    Invoke,
    OpenStream,
    PumpStream,
)
from ai_sdk_core.generate_text.loop import LoopGenerator
from ai_sdk_core.generate_text.results import ToolError, ToolResult
from ai_sdk_core.generate_text.stream_parts import TextStreamPart
from ai_sdk_core.generate_text.tool_execution import ToolInvocation, finish_invocation, start_invocation
from ai_sdk_core.prompt.download import DownloadedFile, adownload, download
from ai_sdk_core.provider_utils.usage_reports import UsageReport, collect_usage_reports
from ai_sdk_core.spec.language_model import StreamResult

__all__ = ["run_async", "run_sync"]


async def _await(awaitable: Awaitable[Any]) -> Any:
    return await awaitable


class _LazyPortal:
    """A private event loop in a worker thread, started on first use, stopped by :meth:`close`."""

    __slots__ = ("_lock", "_portal", "_stack")

    def __init__(self) -> None:
        self._lock = threading.Lock()
        # Made with the portal: most runs never need one, and every run makes (and closes) this object.
        self._stack: ExitStack | None = None
        self._portal: Any = None

    def run(self, awaitable: Awaitable[Any]) -> Any:
        with self._lock:
            if self._portal is None:
                from anyio.from_thread import start_blocking_portal

                self._stack = self._stack or ExitStack()
                self._portal = self._stack.enter_context(start_blocking_portal())
            portal = self._portal
        return portal.call(_await, awaitable)

    def close(self) -> None:
        with self._lock:
            stack, self._stack, self._portal = self._stack, None, None
        if stack is not None:
            stack.close()


def _call_sync(function: Callable[..., Any], argument: Any, portal: _LazyPortal) -> Any:
    value = function(argument)
    if inspect.isawaitable(value):
        return portal.run(value)
    return value


def _run_invocation_sync(invocation: ToolInvocation, portal: _LazyPortal) -> ToolResult | ToolError:
    try:
        value = start_invocation(invocation)
        if inspect.isawaitable(value):
            value = portal.run(value)
    except Exception as error:
        return finish_invocation(invocation, None, error)
    return finish_invocation(invocation, value, None)


def _execute_tools_sync(invocations: Sequence[ToolInvocation], portal: _LazyPortal) -> list[ToolResult | ToolError]:
    if len(invocations) == 1:
        return [_run_invocation_sync(invocations[0], portal)]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=len(invocations), thread_name_prefix="ai-sdk-tool") as pool:
        # Each tool runs in a copy of the caller's context (as asyncio tasks do): a context cannot be entered by
        # two threads at once, and the caller's ContextVars (request ids, tracing spans) must reach the tools.
        futures = [
            pool.submit(contextvars.copy_context().run, _run_invocation_sync, invocation, portal)
            for invocation in invocations
        ]
        return [future.result() for future in futures]


@dataclass(slots=True)
class _OpenedStream(StreamResult[Any]):
    """The reply to ``OpenStream``: the stream result, plus the provider stream's ``usage_so_far`` when it has
    one (the loop gives it to the step, for an answer that ends without its finish part). Collected while the
    stream opens (``collect_usage_reports``): the stream held here is wrapped (leading-error peek, telemetry,
    middleware), and a wrapper's generator cannot offer the method."""

    usage_so_far: UsageReport | None = None


def _opened(result: StreamResult[Any], reports: list[UsageReport]) -> _OpenedStream:
    # The last stream registered is the one the (maybe retried) call returned; none when the model is no HTTP
    # part stream (a mock, a cache hit): its usage stays unknown until its finish part, as before.
    usage_so_far = reports[-1] if reports else None
    return _OpenedStream(
        stream=result.stream, request=result.request, response=result.response, usage_so_far=usage_so_far
    )


def _close_sync(stream: Any) -> None:
    close = getattr(stream, "close", None)
    if close is not None:
        close()


def _retries() -> Any:
    # The retry module (and anyio with it) loads on the first run, not with the SDK; later runs find it here.
    module = sys.modules.get("ai_sdk_core.provider_utils.retry")
    if module is None:
        from ai_sdk_core.provider_utils import retry as module
    return module


def run_sync(loop: LoopGenerator) -> Generator[TextStreamPart, None, None]:
    """Drive ``loop`` blocking; yields the parts it emits. Closing this iterator closes the model stream."""
    call_with_retries = _retries().call_with_retries
    stream: Any = None
    # What PumpStream reads: the stream's iterator, taken once so that each step boundary resumes it.
    reader: Iterator[Any] | None = None
    reply: Any = None
    failure: Exception | None = None
    # One private event loop for the whole run (started only if an async callback or tool shows up).
    portal = _LazyPortal()
    try:
        while True:
            try:
                effect: Effect = loop.throw(failure) if failure is not None else loop.send(reply)
            except StopIteration:
                return
            reply, failure = None, None
            if isinstance(effect, Emit):
                yield effect.part
                continue
            try:
                if isinstance(effect, PumpStream):
                    # The per-part hot path: no effect, no callback, no buffering between model and consumer.
                    assert reader is not None
                    feed = effect.feed
                    reply = STREAM_END
                    for part in reader:
                        output = feed(part)
                        if output is None:
                            continue
                        if output is HAND_BACK:
                            reply = part
                            break
                        yield output
                elif isinstance(effect, CallModel):
                    reply = call_with_retries(
                        effect.generate,
                        max_retries=effect.max_retries,
                        deadline=effect.deadline,
                        total_budget=effect.total_budget,
                    )
                elif isinstance(effect, OpenStream):
                    with collect_usage_reports() as reports:
                        opened = call_with_retries(
                            effect.open,
                            max_retries=effect.max_retries,
                            deadline=effect.deadline,
                            total_budget=effect.total_budget,
                        )
                    stream = opened.stream
                    reader = iter(stream)
                    reply = _opened(opened, reports)
                elif isinstance(effect, CloseStream):
                    if stream is not None:
                        current, stream, reader = stream, None, None
                        _close_sync(current)
                elif isinstance(effect, Invoke):
                    reply = _call_sync(effect.function, effect.argument, portal)
                elif isinstance(effect, ExecuteTools):
                    reply = _execute_tools_sync(effect.invocations, portal)
                elif isinstance(effect, Download):
                    downloaded: dict[str, DownloadedFile] = {}
                    for url in effect.urls:
                        downloaded[url] = download(url, effect.config)
                    reply = downloaded
                else:  # pragma: no cover - the loop yields only the effects above
                    raise TypeError(f"unknown effect {effect!r}")
            except Exception as error:
                failure = error
    finally:
        try:
            if stream is not None:
                _close_sync(stream)
            loop.close()
        finally:
            portal.close()


async def _call_async(function: Callable[..., Any], argument: Any) -> Any:
    value = function(argument)
    if inspect.isawaitable(value):
        return await value
    return value


async def _run_invocation_async(invocation: ToolInvocation) -> ToolResult | ToolError:
    import anyio.to_thread

    try:
        if inspect.iscoroutinefunction(invocation.tool.execute):
            value = start_invocation(invocation)
        else:
            value = await anyio.to_thread.run_sync(start_invocation, invocation)
        if inspect.isawaitable(value):
            value = await value
    except Exception as error:
        return finish_invocation(invocation, None, error)
    return finish_invocation(invocation, value, None)


async def _execute_tools_async(invocations: Sequence[ToolInvocation]) -> list[ToolResult | ToolError]:
    import anyio

    results: list[ToolResult | ToolError | None] = [None] * len(invocations)

    async def run(index: int) -> None:
        results[index] = await _run_invocation_async(invocations[index])

    async with anyio.create_task_group() as group:
        for index in range(len(invocations)):
            group.start_soon(run, index)
    return [result for result in results if result is not None]


async def _close_async(stream: Any) -> None:
    close = getattr(stream, "aclose", None)
    if close is not None:
        await close()


async def run_async(loop: LoopGenerator) -> AsyncGenerator[TextStreamPart, None]:
    """Drive ``loop`` with ``await``; yields the parts it emits. ``aclose()`` closes the model stream."""
    acall_with_retries = _retries().acall_with_retries

    stream: Any = None
    # What PumpStream reads: the stream's iterator, taken once so that each step boundary resumes it.
    reader: AsyncIterator[Any] | None = None
    reply: Any = None
    failure: Exception | None = None
    try:
        while True:
            try:
                effect: Effect = loop.throw(failure) if failure is not None else loop.send(reply)
            except StopIteration:
                return
            reply, failure = None, None
            if isinstance(effect, Emit):
                yield effect.part
                continue
            try:
                if isinstance(effect, PumpStream):
                    # The per-part hot path: one await per part, the model stream's own.
                    assert reader is not None
                    feed = effect.feed
                    reply = STREAM_END
                    async for part in reader:
                        output = feed(part)
                        if output is None:
                            continue
                        if output is HAND_BACK:
                            reply = part
                            break
                        yield output
                elif isinstance(effect, CallModel):
                    reply = await acall_with_retries(
                        effect.agenerate,
                        max_retries=effect.max_retries,
                        deadline=effect.deadline,
                        total_budget=effect.total_budget,
                    )
                elif isinstance(effect, OpenStream):
                    with collect_usage_reports() as reports:
                        opened = await acall_with_retries(
                            effect.aopen,
                            max_retries=effect.max_retries,
                            deadline=effect.deadline,
                            total_budget=effect.total_budget,
                        )
                    stream = opened.stream
                    reader = aiter(stream)
                    reply = _opened(opened, reports)
                elif isinstance(effect, CloseStream):
                    if stream is not None:
                        current, stream, reader = stream, None, None
                        await _close_async(current)
                elif isinstance(effect, Invoke):
                    reply = await _call_async(effect.function, effect.argument)
                elif isinstance(effect, ExecuteTools):
                    reply = await _execute_tools_async(effect.invocations)
                elif isinstance(effect, Download):
                    downloaded: dict[str, DownloadedFile] = {}
                    for url in effect.urls:
                        downloaded[url] = await adownload(url, effect.config)
                    reply = downloaded
                else:  # pragma: no cover - the loop yields only the effects above
                    raise TypeError(f"unknown effect {effect!r}")
            except Exception as error:
                failure = error
    finally:
        if stream is not None:
            import anyio

            # Shielded: when the consumer is cancelled, the HTTP response must still be released.
            with anyio.CancelScope(shield=True):
                await _close_async(stream)
        loop.close()
