"""``stream_object`` / ``astream_object``: stream one structured value as it is generated.

Both return at once; nothing is sent until the first read::

    result = stream_object(model=model, schema=Recipe, prompt="A lasagna recipe.")
    for partial in result.partial_object_stream:
        print(partial)                # {"name": "Las"}, {"name": "Lasagna"}, ...
    print(result.object)              # Recipe(...), or raises NoObjectGeneratedError

    result = astream_object(model=model, output="array", schema=Recipe, prompt="Three recipes.")
    async for recipe in result.element_stream:
        print(recipe)                 # each Recipe once complete
    print(await result.object)

Several views may be read, each from the start (the parts are buffered by the underlying text stream).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from types import TracebackType
from typing import Any, Self, TypeVar, Unpack

from ai_sdk_core.generate_object.generate_object import GenerateObjectOptions, object_settings
from ai_sdk_core.generate_text.output_stream import OutputStreamReader, OutputView, aiterate_view, iterate_view
from ai_sdk_core.generate_text.results import GenerateTextResult, LanguageModelResponse, LanguageModelUsage
from ai_sdk_core.generate_text.stream_parts import TextStreamPart
from ai_sdk_core.generate_text.stream_text import AsyncStreamTextResult, Deferred, StreamTextResult
from ai_sdk_core.spec.language_model import LanguageModel
from ai_sdk_core.spec.shared import CallWarning, ProviderMetadata, RequestInfo

__all__ = ["AsyncStreamObjectResult", "StreamObjectOptions", "StreamObjectResult", "astream_object", "stream_object"]

T = TypeVar("T")


class StreamObjectOptions(GenerateObjectOptions, total=False):
    """``generate_object``'s arguments plus ``on_error`` (the error that ended the stream)."""

    on_error: Callable[..., Any]


class StreamObjectResult:
    """The sync result of :func:`stream_object`; aggregates (``object``, ``usage``, ...) wait for the end."""

    def __init__(self, model: LanguageModel | str, arguments: dict[str, Any]) -> None:
        settings = object_settings(model, arguments, function="stream_object", stream=True)
        telemetry = {"experimental_telemetry": arguments.get("experimental_telemetry")}
        self._text = StreamTextResult(model, telemetry, settings=settings, operation_id="ai.streamObject")

    def _reader(self, view: OutputView) -> OutputStreamReader:
        settings = self._text._settings
        assert settings.output is not None
        return OutputStreamReader(settings.output, view, settings.output_tool)

    @property
    def partial_object_stream(self) -> Iterator[Any]:
        """Partial values as the answer streams, each different from the one before (dicts for objects, the
        complete elements for arrays). Raises the stream's error if it broke."""
        return iterate_view(self._text.full_stream, self._reader("partial"))

    @property
    def element_stream(self) -> Iterator[Any]:
        """``output="array"``: each element once complete, validated."""
        return iterate_view(self._text.full_stream, self._reader("element"))

    @property
    def text_stream(self) -> Iterator[str]:
        """The JSON text of the answer as it streams (the forced tool's input in tool mode)."""
        return iterate_view(self._text.full_stream, self._reader("text"))

    @property
    def full_stream(self) -> Iterator[TextStreamPart]:
        """Every part of the underlying text stream."""
        return self._text.full_stream

    def consume_stream(self) -> None:
        """Read the stream to its end."""
        self._text.consume_stream()

    def close(self) -> None:
        """Stop now and close the model stream."""
        self._text.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def _final(self) -> GenerateTextResult:
        return self._text._final()

    @property
    def object(self) -> Any:
        """The validated value; raises ``NoObjectGeneratedError`` (or the stream's error if it broke)."""
        final = self._final()
        if final.error is not None:
            raise final.error
        return final.output

    @property
    def error(self) -> BaseException | None:
        """The error that ended the stream, if any."""
        return self._final().error

    @property
    def finish_reason(self) -> str:
        """Unified finish reason."""
        return self._final().finish_reason

    @property
    def usage(self) -> LanguageModelUsage:
        """Token usage."""
        return self._final().usage

    @property
    def response(self) -> LanguageModelResponse:
        """Response metadata."""
        return self._final().response

    @property
    def request(self) -> RequestInfo:
        """What was sent."""
        return self._final().request

    @property
    def warnings(self) -> Sequence[CallWarning]:
        """Warnings of the call."""
        return self._final().warnings

    @property
    def provider_metadata(self) -> ProviderMetadata | None:
        """Provider metadata of the call."""
        return self._final().provider_metadata


def _object_of(final: GenerateTextResult) -> Any:
    if final.error is not None:
        raise final.error
    return final.output


class AsyncStreamObjectResult:
    """The async result of :func:`astream_object`; ``async for`` over the views, ``await`` the aggregates."""

    def __init__(self, model: LanguageModel | str, arguments: dict[str, Any]) -> None:
        settings = object_settings(model, arguments, function="astream_object", stream=True)
        telemetry = {"experimental_telemetry": arguments.get("experimental_telemetry")}
        self._text = AsyncStreamTextResult(model, telemetry, settings=settings, operation_id="ai.streamObject")

    def _reader(self, view: OutputView) -> OutputStreamReader:
        settings = self._text._settings
        assert settings.output is not None
        return OutputStreamReader(settings.output, view, settings.output_tool)

    @property
    def partial_object_stream(self) -> AsyncIterator[Any]:
        """Partial values as the answer streams (see :attr:`StreamObjectResult.partial_object_stream`)."""
        return aiterate_view(self._text.full_stream, self._reader("partial"))

    @property
    def element_stream(self) -> AsyncIterator[Any]:
        """``output="array"``: each element once complete, validated."""
        return aiterate_view(self._text.full_stream, self._reader("element"))

    @property
    def text_stream(self) -> AsyncIterator[str]:
        """The JSON text of the answer as it streams."""
        return aiterate_view(self._text.full_stream, self._reader("text"))

    @property
    def full_stream(self) -> AsyncIterator[TextStreamPart]:
        """Every part of the underlying text stream."""
        return self._text.full_stream

    async def consume_stream(self) -> None:
        """Read the stream to its end."""
        await self._text.consume_stream()

    async def aclose(self) -> None:
        """Stop now and close the model stream."""
        await self._text.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        await self.aclose()

    def _deferred(self, getter: Callable[[GenerateTextResult], T]) -> Deferred[T]:
        return Deferred(self._text, getter)

    @property
    def object(self) -> Awaitable[Any]:
        """The validated value; awaiting raises ``NoObjectGeneratedError`` (or the stream's error)."""
        return self._deferred(_object_of)

    @property
    def error(self) -> Awaitable[BaseException | None]:
        """The error that ended the stream, if any."""
        return self._deferred(lambda final: final.error)

    @property
    def finish_reason(self) -> Awaitable[str]:
        """Unified finish reason."""
        return self._deferred(lambda final: final.finish_reason)

    @property
    def usage(self) -> Awaitable[LanguageModelUsage]:
        """Token usage."""
        return self._deferred(lambda final: final.usage)

    @property
    def response(self) -> Awaitable[LanguageModelResponse]:
        """Response metadata."""
        return self._deferred(lambda final: final.response)

    @property
    def request(self) -> Awaitable[RequestInfo]:
        """What was sent."""
        return self._deferred(lambda final: final.request)

    @property
    def warnings(self) -> Awaitable[Sequence[CallWarning]]:
        """Warnings of the call."""
        return self._deferred(lambda final: final.warnings)

    @property
    def provider_metadata(self) -> Awaitable[ProviderMetadata | None]:
        """Provider metadata of the call."""
        return self._deferred(lambda final: final.provider_metadata)


def stream_object(*, model: LanguageModel | str, **arguments: Unpack[StreamObjectOptions]) -> StreamObjectResult:
    """Stream one structured value; returns at once (arguments and the schema are checked now)."""
    return StreamObjectResult(model, dict(arguments))


def astream_object(*, model: LanguageModel | str, **arguments: Unpack[StreamObjectOptions]) -> AsyncStreamObjectResult:
    """Async twin of :func:`stream_object` (a plain function: iterate the result with ``async for``)."""
    return AsyncStreamObjectResult(model, dict(arguments))
