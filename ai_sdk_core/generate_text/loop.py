"""The multi-step tool loop, written once for sync and async, for whole results and for streams.

:func:`text_generation_loop` is a generator of :mod:`effects <ai_sdk_core.generate_text.effects>`: it decides
what happens (prepare the step, call or stream the model, validate tool calls, run the tools, check stop
conditions, call the callbacks) and a driver performs each effect. The run's outcome accumulates in a
:class:`RunState` the result objects read.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Generator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ai_sdk_core.generate_text.effects import (
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
from ai_sdk_core.generate_text.results import (
    NO_OUTPUT,
    GenerateTextResult,
    LanguageModelUsage,
    StepResult,
    ToolApprovalRequest,
    ToolCall,
    ToolError,
    ToolOutputDenied,
    ToolResult,
)
from ai_sdk_core.generate_text.settings import (
    GenerationSettings,
    PrepareStepOptions,
    PrepareStepResult,
    normalize_tool_choice,
)
from ai_sdk_core.generate_text.steps import StepBuilder, provider_tool_result, to_response_messages
from ai_sdk_core.generate_text.stream_errors import stream_error_to_exception
from ai_sdk_core.generate_text.stream_parts import (
    ErrorPart,
    FinishPart,
    FinishStepPart,
    StartPart,
    StartStepPart,
    TextStreamPart,
)
from ai_sdk_core.generate_text.tool_execution import (
    RepairToolCallOptions,
    ToolCallRepairError,
    ToolInvocation,
    approval_check,
    as_repaired_call,
    denied_output,
    invalid_tool_call,
    plan_tool_executions,
    validate_tool_call,
)
from ai_sdk_core.output import no_object_generated
from ai_sdk_core.prompt.convert import standardize_instructions, standardize_prompt, to_spec_prompt, urls_to_download
from ai_sdk_core.prompt.download import DownloadedFile
from ai_sdk_core.prompt.messages import ModelMessage, SystemModelMessage
from ai_sdk_core.provider_utils.json import to_json_str
from ai_sdk_core.spec.call_options import CallOptions, TimeoutConfig
from ai_sdk_core.spec.content import ToolCallContent, ToolResultContent
from ai_sdk_core.spec.errors import AISDKError, InvalidToolInputError, NoSuchToolError, TimeoutBudgetError
from ai_sdk_core.spec.language_model import GenerateResult, LanguageModel
from ai_sdk_core.spec.stream_parts import StreamError, StreamStart
from ai_sdk_core.spec.tools import FunctionTool, ProviderTool, ToolChoice, ToolDefinition
from ai_sdk_core.tools import Tool, ToolExecutionOptions

__all__ = ["RunState", "text_generation_loop"]

LoopGenerator = Generator[Effect, Any, None]

# Chunk types ``on_chunk`` receives (as in the AI SDK: content-bearing parts, not lifecycle parts).
_CHUNK_TYPES = frozenset(
    {
        "text-delta",
        "reasoning-delta",
        "source",
        "tool-call",
        "tool-input-start",
        "tool-input-delta",
        "tool-result",
        "raw",
    }
)


@dataclass(slots=True)
class RunState:
    """What a run produced so far: finished steps, usage, generated messages, and the error that ended a
    stream (streams keep partial output instead of raising)."""

    steps: list[StepResult] = field(default_factory=list)
    total_usage: LanguageModelUsage = field(default_factory=LanguageModelUsage)
    response_messages: list[ModelMessage] = field(default_factory=list)
    downloads: dict[str, DownloadedFile] = field(default_factory=dict)
    error: BaseException | None = None
    finished: bool = False
    output_value: Any = NO_OUTPUT
    output_error: BaseException | None = None

    def result(self) -> GenerateTextResult:
        """The run's result (partial while it runs)."""
        return GenerateTextResult(
            steps=list(self.steps),
            total_usage=self.total_usage,
            error=self.error,
            output_value=self.output_value,
            output_error=self.output_error,
        )


def _step_timeout(config: TimeoutConfig | None, deadline: float | None) -> TimeoutConfig | None:
    if config is None or deadline is None or config.total is None:
        return config
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutBudgetError(
            f"The total time budget of {config.total} s ran out before the next step",
            budget="total",
            seconds=config.total,
        )
    return dataclasses.replace(config, total=remaining)


def _apply_prepared(prepared: Any) -> PrepareStepResult:
    if prepared is None:
        return PrepareStepResult()
    if isinstance(prepared, PrepareStepResult):
        return prepared
    if isinstance(prepared, Mapping):
        aliases = {"toolChoice": "tool_choice", "activeTools": "active_tools", "system": "instructions"}
        aliases["providerOptions"] = "provider_options"
        values: dict[str, Any] = {aliases.get(str(key), str(key)): value for key, value in prepared.items()}
        known = {item.name for item in dataclasses.fields(PrepareStepResult)}
        unknown = set(values) - known
        if unknown:
            raise TypeError(f"prepare_step returned unknown keys: {sorted(unknown)}")
        return PrepareStepResult(**values)
    raise TypeError(f"prepare_step must return None, a dict or a PrepareStepResult, not {prepared!r:.80}")


def _tool_definition(name: str, tool: Tool) -> ToolDefinition:
    if tool.provider_tool is not None:
        # The key names it, as for function tools: the provider maps its calls and results back by this name.
        return ProviderTool(id=tool.provider_tool.id, name=name, args=tool.provider_tool.args)
    return FunctionTool(
        name=name,
        input_schema=tool.input_schema,
        description=tool.description,
        strict=tool.strict,
        provider_options=tool.provider_options,
    )


def _tool_definitions(tools: Mapping[str, Tool]) -> list[ToolDefinition]:
    return [_tool_definition(name, tool) for name, tool in tools.items()]


def _parse_tool_call(
    raw: ToolCallContent,
    tools: Mapping[str, Tool],
    settings: GenerationSettings,
    messages: Sequence[ModelMessage],
    instructions: Sequence[SystemModelMessage],
) -> Generator[Effect, Any, ToolCall]:
    """Validate a call; on failure, let ``repair_tool_call`` fix it; otherwise mark it invalid."""
    try:
        return validate_tool_call(raw, tools)
    except (NoSuchToolError, InvalidToolInputError) as error:
        first_error = error
    if settings.repair_tool_call is None:
        return invalid_tool_call(raw, first_error)
    options = RepairToolCallOptions(
        tool_call=raw, error=first_error, tools=tools, messages=messages, instructions=instructions
    )
    try:
        repaired = yield Invoke(settings.repair_tool_call, options)
    except Exception as repair_error:
        wrapped = ToolCallRepairError(
            f"repair_tool_call failed: {repair_error}", original_error=first_error, cause=repair_error
        )
        return invalid_tool_call(raw, wrapped)
    if repaired is None:
        return invalid_tool_call(raw, first_error)
    fixed = as_repaired_call(repaired, raw)
    try:
        return validate_tool_call(fixed, tools)
    except (NoSuchToolError, InvalidToolInputError) as second_error:
        return invalid_tool_call(fixed, second_error)


def _emit(part: TextStreamPart, settings: GenerationSettings) -> Generator[Effect, Any, None]:
    yield Emit(part)
    if settings.on_chunk is not None and part.type in _CHUNK_TYPES:
        yield Invoke(settings.on_chunk, part)


@dataclass(slots=True)
class _StepPlan:
    """The settings of one step, after ``prepare_step``."""

    model: Any
    tool_choice: ToolChoice | None
    active_tools: list[str] | None
    instructions: Sequence[SystemModelMessage]
    messages: Sequence[ModelMessage]
    provider_options: Any


def _plan_step(settings: GenerationSettings, state: RunState, step_number: int) -> Generator[Effect, Any, _StepPlan]:
    """The run's settings for this step, overridden by what ``prepare_step`` returns."""
    plan = _StepPlan(
        model=settings.model,
        tool_choice=settings.tool_choice,
        active_tools=settings.active_tools,
        instructions=settings.instructions,
        messages=[*settings.messages, *state.response_messages],
        provider_options=settings.provider_options,
    )
    if settings.prepare_step is None:
        return plan
    options = PrepareStepOptions(
        step_number=step_number,
        steps=list(state.steps),
        model=plan.model,
        messages=plan.messages,
        instructions=plan.instructions,
    )
    prepared = _apply_prepared((yield Invoke(settings.prepare_step, options)))
    if prepared.model is not None:
        plan.model = prepared.model
    plan.tool_choice = normalize_tool_choice(prepared.tool_choice) or plan.tool_choice
    if prepared.active_tools is not None:
        plan.active_tools = list(prepared.active_tools)
    if prepared.messages is not None:
        plan.messages = standardize_prompt(prompt=None, messages=prepared.messages, instructions=None)[1]
    if prepared.instructions is not None:
        plan.instructions = standardize_instructions(prepared.instructions)
    if prepared.provider_options is not None:
        plan.provider_options = prepared.provider_options
    return plan


def _stream_step(
    builder: StepBuilder,
    settings: GenerationSettings,
    tools: Mapping[str, Tool],
    messages: Sequence[ModelMessage],
    instructions: Sequence[SystemModelMessage],
) -> Generator[Effect, Any, None]:
    """Read the open model stream into ``builder``, emitting ``full_stream`` parts as they come.

    The driver feeds the parts to ``builder.feed`` itself; only the parts it hands back arrive here.
    """
    builder.include_raw = settings.include_raw_chunks
    started = False
    while True:
        part = yield PumpStream(builder.feed)
        # start-step waits for the stream-start part, which carries the call's warnings.
        if not started and not isinstance(part, StreamStart):
            started = True
            yield Emit(StartStepPart(request=builder.request, warnings=builder.warnings))
            # From now on the builder takes the parts straight from the driver, unless on_chunk must see
            # each chunk (a callback is an effect: those parts keep coming back here).
            builder.direct_feed = settings.on_chunk is None
        if part is STREAM_END:
            return
        if isinstance(part, StreamError):
            raise stream_error_to_exception(part.error)
        if isinstance(part, ToolCallContent):
            call = yield from _parse_tool_call(part, tools, settings, messages, instructions)
            builder.add(call)
            yield from _emit(call, settings)
        elif isinstance(part, ToolResultContent):
            provider_result = provider_tool_result(part, builder.tool_input(part.tool_call_id))
            builder.add(provider_result)
            yield from _emit(provider_result, settings)
        else:
            output = builder.process(part)
            if output is not None:
                yield from _emit(output, settings)


def _generate_step(
    builder: StepBuilder,
    generated: GenerateResult,
    settings: GenerationSettings,
    tools: Mapping[str, Tool],
    messages: Sequence[ModelMessage],
    instructions: Sequence[SystemModelMessage],
) -> Generator[Effect, Any, None]:
    """Add a whole result's content to ``builder`` in order, validating tool calls on the way."""
    for part in generated.content:
        if isinstance(part, ToolCallContent):
            builder.add((yield from _parse_tool_call(part, tools, settings, messages, instructions)))
        else:
            builder.add_content(part)


def _resume_approvals(settings: GenerationSettings, state: RunState, *, streaming: bool) -> LoopGenerator:
    """Answer the approval responses the caller sent back before the first step: approved calls run now,
    denied ones get an ``execution-denied`` output; both go into a tool message the model reads next."""
    decisions = settings.approval_decisions
    if not decisions:
        return
    outputs: list[ToolResult | ToolError | ToolOutputDenied | None] = []
    invocations: list[ToolInvocation] = []
    already_sent: list[ToolOutputDenied] = []  # denials whose result the messages already carry
    for decision in decisions:
        if not decision.response.approved:
            denied = denied_output(decision, settings.tools)
            (already_sent if decision.answered else outputs).append(denied)
            continue
        part = decision.tool_call
        raw = ToolCallContent(
            tool_call_id=part.tool_call_id,
            tool_name=part.tool_name,
            input=part.input if isinstance(part.input, str) else to_json_str(part.input),
        )
        # The input is checked again: the messages came back from outside and may have been altered.
        try:
            call = validate_tool_call(raw, settings.tools)
        except (NoSuchToolError, InvalidToolInputError) as error:
            call = invalid_tool_call(raw, error)
        planned, planned_invocations = plan_tool_executions([call], settings.tools, settings.messages)
        outputs.extend(planned)
        invocations.extend(planned_invocations)
    if invocations:
        executed = iter((yield ExecuteTools(invocations)))
        outputs = [output if output is not None else next(executed) for output in outputs]
    answers = [output for output in outputs if output is not None]
    if streaming:
        for answer in [*already_sent, *answers]:
            yield from _emit(answer, settings)
    if answers:
        state.response_messages.extend(to_response_messages(answers, settings.tools))


def _approval_requests(
    calls: Sequence[ToolCall], tools: Mapping[str, Tool], messages: Sequence[ModelMessage]
) -> Generator[Effect, Any, list[ToolApprovalRequest]]:
    """The valid calls whose tool needs the caller's approval (``needs_approval``), as approval requests."""
    import secrets

    requests: list[ToolApprovalRequest] = []
    for call in calls:
        tool = tools.get(call.tool_name)
        if call.invalid or tool is None or tool.needs_approval is False:
            continue
        if tool.needs_approval is not True:
            options = ToolExecutionOptions(tool_call_id=call.tool_call_id, messages=tuple(messages))
            if not (yield Invoke(approval_check, (tool, call, options))):
                continue
        requests.append(ToolApprovalRequest(approval_id=f"aitxt-approval-{secrets.token_hex(12)}", tool_call=call))
    return requests


def _output_text(step: StepResult, output_tool: str | None) -> str:
    """The answer to parse: the step's text, or the input of the output tool (its raw JSON when invalid)."""
    if output_tool is None:
        return step.text
    for call in step.tool_calls:
        if call.tool_name == output_tool:
            return call.input if isinstance(call.input, str) else to_json_str(call.input)
    return ""


def _call_repair(arguments: tuple[Any, str, AISDKError]) -> Any:
    repair, text, error = arguments
    return repair(text=text, error=error)


def _resolve_output(settings: GenerationSettings, state: RunState, *, streaming: bool) -> Generator[Effect, Any, None]:
    """Parse the final step's answer into ``state.output_value``, through ``repair_text`` when it fails.

    A failure is a ``NoObjectGeneratedError``: raised by a whole-result run, kept for ``output`` by a stream.
    """
    assert settings.output is not None
    step = state.steps[-1]
    text = _output_text(step, settings.output_tool)
    try:
        state.output_value = settings.output.parse_text(text)
        return
    except AISDKError as parse_error:
        failure = parse_error
    if settings.repair_text is not None:
        repaired = yield Invoke(_call_repair, (settings.repair_text, text, failure))
        if repaired is not None:
            try:
                state.output_value = settings.output.parse_text(str(repaired))
                return
            except AISDKError as second_error:
                failure = second_error
    hint = None
    if settings.output_tool is not None and not any(call.tool_name == settings.output_tool for call in step.tool_calls):
        hint = f"the model did not call the {settings.output_tool!r} tool; try mode='json'"
    elif step.finish_reason == "tool-calls" and settings.output_tool is None:
        # The loop stopped on a tool step (stop_when reached): the model never got to answer.
        hint = "the last step ended with tool calls: allow one more step in stop_when for the structured answer"
    elif step.finish_reason == "length":
        hint = "the answer was cut at the token limit (finish reason 'length'): raise max_output_tokens"
    error = no_object_generated(
        failure, text=text, response=step.response, usage=step.usage, finish_reason=step.finish_reason, hint=hint
    )
    if not streaming:
        raise error
    state.output_error = error


def _resolve_model(model: LanguageModel | str) -> LanguageModel:
    if not isinstance(model, str):
        return model  # what the registry would do, without importing it on every step
    from ai_sdk_core.registry import resolve_language_model

    return resolve_language_model(model)


def text_generation_loop(settings: GenerationSettings, state: RunState, *, streaming: bool) -> LoopGenerator:
    """Run steps until the model stops calling tools, a tool lacks ``execute``, or a stop condition holds.

    Not streaming, errors propagate to the caller. Streaming, an error becomes an ``error`` part, ``on_error``
    is called, the partial step is kept, and the run ends.
    """
    builder: StepBuilder | None = None
    stream_open = False
    try:
        deadline = (
            time.monotonic() + settings.timeout.total
            if settings.timeout is not None and settings.timeout.total is not None
            else None
        )
        total_budget = settings.timeout.total if settings.timeout is not None else None
        if streaming:
            yield Emit(StartPart())
        yield from _resume_approvals(settings, state, streaming=streaming)
        while True:
            builder = None
            step_number = len(state.steps)
            plan = yield from _plan_step(settings, state, step_number)
            model, tool_choice, active_tools = plan.model, plan.tool_choice, plan.active_tools
            instructions, messages, provider_options = plan.instructions, plan.messages, plan.provider_options

            resolved = _resolve_model(model)
            supported_urls = resolved.supported_urls
            needed = [url for url in urls_to_download(messages, supported_urls) if url not in state.downloads]
            if needed and settings.download is not None:
                state.downloads.update((yield Download(needed, settings.download)))
            prompt = to_spec_prompt(instructions, messages, supported_urls=supported_urls, downloads=state.downloads)
            step_tools = {
                name: tool for name, tool in settings.tools.items() if active_tools is None or name in active_tools
            }
            definitions = _tool_definitions(step_tools)
            options = CallOptions(
                prompt=prompt,
                tools=definitions or None,
                tool_choice=tool_choice if definitions else None,
                include_raw_chunks=settings.include_raw_chunks,
                headers=settings.headers,
                provider_options=provider_options,
                response_format=(
                    settings.output.response_format()
                    if settings.output is not None and settings.output_tool is None
                    else None
                ),
                timeout=_step_timeout(settings.timeout, deadline),
                **settings.call_settings,
            )
            if streaming:
                stream_open = True
                opened = yield OpenStream(resolved, options, settings.max_retries, deadline, total_budget)
                # Created once the stream opened: a call that failed outright leaves no partial step behind.
                builder = StepBuilder(step_number, model_provider=resolved.provider, model_id=resolved.model_id)
                builder.request = opened.request
                builder.set_response(opened.response)
                # The driver's reply may say where to read the usage reported before the end (drivers.py).
                builder.usage_so_far = getattr(opened, "usage_so_far", None)
                yield from _stream_step(builder, settings, step_tools, messages, instructions)
                stream_open = False
                yield CloseStream()
            else:
                generated = yield CallModel(resolved, options, settings.max_retries, deadline, total_budget)
                builder = StepBuilder(step_number, model_provider=resolved.provider, model_id=resolved.model_id)
                builder.add_generate_result(generated)
                yield from _generate_step(builder, generated, settings, step_tools, messages, instructions)

            # Tool execution: invalid calls are answered with their error, calls to tools without execute are
            # left for the caller (and stop the loop), the rest run concurrently, results in call order.
            client_calls = [
                part for part in builder.content if isinstance(part, ToolCall) and not part.provider_executed
            ]
            outputs: list[ToolResult | ToolError | None] = []
            if client_calls:  # a step without tool calls (most of them) has nothing to approve nor run
                approval_requests = yield from _approval_requests(client_calls, step_tools, messages)
                for request in approval_requests:
                    builder.add(request)
                    if streaming:
                        yield from _emit(request, settings)
                awaiting = frozenset(request.tool_call.tool_call_id for request in approval_requests)
                outputs, invocations = plan_tool_executions(client_calls, step_tools, messages, awaiting)
                if invocations:
                    executed = iter((yield ExecuteTools(invocations)))
                    outputs = [output if output is not None else next(executed) for output in outputs]
                for tool_output in outputs:
                    assert tool_output is not None
                    builder.add(tool_output)
                    if streaming:
                        yield from _emit(tool_output, settings)

            state.response_messages.extend(to_response_messages(builder.settled_content(), step_tools))
            step = builder.build(list(state.response_messages))
            builder = None
            state.steps.append(step)
            state.total_usage = state.total_usage + step.usage
            if settings.on_step_end is not None:
                yield Invoke(settings.on_step_end, step)
            if streaming:
                yield Emit(
                    FinishStepPart(
                        response=step.response,
                        usage=step.usage,
                        finish_reason=step.finish_reason,
                        raw_finish_reason=step.raw_finish_reason,
                        provider_metadata=step.provider_metadata,
                    )
                )

            if not client_calls or len(outputs) != len(client_calls):
                break
            should_stop = False
            for condition in settings.stop_conditions:
                if (yield Invoke(condition, list(state.steps))):
                    should_stop = True
                    break
            if should_stop:
                break

        if settings.output is not None:
            yield from _resolve_output(settings, state, streaming=streaming)
        state.finished = True
        if settings.on_end is not None:
            yield Invoke(settings.on_end, state.result())
        if streaming:
            last = state.steps[-1]
            yield Emit(
                FinishPart(
                    finish_reason=last.finish_reason,
                    raw_finish_reason=last.raw_finish_reason,
                    total_usage=state.total_usage,
                )
            )
    except Exception as error:
        if not streaming:
            raise
        # A broken stream keeps what arrived: the partial step joins the steps, then the error is reported.
        state.error = error
        if builder is not None:
            partial_messages = to_response_messages(builder.settled_content(), settings.tools)
            partial = builder.build([*state.response_messages, *partial_messages], errored=True)
            state.steps.append(partial)
            state.total_usage = state.total_usage + partial.usage
        if stream_open:
            yield CloseStream()
        # on_error runs before the error part is handed out: a consumer that stops at the error part closes
        # the run, and the callback must still have run.
        if settings.on_error is not None:
            yield Invoke(settings.on_error, error)
        yield Emit(ErrorPart(error=error))
        state.finished = True
    except GeneratorExit:
        # Closed early by the consumer: keep the partial step (pure work only; no yield allowed here). Its usage
        # is what the vendor reported before the close, if anything (the driver closed the stream already:
        # reading what its decoder holds needs no I/O).
        if builder is not None:
            partial_messages = to_response_messages(builder.settled_content(), settings.tools)
            partial = builder.build([*state.response_messages, *partial_messages])
            state.steps.append(partial)
            state.total_usage = state.total_usage + partial.usage
        raise
