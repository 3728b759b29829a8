"""Tools for a local model (pure): which tools are offered, the JSON Schema of a valid call, and reading a call.

A call is one JSON object ``{"name": "<tool>", "arguments": {...}}``. Decoding is constrained by a grammar built
from :func:`tool_call_schema`, so the text parses and names an offered tool; :func:`parse_tool_call` still checks,
because a generation cut short by ``max_output_tokens`` ends mid-object.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ai_sdk_core.provider_utils.json import to_json_str, try_parse_json
from ai_sdk_core.spec.content import ToolCallContent
from ai_sdk_core.spec.errors import InvalidArgumentError
from ai_sdk_core.spec.shared import CallWarning
from ai_sdk_core.spec.tools import FunctionTool, ToolChoice, ToolDefinition

__all__ = ["PreparedTools", "parse_tool_call", "prepare_tools", "tool_call_schema"]


@dataclass(slots=True, frozen=True)
class PreparedTools:
    """The function tools the model may call, and whether it must call one (``required``)."""

    tools: tuple[FunctionTool, ...]
    required: bool


def prepare_tools(
    tools: Sequence[ToolDefinition] | None, tool_choice: ToolChoice | None
) -> tuple[PreparedTools | None, list[CallWarning]]:
    """Apply ``tool_choice`` to ``tools``: ``None`` when the model answers in text only.

    Provider tools (``"openai.web_search"``, ...) cannot run locally: they are left out with a warning.
    """
    warnings: list[CallWarning] = []
    functions: list[FunctionTool] = []
    for tool in tools or ():
        if isinstance(tool, FunctionTool):
            functions.append(tool)
        else:
            warnings.append(CallWarning(type="unsupported", feature=f"provider-defined tool {tool.id}"))
    choice = tool_choice or ToolChoice()
    if not functions or choice.type == "none":
        return None, warnings
    if choice.type == "tool":
        chosen = [tool for tool in functions if tool.name == choice.tool_name]
        if not chosen:
            raise InvalidArgumentError(
                f"tool {choice.tool_name!r} is not among the offered tools", argument="tool_choice", value=choice
            )
        return PreparedTools(tools=tuple(chosen), required=True), warnings
    return PreparedTools(tools=tuple(functions), required=choice.type == "required"), warnings


def _prefix_references(value: Any, prefix: str) -> Any:
    """Rewrite ``#/$defs/X`` references to ``#/$defs/<prefix>X`` (each tool's definitions move to the root)."""
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            if key == "$ref" and isinstance(item, str) and item.startswith(("#/$defs/", "#/definitions/")):
                result[key] = "#/$defs/" + prefix + item.split("/", 2)[2]
            else:
                result[key] = _prefix_references(item, prefix)
        return result
    if isinstance(value, list):
        return [_prefix_references(item, prefix) for item in value]
    return value


def tool_call_schema(tools: Sequence[FunctionTool]) -> dict[str, Any]:
    """The JSON Schema every valid call of one of ``tools`` matches (an ``anyOf`` over the tools).

    >>> tool_call_schema([FunctionTool(name="now", input_schema={"type": "object"})])["required"]
    ['name', 'arguments']
    """
    definitions: dict[str, Any] = {}
    variants: list[dict[str, Any]] = []
    for index, tool in enumerate(tools):
        prefix = f"tool{index}_"
        schema = _prefix_references(dict(tool.input_schema), prefix)
        for group in ("$defs", "definitions"):
            for name, definition in (schema.pop(group, None) or {}).items():
                definitions[prefix + name] = definition
        schema.pop("$schema", None)
        variants.append(
            {
                "type": "object",
                "properties": {"name": {"const": tool.name}, "arguments": schema},
                "required": ["name", "arguments"],
                "additionalProperties": False,
            }
        )
    call: dict[str, Any] = variants[0] if len(variants) == 1 else {"anyOf": variants}
    if definitions:
        call = {**call, "$defs": definitions}
    return call


def parse_tool_call(text: str, tools: Sequence[FunctionTool]) -> ToolCallContent | None:
    """The call ``text`` makes, or ``None`` when it is not a complete call of an offered tool."""
    parsed, value = try_parse_json(text)
    if not parsed or not isinstance(value, dict):
        return None
    name, arguments = value.get("name"), value.get("arguments")
    if not isinstance(arguments, dict) or name not in {tool.name for tool in tools}:
        return None
    return ToolCallContent(tool_call_id=f"call_{uuid.uuid4().hex[:24]}", tool_name=name, input=to_json_str(arguments))
