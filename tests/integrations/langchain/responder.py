"""A scripted vendor that answers LangChain's standard-suite prompts as a real model would.

It reads the neutral :class:`SeenRequest` (prompt, offered tools, tool choice, response format, stop sequences)
and decides: a structured answer when a response format is asked for, a tool call when a tool is forced or the
prompt asks for one (arguments built from the tool's schema and the prompt), a short answer about the tool
result when one came back, otherwise a greeting-style text reply cut at the first stop sequence.
"""

from __future__ import annotations

import json
import re
from typing import Any

from tests.support.vendor_server import ScriptedReply, ScriptedToolCall, SeenRequest

__all__ = ["arguments_for", "object_for", "standard_suite_responder"]

# What a model writes for a property, by name, when the prompt does not say.
_KNOWN_VALUES: dict[str, Any] = {
    "setup": "Why did the cat sit on the computer?",
    "punchline": "To keep an eye on the mouse!",
    "location": "San Francisco, CA",
    "city": "Paris",
    "description": "A company created from the request.",
}
_TOOL_WORDS = ("use the tool", "using the tool", "weather", "create a customer", "magic_function")


def _quoted(text: str) -> list[str]:
    return re.findall(r"'([^']+)'", text)


def _numbers(text: str) -> list[int]:
    return [int(value) for value in re.findall(r"-?\d+", text)]


def _proper_words(text: str) -> list[str]:
    """Capitalised words that do not start a sentence (``"Pirate"`` in ``"Using the tool, make a Pirate ..."``)."""
    words = re.findall(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+)\b", text)
    return [word for word in words if word not in ("Use", "Using", "What", "Create", "Tell", "Give")]


def _string_for(name: str, prompt: str, used: list[str]) -> str:
    quoted = [value for value in _quoted(prompt) if value not in used]
    lowered = name.lower()
    if ("name" in lowered or lowered in ("query", "text")) and quoted:
        return quoted[0]
    if lowered in ("location", "city", "place"):
        found = re.search(r"\bin ([A-Z][^?.!]*)", prompt)
        if found:
            return found.group(1).strip()
    if lowered in _KNOWN_VALUES:
        return str(_KNOWN_VALUES[lowered])
    if quoted:
        return quoted[0]
    proper = _proper_words(prompt)
    return proper[0] if proper else prompt.strip()[:40]


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    reference = schema.get("$ref")
    if isinstance(reference, str) and reference.startswith("#/"):
        node: Any = root
        for key in reference[2:].split("/"):
            node = node[key]
        return _resolve(node, root)
    for key in ("anyOf", "oneOf"):
        options = [option for option in schema.get(key, []) if option.get("type") != "null"]
        if options:
            return _resolve(options[0], root)
    return schema


def object_for(schema: dict[str, Any], prompt: str, root: dict[str, Any] | None = None) -> dict[str, Any]:
    """A value for every property of an object schema, taken from the prompt where it says (numbers in order,
    quoted names, places after "in"), else a plausible value for the property's name and type."""
    root = root or schema
    numbers = _numbers(prompt)
    used: list[str] = []
    result: dict[str, Any] = {}
    for name, raw in (schema.get("properties") or {}).items():
        prop = _resolve(raw, root)
        kind = prop.get("type")
        if isinstance(kind, list):
            kind = next((item for item in kind if item != "null"), "string")
        if "enum" in prop:
            result[name] = prop["enum"][0]
        elif kind == "integer":
            result[name] = numbers.pop(0) if numbers else 1
        elif kind == "number":
            result[name] = float(numbers.pop(0)) if numbers else 1.5
        elif kind == "boolean":
            result[name] = True
        elif kind == "array":
            result[name] = []
        elif kind == "object":
            result[name] = object_for(prop, prompt, root)
        else:
            value = _string_for(name, prompt, used)
            used.append(value)
            result[name] = value
    return result


def arguments_for(tool: dict[str, Any], prompt: str) -> dict[str, Any]:
    """Arguments for a call of ``tool`` (neutral ``{"name", "description", "parameters"}``) asked by ``prompt``."""
    return object_for(tool.get("parameters") or {}, prompt)


def _forced_tool(request: SeenRequest) -> str | None:
    """The tool the request forces, ``"*"`` for any tool, ``None`` when the model may answer in text."""
    choice = request.tool_choice
    if isinstance(choice, str):
        return "*" if choice in ("required", "any") else None
    if isinstance(choice, dict):
        kind = choice.get("type") or choice.get("mode")
        name = choice.get("name") or (choice.get("function") or {}).get("name")
        names = choice.get("allowedFunctionNames") or choice.get("allowed_function_names")
        if names:
            return str(names[0])
        if name:
            return str(name)
        if kind in ("any", "required", "ANY"):
            return "*"
    return None


def _pick_tool(request: SeenRequest, forced: str | None) -> dict[str, Any] | None:
    if not request.tools:
        return None
    if forced not in (None, "*"):
        return next((tool for tool in request.tools if tool["name"] == forced), request.tools[0])
    prompt = request.last_user_text.lower()
    mentioned = [tool for tool in request.tools if tool["name"].lower() in prompt]
    if mentioned:
        return mentioned[0]
    if forced == "*" or any(word in prompt for word in _TOOL_WORDS):
        return request.tools[0]
    return None


def _last_is_tool_result(request: SeenRequest) -> bool:
    last = request.messages[-1] if request.messages else None
    return last is not None and bool(last["tool_results"]) and last["role"] in ("tool", "user")


def _keys_asked_for(prompt: str) -> dict[str, Any]:
    """JSON mode without a schema: the keys the prompt names (``'setup' and 'punchline' keys``)."""
    keys = _quoted(prompt) or ["answer"]
    return {key: str(_KNOWN_VALUES.get(key, f"The {key}.")) for key in keys}


def _cut_at_stop(text: str, stop: list[str]) -> tuple[str, str | None]:
    for sequence in stop:
        if sequence and sequence in text:
            return text[: text.index(sequence)], "stop"
    return text, None


def standard_suite_responder(request: SeenRequest) -> ScriptedReply:
    """Answer one request of the standard suites (or of our own tests) as a vendor's model would."""
    prompt = request.last_user_text
    if request.response_format is not None:
        schema = request.response_format
        value = object_for(schema, prompt) if schema.get("properties") else _keys_asked_for(prompt)
        return ScriptedReply(text=json.dumps(value, ensure_ascii=False))
    if "json" in prompt.lower() and _quoted(prompt) and not request.tools:
        # A vendor without a JSON mode (Anthropic) still follows "return the result as JSON with 'x' keys".
        return ScriptedReply(text=json.dumps(_keys_asked_for(prompt)))
    forced = _forced_tool(request)
    if _last_is_tool_result(request) and forced is None:
        result = request.messages[-1]["tool_results"][-1]["content"]
        return ScriptedReply(text=f"The tool answered: {result}")
    tool = _pick_tool(request, forced)
    if tool is not None:
        return ScriptedReply(tool_calls=[ScriptedToolCall(tool["name"], arguments_for(tool, prompt))])
    lowered = prompt.lower()
    if "haiku" in lowered:
        text = (
            "Soft paws on the sill,\nmorning light on sleeping fur.\n\n"
            "Rain taps the window,\nthe kettle hums its one note,\nthe cat does not care."
        )
    elif "hello" in lowered or lowered.strip() == "hi" or "hey" in lowered:
        text = "Hello! How can I help you today? I hope you are well."
    else:
        text = f"Here is my answer about: {prompt or 'your request'}. Thank you!"
    text, finish = _cut_at_stop(text, request.stop)
    return ScriptedReply(text=text, finish=finish)
