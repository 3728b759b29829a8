"""``stream_text`` / ``astream_text``: stream the model's output (and the tool loop) as it arrives.

Both return at once; nothing is sent until the first iteration (or ``consume_stream()``)::

    result = stream_text(model=model, prompt="Tell me a story")
    for text in result.text_stream:
        print(text, end="")
    print(result.usage)                     # sync: aggregate properties wait for the end

    result = astream_text(model=model, prompt="Tell me a story")
    async for text in result.text_stream:
        print(text, end="")
    print(await result.usage)               # async: aggregate properties are awaitable

Several iterators may be made; each sees the whole stream (parts are buffered, the model is read on demand).
What is buffered grows with the text, not with the number of chunks: a part every open iterator has passed is
let go, and the record kept for iterators made later merges runs of adjacent deltas of a block (an iterator
started after the first few hundred parts replays the same content in fewer, larger deltas; see
:mod:`~ai_sdk_core.provider_utils.part_log`).
A step's tools run once the model's stream for that step has ended; their ``tool-result``/``tool-error`` parts
come before the step's ``finish-step``.
A stream that breaks keeps what arrived: ``full_stream`` yields an ``error`` part and ends, ``text_stream``
raises the error after the partial text, and ``text``/``steps``/... hold the partial output (``error`` says
what happened). Closing an iterator early (``break`` out of a sync ``for``; ``aclose()`` or
``contextlib.aclosing`` for ``async for``) while no other iterator is open closes the model stream, as do
``close()``/``aclose()`` and leaving ``with``/``async with``.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Generator, Iterator, Mapping, Sequence
from types import MappingProxyType, TracebackType
from typing import TYPE_CHECKING, Any, Final, Generic, Self, TypeVar, Unpack

from ai_sdk_core.generate_text.drivers import run_async, run_sync
from ai_sdk_core.generate_text.generate_text import GenerateTextOptions, settings_from_arguments
from ai_sdk_core.generate_text.loop import RunState, text_generation_loop
from ai_sdk_core.generate_text.output_stream import OutputStreamReader, OutputView, aiterate_view, iterate_view
from ai_sdk_core.generate_text.results import (
    ContentPart,
    GenerateTextResult,
    LanguageModelResponse,
    LanguageModelUsage,
    StepResult,
    ToolCall,
    ToolResult,
)
from ai_sdk_core.generate_text.settings import GenerationSettings
from ai_sdk_core.generate_text.stream_errors import stream_error_to_exception
from ai_sdk_core.generate_text.stream_parts import (
    ErrorPart,
    ReasoningDeltaPart,
    TextDeltaPart,
    TextStreamPart,
    ToolInputDeltaPart,
)
from ai_sdk_core.output import TextOutput
from ai_sdk_core.provider_utils.part_log import PartLog, Segment
from ai_sdk_core.spec.content import FileContent, ReasoningContent, SourceContent
from ai_sdk_core.spec.language_model import LanguageModel
from ai_sdk_core.spec.shared import CallWarning, ProviderMetadata, RequestInfo
from ai_sdk_core.telemetry.run import trace_loop
from ai_sdk_core.telemetry.settings import resolve_telemetry_settings

if TYPE_CHECKING:
    from ai_sdk_core.tools import Tool
    from ai_sdk_core.ui.from_text_stream import UIMessageStreamOptions

__all__ = [
    "AsyncStreamTextResult",
    "Deferred",
    "StreamTextOptions",
    "StreamTextResult",
    "astream_text",
    "stream_text",
]

T = TypeVar("T")

# The delta parts a late iterator may receive merged, and their text attribute.
_DELTA_FIELDS: Final[Mapping[type[Any], str]] = MappingProxyType(
    {TextDeltaPart: "text", ReasoningDeltaPart: "text", ToolInputDeltaPart: "delta"}
)


class StreamTextOptions(GenerateTextOptions, total=False):
    """``generate_text``'s arguments plus ``on_chunk`` (each content chunk), ``on_error`` (the error that
    ended the stream) and ``include_raw_chunks`` (emit the provider's raw chunks as ``raw`` parts)."""

    on_chunk: Callable[..., Any]
    on_error: Callable[..., Any]
    include_raw_chunks: bool


def _error_of(part: ErrorPart) -> BaseException:
    return stream_error_to_exception(part.error)


class StreamTextResult:
    """The sync result of :func:`stream_text`. Iterate ``full_stream`` or ``text_stream``; aggregate
    properties (``text``, ``usage``, ``steps``, ...) consume the rest of the stream first."""

    def __init__(
        self,
        model: LanguageModel | str,
        arguments: dict[str, Any],
        *,
        settings: GenerationSettings | None = None,
        operation_id: str = "ai.streamText",
    ) -> None:
        self._settings = settings or settings_from_arguments(model, arguments, function="stream_text", stream=True)
        self._telemetry = resolve_telemetry_settings(arguments.get("experimental_telemetry"))
        self._operation_id = operation_id
        self._state = RunState()
        self._driver: Generator[TextStreamPart, None, None] | None = None
        self._log: PartLog[TextStreamPart] = PartLog(_DELTA_FIELDS)
        self._done = False
        self._lock = threading.RLock()
        self._open_iterators = 0

    def _pump(self) -> None:
        """Read the next part from the driver into the buffer (under the lock: one reader at a time)."""
        with self._lock:
            if self._done:
                return
            driver = self._driver
            if driver is None:
                loop = text_generation_loop(self._settings, self._state, streaming=True)
                traced = trace_loop(loop, self._settings, self._state, self._telemetry, operation_id=self._operation_id)
                driver = self._driver = run_sync(traced)
            try:
                self._log.append(next(driver))
            except StopIteration:
                self._done = True

    def _iterate(self, *, text_only: bool) -> Generator[Any, None, None]:
        """Walk the shared log from the start, reading more from the driver when at its end. One generator for
        both views: ``text_only`` yields the text of text deltas and raises the error of an error part.

        The walk holds only its current segment of the log, so the parts it passed are freed once no other
        iterator needs them; a walk started late replays the log's merged history first."""
        self._open_iterators += 1
        finished = False
        try:
            # Not under self._lock: that one is held while a pump waits for the model, and what arrived so far
            # must be readable meanwhile (the log keeps its history and tail consistent by itself).
            segment: Segment[TextStreamPart] = self._log.start()
            parts = segment.parts
            index = 0
            while True:
                if index < len(parts):
                    part = parts[index]
                    index += 1
                    if not text_only:
                        yield part
                    elif type(part) is TextDeltaPart:
                        yield part.text
                    elif type(part) is ErrorPart:
                        raise _error_of(part)
                elif (following := segment.next) is not None:
                    # A segment gets its successor once full; another thread may have filled it since the
                    # length was read, so the length is read again before moving on.
                    if index >= len(parts):
                        segment, parts, index = following, following.parts, 0
                elif self._done:
                    if index >= len(parts):  # the last part may have arrived just before the end
                        finished = True
                        return
                else:
                    self._pump()
        finally:
            self._open_iterators -= 1
            if not finished and self._open_iterators == 0:
                self.close()

    @property
    def full_stream(self) -> Iterator[TextStreamPart]:
        """Every part (see :mod:`ai_sdk_core.generate_text.stream_parts`), from the start."""
        return self._iterate(text_only=False)

    @property
    def text_stream(self) -> Iterator[str]:
        """Text deltas only; raises the stream's error (after the partial text) if it broke."""
        return self._iterate(text_only=True)

    def _output_reader(self, view: OutputView) -> OutputStreamReader:
        settings = self._settings
        return OutputStreamReader(settings.output or TextOutput(), view, settings.output_tool)

    @property
    def tools(self) -> Mapping[str, Tool]:
        """The tools the call was given, by name (empty without tools), as a read-only mapping: what the UI
        message stream needs to tell dynamic tools apart."""
        return MappingProxyType(self._settings.tools)

    @property
    def partial_output_stream(self) -> Iterator[Any]:
        """Partial structured outputs of the final answer as it streams (each value differs from the one
        before): dicts for ``Output.object``, lists of the complete elements for ``Output.array``, the text so
        far without ``output``. Raises the stream's error if it broke."""
        return iterate_view(self.full_stream, self._output_reader("partial"))

    @property
    def element_stream(self) -> Iterator[Any]:
        """``Output.array``: each element once it is complete, validated (model instances for a model)."""
        return iterate_view(self.full_stream, self._output_reader("element"))

    def to_ui_message_stream(self, **options: Unpack[UIMessageStreamOptions]) -> Iterator[dict[str, Any]]:
        """The stream as UI message chunks for ``useChat`` (``ai_sdk_core.ui``, loaded on first use); encode them
        with ``encode_ui_message_stream``. Options: see :func:`ai_sdk_core.ui.to_ui_message_stream`."""
        from ai_sdk_core.ui.from_text_stream import to_ui_message_stream

        return to_ui_message_stream(self, **options)

    def to_text_stream(self) -> Iterator[str]:
        """The text deltas for ``streamProtocol: 'text'`` clients: like ``text_stream``, but an error is logged
        and ends the text instead of raising. Encode with ``encode_text_stream``."""
        from ai_sdk_core.ui.from_text_stream import to_text_stream

        return to_text_stream(self)

    @property
    def output(self) -> Any:
        """The structured output (see :attr:`GenerateTextResult.output`); raises ``NoObjectGeneratedError``."""
        return self._final().output

    def consume_stream(self) -> None:
        """Read the stream to its end without looking at it (runs the callbacks, fills the aggregates)."""
        while not self._done:
            self._pump()

    def close(self) -> None:
        """Stop the run now and close the model stream (aggregates keep what arrived)."""
        with self._lock:
            driver, self._driver = self._driver, None
            self._done = True
        if driver is not None:
            driver.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def _final(self) -> GenerateTextResult:
        self.consume_stream()
        return self._state.result()

    @property
    def error(self) -> BaseException | None:
        """The error that ended the stream, if any (after the stream ended)."""
        return self._final().error

    @property
    def text(self) -> str:
        """Text of the last step."""
        return self._final().text

    @property
    def content(self) -> list[ContentPart]:
        """Content of the last step."""
        return self._final().content

    @property
    def reasoning(self) -> list[ReasoningContent]:
        """Reasoning of the last step."""
        return self._final().reasoning

    @property
    def reasoning_text(self) -> str | None:
        """Reasoning text of the last step."""
        return self._final().reasoning_text

    @property
    def files(self) -> list[FileContent]:
        """Files of the last step."""
        return self._final().files

    @property
    def sources(self) -> list[SourceContent]:
        """Sources of every step."""
        return self._final().sources

    @property
    def tool_calls(self) -> list[ToolCall]:
        """Tool calls of the last step."""
        return self._final().tool_calls

    @property
    def tool_results(self) -> list[ToolResult]:
        """Tool results of the last step."""
        return self._final().tool_results

    @property
    def finish_reason(self) -> str:
        """Unified finish reason of the last step (``"error"`` when the stream broke)."""
        return self._final().finish_reason

    @property
    def raw_finish_reason(self) -> str | None:
        """The provider's own finish reason of the last step."""
        return self._final().raw_finish_reason

    @property
    def usage(self) -> LanguageModelUsage:
        """Usage of the last step."""
        return self._final().usage

    @property
    def total_usage(self) -> LanguageModelUsage:
        """Usage summed over every step."""
        return self._final().total_usage

    @property
    def steps(self) -> list[StepResult]:
        """Every step (a broken one included, with finish reason ``"error"``)."""
        return self._final().steps

    @property
    def response(self) -> LanguageModelResponse:
        """Response metadata of the last step, with every generated message."""
        return self._final().response

    @property
    def warnings(self) -> Sequence[CallWarning]:
        """Warnings of the last step."""
        return self._final().warnings

    @property
    def provider_metadata(self) -> ProviderMetadata | None:
        """Provider metadata of the last step."""
        return self._final().provider_metadata

    @property
    def request(self) -> RequestInfo:
        """What was sent in the last step."""
        return self._final().request


class Deferred(Generic[T]):
    """An aggregate of an async stream: ``await`` it to read the rest of the stream and get the value.

    Not a coroutine, so reading the attribute without awaiting it is harmless.
    """

    __slots__ = ("_getter", "_result")

    def __init__(self, result: AsyncStreamTextResult, getter: Callable[[GenerateTextResult], T]) -> None:
        self._result = result
        self._getter = getter

    def __await__(self) -> Generator[Any, None, T]:
        return self._resolve().__await__()

    async def _resolve(self) -> T:
        await self._result.consume_stream()
        return self._getter(self._result._state.result())


class AsyncStreamTextResult:
    """The async result of :func:`astream_text`. ``async for`` over ``full_stream`` or ``text_stream``;
    aggregate properties are awaitable (``await result.text``)."""

    def __init__(
        self,
        model: LanguageModel | str,
        arguments: dict[str, Any],
        *,
        settings: GenerationSettings | None = None,
        operation_id: str = "ai.streamText",
    ) -> None:
        self._settings = settings or settings_from_arguments(model, arguments, function="astream_text", stream=True)
        self._telemetry = resolve_telemetry_settings(arguments.get("experimental_telemetry"))
        self._operation_id = operation_id
        self._state = RunState()
        self._driver: AsyncGenerator[TextStreamPart, None] | None = None
        self._log: PartLog[TextStreamPart] = PartLog(_DELTA_FIELDS)
        self._done = False
        self._reading = False
        self._part_read: Any = None
        self._open_iterators = 0

    async def _pump(self) -> None:
        """Read the next part from the driver into the buffer; one task reads at a time, the others wait for
        its part. No lock and no checkpoint on the way: the model stream's own await is the only one per part."""
        if self._reading:
            import anyio

            if self._part_read is None:
                self._part_read = anyio.Event()
            await self._part_read.wait()
            return
        if self._done:
            return
        self._reading = True
        try:
            driver = self._driver
            if driver is None:
                loop = text_generation_loop(self._settings, self._state, streaming=True)
                traced = trace_loop(loop, self._settings, self._state, self._telemetry, operation_id=self._operation_id)
                driver = self._driver = run_async(traced)
            try:
                self._log.append(await anext(driver))
            except StopAsyncIteration:
                self._done = True
        finally:
            self._reading = False
            waiting, self._part_read = self._part_read, None
            if waiting is not None:
                waiting.set()

    async def _iterate(self, *, text_only: bool) -> AsyncGenerator[Any, None]:
        """Walk the shared log (see :meth:`StreamTextResult._iterate`; one task runs at a time here, so the
        segment checks need no second look)."""
        self._open_iterators += 1
        finished = False
        try:
            segment: Segment[TextStreamPart] = self._log.start()
            parts = segment.parts
            index = 0
            while True:
                if index < len(parts):
                    part = parts[index]
                    index += 1
                    if not text_only:
                        yield part
                    elif type(part) is TextDeltaPart:
                        yield part.text
                    elif type(part) is ErrorPart:
                        raise _error_of(part)
                elif (following := segment.next) is not None:
                    segment, parts, index = following, following.parts, 0
                elif self._done:
                    finished = True
                    return
                else:
                    await self._pump()
        finally:
            self._open_iterators -= 1
            if not finished and self._open_iterators == 0:
                await self.aclose()

    @property
    def full_stream(self) -> AsyncIterator[TextStreamPart]:
        """Every part, from the start (an async generator: ``aclose()`` it when leaving early)."""
        return self._iterate(text_only=False)

    @property
    def text_stream(self) -> AsyncIterator[str]:
        """Text deltas only; raises the stream's error (after the partial text) if it broke."""
        return self._iterate(text_only=True)

    def _output_reader(self, view: OutputView) -> OutputStreamReader:
        settings = self._settings
        return OutputStreamReader(settings.output or TextOutput(), view, settings.output_tool)

    @property
    def tools(self) -> Mapping[str, Tool]:
        """The tools the call was given, by name (see :attr:`StreamTextResult.tools`)."""
        return MappingProxyType(self._settings.tools)

    @property
    def partial_output_stream(self) -> AsyncIterator[Any]:
        """Partial structured outputs as they stream (see :attr:`StreamTextResult.partial_output_stream`)."""
        return aiterate_view(self.full_stream, self._output_reader("partial"))

    @property
    def element_stream(self) -> AsyncIterator[Any]:
        """``Output.array``: each element once it is complete, validated."""
        return aiterate_view(self.full_stream, self._output_reader("element"))

    def to_ui_message_stream(self, **options: Unpack[UIMessageStreamOptions]) -> AsyncIterator[dict[str, Any]]:
        """The stream as UI message chunks for ``useChat`` (an async iterator; ``on_finish`` may be async).
        Options: see :func:`ai_sdk_core.ui.to_ui_message_stream`."""
        from ai_sdk_core.ui.from_text_stream import ato_ui_message_stream

        return ato_ui_message_stream(self, **options)

    def to_text_stream(self) -> AsyncIterator[str]:
        """The text deltas for ``streamProtocol: 'text'`` clients (errors logged, not raised)."""
        from ai_sdk_core.ui.from_text_stream import ato_text_stream

        return ato_text_stream(self)

    @property
    def output(self) -> Awaitable[Any]:
        """The structured output; awaiting it raises ``NoObjectGeneratedError`` when the answer is invalid."""
        return self._deferred(lambda final: final.output)

    async def consume_stream(self) -> None:
        """Read the stream to its end without looking at it."""
        while not self._done:
            await self._pump()

    async def aclose(self) -> None:
        """Stop the run now and close the model stream (aggregates keep what arrived)."""
        driver, self._driver = self._driver, None
        self._done = True
        if driver is not None:
            await driver.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        await self.aclose()

    def _deferred(self, getter: Callable[[GenerateTextResult], T]) -> Deferred[T]:
        return Deferred(self, getter)

    @property
    def error(self) -> Awaitable[BaseException | None]:
        """The error that ended the stream, if any."""
        return self._deferred(lambda final: final.error)

    @property
    def text(self) -> Awaitable[str]:
        """Text of the last step."""
        return self._deferred(lambda final: final.text)

    @property
    def content(self) -> Awaitable[list[ContentPart]]:
        """Content of the last step."""
        return self._deferred(lambda final: final.content)

    @property
    def reasoning(self) -> Awaitable[list[ReasoningContent]]:
        """Reasoning of the last step."""
        return self._deferred(lambda final: final.reasoning)

    @property
    def reasoning_text(self) -> Awaitable[str | None]:
        """Reasoning text of the last step."""
        return self._deferred(lambda final: final.reasoning_text)

    @property
    def files(self) -> Awaitable[list[FileContent]]:
        """Files of the last step."""
        return self._deferred(lambda final: final.files)

    @property
    def sources(self) -> Awaitable[list[SourceContent]]:
        """Sources of every step."""
        return self._deferred(lambda final: final.sources)

    @property
    def tool_calls(self) -> Awaitable[list[ToolCall]]:
        """Tool calls of the last step."""
        return self._deferred(lambda final: final.tool_calls)

    @property
    def tool_results(self) -> Awaitable[list[ToolResult]]:
        """Tool results of the last step."""
        return self._deferred(lambda final: final.tool_results)

    @property
    def finish_reason(self) -> Awaitable[str]:
        """Unified finish reason of the last step."""
        return self._deferred(lambda final: final.finish_reason)

    @property
    def raw_finish_reason(self) -> Awaitable[str | None]:
        """The provider's own finish reason of the last step."""
        return self._deferred(lambda final: final.raw_finish_reason)

    @property
    def usage(self) -> Awaitable[LanguageModelUsage]:
        """Usage of the last step."""
        return self._deferred(lambda final: final.usage)

    @property
    def total_usage(self) -> Awaitable[LanguageModelUsage]:
        """Usage summed over every step."""
        return self._deferred(lambda final: final.total_usage)

    @property
    def steps(self) -> Awaitable[list[StepResult]]:
        """Every step."""
        return self._deferred(lambda final: final.steps)

    @property
    def response(self) -> Awaitable[LanguageModelResponse]:
        """Response metadata of the last step, with every generated message."""
        return self._deferred(lambda final: final.response)

    @property
    def warnings(self) -> Awaitable[Sequence[CallWarning]]:
        """Warnings of the last step."""
        return self._deferred(lambda final: final.warnings)

    @property
    def provider_metadata(self) -> Awaitable[ProviderMetadata | None]:
        """Provider metadata of the last step."""
        return self._deferred(lambda final: final.provider_metadata)

    @property
    def request(self) -> Awaitable[RequestInfo]:
        """What was sent in the last step."""
        return self._deferred(lambda final: final.request)


def stream_text(*, model: LanguageModel | str, **arguments: Unpack[StreamTextOptions]) -> StreamTextResult:
    """Stream text (running tools in a loop while ``stop_when`` allows); returns at once, sends on first read.

    Arguments are checked now (a bad prompt raises here); model errors arrive as an ``error`` part.
    """
    return StreamTextResult(model, dict(arguments))


def astream_text(*, model: LanguageModel | str, **arguments: Unpack[StreamTextOptions]) -> AsyncStreamTextResult:
    """Async twin of :func:`stream_text` (a plain function: the result is iterated with ``async for``)."""
    return AsyncStreamTextResult(model, dict(arguments))
