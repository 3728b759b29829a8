"""JSON Schema to Gemini's OpenAPI subset."""

from __future__ import annotations

from ai_sdk_core.providers.google import convert_json_schema_to_openapi_schema as convert


def test_drops_keys_gemini_rejects_and_keeps_the_rest() -> None:
    schema = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "type": "object",
        "title": "Query",
        "description": "A search",
        "properties": {
            "text": {"type": "string", "minLength": 1, "format": "email", "default": "x"},
            "tags": {"type": "array", "items": {"type": "string", "enum": ["a", "b"]}},
        },
        "required": ["text"],
        "additionalProperties": False,
    }
    assert convert(schema) == {
        "type": "object",
        "title": "Query",
        "description": "A search",
        "properties": {
            "text": {"type": "string", "minLength": 1, "format": "email"},
            "tags": {"type": "array", "items": {"type": "string", "enum": ["a", "b"]}},
        },
        "required": ["text"],
    }


def test_empty_object_schema_is_omitted_at_the_root_but_kept_nested() -> None:
    assert convert({"type": "object", "properties": {}, "additionalProperties": False}) is None
    assert convert({"type": "object"}) is None
    assert convert(None) is None
    nested = {"type": "object", "properties": {"meta": {"type": "object", "additionalProperties": False}}}
    assert convert(nested) == {"type": "object", "properties": {"meta": {"type": "object"}}}


def test_const_becomes_a_one_value_enum() -> None:
    assert convert({"type": "string", "const": "celsius"}) == {"type": "string", "enum": ["celsius"]}


def test_type_list_with_null_becomes_nullable() -> None:
    assert convert({"type": ["integer", "null"]}) == {"type": "integer", "nullable": True}
    assert convert({"type": ["integer", "string"]}) == {"type": ["integer", "string"]}


def test_any_of_with_null_becomes_nullable() -> None:
    one = {"anyOf": [{"type": "string", "description": "a name"}, {"type": "null"}]}
    assert convert(one) == {"type": "string", "description": "a name", "nullable": True}
    several = {"anyOf": [{"type": "string"}, {"type": "number"}, {"type": "null"}]}
    assert convert(several) == {"anyOf": [{"type": "string"}, {"type": "number"}], "nullable": True}
    plain = {"anyOf": [{"type": "string"}, {"const": 1}]}
    assert convert(plain) == {"anyOf": [{"type": "string"}, {"enum": [1]}]}


def test_combinators_tuple_items_and_boolean_schemas() -> None:
    schema = {
        "type": "array",
        "items": [{"type": "string"}, True],
        "allOf": [{"type": "array", "additionalProperties": True}],
        "oneOf": [{"type": "array"}],
    }
    assert convert(schema) == {
        "type": "array",
        "items": [{"type": "string"}, {"type": "boolean", "properties": {}}],
        "allOf": [{"type": "array"}],
        "oneOf": [{"type": "array"}],
    }
