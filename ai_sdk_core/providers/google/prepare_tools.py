"""Tools and tool choice as Gemini reads them: ``tools`` (function declarations or built-in tools) and
``toolConfig.functionCallingConfig``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from ai_sdk_core.providers.google.schema import convert_json_schema_to_openapi_schema
from ai_sdk_core.spec import CallWarning, FunctionTool, ToolChoice, ToolDefinition

__all__ = ["GoogleTools", "prepare_google_tools"]

# Provider tool id -> the key of Gemini's Tool object; the value is whether the tool's args are sent as its body.
_PROVIDER_TOOLS: Final = {
    "google.google_search": ("googleSearch", True),
    "google.url_context": ("urlContext", False),
    "google.code_execution": ("codeExecution", False),
    "google.enterprise_web_search": ("enterpriseWebSearch", False),
    "google.google_maps": ("googleMaps", False),
    "google.file_search": ("fileSearch", True),
}


@dataclass(slots=True)
class GoogleTools:
    """``tools`` and ``tool_config`` to send (``None``: omit), and what could not be honoured."""

    tools: list[dict[str, Any]] | None = None
    tool_config: dict[str, Any] | None = None
    warnings: list[CallWarning] = field(default_factory=list)


def _function_declaration(tool: FunctionTool) -> dict[str, Any]:
    declaration: dict[str, Any] = {"name": tool.name, "description": tool.description or ""}
    parameters = convert_json_schema_to_openapi_schema(tool.input_schema)
    if parameters is not None:  # a tool without input has no ``parameters`` at all: Gemini rejects an empty object
        declaration["parameters"] = parameters
    return declaration


def _function_calling_config(tool_choice: ToolChoice) -> dict[str, Any]:
    if tool_choice.type == "none":
        return {"mode": "NONE"}
    if tool_choice.type == "required":
        return {"mode": "ANY"}
    if tool_choice.type == "tool":
        return {"mode": "ANY", "allowedFunctionNames": [tool_choice.tool_name]}
    return {"mode": "AUTO"}


def prepare_google_tools(tools: Sequence[ToolDefinition] | None, tool_choice: ToolChoice | None) -> GoogleTools:
    """Function tools become one ``functionDeclarations`` entry; provider tools (``google.google_search``,
    ``google.url_context``, ``google.code_execution``, ...) become Gemini's built-in tools.

    Gemini before version 3 cannot mix the two kinds: with both, the function tools are dropped with a warning.

    >>> from ai_sdk_core.spec import FunctionTool, ToolChoice
    >>> prepared = prepare_google_tools([FunctionTool("now", {"type": "object"})], ToolChoice("required"))
    >>> prepared.tools, prepared.tool_config
    ([{'functionDeclarations': [{'name': 'now', 'description': ''}]}], {'functionCallingConfig': {'mode': 'ANY'}})
    """
    result = GoogleTools()
    if not tools:
        return result
    function_tools = [tool for tool in tools if isinstance(tool, FunctionTool)]
    provider_tools = [tool for tool in tools if not isinstance(tool, FunctionTool)]
    if provider_tools:
        if function_tools:
            result.warnings.append(
                CallWarning(type="unsupported", feature="combination of function and provider-defined tools")
            )
        built_in: list[dict[str, Any]] = []
        for tool in provider_tools:
            known = _PROVIDER_TOOLS.get(tool.id)
            if known is None:
                result.warnings.append(CallWarning(type="unsupported", feature=f"provider-defined tool {tool.id}"))
                continue
            key, sends_args = known
            built_in.append({key: dict(tool.args) if sends_args else {}})
        result.tools = built_in or None
        return result
    result.tools = [{"functionDeclarations": [_function_declaration(tool) for tool in function_tools]}]
    if tool_choice is not None:
        result.tool_config = {"functionCallingConfig": _function_calling_config(tool_choice)}
    return result
