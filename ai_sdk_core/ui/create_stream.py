"""Custom UI message streams: ``execute`` writes chunks with a writer, merges other streams, and the consumer
reads them as they are written (the JS ``createUIMessageStream``)::

    def execute(writer: UIMessageStreamWriter) -> None:
        writer.write({"type": "data-weather", "id": "w1", "data": {"status": "loading"}})
        result = stream_text(model=model, messages=messages)
        writer.merge(result.to_ui_message_stream())
        writer.write({"type": "data-weather", "id": "w1", "data": {"status": "done"}})  # updates the same part

    body = encode_ui_message_stream(create_ui_message_stream(execute=execute, on_finish=save))

Data parts with an ``id`` are updated in place on the client by a later write with the same type and id;
``"transient": True`` parts reach the client's ``onData`` but never its message (nor ``on_finish``'s).
An exception in ``execute`` (or in a merged stream) becomes an ``error`` chunk with ``on_error``'s text (default
``"An error occurred."``; the real error is logged) and the stream still ends properly.

Sync: ``execute`` runs in a worker thread (each merged iterable in one more), so a chunk reaches the consumer as
soon as it is written, and the consumer's thread never runs an event loop. When the consumer stops early, the
writer ignores further writes and merged iterables are closed at their next chunk; ``execute`` itself runs to
its end (a thread cannot be interrupted).

Async (``acreate_ui_message_stream``, asyncio): ``execute`` (sync or async) runs as a task next to the
consumer, and each merged stream in its own task; cancelling or closing the consumer cancels them.
"""

from __future__ import annotations

import contextvars
import logging
import queue
import threading
from collections.abc import AsyncIterable, AsyncIterator, Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

from ai_sdk_core.ui.chunks import LATEST_PROTOCOL_VERSION
from ai_sdk_core.ui.finish import (
    ResponseMessageTracker,
    UIMessageStreamFinish,
    call_async_callback,
    call_sync_callback,
    check_sync_callback,
    generate_message_id,
    require_asyncio,
)
from ai_sdk_core.ui.from_text_stream import DEFAULT_ERROR_TEXT
from ai_sdk_core.ui.versions import adapt_chunk, clean_source, is_clean_source

if TYPE_CHECKING:
    import asyncio

    from ai_sdk_core.ui.messages import UIMessage

__all__ = [
    "AsyncUIMessageStreamWriter",
    "UIMessageStreamWriter",
    "acreate_ui_message_stream",
    "create_ui_message_stream",
]

logger = logging.getLogger("ai_sdk_core.ui")

Chunk = dict[str, Any]
OnError = Callable[[BaseException], str]


class _End:
    """Queued when every producer is done."""


_END: Final = _End()


class _Failure:
    """Queued when ``on_error`` itself raised: the consumer re-raises it (as the JS stream errors)."""

    __slots__ = ("error",)

    def __init__(self, error: BaseException) -> None:
        self.error = error


def _default_on_error(error: BaseException) -> str:
    return DEFAULT_ERROR_TEXT


def _clean(chunk: Any) -> list[Chunk]:
    """What execute wrote, made clean (see :mod:`ai_sdk_core.ui.versions`): None values out, a type unknown to
    7.x dropped. Raises UIMessageStreamError for a value that is not a chunk (in execute, where the bug is)."""
    return adapt_chunk(chunk, LATEST_PROTOCOL_VERSION)


class _Producers:
    """What both writers share: the count of running producers (execute and each merge), the error path and
    the put function of the consumer's queue. Thread-safe (the sync writer's producers are threads)."""

    __slots__ = ("_lock", "_running", "closed", "on_error", "put")

    def __init__(self, put: Callable[[Any], None], on_error: OnError) -> None:
        self.put = put
        self.on_error = on_error
        self.closed = False
        self._running = 1  # execute
        self._lock = threading.Lock()

    def add(self) -> None:
        with self._lock:
            self._running += 1

    def done(self) -> None:
        with self._lock:
            self._running -= 1
            last = self._running == 0
        if last:
            self.put(_END)

    def write(self, chunk: Any) -> None:
        cleaned = _clean(chunk)
        if not self.closed:
            for item in cleaned:
                self.put(item)

    def write_clean(self, chunk: Chunk) -> None:
        if not self.closed:
            self.put(chunk)

    def fail(self, error: BaseException) -> None:
        """An error of execute or of a merged stream: log it, send on_error's text."""
        if self.closed:
            # Nobody reads the error chunk any more, but the server must still hear of the error.
            logger.error("UI message stream error after the consumer stopped reading", exc_info=error)
            return
        try:
            text = str(self.on_error(error))
        except Exception as on_error_error:
            logger.error("on_error raised while handling a UI message stream error", exc_info=on_error_error)
            self.put(_Failure(on_error_error))
            return
        logger.error("UI message stream error (the client sees %r)", text, exc_info=error)
        self.put({"type": "error", "errorText": text})


class UIMessageStreamWriter:
    """What ``execute`` receives in :func:`create_ui_message_stream`."""

    __slots__ = ("_producers",)

    def __init__(self, producers: _Producers) -> None:
        self._producers = producers

    @property
    def on_error(self) -> OnError:
        """The stream's ``on_error`` (to mask errors the same way in chunks written by hand)."""
        return self._producers.on_error

    def write(self, chunk: Mapping[str, Any]) -> None:
        """Send one chunk now (ignored once the consumer has gone)."""
        self._producers.write(chunk)

    def merge(self, chunks: Iterable[Mapping[str, Any]]) -> None:
        """Send every chunk of ``chunks`` (read in a thread of its own, next to ``execute``); returns at once.
        Once the consumer has gone, ``chunks`` is closed unread (a model stream is never started for nobody)."""
        producers = self._producers
        if producers.closed:
            _close_unread(chunks)
            return
        producers.add()
        context = contextvars.copy_context()
        threading.Thread(
            target=context.run, args=(_pump_sync, iter(chunks), producers), name="ui-message-merge", daemon=True
        ).start()


def _close_unread(chunks: object) -> None:
    close = getattr(chunks, "close", None)
    if close is not None:
        close()


def _pump_sync(iterator: Iterator[Any], producers: _Producers) -> None:
    write = producers.write_clean if is_clean_source(iterator) else producers.write
    try:
        # Checked before each read, so that nothing is read (a model call started) for a consumer that has gone.
        while not producers.closed:
            try:
                chunk = next(iterator)
            except StopIteration:
                break
            write(chunk)
    except Exception as error:
        producers.fail(error)
    finally:
        try:
            close = getattr(iterator, "close", None)
            if close is not None:
                close()
        finally:
            producers.done()


def _run_execute_sync(execute: Callable[[UIMessageStreamWriter], Any], producers: _Producers) -> None:
    try:
        value = execute(UIMessageStreamWriter(producers))
        if hasattr(value, "__await__"):
            close = getattr(value, "close", None)
            if close is not None:
                close()
            raise TypeError("execute returned an awaitable: use acreate_ui_message_stream for an async execute")
    except Exception as error:
        producers.fail(error)
    finally:
        producers.done()


def _tracker(
    original_messages: Sequence[Any] | None, generate_id: Callable[[], str] | None, track: bool, protocol_version: int
) -> ResponseMessageTracker:
    return ResponseMessageTracker(
        original_messages=original_messages,
        message_id=generate_id or generate_message_id,
        track=track,
        protocol_version=protocol_version,
    )


def create_ui_message_stream(
    *,
    execute: Callable[[UIMessageStreamWriter], Any],
    on_error: OnError | None = None,
    original_messages: Sequence[UIMessage | Mapping[str, Any]] | None = None,
    on_finish: Callable[[UIMessageStreamFinish], Any] | None = None,
    generate_id: Callable[[], str] | None = None,
    protocol_version: int = LATEST_PROTOCOL_VERSION,
) -> Iterator[Chunk]:
    """A UI message stream written by ``execute(writer)`` (see the module docs), read as chunks in this thread.

    ``original_messages``: the conversation; when it ends with an assistant message, the stream continues it
    (its id goes into ``start`` chunks). Otherwise ``start`` chunks without a ``messageId`` get
    ``generate_id()``. ``on_finish``: called once with a :class:`UIMessageStreamFinish` when the stream ends or
    the consumer stops early (``is_aborted``). ``protocol_version``: the major of the client's npm ``ai``
    package (5, 6 or 7, the default), as given to the encoder: the chunks stay 7.x chunks, but ``on_finish``
    gets the message as that client assembles them. ``execute``, ``on_error`` and ``on_finish`` are plain
    functions here; use :func:`acreate_ui_message_stream` for async ones.
    """
    check_sync_callback("execute", execute)
    check_sync_callback("on_finish", on_finish)
    check_sync_callback("on_error", on_error, has_async_form=False)
    tracker = _tracker(original_messages, generate_id, on_finish is not None, protocol_version)
    return _consume_sync(execute, on_error or _default_on_error, tracker, on_finish)


@clean_source
def _consume_sync(
    execute: Callable[[UIMessageStreamWriter], Any],
    on_error: OnError,
    tracker: ResponseMessageTracker,
    on_finish: Callable[[UIMessageStreamFinish], Any] | None,
) -> Iterator[Chunk]:
    chunks: queue.SimpleQueue[Any] = queue.SimpleQueue()
    producers = _Producers(chunks.put, on_error)
    context = contextvars.copy_context()
    threading.Thread(
        target=context.run, args=(_run_execute_sync, execute, producers), name="ui-message-execute", daemon=True
    ).start()
    completed = False
    try:
        while True:
            item = chunks.get()
            if item is _END:
                break
            if type(item) is _Failure:
                raise item.error
            yield tracker.process(item)
        completed = True
    finally:
        producers.closed = True
        finish = tracker.finish(aborted=not completed)
        if finish is not None and on_finish is not None:
            call_sync_callback("on_finish", on_finish, finish)


# -- async ---------------------------------------------------------------------------------------------------


class AsyncUIMessageStreamWriter:
    """What ``execute`` receives in :func:`acreate_ui_message_stream` (``write`` and ``merge`` do not block)."""

    __slots__ = ("_producers", "_tasks")

    def __init__(self, producers: _Producers, tasks: set[asyncio.Task[None]]) -> None:
        self._producers = producers
        self._tasks = tasks

    @property
    def on_error(self) -> OnError:
        """The stream's ``on_error``."""
        return self._producers.on_error

    def write(self, chunk: Mapping[str, Any]) -> None:
        """Send one chunk now (ignored once the consumer has gone)."""
        self._producers.write(chunk)

    def merge(self, chunks: AsyncIterable[Mapping[str, Any]] | Iterable[Mapping[str, Any]]) -> None:
        """Send every chunk of ``chunks``, read by a task of its own; returns at once. A sync iterable that is
        not a list or tuple is read in worker threads, so that a blocking one does not stall the event loop."""
        import asyncio

        producers = self._producers
        if producers.closed:
            return
        producers.add()
        task = asyncio.ensure_future(_pump_async(chunks, producers))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)


_EXHAUSTED: Final = object()


async def _pump_async(chunks: AsyncIterable[Any] | Iterable[Any], producers: _Producers) -> None:
    try:
        if isinstance(chunks, list | tuple):
            for chunk in chunks:
                producers.write(chunk)
        elif hasattr(chunks, "__aiter__"):
            iterator = aiter(chunks)  # type: ignore[arg-type]
            write = producers.write_clean if is_clean_source(iterator) else producers.write
            try:
                async for chunk in iterator:
                    write(chunk)
            finally:
                close = getattr(iterator, "aclose", None)
                if close is not None:
                    await close()
        else:
            import anyio.to_thread

            sync_iterator = iter(chunks)
            while True:
                # abandon_on_cancel: a blocked read must not hold up the consumer's cancellation.
                chunk = await anyio.to_thread.run_sync(next, sync_iterator, _EXHAUSTED, abandon_on_cancel=True)
                if chunk is _EXHAUSTED:
                    break
                producers.write(chunk)
    except Exception as error:
        producers.fail(error)
    finally:
        producers.done()


async def _run_execute_async(
    execute: Callable[[AsyncUIMessageStreamWriter], Any],
    producers: _Producers,
    tasks: set[asyncio.Task[None]],
) -> None:
    try:
        value = execute(AsyncUIMessageStreamWriter(producers, tasks))
        if hasattr(value, "__await__"):
            await value
    except Exception as error:
        producers.fail(error)
    finally:
        producers.done()


def acreate_ui_message_stream(
    *,
    execute: Callable[[AsyncUIMessageStreamWriter], Any],
    on_error: OnError | None = None,
    original_messages: Sequence[UIMessage | Mapping[str, Any]] | None = None,
    on_finish: Callable[[UIMessageStreamFinish], Any] | None = None,
    generate_id: Callable[[], str] | None = None,
    protocol_version: int = LATEST_PROTOCOL_VERSION,
) -> AsyncIterator[Chunk]:
    """Async twin of :func:`create_ui_message_stream`: ``execute`` may be ``async def`` (or a plain function),
    ``on_finish`` too (``on_error`` is a plain function in both forms). Needs asyncio (FastAPI, Starlette, Django
    under ASGI). A plain ``execute`` runs on the event loop, so it must not block: hand a sync stream to
    ``writer.merge`` (read in worker threads) rather than iterating it there."""
    check_sync_callback("on_error", on_error, has_async_form=False)
    tracker = _tracker(original_messages, generate_id, on_finish is not None, protocol_version)
    return _consume_async(execute, on_error or _default_on_error, tracker, on_finish)


@clean_source
async def _consume_async(
    execute: Callable[[AsyncUIMessageStreamWriter], Any],
    on_error: OnError,
    tracker: ResponseMessageTracker,
    on_finish: Callable[[UIMessageStreamFinish], Any] | None,
) -> AsyncIterator[Chunk]:
    import asyncio

    require_asyncio("acreate_ui_message_stream")

    chunks: asyncio.Queue[Any] = asyncio.Queue()
    producers = _Producers(chunks.put_nowait, on_error)
    tasks: set[asyncio.Task[None]] = set()
    execute_task = asyncio.ensure_future(_run_execute_async(execute, producers, tasks))
    tasks.add(execute_task)
    execute_task.add_done_callback(tasks.discard)
    completed = False
    try:
        while True:
            item = await chunks.get()
            if item is _END:
                break
            if type(item) is _Failure:
                raise item.error
            yield tracker.process(item)
        completed = True
    finally:
        producers.closed = True
        import anyio

        # Shielded: the consumer may be leaving because it was cancelled; the tasks must still be stopped and
        # on_finish (persistence) must still run.
        with anyio.CancelScope(shield=True):
            running = [task for task in tasks if not task.done()]
            for task in running:
                task.cancel()
            if running:
                await asyncio.wait(running)
            finish = tracker.finish(aborted=not completed)
            if finish is not None and on_finish is not None:
                await call_async_callback(on_finish, finish)
