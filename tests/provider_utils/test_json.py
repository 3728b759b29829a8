"""JSON through pydantic_core: strict parsing, partial parsing of streamed text, compact output."""

from __future__ import annotations

import math

import pytest

from ai_sdk_core.provider_utils import parse_json, parse_partial_json, to_json_bytes, to_json_str, try_parse_json
from ai_sdk_core.spec import JSONParseError


def test_parse_json_accepts_text_and_bytes() -> None:
    assert parse_json('{"a": [1, 2.5, "é"]}') == {"a": [1, 2.5, "é"]}
    assert parse_json(b'{"a": null}') == {"a": None}


def test_parse_json_raises_with_the_text() -> None:
    with pytest.raises(JSONParseError) as caught:
        parse_json("{not json")
    assert caught.value.text == "{not json"
    assert isinstance(caught.value, ValueError)


def test_try_parse_json() -> None:
    assert try_parse_json("[1]") == (True, [1])
    assert try_parse_json("[1") == (False, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (None, (None, "undefined-input")),
        ("", (None, "undefined-input")),
        ("   ", (None, "undefined-input")),
        ('{"city": "Paris"}', ({"city": "Paris"}, "successful-parse")),
        ('{"city": "Par', ({"city": "Par"}, "repaired-parse")),
        ('{"items": [1, 2,', ({"items": [1, 2]}, "repaired-parse")),
        ('{"a": {"b": tr', ({"a": {"b": True}}, "repaired-parse")),
        ('{"a": fals', ({"a": False}, "repaired-parse")),
        ('{"a": [nu', ({"a": [None]}, "repaired-parse")),
        ('{"a": 1.', ({"a": 1}, "repaired-parse")),
        ('{"a": 2.5e', ({"a": 2.5}, "repaired-parse")),
        ('{"note": "tr', ({"note": "tr"}, "repaired-parse")),
        ('{"note": "say \\"hi\\" tr', ({"note": 'say "hi" tr'}, "repaired-parse")),
        ('[{"a": 1}, {"b"', ([{"a": 1}, {}], "repaired-parse")),
        ("}{", (None, "failed-parse")),
        ("hello", (None, "failed-parse")),
    ],
)
def test_parse_partial_json(text: str | None, expected: tuple[object, str]) -> None:
    assert parse_partial_json(text) == expected


def test_parse_partial_json_grows_with_a_streamed_object() -> None:
    document = '{"name": "Ada", "tags": ["x", "y"], "age": 36}'
    previous_keys: set[str] = set()
    for end in range(1, len(document) + 1):
        value, state = parse_partial_json(document[:end])
        assert state != "failed-parse", document[:end]
        if isinstance(value, dict):
            assert previous_keys <= set(value)  # keys never disappear as more text arrives
            previous_keys = set(value)
    assert parse_partial_json(document) == ({"name": "Ada", "tags": ["x", "y"], "age": 36}, "successful-parse")


def test_to_json_is_compact_and_keeps_non_ascii() -> None:
    assert to_json_str({"a": "é", "b": [1, None]}) == '{"a":"é","b":[1,null]}'
    assert to_json_bytes({"a": "é"}) == '{"a":"é"}'.encode()


def test_to_json_writes_null_for_nan_as_javascript_does() -> None:
    assert to_json_str([math.nan, math.inf]) == "[null,null]"
