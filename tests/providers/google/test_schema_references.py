"""Pydantic schemas reach Gemini whole: ``$defs`` references are inlined, recursion stops at one expansion."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from ai_sdk_core.providers.google import convert_json_schema_to_openapi_schema


class Address(BaseModel):
    city: str = Field(description="City name")
    postcode: str | None = None


class Person(BaseModel):
    name: str
    home: Address
    previous: list[Address]


class Category(BaseModel):
    label: str
    children: list[Category]


def _has_key(value: Any, key: str) -> bool:
    if isinstance(value, dict):
        return key in value or any(_has_key(item, key) for item in value.values())
    if isinstance(value, list):
        return any(_has_key(item, key) for item in value)
    return False


def test_nested_models_are_inlined() -> None:
    schema = Person.model_json_schema()
    assert "$defs" in schema, "pydantic spells nested models as references"
    converted = convert_json_schema_to_openapi_schema(schema)
    assert not _has_key(converted, "$ref") and not _has_key(converted, "$defs")
    home = converted["properties"]["home"]
    assert home["type"] == "object"
    assert home["properties"]["city"] == {"title": "City", "description": "City name", "type": "string"}
    assert home["properties"]["postcode"]["nullable"] is True
    assert converted["properties"]["previous"]["items"]["properties"]["city"]["type"] == "string"
    assert converted["required"] == ["name", "home", "previous"]


def test_a_recursive_model_stops_after_one_expansion() -> None:
    schema = Category.model_json_schema()
    assert schema["$ref"] == "#/$defs/Category", "pydantic puts a recursive root behind a reference"
    converted = convert_json_schema_to_openapi_schema(schema)
    assert not _has_key(converted, "$ref")
    assert converted["properties"]["label"]["type"] == "string"
    assert converted["properties"]["children"]["items"] == {"type": "object"}


def test_a_sibling_description_on_the_reference_wins() -> None:
    schema = {
        "type": "object",
        "properties": {"where": {"$ref": "#/definitions/Place", "description": "Where it happens"}},
        "definitions": {"Place": {"type": "string", "description": "A place"}},
    }
    converted = convert_json_schema_to_openapi_schema(schema)
    assert converted["properties"]["where"] == {"description": "Where it happens", "type": "string"}
