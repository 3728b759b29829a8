"""Spec tools and tool choice -> the Responses API's ``tools`` and ``tool_choice``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ai_sdk_core.providers.openai.responses.tools import OPENAI_TOOL_TYPES
from ai_sdk_core.providers.openai_compatible.strict_schema import fits_strict_json_schema
from ai_sdk_core.spec import CallWarning, FunctionTool, ProviderTool, ToolChoice, ToolDefinition

__all__ = ["PreparedResponsesTools", "prepare_responses_tools"]


@dataclass(slots=True)
class PreparedResponsesTools:
    """``tools``/``tool_choice`` to send (``None``: leave out), warnings, and built-in tool type -> tool name
    (the name the caller gave it, used for the provider-executed calls that come back)."""

    tools: list[dict[str, Any]] | None = None
    tool_choice: str | dict[str, Any] | None = None
    warnings: list[CallWarning] = field(default_factory=list)
    tool_names: dict[str, str] = field(default_factory=dict)


def _provider_tool(tool: ProviderTool) -> dict[str, Any]:
    tool_type = OPENAI_TOOL_TYPES[tool.id]
    arguments = dict(tool.args)
    if tool_type == "code_interpreter":
        # The API requires a container: an id string as is, else an automatic one (with optional files).
        container = arguments.get("container")
        if not isinstance(container, str):
            file_ids = container.get("file_ids") if isinstance(container, dict) else None
            arguments["container"] = {"type": "auto", **({"file_ids": file_ids} if file_ids else {})}
    return {"type": tool_type, **arguments}


def prepare_responses_tools(
    tools: Sequence[ToolDefinition] | None, tool_choice: ToolChoice | None
) -> PreparedResponsesTools:
    """Convert function tools to ``{"type": "function", "name", "description", "parameters", "strict"}`` and
    OpenAI's built-in tools (``openai.web_search``, ...) to their typed entries; other providers' tools are
    dropped with a warning.

    >>> prepare_responses_tools([ProviderTool(id="openai.web_search", name="web_search")], None).tools
    [{'type': 'web_search'}]
    """
    prepared = PreparedResponsesTools()
    if not tools:
        return prepared
    entries: list[dict[str, Any]] = []
    for tool in tools:
        if isinstance(tool, FunctionTool):
            entry: dict[str, Any] = {"type": "function", "name": tool.name}
            if tool.description is not None:
                entry["description"] = tool.description
            entry["parameters"] = tool.input_schema
            # Always sent: left out, the Responses API assumes strict mode, which makes optional fields required.
            entry["strict"] = tool.strict if tool.strict is not None else fits_strict_json_schema(tool.input_schema)
            entries.append(entry)
        elif tool.id in OPENAI_TOOL_TYPES:
            entries.append(_provider_tool(tool))
            prepared.tool_names[OPENAI_TOOL_TYPES[tool.id]] = tool.name
        else:
            prepared.warnings.append(CallWarning(type="unsupported", feature=f"provider-defined tool {tool.id}"))
    prepared.tools = entries or None
    if tool_choice is not None:
        if tool_choice.type != "tool":
            prepared.tool_choice = tool_choice.type
        else:
            built_in = {name: tool_type for tool_type, name in prepared.tool_names.items()}
            name = tool_choice.tool_name or ""
            # A built-in tool is chosen by its type; a function by its name.
            prepared.tool_choice = {"type": built_in[name]} if name in built_in else {"type": "function", "name": name}
    return prepared
