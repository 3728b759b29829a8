"""Spec tools and tool choice -> the Chat Completions ``tools`` / ``tool_choice`` request fields."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ai_sdk_core.spec import CallWarning, FunctionTool, ToolChoice, ToolDefinition

__all__ = ["PreparedTools", "prepare_chat_tools"]


@dataclass(slots=True)
class PreparedTools:
    """What goes into the request (``None`` fields are left out of the body) and what could not be honoured."""

    tools: list[dict[str, Any]] | None = None
    tool_choice: str | dict[str, Any] | None = None
    warnings: list[CallWarning] = field(default_factory=list)


def _function_tool(tool: FunctionTool) -> dict[str, Any]:
    function: dict[str, Any] = {"name": tool.name}
    if tool.description is not None:
        function["description"] = tool.description
    function["parameters"] = tool.input_schema
    if tool.strict is not None:
        function["strict"] = tool.strict
    return {"type": "function", "function": function}


def prepare_chat_tools(tools: Sequence[ToolDefinition] | None, tool_choice: ToolChoice | None) -> PreparedTools:
    """Map function tools to ``{"type": "function", "function": {...}}`` and the tool choice to its wire form.

    Chat Completions has no provider-defined tools, so each :class:`~ai_sdk_core.spec.ProviderTool` is dropped
    with an ``"unsupported"`` warning. With no tools at all, neither field is sent (an empty ``tools`` array is
    a 400 on OpenAI), and a tool choice alone is meaningless, so it is dropped too.

    >>> tool = FunctionTool(name="f", input_schema={"type": "object"})
    >>> prepare_chat_tools([tool], ToolChoice("tool", tool_name="f")).tool_choice
    {'type': 'function', 'function': {'name': 'f'}}
    """
    prepared = PreparedTools()
    if not tools:
        return prepared
    function_tools: list[dict[str, Any]] = []
    for tool in tools:
        if isinstance(tool, FunctionTool):
            function_tools.append(_function_tool(tool))
        else:
            prepared.warnings.append(
                CallWarning(
                    type="unsupported",
                    feature=f"provider-defined tool {tool.id}",
                    details="Chat Completions only accepts function tools.",
                )
            )
    if not function_tools:
        return prepared
    prepared.tools = function_tools
    if tool_choice is None:
        return prepared
    if tool_choice.type == "tool":
        prepared.tool_choice = {"type": "function", "function": {"name": tool_choice.tool_name}}
    else:
        prepared.tool_choice = tool_choice.type
    return prepared
