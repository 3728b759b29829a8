"""What ``generate_text`` and ``stream_text`` return: usage, tool calls and results, steps, the final result."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, ClassVar, Final, TypeAlias

from ai_sdk_core.prompt.messages import ModelMessage
from ai_sdk_core.spec.content import FileContent, ReasoningContent, SourceContent, TextContent
from ai_sdk_core.spec.shared import CallWarning, ProviderMetadata, RequestInfo
from ai_sdk_core.spec.usage import Usage

__all__ = [
    "ContentPart",
    "GenerateTextResult",
    "InputTokenDetails",
    "LanguageModelResponse",
    "LanguageModelUsage",
    "NO_OUTPUT",
    "OutputTokenDetails",
    "StepResult",
    "ToolApprovalRequest",
    "ToolCall",
    "ToolError",
    "ToolOutputDenied",
    "ToolResult",
]


class _NoOutput:
    def __repr__(self) -> str:
        return "NO_OUTPUT"


# ``GenerateTextResult.output_value`` of a run without ``output=`` (whose ``output`` is then its text).
NO_OUTPUT: Final = _NoOutput()


def _add(left: int | None, right: int | None) -> int | None:
    """None-aware sum: unknown plus unknown stays unknown, unknown plus a count is that count."""
    if left is None:
        return right
    if right is None:
        return left
    return left + right


@dataclass(slots=True)
class InputTokenDetails:
    """Input tokens split by cache use."""

    no_cache_tokens: int | None = None
    cache_read_tokens: int | None = None
    cache_write_tokens: int | None = None


@dataclass(slots=True)
class OutputTokenDetails:
    """Output tokens split into visible text and hidden reasoning."""

    text_tokens: int | None = None
    reasoning_tokens: int | None = None


@dataclass(slots=True)
class LanguageModelUsage:
    """Token usage, flat. ``None`` means the provider did not say. ``a + b`` sums None-aware."""

    input_tokens: int | None = None
    output_tokens: int | None = None
    total_tokens: int | None = None
    input_token_details: InputTokenDetails = field(default_factory=InputTokenDetails)
    output_token_details: OutputTokenDetails = field(default_factory=OutputTokenDetails)
    raw: dict[str, Any] | None = None

    @classmethod
    def from_spec(cls, usage: Usage) -> LanguageModelUsage:
        """Flatten the spec's nested usage."""
        inputs, outputs = usage.input_tokens, usage.output_tokens
        return cls(
            input_tokens=inputs.total,
            output_tokens=outputs.total,
            total_tokens=_add(inputs.total, outputs.total),
            input_token_details=InputTokenDetails(inputs.no_cache, inputs.cache_read, inputs.cache_write),
            output_token_details=OutputTokenDetails(outputs.text, outputs.reasoning),
            raw=usage.raw,
        )

    def __add__(self, other: LanguageModelUsage) -> LanguageModelUsage:
        left_in, right_in = self.input_token_details, other.input_token_details
        left_out, right_out = self.output_token_details, other.output_token_details
        return LanguageModelUsage(
            input_tokens=_add(self.input_tokens, other.input_tokens),
            output_tokens=_add(self.output_tokens, other.output_tokens),
            total_tokens=_add(self.total_tokens, other.total_tokens),
            input_token_details=InputTokenDetails(
                _add(left_in.no_cache_tokens, right_in.no_cache_tokens),
                _add(left_in.cache_read_tokens, right_in.cache_read_tokens),
                _add(left_in.cache_write_tokens, right_in.cache_write_tokens),
            ),
            output_token_details=OutputTokenDetails(
                _add(left_out.text_tokens, right_out.text_tokens),
                _add(left_out.reasoning_tokens, right_out.reasoning_tokens),
            ),
            raw=None,
        )


@dataclass(slots=True)
class ToolCall:
    """A tool call of the model. ``input`` is the parsed JSON input (the raw string when it did not parse).

    ``invalid`` calls (unknown tool, input that does not parse or validate) carry the ``error`` and are
    answered with a :class:`ToolError` instead of being executed.
    """

    tool_call_id: str
    tool_name: str
    input: Any
    provider_executed: bool | None = None
    dynamic: bool = False
    invalid: bool = False
    error: Exception | None = None
    provider_metadata: ProviderMetadata | None = None
    # What ``execute`` receives (a pydantic model instance for model schemas); not part of equality or repr.
    validated_input: Any = field(default=None, repr=False, compare=False)
    type: ClassVar[str] = "tool-call"


@dataclass(slots=True)
class ToolResult:
    """The output of a tool (run by the SDK, or by the provider when ``provider_executed``)."""

    tool_call_id: str
    tool_name: str
    input: Any
    output: Any
    provider_executed: bool | None = None
    dynamic: bool = False
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[str] = "tool-result"


@dataclass(slots=True)
class ToolError:
    """A tool call that failed: ``execute`` raised (``ToolExecutionError``), the input was invalid
    (``InvalidToolInputError``), or the tool does not exist (``NoSuchToolError``). The model sees the
    error text as the tool's result."""

    tool_call_id: str
    tool_name: str
    input: Any
    error: Exception
    provider_executed: bool | None = None
    dynamic: bool = False
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[str] = "tool-error"


@dataclass(slots=True)
class ToolApprovalRequest:
    """A call of a tool with ``needs_approval`` that waits for the caller's decision: the loop stopped before
    running it. Answer with a tool message holding a ``ToolApprovalResponse`` for ``approval_id``."""

    approval_id: str
    tool_call: ToolCall
    type: ClassVar[str] = "tool-approval-request"


@dataclass(slots=True)
class ToolOutputDenied:
    """A call the caller did not approve: the model reads an ``execution-denied`` output (with ``reason``)."""

    tool_call_id: str
    tool_name: str
    input: Any
    reason: str | None = None
    dynamic: bool = False
    type: ClassVar[str] = "tool-output-denied"


ContentPart: TypeAlias = (
    TextContent
    | ReasoningContent
    | FileContent
    | SourceContent
    | ToolCall
    | ToolResult
    | ToolError
    | ToolApprovalRequest
    | ToolOutputDenied
)


@dataclass(slots=True)
class LanguageModelResponse:
    """Response metadata, and ``messages``: the assistant and tool messages generated so far, ready to be
    appended to the conversation (their ``provider_options`` carry each part's provider metadata back)."""

    id: str
    model_id: str
    timestamp: datetime
    headers: Mapping[str, str] = field(default_factory=dict)
    body: Any = None
    messages: list[ModelMessage] = field(default_factory=list)


@dataclass(slots=True)
class StepResult:
    """One model call of the loop and the tool executions that followed it."""

    step_number: int
    content: list[ContentPart]
    finish_reason: str
    raw_finish_reason: str | None
    usage: LanguageModelUsage
    response: LanguageModelResponse
    request: RequestInfo = field(default_factory=RequestInfo)
    warnings: Sequence[CallWarning] = ()
    provider_metadata: ProviderMetadata | None = None
    model_provider: str = ""
    model_id: str = ""

    @property
    def text(self) -> str:
        """All text of the step, concatenated."""
        return "".join(part.text for part in self.content if isinstance(part, TextContent))

    @property
    def reasoning(self) -> list[ReasoningContent]:
        """Reasoning parts of the step."""
        return [part for part in self.content if isinstance(part, ReasoningContent)]

    @property
    def reasoning_text(self) -> str | None:
        """Reasoning text concatenated, None when the step had none."""
        parts = self.reasoning
        return "".join(part.text for part in parts) if parts else None

    @property
    def files(self) -> list[FileContent]:
        """Files the model generated."""
        return [part for part in self.content if isinstance(part, FileContent)]

    @property
    def sources(self) -> list[SourceContent]:
        """Sources the model cited."""
        return [part for part in self.content if isinstance(part, SourceContent)]

    @property
    def tool_calls(self) -> list[ToolCall]:
        """Tool calls of the step (invalid ones included, marked ``invalid``)."""
        return [part for part in self.content if isinstance(part, ToolCall)]

    @property
    def tool_results(self) -> list[ToolResult]:
        """Successful tool results of the step."""
        return [part for part in self.content if isinstance(part, ToolResult)]

    @property
    def tool_errors(self) -> list[ToolError]:
        """Failed tool calls of the step."""
        return [part for part in self.content if isinstance(part, ToolError)]

    @property
    def tool_approval_requests(self) -> list[ToolApprovalRequest]:
        """Calls of the step waiting for the caller's approval."""
        return [part for part in self.content if isinstance(part, ToolApprovalRequest)]


@dataclass(slots=True)
class GenerateTextResult:
    """The result of ``generate_text`` (also what ``on_end`` receives, for streams too).

    Content fields (``text``, ``content``, ``tool_calls``, ...) and ``usage`` are those of the last step;
    ``total_usage`` sums every step; ``response.messages`` holds every generated message.
    """

    steps: list[StepResult]
    total_usage: LanguageModelUsage
    error: BaseException | None = None
    # Structured output (``output=``): the parsed value, or the NoObjectGeneratedError a stream kept for later.
    output_value: Any = field(default=NO_OUTPUT, repr=False)
    output_error: BaseException | None = field(default=None, repr=False)

    @property
    def output(self) -> Any:
        """The structured output (``output=``): a model instance for a pydantic model, a list for
        ``Output.array``, the chosen string for ``Output.choice``; the final text when no ``output`` was given.
        Raises the ``NoObjectGeneratedError`` of a stream whose answer did not parse or validate."""
        if self.output_error is not None:
            raise self.output_error
        if self.output_value is NO_OUTPUT:
            return self.text
        return self.output_value

    @property
    def _last(self) -> StepResult | None:
        return self.steps[-1] if self.steps else None

    @property
    def text(self) -> str:
        """Text of the last step."""
        return self._last.text if self._last else ""

    @property
    def content(self) -> list[ContentPart]:
        """Content of the last step."""
        return self._last.content if self._last else []

    @property
    def reasoning(self) -> list[ReasoningContent]:
        """Reasoning parts of the last step."""
        return self._last.reasoning if self._last else []

    @property
    def reasoning_text(self) -> str | None:
        """Reasoning text of the last step."""
        return self._last.reasoning_text if self._last else None

    @property
    def files(self) -> list[FileContent]:
        """Files of the last step."""
        return self._last.files if self._last else []

    @property
    def sources(self) -> list[SourceContent]:
        """Sources of every step (the AI SDK accumulates them)."""
        return [source for step in self.steps for source in step.sources]

    @property
    def tool_calls(self) -> list[ToolCall]:
        """Tool calls of the last step."""
        return self._last.tool_calls if self._last else []

    @property
    def tool_results(self) -> list[ToolResult]:
        """Tool results of the last step."""
        return self._last.tool_results if self._last else []

    @property
    def tool_approval_requests(self) -> list[ToolApprovalRequest]:
        """Calls of the last step waiting for the caller's approval (the loop stopped for them)."""
        return self._last.tool_approval_requests if self._last else []

    @property
    def finish_reason(self) -> str:
        """Unified finish reason of the last step (``"error"`` when the run failed before any step ended)."""
        if self._last is not None:
            return self._last.finish_reason
        return "error" if self.error is not None else "other"

    @property
    def raw_finish_reason(self) -> str | None:
        """The provider's own finish reason of the last step."""
        return self._last.raw_finish_reason if self._last else None

    @property
    def usage(self) -> LanguageModelUsage:
        """Usage of the last step."""
        return self._last.usage if self._last else LanguageModelUsage()

    @property
    def warnings(self) -> Sequence[CallWarning]:
        """Warnings of the last step."""
        return self._last.warnings if self._last else ()

    @property
    def provider_metadata(self) -> ProviderMetadata | None:
        """Provider metadata of the last step."""
        return self._last.provider_metadata if self._last else None

    @property
    def request(self) -> RequestInfo:
        """What was sent in the last step."""
        return self._last.request if self._last else RequestInfo()

    @property
    def response(self) -> LanguageModelResponse:
        """Response metadata of the last step, with every generated message (empty when no step ended, which
        only happens to a stream that failed at once)."""
        if self._last is not None:
            return self._last.response
        return LanguageModelResponse(id="", model_id="", timestamp=datetime.now(UTC))
