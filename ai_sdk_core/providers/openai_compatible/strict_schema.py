"""Whether a JSON Schema meets OpenAI's strict structured-output rules.

Strict mode (``"strict": true``) guarantees the answer matches the schema, but the API answers 400 for a schema
that breaks its rules: every object must list all of its properties as required and set
``additionalProperties: false``, and ``allOf``/``not``/``if`` are not supported. A pydantic model whose fields
have defaults breaks the first rule, so strict is the default only for schemas that fit.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["fits_strict_json_schema"]

_UNSUPPORTED_IN_STRICT_MODE = ("allOf", "not", "if", "then", "else", "dependentRequired", "dependentSchemas")


def fits_strict_json_schema(schema: Any) -> bool:
    """True when ``schema`` can be sent with ``strict: true`` without the API rejecting it.

    >>> fits_strict_json_schema({"type": "object", "properties": {"a": {"type": "string"}},
    ...                          "required": ["a"], "additionalProperties": False})
    True
    >>> fits_strict_json_schema({"type": "object", "properties": {"a": {"type": "string"}}, "required": []})
    False
    """
    if isinstance(schema, bool):
        return True
    if not isinstance(schema, Mapping):
        return False
    if any(key in schema for key in _UNSUPPORTED_IN_STRICT_MODE):
        return False
    properties = schema.get("properties")
    is_object = schema.get("type") == "object" or isinstance(properties, Mapping)
    if is_object:
        if schema.get("additionalProperties") is not False:
            return False
        names = set(properties) if isinstance(properties, Mapping) else set()
        if set(schema.get("required") or ()) != names:
            return False
    children: list[Any] = []
    if isinstance(properties, Mapping):
        children.extend(properties.values())
    for key in ("items", "anyOf", "oneOf", "prefixItems"):
        value = schema.get(key)
        if isinstance(value, list):
            children.extend(value)
        elif value is not None:
            children.append(value)
    for key in ("$defs", "definitions"):
        definitions = schema.get(key)
        if isinstance(definitions, Mapping):
            children.extend(definitions.values())
    return all(fits_strict_json_schema(child) for child in children)
