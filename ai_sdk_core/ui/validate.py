"""Strict validation of UI messages, as the JS ``validateUIMessages`` (``ai`` 7.x), for apps that want more
than :func:`~ai_sdk_core.ui.request.parse_chat_request`'s tolerant parsing::

    messages = validate_ui_messages(
        request.messages,
        metadata_schema=MessageMetadata,          # a pydantic model, a TypeAdapter-able type or a JSON Schema
        data_schemas={"weather": {"type": "object", "required": ["city"]}},
        tools=tools,
    )

Every part must be of a known type with the fields its type (and, for tools, its state) requires. Metadata and
data parts are checked against the schemas given (and replaced by the validated value, a model instance for a
pydantic model); tool inputs against the tools' schemas. A tool part whose tool is unknown, or whose input no
longer matches, becomes a ``dynamic-tool`` part when the call is finished, as in JS. Errors are
:class:`~ai_sdk_core.ui.errors.UIMessageValidationError` naming the message and part index.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ai_sdk_core.generate_text.settings import normalize_tools
from ai_sdk_core.output import make_schema
from ai_sdk_core.spec.errors import TypeValidationError
from ai_sdk_core.tools import Tool
from ai_sdk_core.ui.errors import UIMessageValidationError
from ai_sdk_core.ui.messages import DataUIPart, DynamicToolUIPart, ToolUIPart, UIMessage

__all__ = ["validate_ui_messages"]

_Check = Callable[[Any], bool]


def _is_string(value: Any) -> bool:
    return isinstance(value, str)


def _is_bool(value: Any) -> bool:
    return isinstance(value, bool)


def _is_object(value: Any) -> bool:
    return isinstance(value, dict)


def _is_list(value: Any) -> bool:
    return isinstance(value, list)


def _is_any(value: Any) -> bool:
    return True


def _one_of(*allowed: str) -> _Check:
    return lambda value: value in allowed


_TEXT_STATE = _one_of("streaming", "done")
# field -> (required, check); a field not listed is kept unchecked (JS strips it; we keep what the client sent).
_Fields = dict[str, tuple[bool, _Check]]
_METADATA: _Fields = {"providerMetadata": (False, _is_object)}
_STATIC_PARTS: dict[str, _Fields] = {
    "text": {"text": (True, _is_string), "state": (False, _TEXT_STATE), "citations": (False, _is_list), **_METADATA},
    "reasoning": {"text": (True, _is_string), "id": (False, _is_string), "state": (False, _TEXT_STATE), **_METADATA},
    "custom": {"kind": (True, _is_string), **_METADATA},
    "source-url": {
        "sourceId": (True, _is_string),
        "url": (True, _is_string),
        "title": (False, _is_string),
        **_METADATA,
    },
    "source-document": {
        "sourceId": (True, _is_string),
        "mediaType": (True, _is_string),
        "title": (True, _is_string),
        "filename": (False, _is_string),
        **_METADATA,
    },
    "file": {
        "mediaType": (True, _is_string),
        "url": (True, _is_string),
        "filename": (False, _is_string),
        "providerReference": (False, _is_object),
        **_METADATA,
    },
    "reasoning-file": {"mediaType": (True, _is_string), "url": (True, _is_string), **_METADATA},
    "steering-message": {"id": (True, _is_string), "parts": (True, _is_list)},
    "step-start": {},
}
_TOOL_COMMON: _Fields = {
    "toolCallId": (True, _is_string),
    "title": (False, _is_string),
    "toolMetadata": (False, _is_object),
    "providerExecuted": (False, _is_bool),
    "callProviderMetadata": (False, _is_object),
}
# state -> (fields that must be absent, approval rule: None = must be absent, else a check of the approval)
_ABSENT_BY_STATE: dict[str, tuple[str, ...]] = {
    "input-streaming": ("output", "errorText", "approval"),
    "input-available": ("output", "errorText", "approval"),
    "approval-requested": ("output", "errorText"),
    "approval-responded": ("output", "errorText"),
    "output-available": ("errorText",),
    "output-error": ("output",),
    "output-denied": ("output", "errorText"),
}


def _approval_problem(state: str, approval: Any) -> str | None:
    """What is wrong with a tool part's ``approval`` for its state, or None."""
    required = state in ("approval-requested", "approval-responded", "output-denied")
    if approval is None:
        return "approval is required in this state" if required else None
    if state in ("input-streaming", "input-available"):
        return f"approval must be absent in state {state}"
    if not isinstance(approval, dict) or not isinstance(approval.get("id"), str):
        return "approval must be an object with a string id"
    approved = approval.get("approved")
    if state == "approval-requested":
        return "approval.approved must be absent until the user answers" if "approved" in approval else None
    if state == "approval-responded":
        return None if isinstance(approved, bool) else "approval.approved must be a boolean"
    if state == "output-denied":
        return None if approved is False else "approval.approved must be false"
    if state in ("output-available", "output-error"):
        return None if approved is True else "approval.approved must be true"
    return None


def _check_fields(part: Mapping[str, Any], fields: _Fields) -> str | None:
    for name, (required, check) in fields.items():
        if name not in part:
            if required:
                return f"{name} is required"
        elif not check(part[name]):
            return f"{name} has the wrong type"
    return None


def _part_problem(part: Any) -> str | None:
    """What is wrong with a raw part, or None."""
    if not isinstance(part, Mapping) or not isinstance(part.get("type"), str):
        return "a part must be an object with a string type"
    part_type = part["type"]
    if part_type.startswith("data-"):
        return _check_fields(part, {"id": (False, _is_string)})
    if part_type.startswith("tool-") or part_type == "dynamic-tool":
        fields = dict(_TOOL_COMMON)
        if part_type == "dynamic-tool":
            fields["toolName"] = (True, _is_string)
        state = part.get("state")
        if state not in _ABSENT_BY_STATE:
            return f"state must be one of {', '.join(_ABSENT_BY_STATE)}"
        if state == "output-error":
            fields["errorText"] = (True, _is_string)
        if state in ("output-available", "output-error"):
            fields["resultProviderMetadata"] = (False, _is_object)
        if state == "output-available":
            fields["preliminary"] = (False, _is_bool)
            fields["output"] = (True, _is_any)
        if state not in ("input-streaming", "output-error"):
            fields["input"] = (True, _is_any)
        if state == "input-streaming":
            fields["rawInput"] = (False, _is_string)
        problem = _check_fields(part, fields)
        if problem is not None:
            return problem
        for name in _ABSENT_BY_STATE[state]:
            if name != "approval" and name in part:
                return f"{name} must be absent in state {state}"
        return _approval_problem(state, part.get("approval"))
    fields_of_type = _STATIC_PARTS.get(part_type)
    if fields_of_type is None:
        return (
            f"unknown part type {part_type[:40]!r}: expected a known type (such as 'text' or 'dynamic-tool') or a "
            "type starting with 'data-' or 'tool-'"
        )
    return _check_fields(part, fields_of_type)


def _check_structure(index: int, message: Any) -> None:
    if not isinstance(message, Mapping):
        raise UIMessageValidationError("a message must be an object", message_index=index)
    if not isinstance(message.get("id"), str):
        raise UIMessageValidationError("id must be a string", message_index=index)
    if message.get("role") not in ("system", "user", "assistant"):
        raise UIMessageValidationError("role must be 'system', 'user' or 'assistant'", message_index=index)
    parts = message.get("parts")
    if not isinstance(parts, list):
        raise UIMessageValidationError("parts must be a list", message_index=index)
    if message["role"] != "assistant" and not parts:
        raise UIMessageValidationError("a message must contain at least one part", message_index=index)
    for part_index, part in enumerate(parts):
        problem = _part_problem(part)
        if problem is not None:
            raise UIMessageValidationError(problem, message_index=index, part_index=part_index, value=part)


def _as_dynamic(part: ToolUIPart) -> DynamicToolUIPart:
    raw = part.to_dict()
    raw.update(type="dynamic-tool", toolName=part.tool_name, dynamic=False)
    return DynamicToolUIPart.model_validate(raw)


def _check_tool_part(
    part: ToolUIPart, tool: Tool | None, message_index: int, part_index: int
) -> ToolUIPart | DynamicToolUIPart:
    terminal = part.state in ("output-available", "output-error", "output-denied")
    if tool is None:
        if terminal:
            return _as_dynamic(part)
        raise UIMessageValidationError(
            f"no tool named {part.tool_name!r} for this tool part",
            message_index=message_index,
            part_index=part_index,
            value=part.input,
        )
    schema_input = part.approval is not None and "input_schema_input" in part.approval.model_fields_set
    value = part.approval.input_schema_input if schema_input and part.approval is not None else part.input
    if part.state == "input-streaming" or (part.state == "output-error" and not schema_input and part.input is None):
        return part
    try:
        tool.parse_input(value)
    except (TypeValidationError, ValidationError, ValueError) as error:
        if part.state == "output-error" or (part.state == "output-available" and part.input == {}):
            return _as_dynamic(part)
        raise UIMessageValidationError(
            f"the input of tool {part.tool_name!r} is invalid: {error}",
            message_index=message_index,
            part_index=part_index,
            value=part.input,
            cause=error,
        ) from error
    return part


def _validator(schema: Any) -> Callable[[Any], Any]:
    """The validating function of a schema: a pydantic model or type, a ``TypeAdapter``, or a JSON Schema dict."""
    if isinstance(schema, TypeAdapter):
        return schema.validate_python
    return make_schema(schema).validate


def _validate_with(validate: Callable[[Any], Any], value: Any, message_index: int, part_index: int | None) -> Any:
    try:
        return validate(value)
    except (TypeValidationError, ValidationError) as error:
        raise UIMessageValidationError(
            str(error), message_index=message_index, part_index=part_index, value=value, cause=error
        ) from error


def validate_ui_messages(
    messages: Sequence[UIMessage | Mapping[str, Any]] | Any,
    *,
    metadata_schema: Any = None,
    data_schemas: Mapping[str, Any] | None = None,
    tools: Mapping[str, Any] | Sequence[Any] | None = None,
) -> list[UIMessage]:
    """Check UI messages strictly and return them parsed (see the module docstring).

    Raises :class:`~ai_sdk_core.ui.errors.UIMessageValidationError` (``message_index``, ``part_index``) at the
    first problem, and :class:`~ai_sdk_core.spec.errors.InvalidArgumentError` for an unusable schema.
    """
    if not isinstance(messages, Sequence) or isinstance(messages, str | bytes) or not messages:
        raise UIMessageValidationError("messages must be a non-empty list", message_index=0, value=messages)
    metadata_validate = _validator(metadata_schema) if metadata_schema is not None else None
    data_validates = {name: _validator(schema) for name, schema in (data_schemas or {}).items()}
    tool_map = normalize_tools(tools) if tools is not None else None
    result: list[UIMessage] = []
    for index, raw in enumerate(messages):
        raw_dict = raw.to_dict() if isinstance(raw, UIMessage) else raw
        _check_structure(index, raw_dict)
        try:
            message = UIMessage.model_validate(raw_dict)
        except ValidationError as error:
            raise UIMessageValidationError(str(error), message_index=index, value=raw_dict, cause=error) from error
        if metadata_validate is not None:
            message.metadata = _validate_with(metadata_validate, message.metadata, index, None)
        for part_index, part in enumerate(message.parts):
            if data_schemas is not None and isinstance(part, DataUIPart):
                validate = data_validates.get(part.name)
                if validate is None:
                    raise UIMessageValidationError(
                        f"no data schema for data part {part.name!r}", message_index=index, part_index=part_index
                    )
                part.data = _validate_with(validate, part.data, index, part_index)
            elif tool_map is not None and isinstance(part, ToolUIPart):
                tool = tool_map.get(part.tool_name)
                message.parts[part_index] = _check_tool_part(part, tool, index, part_index)
        result.append(message)
    return result
