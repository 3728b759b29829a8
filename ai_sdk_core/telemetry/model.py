"""A language model wrapper opening one span per model call (``ai.generateText.doGenerate`` /
``ai.streamText.doStream``) under the run's outer span; the loop sees an ordinary spec model."""

from __future__ import annotations

import re
import time
from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from ai_sdk_core.spec.call_options import CallOptions
from ai_sdk_core.spec.content import Content, TextContent, ToolCallContent
from ai_sdk_core.spec.finish_reason import FinishReason
from ai_sdk_core.spec.language_model import (
    AsyncStreamResult,
    GenerateResult,
    LanguageModel,
    StreamResult,
    SyncStreamResult,
)
from ai_sdk_core.spec.stream_parts import Finish, ResponseMetadata, StreamError, StreamPart, StreamStart, TextDelta
from ai_sdk_core.spec.usage import Usage
from ai_sdk_core.telemetry.attributes import call_options_attributes, response_attributes

if TYPE_CHECKING:
    from opentelemetry.trace import Span

    from ai_sdk_core.telemetry.run import RunTelemetry

__all__ = ["TelemetryLanguageModel"]


@dataclass(slots=True)
class _StreamObserver:
    """What a model stream said so far, turned into the inner span's attributes when it ends."""

    started: float
    first_chunk: float | None = None
    text: list[str] = field(default_factory=list)
    tool_calls: list[ToolCallContent] = field(default_factory=list)
    finish_reason: FinishReason | None = None
    usage: Usage | None = None
    response_id: str | None = None
    response_model_id: str | None = None
    timestamp: Any = None
    error: Any = None

    def observe(self, part: StreamPart, span: Span) -> None:
        if self.first_chunk is None and not isinstance(part, StreamStart):
            self.first_chunk = time.perf_counter()
            milliseconds = (self.first_chunk - self.started) * 1000
            span.set_attribute("ai.response.msToFirstChunk", milliseconds)
            span.add_event("ai.stream.firstChunk", {"ai.response.msToFirstChunk": milliseconds})
        if isinstance(part, TextDelta):
            self.text.append(part.delta)
        elif isinstance(part, ToolCallContent):
            self.tool_calls.append(part)
        elif isinstance(part, Finish):
            self.finish_reason, self.usage = part.finish_reason, part.usage
        elif isinstance(part, ResponseMetadata):
            self.response_id = part.id or self.response_id
            self.response_model_id = part.model_id or self.response_model_id
            self.timestamp = part.timestamp or self.timestamp
        elif isinstance(part, StreamError):
            self.error = part.error

    def finish(self, span: Span, *, record_outputs: bool) -> None:
        content: list[Content] = [TextContent(text="".join(self.text))] if self.text else []
        content.extend(self.tool_calls)
        span.set_attributes(
            response_attributes(
                content=content,
                finish_reason=self.finish_reason,
                usage=self.usage,
                response_id=self.response_id,
                response_model_id=self.response_model_id,
                timestamp=self.timestamp,
                record_outputs=record_outputs,
            )
        )
        span.set_attribute("ai.response.msToFinish", (time.perf_counter() - self.started) * 1000)
        if self.error is not None:
            from ai_sdk_core.telemetry.run import record_error

            record_error(span, self.error)


class TelemetryLanguageModel:
    """``model`` with a span per call; the spans are children of ``run``'s outer span."""

    specification_version: Literal["v4"] = "v4"

    def __init__(self, model: LanguageModel, run: RunTelemetry) -> None:
        self.model = model
        self.run = run

    @property
    def provider(self) -> str:
        """The wrapped model's provider."""
        return self.model.provider

    @property
    def model_id(self) -> str:
        """The wrapped model's id."""
        return self.model.model_id

    @property
    def supported_urls(self) -> Mapping[str, Sequence[re.Pattern[str]]]:
        """The wrapped model's supported URLs."""
        return self.model.supported_urls

    def __repr__(self) -> str:
        return f"TelemetryLanguageModel({self.model!r})"

    def _start(self, suffix: str, options: CallOptions) -> Span:
        run = self.run
        attributes = call_options_attributes(
            options, provider=self.provider, model_id=self.model_id, record_inputs=run.telemetry.record_inputs
        )
        return run.start_span(f"{run.operation_id}.{suffix}", attributes)

    def _finish_generate(self, span: Span, result: GenerateResult) -> None:
        span.set_attributes(
            response_attributes(
                content=result.content,
                finish_reason=result.finish_reason,
                usage=result.usage,
                response_id=result.response.id,
                response_model_id=result.response.model_id,
                timestamp=result.response.timestamp,
                record_outputs=self.run.telemetry.record_outputs,
            )
        )

    def do_generate(self, options: CallOptions) -> GenerateResult:
        """``do_generate`` of the wrapped model in a ``<operation>.doGenerate`` span."""
        from ai_sdk_core.telemetry.run import record_error

        span = self._start("doGenerate", options)
        try:
            result = self.model.do_generate(options)
            self._finish_generate(span, result)
            return result
        except BaseException as error:
            record_error(span, error)
            raise
        finally:
            span.end()

    async def ado_generate(self, options: CallOptions) -> GenerateResult:
        """Async twin of :meth:`do_generate`."""
        from ai_sdk_core.telemetry.run import record_error

        span = self._start("doGenerate", options)
        try:
            result = await self.model.ado_generate(options)
            self._finish_generate(span, result)
            return result
        except BaseException as error:
            record_error(span, error)
            raise
        finally:
            span.end()

    def do_stream(self, options: CallOptions) -> SyncStreamResult:
        """``do_stream`` of the wrapped model; the ``<operation>.doStream`` span ends with the stream."""
        from ai_sdk_core.telemetry.run import record_error

        span = self._start("doStream", options)
        observer = _StreamObserver(started=time.perf_counter())
        try:
            result = self.model.do_stream(options)
        except BaseException as error:
            record_error(span, error)
            span.end()
            raise
        return StreamResult(
            stream=self._sync_parts(result.stream, span, observer),
            request=result.request,
            response=result.response,
        )

    def _sync_parts(self, stream: Iterator[StreamPart], span: Span, observer: _StreamObserver) -> Iterator[StreamPart]:
        from ai_sdk_core.telemetry.run import record_error

        try:
            for part in stream:
                observer.observe(part, span)
                yield part
        except BaseException as error:
            if not isinstance(error, GeneratorExit):
                record_error(span, error)
            raise
        finally:
            # Closing early (the caller stopped reading) must release the inner stream (an HTTP response).
            close = getattr(stream, "close", None)
            if close is not None:
                close()
            observer.finish(span, record_outputs=self.run.telemetry.record_outputs)
            span.end()

    async def ado_stream(self, options: CallOptions) -> AsyncStreamResult:
        """Async twin of :meth:`do_stream`."""
        from ai_sdk_core.telemetry.run import record_error

        span = self._start("doStream", options)
        observer = _StreamObserver(started=time.perf_counter())
        try:
            result = await self.model.ado_stream(options)
        except BaseException as error:
            record_error(span, error)
            span.end()
            raise
        return StreamResult(
            stream=self._async_parts(result.stream, span, observer),
            request=result.request,
            response=result.response,
        )

    async def _async_parts(
        self, stream: AsyncIterator[StreamPart], span: Span, observer: _StreamObserver
    ) -> AsyncIterator[StreamPart]:
        from ai_sdk_core.telemetry.run import record_error

        try:
            async for part in stream:
                observer.observe(part, span)
                yield part
        except BaseException as error:
            if not isinstance(error, GeneratorExit):
                record_error(span, error)
            raise
        finally:
            close = getattr(stream, "aclose", None)
            if close is not None:
                await close()
            observer.finish(span, record_outputs=self.run.telemetry.record_outputs)
            span.end()
