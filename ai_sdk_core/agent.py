"""``Agent``: a model, its instructions and tools, and a stop condition, kept together and reused (the AI SDK's
``ToolLoopAgent``).

Example::

    from ai_sdk_core import tool
    from ai_sdk_core.agent import Agent

    @tool
    def get_weather(city: str) -> str:
        '''Current weather of a city.'''
        return "sunny"

    agent = Agent(model="openai:gpt-4o-mini", instructions="You answer weather questions.",
                  tools={"get_weather": get_weather})
    result = agent.generate(prompt="Weather in Paris?")
    print(result.text)

The agent holds settings only: each call delegates to ``generate_text``/``stream_text`` (and their async
twins), so results, stream parts, tool approval and errors are exactly theirs. Unlike ``generate_text``, which
stops after one step unless told otherwise, an agent runs its tool loop up to ``step_count_is(20)`` by default.

Tool approval: a tool made with ``needs_approval=True`` (or a function of the input) is not run; the loop
stops with a :class:`~ai_sdk_core.generate_text.results.ToolApprovalRequest` in ``result.content``. Resume by
calling the agent again with the conversation (``result.response.messages`` appended) plus a tool message
holding a :class:`~ai_sdk_core.prompt.messages.ToolApprovalResponse` per request: approved calls run first,
denied ones reach the model as ``execution-denied`` outputs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypedDict, Unpack

from ai_sdk_core.generate_text.generate_text import agenerate_text, generate_text
from ai_sdk_core.generate_text.results import GenerateTextResult
from ai_sdk_core.generate_text.settings import normalize_tools
from ai_sdk_core.generate_text.stream_text import AsyncStreamTextResult, StreamTextResult, astream_text, stream_text
from ai_sdk_core.output import OutputStrategy
from ai_sdk_core.prompt.download import DownloadConfig
from ai_sdk_core.spec.call_options import TimeoutConfig
from ai_sdk_core.spec.errors import InvalidArgumentError
from ai_sdk_core.spec.language_model import LanguageModel
from ai_sdk_core.spec.shared import ProviderOptions
from ai_sdk_core.telemetry.settings import TelemetryArgument
from ai_sdk_core.tools import StopCondition, Tool, step_count_is

__all__ = ["DEFAULT_AGENT_STOP_CONDITION", "Agent", "AgentSettings", "AgentStreamOptions"]

DEFAULT_AGENT_STOP_CONDITION: StopCondition = step_count_is(20)
"""An agent's ``stop_when`` when none is given (as the AI SDK's ``ToolLoopAgent``): at most 20 steps."""


class AgentSettings(TypedDict, total=False):
    """Settings an :class:`Agent` holds besides its model, instructions, tools, stop condition,
    ``prepare_step``, ``output`` and ``tool_choice``: the call settings (temperature, token limit, ...),
    provider settings (``provider_options``, ``headers``, ``max_retries``, ``timeout``), and the callbacks,
    all as ``generate_text`` takes them."""

    active_tools: Sequence[str]
    repair_tool_call: Callable[..., Any]
    repair_text: Callable[..., Any]
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
    download: bool | DownloadConfig
    on_step_end: Callable[..., Any]
    on_step_finish: Callable[..., Any]
    on_end: Callable[..., Any]
    on_finish: Callable[..., Any]
    experimental_telemetry: TelemetryArgument


class AgentStreamOptions(TypedDict, total=False):
    """Extra keyword arguments of :meth:`Agent.stream`/:meth:`Agent.astream` (as ``stream_text`` takes them)."""

    on_chunk: Callable[..., Any]
    on_error: Callable[..., Any]
    include_raw_chunks: bool


class Agent:
    """A reusable tool-loop agent: ``generate``/``agenerate`` return a ``GenerateTextResult``,
    ``stream``/``astream`` a ``StreamTextResult``/``AsyncStreamTextResult``, each run with the agent's settings.

    ``stop_when`` defaults to :data:`DEFAULT_AGENT_STOP_CONDITION` (20 steps); a list stops when any holds.
    ``instructions`` is a string or system messages; ``tools`` a ``{name: Tool}`` dict (or a list of named tools
    or functions); ``output`` an :class:`~ai_sdk_core.output.Output` strategy for a structured final answer.
    """

    __slots__ = (
        "_settings",
        "id",
        "instructions",
        "model",
        "output",
        "prepare_step",
        "stop_when",
        "tool_choice",
        "tools",
    )

    def __init__(
        self,
        *,
        model: LanguageModel | str,
        instructions: Any = None,
        tools: Mapping[str, Any] | Sequence[Any] | None = None,
        stop_when: StopCondition | Sequence[StopCondition] | None = None,
        prepare_step: Callable[..., Any] | None = None,
        output: OutputStrategy | None = None,
        tool_choice: Any = None,
        id: str | None = None,
        **settings: Unpack[AgentSettings],
    ) -> None:
        if model is None:
            raise InvalidArgumentError("an Agent needs a model (object or 'provider:model' string)", argument="model")
        unknown = sorted(set(settings) - set(AgentSettings.__optional_keys__))
        if unknown:
            raise TypeError(f"Agent() got unexpected keyword arguments: {', '.join(unknown)}")
        self.id = id
        self.model = model
        self.instructions = instructions
        # Normalised once: a list of functions becomes the {name: Tool} dict every run shares.
        self.tools: dict[str, Tool] = normalize_tools(tools)
        self.stop_when: StopCondition | Sequence[StopCondition] = (
            DEFAULT_AGENT_STOP_CONDITION if stop_when is None else stop_when
        )
        self.prepare_step = prepare_step
        self.output = output
        self.tool_choice = tool_choice
        self._settings: dict[str, Any] = dict(settings)

    def __repr__(self) -> str:
        model = self.model if isinstance(self.model, str) else getattr(self.model, "model_id", type(self.model))
        return f"Agent(id={self.id!r}, model={model!r}, tools={sorted(self.tools)!r})"

    def _arguments(self, prompt: str | Sequence[Any] | None, messages: Sequence[Any] | None) -> dict[str, Any]:
        """The keyword arguments of one run: the agent's settings plus the prompt or messages."""
        arguments: dict[str, Any] = dict(self._settings)
        arguments["stop_when"] = self.stop_when
        if self.tools:
            arguments["tools"] = self.tools
        optional = {
            "instructions": self.instructions,
            "prepare_step": self.prepare_step,
            "output": self.output,
            "tool_choice": self.tool_choice,
            "prompt": prompt,
            "messages": messages,
        }
        arguments.update({name: value for name, value in optional.items() if value is not None})
        return arguments

    def generate(
        self, *, prompt: str | Sequence[Any] | None = None, messages: Sequence[Any] | None = None
    ) -> GenerateTextResult:
        """Run the agent to completion (blocking); pass ``prompt`` (a string) or ``messages``."""
        return generate_text(model=self.model, **self._arguments(prompt, messages))

    async def agenerate(
        self, *, prompt: str | Sequence[Any] | None = None, messages: Sequence[Any] | None = None
    ) -> GenerateTextResult:
        """Async twin of :meth:`generate`."""
        return await agenerate_text(model=self.model, **self._arguments(prompt, messages))

    def stream(
        self,
        *,
        prompt: str | Sequence[Any] | None = None,
        messages: Sequence[Any] | None = None,
        **options: Unpack[AgentStreamOptions],
    ) -> StreamTextResult:
        """Stream the agent's run; returns at once, the model is called on first read."""
        return stream_text(model=self.model, **self._arguments(prompt, messages), **options)

    def astream(
        self,
        *,
        prompt: str | Sequence[Any] | None = None,
        messages: Sequence[Any] | None = None,
        **options: Unpack[AgentStreamOptions],
    ) -> AsyncStreamTextResult:
        """Async twin of :meth:`stream` (a plain function: iterate the result with ``async for``)."""
        return astream_text(model=self.model, **self._arguments(prompt, messages), **options)
