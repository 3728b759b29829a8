"""Spec tools and tool choice -> the Messages API's ``tools``, ``tool_choice`` and the beta flags they need (pure).

Provider tools are named as in the AI SDK (``ProviderTool(id="anthropic.web_search_20250305", ...)``); each
maps to a versioned Anthropic tool type, a fixed tool name and, for tools still in beta, an ``anthropic-beta``
flag. Their ``args`` may use the AI SDK's camelCase names (``maxUses``) or Anthropic's (``max_uses``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from ai_sdk_core.spec import CallWarning, FunctionTool, ProviderTool, ToolChoice, ToolDefinition

__all__ = ["PROVIDER_TOOLS", "AnthropicProviderTool", "PreparedTools", "prepare_anthropic_tools"]


@dataclass(slots=True, frozen=True)
class AnthropicProviderTool:
    """How one provider tool is sent: Anthropic's ``type``, the tool ``name`` it must have, its beta flag."""

    type: str
    name: str
    beta: str | None = None


PROVIDER_TOOLS: Final[dict[str, AnthropicProviderTool]] = {
    "anthropic.web_search_20250305": AnthropicProviderTool("web_search_20250305", "web_search"),
    "anthropic.web_fetch_20250910": AnthropicProviderTool("web_fetch_20250910", "web_fetch", "web-fetch-2025-09-10"),
    "anthropic.code_execution_20250522": AnthropicProviderTool(
        "code_execution_20250522", "code_execution", "code-execution-2025-05-22"
    ),
    "anthropic.code_execution_20250825": AnthropicProviderTool(
        "code_execution_20250825", "code_execution", "code-execution-2025-08-25"
    ),
    "anthropic.text_editor_20241022": AnthropicProviderTool(
        "text_editor_20241022", "str_replace_editor", "computer-use-2024-10-22"
    ),
    "anthropic.text_editor_20250124": AnthropicProviderTool(
        "text_editor_20250124", "str_replace_editor", "computer-use-2025-01-24"
    ),
    "anthropic.text_editor_20250429": AnthropicProviderTool(
        "text_editor_20250429", "str_replace_based_edit_tool", "computer-use-2025-01-24"
    ),
    "anthropic.text_editor_20250728": AnthropicProviderTool("text_editor_20250728", "str_replace_based_edit_tool"),
    "anthropic.bash_20241022": AnthropicProviderTool("bash_20241022", "bash", "computer-use-2024-10-22"),
    "anthropic.bash_20250124": AnthropicProviderTool("bash_20250124", "bash", "computer-use-2025-01-24"),
    "anthropic.computer_20241022": AnthropicProviderTool("computer_20241022", "computer", "computer-use-2024-10-22"),
    "anthropic.computer_20250124": AnthropicProviderTool("computer_20250124", "computer", "computer-use-2025-01-24"),
    "anthropic.memory_20250818": AnthropicProviderTool("memory_20250818", "memory", "context-management-2025-06-27"),
}

_CAMEL_BOUNDARY: Final = re.compile(r"(?<!^)(?=[A-Z])")


def _snake_case(name: str) -> str:
    return _CAMEL_BOUNDARY.sub("_", name).lower()


@dataclass(slots=True)
class PreparedTools:
    """``tools`` and ``tool_choice`` for the body (``None`` = not sent), beta flags, and warnings."""

    tools: list[dict[str, Any]] | None = None
    tool_choice: dict[str, Any] | None = None
    betas: set[str] = field(default_factory=set)
    warnings: list[CallWarning] = field(default_factory=list)


def _function_tool(tool: FunctionTool) -> dict[str, Any]:
    prepared: dict[str, Any] = {"name": tool.name, "input_schema": tool.input_schema}
    if tool.description is not None:
        prepared["description"] = tool.description
    anthropic = (tool.provider_options or {}).get("anthropic") or {}
    cache_control = anthropic.get("cache_control", anthropic.get("cacheControl"))
    if cache_control is not None:
        prepared["cache_control"] = cache_control
    return prepared


def _provider_tool(tool: ProviderTool, result: PreparedTools) -> None:
    known = PROVIDER_TOOLS.get(tool.id)
    if known is None:
        result.warnings.append(CallWarning(type="unsupported", feature=f"provider tool {tool.id}"))
        return
    if known.beta is not None:
        result.betas.add(known.beta)
    prepared: dict[str, Any] = {"type": known.type, "name": known.name}
    prepared.update({_snake_case(key): value for key, value in tool.args.items() if value is not None})
    assert result.tools is not None
    result.tools.append(prepared)


def prepare_anthropic_tools(
    tools: Sequence[ToolDefinition] | None,
    tool_choice: ToolChoice | None,
    *,
    disable_parallel_tool_use: bool | None = None,
) -> PreparedTools:
    """Map tools and the tool choice: ``auto`` -> ``auto``, ``required`` -> ``any``, a named tool -> ``tool``,
    ``none`` -> ``none`` (tools stay defined, so a history holding tool calls remains valid).

    >>> prepare_anthropic_tools([FunctionTool("f", {"type": "object"})], ToolChoice("required")).tool_choice
    {'type': 'any'}
    """
    result = PreparedTools()
    if not tools:
        return result
    result.tools = []
    for tool in tools:
        if isinstance(tool, FunctionTool):
            result.tools.append(_function_tool(tool))
        else:
            _provider_tool(tool, result)
    choice: dict[str, Any] | None = None
    if tool_choice is not None:
        if tool_choice.type == "required":
            choice = {"type": "any"}
        elif tool_choice.type == "tool":
            choice = {"type": "tool", "name": tool_choice.tool_name}
        else:
            choice = {"type": tool_choice.type}
    if disable_parallel_tool_use is not None and (choice is None or choice["type"] != "none"):
        choice = choice or {"type": "auto"}
        choice["disable_parallel_tool_use"] = disable_parallel_tool_use
    result.tool_choice = choice
    return result
