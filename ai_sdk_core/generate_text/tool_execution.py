"""Pure pieces of tool handling: validating a model's tool call against the tools offered, preparing an
execution, and turning what ``execute`` returned (or raised) into a result part. The drivers run ``execute``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ai_sdk_core.generate_text.results import ToolCall, ToolError, ToolOutputDenied, ToolResult
from ai_sdk_core.prompt.messages import (
    AssistantModelMessage,
    ModelMessage,
    ToolApprovalRequestPart,
    ToolApprovalResponse,
    ToolCallPart,
    ToolModelMessage,
    ToolResultPart,
)
from ai_sdk_core.spec.content import ToolCallContent
from ai_sdk_core.spec.errors import (
    AISDKError,
    InvalidPromptError,
    InvalidToolInputError,
    NoSuchToolError,
    ToolExecutionError,
    TypeValidationError,
)
from ai_sdk_core.tools import Tool, ToolExecutionOptions

__all__ = [
    "ApprovalDecision",
    "InvalidToolApprovalError",
    "RepairToolCallOptions",
    "ToolCallRepairError",
    "ToolInvocation",
    "approval_check",
    "collect_approval_decisions",
    "denied_output",
    "finish_invocation",
    "invalid_tool_call",
    "parse_tool_input",
    "plan_tool_executions",
    "start_invocation",
    "validate_tool_call",
]


class ToolCallRepairError(AISDKError):
    """``repair_tool_call`` itself raised; the call is reported to the model as invalid."""

    def __init__(self, message: str, *, original_error: Exception, cause: BaseException) -> None:
        super().__init__(message, cause=cause)
        self.original_error = original_error


@dataclass(slots=True, frozen=True)
class RepairToolCallOptions:
    """What ``repair_tool_call`` receives: the raw call (``input`` is the JSON text), the error, the tools,
    and the conversation. It returns a fixed :class:`~ai_sdk_core.spec.content.ToolCallContent` (or a dict
    with ``tool_name``/``input``), or None to give up."""

    tool_call: ToolCallContent
    error: NoSuchToolError | InvalidToolInputError
    tools: Mapping[str, Tool]
    messages: Sequence[Any] = ()
    instructions: Sequence[Any] = ()

    def input_schema(self, tool_name: str) -> dict[str, Any]:
        """The JSON Schema of the named tool's input."""
        return self.tools[tool_name].input_schema


def parse_tool_input(text: str) -> tuple[bool, Any]:
    """Parse a tool call's JSON input; empty text means no arguments (``{}``)."""
    from ai_sdk_core.provider_utils.json import try_parse_json

    if not text.strip():
        return True, {}
    return try_parse_json(text)


def validate_tool_call(raw: ToolCallContent, tools: Mapping[str, Tool]) -> ToolCall:
    """Check a tool call against the offered tools. Raises ``NoSuchToolError`` or ``InvalidToolInputError``.

    Provider-executed calls are not validated: the provider ran them.
    """
    if raw.provider_executed:
        ok, value = parse_tool_input(raw.input)
        return ToolCall(
            tool_call_id=raw.tool_call_id,
            tool_name=raw.tool_name,
            input=value if ok else raw.input,
            provider_executed=True,
            dynamic=bool(raw.dynamic),
            provider_metadata=raw.provider_metadata,
        )
    # A dict lookup, never attribute access by name: the model chooses the name.
    tool = tools.get(raw.tool_name)
    if tool is None:
        raise NoSuchToolError(raw.tool_name, available_tools=list(tools))
    from ai_sdk_core.provider_utils.json import parse_json
    from ai_sdk_core.spec.errors import JSONParseError

    try:
        value = parse_json(raw.input) if raw.input.strip() else {}
    except JSONParseError as error:
        raise InvalidToolInputError(
            "the input is not valid JSON", tool_name=raw.tool_name, tool_input=raw.input, cause=error
        ) from error
    try:
        validated = tool.parse_input(value)
    except TypeValidationError as error:
        raise InvalidToolInputError(str(error), tool_name=raw.tool_name, tool_input=raw.input, cause=error) from error
    return ToolCall(
        tool_call_id=raw.tool_call_id,
        tool_name=raw.tool_name,
        input=value,
        provider_executed=raw.provider_executed,
        dynamic=tool.dynamic or bool(raw.dynamic),
        provider_metadata=raw.provider_metadata,
        validated_input=validated,
    )


def invalid_tool_call(raw: ToolCallContent, error: Exception) -> ToolCall:
    """A call that failed validation (and repair): kept, marked invalid, answered with a tool error."""
    ok, value = parse_tool_input(raw.input)
    return ToolCall(
        tool_call_id=raw.tool_call_id,
        tool_name=raw.tool_name,
        input=value if ok else raw.input,
        provider_executed=raw.provider_executed,
        dynamic=True,
        invalid=True,
        error=error,
        provider_metadata=raw.provider_metadata,
    )


def as_repaired_call(value: Any, original: ToolCallContent) -> ToolCallContent:
    """Accept what ``repair_tool_call`` returned: a ToolCallContent, a dict, or a ToolCall-like object."""
    from ai_sdk_core.provider_utils.json import to_json_str

    # The call keeps the model's id whatever the repair returned: the tool result must answer that id.
    if isinstance(value, Mapping):
        tool_name = value.get("tool_name", value.get("toolName", original.tool_name))
        tool_input = value.get("input", original.input)
    else:
        tool_name = getattr(value, "tool_name", original.tool_name)
        tool_input = getattr(value, "input", original.input)
    return ToolCallContent(
        tool_call_id=original.tool_call_id,
        tool_name=str(tool_name),
        input=tool_input if isinstance(tool_input, str) else to_json_str(tool_input),
        provider_executed=original.provider_executed,
        dynamic=original.dynamic,
        provider_metadata=original.provider_metadata,
    )


@dataclass(slots=True)
class ToolInvocation:
    """One tool execution to run: the tool, the validated call, and the options ``execute`` may receive."""

    tool: Tool
    call: ToolCall
    options: ToolExecutionOptions


def start_invocation(invocation: ToolInvocation) -> Any:
    """Call ``execute``; returns its value, or an awaitable for async tools (the driver awaits it)."""
    return invocation.tool.call(invocation.call.validated_input, invocation.options)


def _unreadable_output_error(invocation: ToolInvocation, value: Any) -> TypeValidationError | None:
    # The model reads JSON: a value that does not convert would reach it as a meaningless repr, so it is a
    # tool error instead, saying how to fix it.
    try:
        invocation.tool.model_output(value)
    except Exception as error:
        return TypeValidationError(
            f"it returned a {type(value).__name__}, which cannot be sent to the model as JSON ({error}); return "
            "a str, dict, list, number, pydantic model or dataclass, or give the tool a to_model_output function",
            value=value,
            cause=error,
        )
    return None


def finish_invocation(invocation: ToolInvocation, value: Any, error: BaseException | None) -> ToolResult | ToolError:
    """The result part of an execution: its output, or a ``ToolExecutionError`` the model will see (the tool
    raised, or returned a value that cannot be sent to the model)."""
    call = invocation.call
    if error is None:
        error = _unreadable_output_error(invocation, value)
    if error is not None:
        wrapped = ToolExecutionError(
            f"Tool {call.tool_name!r} failed: {error}",
            tool_name=call.tool_name,
            tool_call_id=call.tool_call_id,
            tool_input=call.input,
            cause=error,
        )
        return ToolError(
            tool_call_id=call.tool_call_id,
            tool_name=call.tool_name,
            input=call.input,
            error=wrapped,
            dynamic=call.dynamic,
        )
    return ToolResult(
        tool_call_id=call.tool_call_id,
        tool_name=call.tool_name,
        input=call.input,
        output=value,
        dynamic=call.dynamic,
    )


def plan_tool_executions(
    calls: Sequence[ToolCall],
    tools: Mapping[str, Tool],
    messages: Sequence[Any],
    awaiting_approval: frozenset[str] = frozenset(),
) -> tuple[list[ToolResult | ToolError | None], list[ToolInvocation]]:
    """Decide what answers each client-side call, in call order: invalid calls get their error now, calls of
    tools with ``execute`` get a ``None`` slot filled by the next execution result, calls of tools without
    ``execute`` and calls in ``awaiting_approval`` get nothing (they are the caller's to answer, and the loop
    stops)."""
    outputs: list[ToolResult | ToolError | None] = []
    invocations: list[ToolInvocation] = []
    for call in calls:
        tool = tools.get(call.tool_name)
        if call.tool_call_id in awaiting_approval:
            continue
        if call.invalid and call.error is not None:
            outputs.append(
                ToolError(
                    tool_call_id=call.tool_call_id,
                    tool_name=call.tool_name,
                    input=call.input,
                    error=call.error,
                    dynamic=call.dynamic,
                )
            )
        elif tool is not None and tool.execute is not None:
            outputs.append(None)
            invocations.append(
                ToolInvocation(
                    tool=tool,
                    call=call,
                    options=ToolExecutionOptions(tool_call_id=call.tool_call_id, messages=tuple(messages)),
                )
            )
    return outputs, invocations


class InvalidToolApprovalError(InvalidPromptError):
    """A tool approval response does not match an approval request (or its tool call) in the messages."""

    def __init__(self, message: str, *, approval_id: str) -> None:
        super().__init__(message)
        self.approval_id = approval_id


def approval_check(arguments: tuple[Tool, ToolCall, ToolExecutionOptions]) -> Any:
    """Whether a valid call needs approval: the tool's ``needs_approval`` flag, or what its function returns
    for the validated input (an awaitable for async functions: the driver awaits it)."""
    tool, call, options = arguments
    return tool.approval_needed(call.validated_input if call.validated_input is not None else call.input, options)


@dataclass(slots=True, frozen=True)
class ApprovalDecision:
    """An approval response found in the messages, with the tool call it decides on. ``answered``: a denial
    whose ``execution-denied`` result is already in the messages (``convert_to_model_messages`` adds one for a
    UI part in ``approval-responded`` state): it is reported again (``tool-output-denied``) but not re-sent."""

    response: ToolApprovalResponse
    tool_call: ToolCallPart
    answered: bool = False


def collect_approval_decisions(messages: Sequence[ModelMessage]) -> list[ApprovalDecision]:
    """The approval responses of the last message (a tool message) that still wait for their tool to run.

    Each response must answer an approval request of an earlier assistant turn, whose tool call is known;
    otherwise ``InvalidToolApprovalError``. Calls already answered by a tool result are skipped, so resuming
    twice with the same messages never runs a tool twice.
    """
    if not messages or not isinstance(messages[-1], ToolModelMessage):
        return []
    responses = [part for part in messages[-1].content if isinstance(part, ToolApprovalResponse)]
    if not responses:
        return []
    requests: dict[str, str] = {}
    calls: dict[str, ToolCallPart] = {}
    answered: dict[str, str] = {}  # tool call id -> the type of its result's output
    for message in messages:
        if isinstance(message, AssistantModelMessage) and not isinstance(message.content, str):
            for part in message.content:
                if isinstance(part, ToolApprovalRequestPart):
                    requests[part.approval_id] = part.tool_call_id
                elif isinstance(part, ToolCallPart):
                    calls[part.tool_call_id] = part
                elif isinstance(part, ToolResultPart):
                    answered[part.tool_call_id] = part.output.type
        elif isinstance(message, ToolModelMessage):
            for tool_part in message.content:
                if isinstance(tool_part, ToolResultPart):
                    answered[tool_part.tool_call_id] = tool_part.output.type
    decisions: list[ApprovalDecision] = []
    for response in responses:
        if response.provider_executed:
            # The provider runs its own tools; it reads the decision from the prompt.
            continue
        tool_call_id = requests.get(response.approval_id)
        if tool_call_id is None:
            raise InvalidToolApprovalError(
                f"No tool approval request with id {response.approval_id!r} in the messages: pass the assistant "
                "message holding the tool-approval-request back together with the approval response.",
                approval_id=response.approval_id,
            )
        call = calls.get(tool_call_id)
        if call is None:
            raise InvalidToolApprovalError(
                f"The approval request {response.approval_id!r} names tool call {tool_call_id!r}, which is not "
                "in the messages: keep the assistant message with that tool call.",
                approval_id=response.approval_id,
            )
        if tool_call_id not in answered:
            decisions.append(ApprovalDecision(response=response, tool_call=call))
        elif not response.approved and answered[tool_call_id] == "execution-denied":
            decisions.append(ApprovalDecision(response=response, tool_call=call, answered=True))
    return decisions


def denied_output(decision: ApprovalDecision, tools: Mapping[str, Tool]) -> ToolOutputDenied:
    """The answer to a call the caller did not approve."""
    call = decision.tool_call
    tool = tools.get(call.tool_name)
    return ToolOutputDenied(
        tool_call_id=call.tool_call_id,
        tool_name=call.tool_name,
        input=call.input,
        reason=decision.response.reason,
        dynamic=tool.dynamic if tool is not None else False,
    )
