"""JSON Schema (draft 7, what tools and structured output use) to the OpenAPI 3.0 subset Gemini reads.

Gemini's ``Schema`` object knows ``type``, ``format``, ``description``, ``nullable``, ``enum``, ``properties``,
``required``, ``items``, ``anyOf``, ... but rejects JSON Schema keys such as ``$schema``, ``additionalProperties``
or ``const`` or ``$ref``. Unknown keys are therefore dropped, ``const`` becomes a one-value ``enum``, a union
with ``null`` becomes ``nullable``, and local references (``#/$defs/...``, ``#/definitions/...``, which pydantic
emits for every nested model) are inlined. A recursive reference cannot be inlined: past its first expansion it
becomes a plain ``{"type": "object"}``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["convert_json_schema_to_openapi_schema"]

# Kept as they are: their meaning is the same in both dialects.
_COPIED_KEYS = ("title", "description", "required", "format", "minLength", "maxLength", "minimum", "maximum")


def _is_empty_object_schema(schema: Mapping[str, Any]) -> bool:
    return schema.get("type") == "object" and not schema.get("properties") and not schema.get("additionalProperties")


def _is_null_schema(schema: Any) -> bool:
    return isinstance(schema, Mapping) and schema.get("type") == "null"


def convert_json_schema_to_openapi_schema(schema: Any) -> Any:
    """Convert a JSON Schema to Gemini's OpenAPI schema; ``None`` for no schema or an empty object schema.

    An empty object schema (no properties) returns ``None`` because Gemini rejects ``{"type": "object"}``
    without properties: the caller omits the key instead. Nested empty objects are kept, minus the bad keys.

    >>> convert_json_schema_to_openapi_schema({"type": ["string", "null"], "const": "a"})
    {'enum': ['a'], 'type': 'string', 'nullable': True}
    >>> convert_json_schema_to_openapi_schema({"type": "object", "properties": {}}) is None
    True
    """
    if schema is None or (isinstance(schema, Mapping) and _is_empty_object_schema(schema)):
        return None
    definitions: dict[str, Any] = {}
    if isinstance(schema, Mapping):
        for container in ("definitions", "$defs"):
            if isinstance(schema.get(container), Mapping):
                definitions.update({f"#/{container}/{name}": value for name, value in schema[container].items()})
    return _Converter(definitions).convert(schema, frozenset())


class _Converter:
    """One conversion: knows the root's definitions, so references anywhere below can be inlined."""

    def __init__(self, definitions: Mapping[str, Any]) -> None:
        self._definitions = definitions

    def convert(self, schema: Any, expanding: frozenset[str]) -> Any:
        if isinstance(schema, Mapping) and isinstance(schema.get("$ref"), str):
            reference = schema["$ref"]
            if reference in expanding or reference not in self._definitions:
                # Recursive (or unresolvable) reference: Gemini's schema subset has no way to say it.
                return {"type": "object", **({"description": schema["description"]} if "description" in schema else {})}
            target = dict(self._definitions[reference])
            target.update({key: value for key, value in schema.items() if key != "$ref"})
            return self.convert(target, expanding | {reference})
        return _convert(schema, lambda child: self.convert(child, expanding))


def _convert(schema: Any, convert_child: Callable[[Any], Any]) -> Any:
    if isinstance(schema, bool):
        # ``true``/``false`` schemas (any value / no value) have no OpenAPI form; the AI SDK sends a boolean.
        return {"type": "boolean", "properties": {}}
    if not isinstance(schema, Mapping):
        return schema
    result: dict[str, Any] = {}
    for key in _COPIED_KEYS:
        if schema.get(key) is not None:
            result[key] = schema[key]
    if "const" in schema:
        result["enum"] = [schema["const"]]
    schema_type = schema.get("type")
    if isinstance(schema_type, list):
        if "null" in schema_type:
            non_null = [item for item in schema_type if item != "null"]
            if non_null:
                result["type"] = non_null[0]
            result["nullable"] = True
        else:
            result["type"] = schema_type
    elif schema_type is not None:
        result["type"] = schema_type
    if "enum" in schema:
        result["enum"] = schema["enum"]
    properties = schema.get("properties")
    if isinstance(properties, Mapping):
        result["properties"] = {name: convert_child(value) for name, value in properties.items()}
    items = schema.get("items")
    if items is not None:
        result["items"] = [convert_child(item) for item in items] if isinstance(items, list) else convert_child(items)
    if isinstance(schema.get("allOf"), list):
        result["allOf"] = [convert_child(item) for item in schema["allOf"]]
    any_of = schema.get("anyOf")
    if isinstance(any_of, list):
        _convert_any_of(any_of, result, convert_child)
    if isinstance(schema.get("oneOf"), list):
        result["oneOf"] = [convert_child(item) for item in schema["oneOf"]]
    return result


def _convert_any_of(any_of: list[Any], result: dict[str, Any], convert_child: Callable[[Any], Any]) -> None:
    if not any(_is_null_schema(item) for item in any_of):
        result["anyOf"] = [convert_child(item) for item in any_of]
        return
    # ``anyOf: [X, {"type": "null"}]`` is how JSON Schema spells an optional X; OpenAPI says ``nullable``.
    non_null = [item for item in any_of if not _is_null_schema(item)]
    if len(non_null) == 1:
        converted = convert_child(non_null[0])
        if isinstance(converted, dict):
            result["nullable"] = True
            result.update(converted)
        return
    result["anyOf"] = [convert_child(item) for item in non_null]
    result["nullable"] = True
