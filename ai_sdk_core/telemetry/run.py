"""One traced run of ``generate_text``/``stream_text``: the outer span (``ai.generateText`` /
``ai.streamText``), the model wrapped for the inner spans, each tool wrapped for ``ai.toolCall`` spans.

The loop is not changed: the entry point calls :func:`instrument_run` on its normalised settings (which swaps
in the traced model and tools) and runs :meth:`RunTelemetry.wrap_loop` of the loop generator. The outer span
starts when the loop starts (a stream that is never read opens none) and ends when the loop ends or is closed.
Child spans take the outer span as their explicit parent, so they nest correctly whatever thread or task the
loop's drivers run them in.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Generator, Mapping
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any, TypeVar

from ai_sdk_core.telemetry.attributes import (
    Attributes,
    base_attributes,
    clean_attributes,
    operation_attributes,
    to_attribute_json,
)
from ai_sdk_core.telemetry.model import TelemetryLanguageModel
from ai_sdk_core.telemetry.settings import TelemetryArgument, TelemetrySettings, resolve_telemetry_settings
from ai_sdk_core.tools import Tool, ToolExecutionOptions

if TYPE_CHECKING:
    from opentelemetry.context import Context
    from opentelemetry.trace import Span, Tracer

    from ai_sdk_core.generate_text.loop import RunState
    from ai_sdk_core.generate_text.settings import GenerationSettings

__all__ = ["RunTelemetry", "instrument_run", "record_error", "trace_loop"]

YieldT = TypeVar("YieldT")
ReturnT = TypeVar("ReturnT")

_TRACER_NAME = "ai"


def record_error(span: Span, error: BaseException | Any) -> None:
    """Mark ``span`` failed: an exception event and status ERROR with the error's message."""
    from opentelemetry.trace import Status, StatusCode

    if isinstance(error, BaseException):
        span.record_exception(error)
        message = str(error) or type(error).__name__
    else:
        message = str(error)
    span.set_status(Status(StatusCode.ERROR, message))


class RunTelemetry:
    """The spans of one run; made by :func:`instrument_run`."""

    def __init__(self, telemetry: TelemetrySettings, operation_id: str, tracer: Tracer) -> None:
        self.telemetry = telemetry
        self.operation_id = operation_id
        self.tracer = tracer
        self.span: Span | None = None
        self.context: Context | None = None
        self.start_attributes: Attributes = {}
        # Set once the loop raised (and the outer span recorded it), so the state's copy is not recorded twice.
        self.failed = False

    def start_span(self, name: str, attributes: Attributes) -> Span:
        """A child span of the outer span (or of the current span before the outer one started)."""
        span_attributes = {**operation_attributes(name, self.telemetry), **attributes}
        return self.tracer.start_span(name, context=self.context, attributes=span_attributes)

    def _begin(self) -> None:
        from opentelemetry import trace

        self.span = self.tracer.start_span(self.operation_id, attributes=self.start_attributes)
        self.context = trace.set_span_in_context(self.span)

    def _end(self, state: RunState) -> None:
        span = self.span
        if span is None:
            return
        try:
            result = state.result()
            attributes: dict[str, Any] = {"ai.response.finishReason": result.finish_reason}
            if self.telemetry.record_outputs:
                calls = [
                    {"toolCallId": call.tool_call_id, "toolName": call.tool_name, "input": call.input}
                    for call in result.tool_calls
                ]
                attributes["ai.response.text"] = result.text or None
                attributes["ai.response.toolCalls"] = to_attribute_json(calls) if calls else None
            span.set_attributes(clean_attributes(attributes))
            usage = result.total_usage
            span.set_attributes(
                clean_attributes(
                    {
                        "ai.usage.inputTokens": usage.input_tokens,
                        "ai.usage.outputTokens": usage.output_tokens,
                        "ai.usage.totalTokens": usage.total_tokens,
                        "gen_ai.usage.input_tokens": usage.input_tokens,
                        "gen_ai.usage.output_tokens": usage.output_tokens,
                    }
                )
            )
            if state.error is not None and not self.failed:
                # Streams keep a broken run's partial output instead of raising: the error is in the state.
                record_error(span, state.error)
        finally:
            span.end()

    def wrap_loop(self, loop: Generator[YieldT, Any, ReturnT], state: RunState) -> Generator[YieldT, Any, ReturnT]:
        """``loop`` inside the outer span: started on the first step, ended (with the result's attributes)
        when the loop returns, raises or is closed."""
        self._begin()
        try:
            return (yield from loop)
        except Exception as error:
            if self.span is not None:
                record_error(self.span, error)
                self.failed = True
            raise
        finally:
            self._end(state)

    def traced_tool(self, tool: Tool, name: str) -> Tool:
        """A copy of ``tool`` whose executions open ``ai.toolCall`` spans."""
        if tool.execute is None:
            return tool
        values = {item.name: getattr(tool, item.name) for item in fields(tool) if item.init}
        return _TracedTool(**values, traced_name=name, traced_run=self)


@dataclass(slots=True)
class _TracedTool(Tool):
    """A tool whose ``call`` runs in an ``ai.toolCall`` span (async tools: the span covers the await)."""

    traced_name: str = ""
    traced_run: RunTelemetry | None = None

    def call(self, value: Any, options: ToolExecutionOptions) -> Any:
        run = self.traced_run
        if run is None:
            return Tool.call(self, value, options)
        attributes: dict[str, Any] = {"ai.toolCall.name": self.traced_name, "ai.toolCall.id": options.tool_call_id}
        if run.telemetry.record_inputs:
            attributes["ai.toolCall.args"] = to_attribute_json(value)
        span = run.start_span("ai.toolCall", clean_attributes(attributes))
        try:
            result = Tool.call(self, value, options)
        except BaseException as error:
            record_error(span, error)
            span.end()
            raise
        if inspect.isawaitable(result):
            return _await_in_span(result, span, run)
        _record_result(span, run, result)
        span.end()
        return result


def _record_result(span: Span, run: RunTelemetry, result: Any) -> None:
    if run.telemetry.record_outputs:
        span.set_attribute("ai.toolCall.result", to_attribute_json(result))


async def _await_in_span(awaitable: Awaitable[Any], span: Span, run: RunTelemetry) -> Any:
    try:
        result = await awaitable
    except BaseException as error:
        record_error(span, error)
        raise
    else:
        _record_result(span, run, result)
        return result
    finally:
        span.end()


def instrument_run(
    settings: GenerationSettings, argument: TelemetryArgument, *, operation_id: str
) -> RunTelemetry | None:
    """Prepare tracing of one run, or ``None`` when telemetry is off (then OpenTelemetry is not imported).

    Replaces ``settings.model`` (resolved when it was a ``"provider:model"`` string) and ``settings.tools``
    with traced versions, and wraps ``prepare_step`` so a model it chooses for a step is traced too.
    """
    telemetry = resolve_telemetry_settings(argument)
    if telemetry is None:
        return None
    from opentelemetry import trace

    from ai_sdk_core.registry import resolve_language_model

    tracer = telemetry.tracer if telemetry.tracer is not None else trace.get_tracer(_TRACER_NAME)
    run = RunTelemetry(telemetry, operation_id, tracer)
    model = resolve_language_model(settings.model)
    start: Attributes = {
        **operation_attributes(operation_id, telemetry),
        **base_attributes(
            provider=model.provider,
            model_id=model.model_id,
            call_settings=settings.call_settings,
            max_retries=settings.max_retries,
            telemetry=telemetry,
        ),
    }
    if telemetry.record_inputs:
        start["ai.prompt"] = to_attribute_json({"system": settings.instructions, "messages": settings.messages})
    run.start_attributes = start
    settings.model = TelemetryLanguageModel(model, run)
    settings.tools = {name: run.traced_tool(tool, name) for name, tool in settings.tools.items()}
    if settings.prepare_step is not None:
        settings.prepare_step = _traced_prepare_step(settings.prepare_step, run)
    return run


def _with_traced_model(prepared: Any, run: RunTelemetry) -> Any:
    """``prepare_step``'s answer with the model it chose (if any) wrapped for the inner spans."""
    from ai_sdk_core.registry import resolve_language_model

    chosen = prepared.get("model") if isinstance(prepared, Mapping) else getattr(prepared, "model", None)
    if chosen is None or isinstance(chosen, TelemetryLanguageModel):
        return prepared
    traced = TelemetryLanguageModel(resolve_language_model(chosen), run)
    if isinstance(prepared, Mapping):
        return {**prepared, "model": traced}
    return replace(prepared, model=traced)


def _traced_prepare_step(prepare_step: Callable[[Any], Any], run: RunTelemetry) -> Callable[[Any], Any]:
    """``prepare_step`` (sync or async) whose chosen models are traced too."""

    async def finish(awaitable: Awaitable[Any]) -> Any:
        return _with_traced_model(await awaitable, run)

    def traced(options: Any) -> Any:
        prepared = prepare_step(options)
        if inspect.isawaitable(prepared):
            return finish(prepared)
        return _with_traced_model(prepared, run)

    return traced


def trace_loop(
    loop: Generator[YieldT, Any, ReturnT],
    settings: GenerationSettings,
    state: RunState,
    argument: TelemetryArgument,
    *,
    operation_id: str,
) -> Generator[YieldT, Any, ReturnT]:
    """``loop`` (not started yet; it reads ``settings`` from its first step on) traced as ``operation_id``
    when ``argument`` enables telemetry, else ``loop`` itself."""
    run = instrument_run(settings, argument, operation_id=operation_id)
    return loop if run is None else run.wrap_loop(loop, state)
