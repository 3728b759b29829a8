"""``--json-schema`` helpers: pure."""

from __future__ import annotations

from pathlib import Path

import pytest

from ai_sdk_core.cli.json_output import JSONSchemaModel, SchemaFileError, load_schema, validate_json
from ai_sdk_core.spec.call_options import CallOptions
from ai_sdk_core.spec.errors import JSONParseError, TypeValidationError
from ai_sdk_core.spec.prompt import TextPart, UserMessage
from ai_sdk_core.testing.mock_models import MockLanguageModel, mock_text_result

SCHEMA = {"type": "object", "properties": {"age": {"type": "integer"}}, "required": ["age"]}


def test_load_schema_reads_an_object_and_explains_failures(tmp_path: Path) -> None:
    good = tmp_path / "schema.json"
    good.write_text('{"type": "object"}', encoding="utf-8")
    assert load_schema(str(good)) == {"type": "object"}
    with pytest.raises(SchemaFileError, match="cannot read"):
        load_schema(str(tmp_path / "missing.json"))
    (tmp_path / "bad.json").write_text("{nope", encoding="utf-8")
    with pytest.raises(SchemaFileError, match="is not JSON"):
        load_schema(str(tmp_path / "bad.json"))
    (tmp_path / "list.json").write_text("[1]", encoding="utf-8")
    with pytest.raises(SchemaFileError, match="JSON Schema object"):
        load_schema(str(tmp_path / "list.json"))


def test_validate_json_parses_and_checks() -> None:
    assert validate_json('{"age": 3}', SCHEMA) == {"age": 3}
    with pytest.raises(JSONParseError):
        validate_json("not json", SCHEMA)


def test_validate_json_reports_where_the_value_is_wrong() -> None:
    pytest.importorskip("jsonschema")
    with pytest.raises(TypeValidationError, match="age"):
        validate_json('{"age": "three"}', SCHEMA)


def test_the_wrapped_model_asks_for_json_with_the_schema() -> None:
    inner = MockLanguageModel(do_generate=mock_text_result('{"age": 3}'))
    model = JSONSchemaModel(inner, SCHEMA)
    model.do_generate(CallOptions(prompt=[UserMessage(content=[TextPart(text="Hi")])]))
    response_format = inner.calls[0].response_format
    assert response_format is not None and response_format.type == "json" and response_format.schema == SCHEMA
    assert (model.provider, model.model_id) == (inner.provider, inner.model_id)
