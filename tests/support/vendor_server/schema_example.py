"""A responder that answers the way a compliant model would: forced tools get called, JSON output gets JSON.

Arguments and JSON answers are built from the JSON schema the request carried (:func:`example_for_schema`), so
tests that only check "the model called the tool" or "the object validates" need no script of their own.
"""

from __future__ import annotations

import json
from typing import Any

from tests.support.vendor_server.script import ScriptedReply, ScriptedToolCall, SeenRequest

__all__ = ["conforming_responder", "example_for_schema", "forced_tool_name"]

_MAX_DEPTH = 8


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    reference = schema.get("$ref")
    if not isinstance(reference, str) or not reference.startswith("#/"):
        return schema
    target: Any = root
    for key in reference[2:].split("/"):
        target = target.get(key, {}) if isinstance(target, dict) else {}
    return target if isinstance(target, dict) else {}


def _example(schema: Any, root: dict[str, Any], depth: int) -> Any:
    if not isinstance(schema, dict) or depth > _MAX_DEPTH:
        return None
    schema = _resolve(schema, root)
    if "const" in schema:
        return schema["const"]
    if schema.get("enum"):
        return schema["enum"][0]
    if "default" in schema:
        return schema["default"]
    for combinator in ("anyOf", "oneOf", "allOf"):
        options = [option for option in schema.get(combinator) or () if _resolve(option, root).get("type") != "null"]
        if options:
            return _example(options[0], root, depth + 1)
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((item for item in kind if item != "null"), "null")
    if kind == "object" or (kind is None and "properties" in schema):
        properties = schema.get("properties") or {}
        return {name: _example(value, root, depth + 1) for name, value in properties.items()}
    if kind == "array":
        count = max(1, int(schema.get("minItems") or 1))
        return [_example(schema.get("items") or {}, root, depth + 1) for _ in range(count)]
    if kind == "integer":
        return int(schema.get("minimum") or 1)
    if kind == "number":
        return float(schema.get("minimum") or 1.5)
    if kind == "boolean":
        return True
    if kind == "null":
        return None
    return "example"


def example_for_schema(schema: dict[str, Any] | None) -> Any:
    """A small value valid for ``schema``: every property filled, first enum member, first ``anyOf`` branch.

    >>> example_for_schema({"type": "object", "properties": {"n": {"type": "integer"}, "s": {"enum": ["a", "b"]}}})
    {'n': 1, 's': 'a'}
    """
    return _example(schema or {"type": "object"}, schema or {}, 0)


def forced_tool_name(request: SeenRequest) -> str | None:
    """The tool the request forces, ``"*"`` when any tool is required, else ``None`` (in any vendor's shape)."""
    choice = request.tool_choice
    if choice in ("required", "any") or (isinstance(choice, dict) and choice.get("type") == "any"):
        return "*"
    if isinstance(choice, dict):
        function = choice.get("function")
        if isinstance(function, dict) and function.get("name"):  # Chat Completions
            return str(function["name"])
        if choice.get("type") in ("tool", "function") and choice.get("name"):  # Anthropic, Responses
            return str(choice["name"])
        if choice.get("mode") == "ANY":  # Gemini
            allowed = choice.get("allowedFunctionNames") or []
            return str(allowed[0]) if len(allowed) == 1 else "*"
    return None


def conforming_responder(request: SeenRequest) -> ScriptedReply:
    """Call a forced tool with schema-made arguments (once: after its result, answer in text); answer JSON
    requests with a schema-made object; otherwise echo the last user text."""
    forced = forced_tool_name(request)
    answered_tool = bool(request.messages) and request.messages[-1]["role"] == "tool"
    if forced is not None and request.tools and not answered_tool:
        tool = next((tool for tool in request.tools if tool["name"] == forced), request.tools[0])
        arguments = example_for_schema(tool.get("parameters"))
        return ScriptedReply(tool_calls=[ScriptedToolCall(str(tool["name"]), arguments or {})])
    if request.response_format is not None:
        return ScriptedReply(text=json.dumps(example_for_schema(request.response_format)))
    if answered_tool:
        results = request.messages[-1]["tool_results"]
        return ScriptedReply(text="\n".join(str(result["content"]) for result in results))
    return ScriptedReply(text=request.last_user_text)
