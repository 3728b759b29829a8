"""The arguments of ``generate_text``/``stream_text`` (and their async twins), checked and normalised once."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from ai_sdk_core.generate_text.tool_execution import ApprovalDecision, collect_approval_decisions
from ai_sdk_core.output import OutputStrategy
from ai_sdk_core.prompt.convert import Instructions, standardize_instructions, standardize_prompt
from ai_sdk_core.prompt.download import DownloadConfig
from ai_sdk_core.prompt.messages import ModelMessage, SystemModelMessage
from ai_sdk_core.provider_utils.settings import NOT_GIVEN
from ai_sdk_core.spec.call_options import TimeoutConfig
from ai_sdk_core.spec.errors import InvalidArgumentError
from ai_sdk_core.spec.language_model import LanguageModel
from ai_sdk_core.spec.shared import ProviderOptions
from ai_sdk_core.spec.tools import ProviderTool, ToolChoice
from ai_sdk_core.tools import StopCondition, Tool, step_count_is, tool

__all__ = [
    "GenerationSettings",
    "PrepareStepOptions",
    "PrepareStepResult",
    "ToolChoiceArgument",
    "build_settings",
    "normalize_tool_choice",
    "normalize_tools",
]

ToolChoiceArgument = str | Mapping[str, Any] | ToolChoice | None

# The default stop condition (a frozen value: one serves every run).
_ONE_STEP: Final = step_count_is(1)


@dataclass(slots=True, frozen=True)
class PrepareStepOptions:
    """What ``prepare_step`` receives before each step: the step number, the steps so far, the model, and
    the messages about to be sent."""

    step_number: int
    steps: Sequence[Any]
    model: LanguageModel | str
    messages: Sequence[ModelMessage]
    instructions: Sequence[SystemModelMessage]


@dataclass(slots=True)
class PrepareStepResult:
    """What ``prepare_step`` may return (a dict with these keys works too). ``None`` fields keep the run's
    setting. ``messages``/``instructions`` replace those of this step only."""

    model: LanguageModel | str | None = None
    tool_choice: ToolChoiceArgument = None
    active_tools: Sequence[str] | None = None
    messages: Sequence[Any] | None = None
    instructions: Instructions = None
    provider_options: ProviderOptions | None = None


@dataclass(slots=True)
class GenerationSettings:
    """Normalised arguments of one run."""

    model: LanguageModel | str
    instructions: list[SystemModelMessage]
    messages: list[ModelMessage]
    tools: dict[str, Tool] = field(default_factory=dict)
    tool_choice: ToolChoice | None = None
    active_tools: list[str] | None = None
    stop_conditions: list[StopCondition] = field(default_factory=list)
    prepare_step: Callable[[PrepareStepOptions], Any] | None = None
    repair_tool_call: Callable[[Any], Any] | None = None
    call_settings: dict[str, Any] = field(default_factory=dict)
    max_retries: int = 2
    timeout: TimeoutConfig | None = None
    headers: Mapping[str, str | None] | None = None
    provider_options: ProviderOptions | None = None
    on_step_end: Callable[[Any], Any] | None = None
    on_end: Callable[[Any], Any] | None = None
    on_chunk: Callable[[Any], Any] | None = None
    on_error: Callable[[Any], Any] | None = None
    include_raw_chunks: bool = False
    download: DownloadConfig | None = None
    # Structured output (``output=``): parsed from the final step's text, or from the input of the tool named
    # ``output_tool`` (``generate_object`` in tool mode, where no response format is sent).
    output: OutputStrategy | None = None
    output_tool: str | None = None
    repair_text: Callable[..., Any] | None = None
    # Tool approval responses at the end of ``messages`` whose calls still wait: answered before the first step.
    approval_decisions: list[ApprovalDecision] = field(default_factory=list)


def normalize_tool_choice(value: ToolChoiceArgument) -> ToolChoice | None:
    """``"auto"``/``"none"``/``"required"``, ``{"type": "tool", "tool_name": ...}`` (or ``toolName``)."""
    if value is None:
        return None
    if isinstance(value, ToolChoice):
        return value
    if isinstance(value, str):
        if value in ("auto", "none", "required"):
            return ToolChoice(type=value)  # type: ignore[arg-type]
        raise InvalidArgumentError("expected 'auto', 'none', 'required' or a tool dict", argument="tool_choice")
    if isinstance(value, Mapping) and value.get("type") == "tool":
        name = value.get("tool_name", value.get("toolName"))
        if isinstance(name, str):
            return ToolChoice(type="tool", tool_name=name)
    raise InvalidArgumentError(f"cannot read {value!r}", argument="tool_choice", value=value)


def normalize_tools(tools: Mapping[str, Any] | Sequence[Any] | None) -> dict[str, Tool]:
    """Tools as ``{name: Tool}``. A dict's keys name its tools; a list uses each tool's ``name``. Plain
    functions are wrapped with :func:`~ai_sdk_core.tools.tool`; a provider's own tool
    (``openai.tools.web_search()``) becomes a :class:`Tool` the provider runs."""
    if tools is None:
        return {}
    result: dict[str, Tool] = {}
    items: list[tuple[str | None, Any]] = (
        list(tools.items()) if isinstance(tools, Mapping) else [(None, item) for item in tools]
    )
    for key, value in items:
        made = _as_tool(value)
        if made is None:
            raise InvalidArgumentError(f"{value!r} is not a Tool, a function or a provider tool", argument="tools")
        name = key or made.name
        if not name:
            raise InvalidArgumentError("a tool in a list needs a name", argument="tools")
        result[name] = made
    return result


def _as_tool(value: Any) -> Tool | None:
    if isinstance(value, Tool):
        return value
    if isinstance(value, ProviderTool):
        # The provider validates its own tool's input; the SDK only passes the calls and results through.
        return Tool(input_schema={"type": "object"}, name=value.name, provider_tool=value)
    return tool(value) if callable(value) else None


def _timeout(value: Any) -> TimeoutConfig | None:
    if value is NOT_GIVEN or value is None:
        return None
    if isinstance(value, TimeoutConfig):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return TimeoutConfig(total=float(value))
    raise InvalidArgumentError("expected seconds (> 0) or a TimeoutConfig", argument="timeout", value=value)


def _max_retries(value: Any) -> int:
    if value is NOT_GIVEN:
        return 2
    if value is None:
        return 0
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise InvalidArgumentError("expected an integer >= 0", argument="max_retries", value=value)
    return value


def _first_given(name: str, alias: str, value: Any, alias_value: Any) -> Any:
    if value is not NOT_GIVEN and alias_value is not NOT_GIVEN:
        raise InvalidArgumentError(f"pass {name}= or {alias}=, not both", argument=name)
    return alias_value if value is NOT_GIVEN else value


def build_settings(
    *,
    model: Any = NOT_GIVEN,
    prompt: Any = NOT_GIVEN,
    messages: Any = NOT_GIVEN,
    instructions: Any = NOT_GIVEN,
    system: Any = NOT_GIVEN,
    tools: Any = NOT_GIVEN,
    tool_choice: Any = NOT_GIVEN,
    active_tools: Any = NOT_GIVEN,
    stop_when: Any = NOT_GIVEN,
    prepare_step: Any = NOT_GIVEN,
    repair_tool_call: Any = NOT_GIVEN,
    max_retries: Any = NOT_GIVEN,
    timeout: Any = NOT_GIVEN,
    headers: Any = NOT_GIVEN,
    provider_options: Any = NOT_GIVEN,
    on_step_end: Any = NOT_GIVEN,
    on_step_finish: Any = NOT_GIVEN,
    on_end: Any = NOT_GIVEN,
    on_finish: Any = NOT_GIVEN,
    on_chunk: Any = NOT_GIVEN,
    on_error: Any = NOT_GIVEN,
    include_raw_chunks: bool = False,
    download: Any = NOT_GIVEN,
    output: Any = NOT_GIVEN,
    repair_text: Any = NOT_GIVEN,
    call_settings: dict[str, Any] | None = None,
) -> GenerationSettings:
    """Check and normalise the public arguments (``NOT_GIVEN``, the default, marks what the caller left out)."""
    if model is None or model is NOT_GIVEN:
        raise InvalidArgumentError("a model (object or 'provider:model' string) is required", argument="model")
    given_instructions = _first_given("instructions", "system", instructions, system)
    _, typed_messages = standardize_prompt(
        prompt=None if prompt is NOT_GIVEN else prompt,
        messages=None if messages is NOT_GIVEN else messages,
        instructions=None,
    )
    conditions: list[StopCondition]
    if stop_when is NOT_GIVEN or stop_when is None:
        conditions = [_ONE_STEP]
    elif callable(stop_when):
        conditions = [stop_when]
    else:
        conditions = list(stop_when)
    download_config: DownloadConfig | None
    if download is NOT_GIVEN or download is None or download is False:
        download_config = None
    elif download is True:
        download_config = DownloadConfig()
    elif isinstance(download, DownloadConfig):
        download_config = download
    else:
        raise InvalidArgumentError("expected True, False or a DownloadConfig", argument="download", value=download)

    def given(value: Any) -> Any:
        return None if value is NOT_GIVEN else value

    if given(output) is not None and not isinstance(output, OutputStrategy):
        raise InvalidArgumentError(
            f"expected Output.text(), .json(), .object(...), .array(...) or .choice([...]), not {output!r:.80}",
            argument="output",
            value=output,
        )
    if given(repair_text) is not None and not callable(repair_text):
        raise InvalidArgumentError("expected a function (text=..., error=...) -> str | None", argument="repair_text")

    return GenerationSettings(
        model=model,
        instructions=standardize_instructions(None if given_instructions is NOT_GIVEN else given_instructions),
        messages=typed_messages,
        tools=normalize_tools(given(tools)),
        tool_choice=normalize_tool_choice(given(tool_choice)),
        active_tools=None if given(active_tools) is None else list(active_tools),
        stop_conditions=conditions,
        prepare_step=given(prepare_step),
        repair_tool_call=given(repair_tool_call),
        call_settings={key: value for key, value in call_settings.items() if value is not NOT_GIVEN}
        if call_settings
        else {},
        max_retries=_max_retries(max_retries),
        timeout=_timeout(timeout),
        headers=given(headers),
        provider_options=given(provider_options),
        on_step_end=given(_first_given("on_step_end", "on_step_finish", on_step_end, on_step_finish)),
        on_end=given(_first_given("on_end", "on_finish", on_end, on_finish)),
        on_chunk=given(on_chunk),
        on_error=given(on_error),
        include_raw_chunks=include_raw_chunks,
        download=download_config,
        output=given(output),
        repair_text=given(repair_text),
        # Checked with the other arguments, so a stream refuses an unknown approval id at once.
        approval_decisions=collect_approval_decisions(typed_messages),
    )
