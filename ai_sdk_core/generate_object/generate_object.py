"""``generate_object`` / ``agenerate_object``: ask the model for one structured value and validate it.

Example::

    from pydantic import BaseModel
    from ai_sdk_core import generate_object

    class Recipe(BaseModel):
        name: str
        steps: list[str]

    result = generate_object(model="openai:gpt-4o-mini", schema=Recipe, prompt="A lasagna recipe.")
    result.object  # Recipe(name=..., steps=[...])

``output`` is ``"object"`` (default), ``"array"`` (``schema`` describes one element), ``"enum"`` (``enum=[...]``)
or ``"no-schema"`` (any JSON). ``mode`` is ``"auto"``/``"json"`` (the provider's native structured output, through
``response_format``) or ``"tool"`` (one forced tool whose input is the object). Runs on the text loop: one step,
no user tools.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypedDict, Unpack

from ai_sdk_core.generate_text.drivers import run_async, run_sync
from ai_sdk_core.generate_text.generate_text import settings_from_arguments
from ai_sdk_core.generate_text.loop import RunState, text_generation_loop
from ai_sdk_core.generate_text.results import GenerateTextResult, LanguageModelResponse, LanguageModelUsage
from ai_sdk_core.generate_text.settings import GenerationSettings
from ai_sdk_core.output import ArrayOutput, ChoiceOutput, JsonOutput, ObjectOutput, OutputStrategy
from ai_sdk_core.prompt.download import DownloadConfig
from ai_sdk_core.spec.call_options import TimeoutConfig
from ai_sdk_core.spec.errors import InvalidArgumentError
from ai_sdk_core.spec.language_model import LanguageModel
from ai_sdk_core.spec.shared import CallWarning, ProviderMetadata, ProviderOptions, RequestInfo
from ai_sdk_core.spec.tools import ToolChoice
from ai_sdk_core.telemetry.run import trace_loop
from ai_sdk_core.telemetry.settings import TelemetryArgument
from ai_sdk_core.tools import Tool

__all__ = [
    "OBJECT_TOOL_NAME",
    "GenerateObjectOptions",
    "GenerateObjectResult",
    "agenerate_object",
    "generate_object",
    "object_settings",
]

ObjectOutputKind = Literal["object", "array", "enum", "no-schema"]
ObjectMode = Literal["auto", "json", "tool"]

# The forced tool of tool mode (the AI SDK's name for it).
OBJECT_TOOL_NAME = "json"

_OBJECT_ONLY = ("schema", "output", "mode", "schema_name", "schema_description", "enum")


class GenerateObjectOptions(TypedDict, total=False):
    """Keyword arguments of ``generate_object``/``stream_object`` (and their async twins).

    ``prompt``/``messages``/``instructions`` and the call settings are those of ``generate_text``; tools,
    ``tool_choice``, ``stop_when`` and ``output`` are not accepted (the object is the answer).
    ``repair_text(text=..., error=...)`` (sync or async) may return a fixed text when the answer does not parse
    or validate.
    """

    schema: Any
    output: ObjectOutputKind
    mode: ObjectMode
    schema_name: str
    schema_description: str
    enum: Sequence[str]
    repair_text: Callable[..., Any]
    prompt: str | Sequence[Any]
    messages: Sequence[Any]
    instructions: Any
    system: Any
    max_output_tokens: int
    temperature: float
    top_p: float
    top_k: int
    presence_penalty: float
    frequency_penalty: float
    seed: int
    reasoning: str
    max_retries: int | None
    timeout: float | TimeoutConfig | None
    headers: Mapping[str, str | None]
    provider_options: ProviderOptions
    download: bool | DownloadConfig
    on_end: Callable[..., Any]
    on_finish: Callable[..., Any]
    experimental_telemetry: TelemetryArgument


_STREAM_ONLY = frozenset({"on_error"})


def _strategy(arguments: Mapping[str, Any]) -> OutputStrategy:
    kind = arguments.get("output", "object")
    schema = arguments.get("schema")
    enum = arguments.get("enum")
    name, description = arguments.get("schema_name"), arguments.get("schema_description")
    if kind in ("object", "array"):
        if schema is None:
            raise InvalidArgumentError(f'output="{kind}" needs a schema=', argument="schema")
        if enum is not None:
            raise InvalidArgumentError(f'enum= goes with output="enum", not "{kind}"', argument="enum")
        if kind == "object":
            return ObjectOutput(schema, name=name, description=description)
        return ArrayOutput(schema, name=name, description=description)
    if kind == "enum":
        if schema is not None:
            raise InvalidArgumentError('output="enum" takes enum=[...], not schema=', argument="schema")
        if enum is None:
            raise InvalidArgumentError('output="enum" needs enum=[...] (the allowed strings)', argument="enum")
        return ChoiceOutput(enum, name=name, description=description)
    if kind == "no-schema":
        if schema is not None or enum is not None:
            raise InvalidArgumentError('output="no-schema" takes no schema= nor enum=', argument="schema")
        return JsonOutput(name=name, description=description)
    raise InvalidArgumentError("expected 'object', 'array', 'enum' or 'no-schema'", argument="output", value=kind)


def object_settings(
    model: LanguageModel | str, arguments: Mapping[str, Any], *, function: str, stream: bool
) -> GenerationSettings:
    """Check ``generate_object``'s arguments and turn them into the settings of a one-step text run."""
    allowed = set(GenerateObjectOptions.__optional_keys__) | (_STREAM_ONLY if stream else set())
    unknown = sorted(set(arguments) - allowed)
    if unknown:
        raise TypeError(f"{function}() got unexpected keyword arguments: {', '.join(unknown)}")
    strategy = _strategy(arguments)
    mode = arguments.get("mode", "auto")
    if mode not in ("auto", "json", "tool"):
        raise InvalidArgumentError("expected 'auto', 'json' or 'tool'", argument="mode", value=mode)
    if mode == "tool" and strategy.json_schema is None:
        raise InvalidArgumentError(
            'mode="tool" needs a schema; use mode="json" with output="no-schema"', argument="mode"
        )
    text_arguments = {key: value for key, value in arguments.items() if key not in _OBJECT_ONLY}
    settings = settings_from_arguments(model, text_arguments, function=function, stream=stream)
    settings.output = strategy
    if mode == "tool":
        schema = strategy.json_schema
        assert schema is not None
        # No validation in the tool: the object is validated once, by the output strategy (with repair_text).
        settings.tools = {
            OBJECT_TOOL_NAME: Tool(
                input_schema=schema,
                name=OBJECT_TOOL_NAME,
                description=strategy.description or "Respond with a JSON object.",
                validate_input=lambda value: value,
            )
        }
        settings.tool_choice = ToolChoice(type="tool", tool_name=OBJECT_TOOL_NAME)
        settings.output_tool = OBJECT_TOOL_NAME
    return settings


@dataclass(slots=True)
class GenerateObjectResult:
    """The result of ``generate_object``: the validated ``object`` and the call's metadata."""

    object: Any
    finish_reason: str
    raw_finish_reason: str | None
    usage: LanguageModelUsage
    response: LanguageModelResponse
    request: RequestInfo
    warnings: Sequence[CallWarning]
    provider_metadata: ProviderMetadata | None
    reasoning: str | None = None

    @classmethod
    def from_text_result(cls, result: GenerateTextResult) -> GenerateObjectResult:
        """Read a finished text run (raises its ``NoObjectGeneratedError`` when the answer was invalid)."""
        return cls(
            object=result.output,
            finish_reason=result.finish_reason,
            raw_finish_reason=result.raw_finish_reason,
            usage=result.usage,
            response=result.response,
            request=result.request,
            warnings=result.warnings,
            provider_metadata=result.provider_metadata,
            reasoning=result.reasoning_text,
        )


def generate_object(*, model: LanguageModel | str, **arguments: Unpack[GenerateObjectOptions]) -> GenerateObjectResult:
    """Generate one structured value, blocking. Raises ``NoObjectGeneratedError`` (with the raw text, response,
    usage and finish reason) when the answer does not parse or validate, even after ``repair_text``."""
    settings = object_settings(model, arguments, function="generate_object", stream=False)
    state = RunState()
    loop = text_generation_loop(settings, state, streaming=False)
    telemetry = arguments.get("experimental_telemetry")
    for _ in run_sync(trace_loop(loop, settings, state, telemetry, operation_id="ai.generateObject")):
        pass
    return GenerateObjectResult.from_text_result(state.result())


async def agenerate_object(
    *, model: LanguageModel | str, **arguments: Unpack[GenerateObjectOptions]
) -> GenerateObjectResult:
    """Async twin of :func:`generate_object`."""
    settings = object_settings(model, arguments, function="agenerate_object", stream=False)
    state = RunState()
    loop = text_generation_loop(settings, state, streaming=False)
    telemetry = arguments.get("experimental_telemetry")
    driver = run_async(trace_loop(loop, settings, state, telemetry, operation_id="ai.generateObject"))
    try:
        async for _ in driver:
            pass
    finally:
        await driver.aclose()
    return GenerateObjectResult.from_text_result(state.result())
