"""``generate_text`` / ``agenerate_text``: run the model (and the tool loop) to completion.

Example::

    from ai_sdk_core import generate_text, tool, step_count_is

    @tool
    def get_weather(city: str) -> str:
        '''Current weather of a city.'''
        return "sunny"

    result = generate_text(
        model="openai:gpt-4o-mini",
        prompt="What's the weather in Paris?",
        tools={"get_weather": get_weather},
        stop_when=step_count_is(5),
    )
    print(result.text, result.total_usage.total_tokens)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypedDict, Unpack

from ai_sdk_core.generate_text.drivers import run_async, run_sync
from ai_sdk_core.generate_text.loop import RunState, text_generation_loop
from ai_sdk_core.generate_text.results import GenerateTextResult
from ai_sdk_core.generate_text.settings import GenerationSettings, build_settings
from ai_sdk_core.output import OutputStrategy
from ai_sdk_core.prompt.download import DownloadConfig
from ai_sdk_core.spec.call_options import TimeoutConfig
from ai_sdk_core.spec.language_model import LanguageModel
from ai_sdk_core.spec.shared import ProviderOptions
from ai_sdk_core.telemetry.run import trace_loop
from ai_sdk_core.telemetry.settings import TelemetryArgument
from ai_sdk_core.tools import StopCondition

__all__ = ["GenerateTextOptions", "agenerate_text", "generate_text", "settings_from_arguments"]

_CALL_SETTINGS = (
    "max_output_tokens",
    "temperature",
    "top_p",
    "top_k",
    "presence_penalty",
    "frequency_penalty",
    "stop_sequences",
    "seed",
    "reasoning",
)


class GenerateTextOptions(TypedDict, total=False):
    """Keyword arguments of ``generate_text``/``agenerate_text`` (and, with the stream extras, ``stream_text``).

    Exactly one of ``prompt`` (a string or a message list) and ``messages`` is required. ``instructions``
    (alias ``system``) is a string or system messages. ``tools`` is ``{name: Tool}`` (or a list of named
    tools/functions). ``stop_when`` is a stop condition or a list (any stops); the default stops after one
    step. ``max_retries`` defaults to 2 (``None``: no retries); ``timeout`` is total seconds or a
    :class:`~ai_sdk_core.spec.call_options.TimeoutConfig`. ``download`` (off by default) lets the SDK fetch
    URLs the model cannot fetch itself: ``True`` or a :class:`~ai_sdk_core.prompt.download.DownloadConfig`.
    ``output`` (an :class:`~ai_sdk_core.output.Output` factory's value) asks for structured output, parsed from
    the final step's text into ``result.output``; ``repair_text(text=..., error=...)`` (sync or async) may
    return a fixed text when that parse fails (``None``: give up). ``experimental_telemetry`` (off by default)
    traces the run with OpenTelemetry: see :mod:`ai_sdk_core.telemetry`.
    """

    prompt: str | Sequence[Any]
    messages: Sequence[Any]
    instructions: Any
    system: Any
    tools: Mapping[str, Any] | Sequence[Any]
    tool_choice: Any
    active_tools: Sequence[str]
    stop_when: StopCondition | Sequence[StopCondition]
    prepare_step: Callable[..., Any]
    repair_tool_call: Callable[..., Any]
    max_output_tokens: int
    temperature: float
    top_p: float
    top_k: int
    presence_penalty: float
    frequency_penalty: float
    stop_sequences: Sequence[str]
    seed: int
    reasoning: str
    max_retries: int | None
    timeout: float | TimeoutConfig | None
    headers: Mapping[str, str | None]
    provider_options: ProviderOptions
    on_step_end: Callable[..., Any]
    on_step_finish: Callable[..., Any]
    on_end: Callable[..., Any]
    on_finish: Callable[..., Any]
    download: bool | DownloadConfig
    output: OutputStrategy
    repair_text: Callable[..., Any]
    experimental_telemetry: TelemetryArgument


_STREAM_ONLY = frozenset({"on_chunk", "on_error", "include_raw_chunks"})
# The accepted keyword names, built once: every call checks its arguments against one of them.
_GENERATE_KEYS = frozenset(GenerateTextOptions.__optional_keys__)
_STREAM_KEYS = _GENERATE_KEYS | _STREAM_ONLY
_CALL_SETTINGS_KEYS = frozenset(_CALL_SETTINGS)
# Passed to build_settings as they are (``include_raw_chunks`` is made a bool first; ``experimental_telemetry``
# is read by the caller).
_SETTINGS_KEYS = _STREAM_KEYS - _CALL_SETTINGS_KEYS - {"include_raw_chunks", "experimental_telemetry"}


def settings_from_arguments(
    model: LanguageModel | str, arguments: Mapping[str, Any], *, function: str, stream: bool
) -> GenerationSettings:
    """Check the keyword arguments of a public function and normalise them."""
    allowed = _STREAM_KEYS if stream else _GENERATE_KEYS
    if not allowed.issuperset(arguments):
        unknown = sorted(set(arguments) - allowed)
        raise TypeError(f"{function}() got unexpected keyword arguments: {', '.join(unknown)}")
    # Only what the caller passed travels on: build_settings reads a missing argument as NOT_GIVEN. A call
    # passes a handful of the thirty-odd names, so this is a few steps instead of one per name.
    settings_arguments: dict[str, Any] = {}
    call_settings: dict[str, Any] = {}
    for name, value in arguments.items():
        if name in _SETTINGS_KEYS:
            settings_arguments[name] = value
        elif name in _CALL_SETTINGS_KEYS:
            if value is not None:
                call_settings[name] = value
        elif name == "include_raw_chunks":
            settings_arguments[name] = bool(value)
    return build_settings(model=model, call_settings=call_settings, **settings_arguments)


def generate_text(*, model: LanguageModel | str, **arguments: Unpack[GenerateTextOptions]) -> GenerateTextResult:
    """Generate text (running tools in a loop while ``stop_when`` allows), blocking.

    Never starts an event loop in the calling thread; see :mod:`ai_sdk_core.generate_text.drivers` for how
    async tools run. Raises the model's error (``APICallError``, ``RetryError``, ...) when a call fails.
    """
    settings = settings_from_arguments(model, arguments, function="generate_text", stream=False)
    state = RunState()
    loop = text_generation_loop(settings, state, streaming=False)
    telemetry = arguments.get("experimental_telemetry")
    for _ in run_sync(trace_loop(loop, settings, state, telemetry, operation_id="ai.generateText")):
        pass
    return state.result()


async def agenerate_text(*, model: LanguageModel | str, **arguments: Unpack[GenerateTextOptions]) -> GenerateTextResult:
    """Async twin of :func:`generate_text`."""
    settings = settings_from_arguments(model, arguments, function="agenerate_text", stream=False)
    state = RunState()
    loop = text_generation_loop(settings, state, streaming=False)
    telemetry = arguments.get("experimental_telemetry")
    driver = run_async(trace_loop(loop, settings, state, telemetry, operation_id="ai.generateText"))
    try:
        async for _ in driver:
            pass
    finally:
        await driver.aclose()
    return state.result()
