"""adapt_chunk: what a client of an older major gets in place of each 7.x chunk (the table in versions.py)."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from ai_sdk_core.spec.errors import InvalidArgumentError
from ai_sdk_core.ui import SUPPORTED_PROTOCOL_VERSIONS, UIMessageStreamError
from ai_sdk_core.ui.chunks import CHUNK_TYPES_BY_VERSION, FINISH_REASONS_BY_VERSION
from ai_sdk_core.ui.versions import (
    APPROVAL_UNSUPPORTED_TEXT,
    DENIED_TEXT,
    PASS_THROUGH_TYPES,
    adapt_chunk,
    adapt_clean_chunk,
    clean_source,
    is_clean_source,
)

SEVEN_ONLY = [
    {"type": "tool-approval-response", "approvalId": "a", "approved": True},
    {"type": "custom", "kind": "openai.thing"},
    {"type": "reasoning-file", "url": "data:image/png;base64,AA==", "mediaType": "image/png"},
    {"type": "steering-message", "id": "s", "parts": [{"type": "text", "text": "hi"}]},
    {"type": "reset-step"},
]


def test_supported_versions() -> None:
    assert SUPPORTED_PROTOCOL_VERSIONS == (5, 6, 7)


@pytest.mark.parametrize("chunk", SEVEN_ONLY, ids=[chunk["type"] for chunk in SEVEN_ONLY])
def test_seven_only_chunks_pass_in_7_and_are_dropped_below(chunk: dict[str, Any]) -> None:
    assert adapt_chunk(chunk, 7) == [chunk]
    assert adapt_chunk(chunk, 6) == []
    assert adapt_chunk(chunk, 5) == []


def test_approval_request_loses_its_7_fields_in_6_and_becomes_a_tool_error_in_5() -> None:
    chunk = {"type": "tool-approval-request", "approvalId": "a", "toolCallId": "c", "reason": "r", "isAutomatic": True}
    assert adapt_chunk(chunk, 7) == [chunk]
    assert adapt_chunk(chunk, 6) == [{"type": "tool-approval-request", "approvalId": "a", "toolCallId": "c"}]
    assert adapt_chunk(chunk, 5) == [
        {"type": "tool-output-error", "toolCallId": "c", "errorText": APPROVAL_UNSUPPORTED_TEXT}
    ]


def test_denied_output_is_a_tool_error_in_5() -> None:
    chunk = {"type": "tool-output-denied", "toolCallId": "c"}
    assert adapt_chunk(chunk, 6) == [chunk]
    assert adapt_chunk(chunk, 5) == [{"type": "tool-output-error", "toolCallId": "c", "errorText": DENIED_TEXT}]


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        ("interrupted", {7: "interrupted", 6: "other", 5: "other"}),
        ("unknown", {7: "other", 6: "other", 5: "unknown"}),
        ("provider-specific", {7: "other", 6: "other", 5: "other"}),
        ("tool-calls", {7: "tool-calls", 6: "tool-calls", 5: "tool-calls"}),
    ],
)
def test_finish_reasons_map_to_what_each_major_knows(reason: str, expected: dict[int, str]) -> None:
    for version, wanted in expected.items():
        (adapted,) = adapt_chunk({"type": "finish", "finishReason": reason, "messageMetadata": {"a": 1}}, version)
        assert adapted == {"type": "finish", "finishReason": wanted, "messageMetadata": {"a": 1}}
        assert adapted["finishReason"] in FINISH_REASONS_BY_VERSION[version]


@pytest.mark.parametrize(
    ("chunk", "removed_in_5"),
    [
        (
            {
                "type": "tool-input-start",
                "toolCallId": "c",
                "toolName": "t",
                "inputEncoding": "json",
                "providerMetadata": {"p": {}},
                "toolMetadata": {"m": 1},
                "title": "T",
                "dynamic": True,
                "providerExecuted": True,
            },
            {"inputEncoding", "providerMetadata", "toolMetadata", "title"},
        ),
        (
            {"type": "tool-input-available", "toolCallId": "c", "toolName": "t", "input": 1, "title": "T"},
            {"title"},
        ),
        (
            {"type": "tool-output-available", "toolCallId": "c", "output": 1, "providerMetadata": {"p": {}}},
            {"providerMetadata"},
        ),
        ({"type": "tool-output-error", "toolCallId": "c", "errorText": "e", "toolMetadata": {}}, {"toolMetadata"}),
        ({"type": "abort", "reason": "stop"}, {"reason"}),
    ],
)
def test_fields_added_in_6_are_removed_for_5(chunk: dict[str, Any], removed_in_5: set[str]) -> None:
    assert adapt_chunk(chunk, 6) == [chunk]
    (adapted,) = adapt_chunk(chunk, 5)
    assert set(chunk) - set(adapted) == removed_in_5


def test_citations_are_removed_below_7() -> None:
    chunk = {"type": "text-end", "id": "t", "citations": []}
    assert adapt_chunk(chunk, 7) == [chunk]
    assert adapt_chunk(chunk, 6) == [{"type": "text-end", "id": "t"}]


@pytest.mark.parametrize("version", SUPPORTED_PROTOCOL_VERSIONS)
def test_data_chunks_pass_in_every_major(version: int) -> None:
    chunk = {"type": "data-weather", "id": "w", "data": {"x": None}, "transient": True}
    assert adapt_chunk(chunk, version) == [chunk]


def test_none_values_are_removed_but_null_payloads_kept() -> None:
    chunk = {"type": "tool-input-available", "toolCallId": "c", "toolName": "t", "input": None, "title": None}
    assert adapt_chunk(chunk, 7) == [
        {"type": "tool-input-available", "toolCallId": "c", "toolName": "t", "input": None}
    ]


def test_the_input_chunk_is_never_modified() -> None:
    chunk = {"type": "abort", "reason": "r", "extra": None}
    adapt_chunk(chunk, 5)
    assert chunk == {"type": "abort", "reason": "r", "extra": None}
    clean = {"type": "text-end", "id": "t", "citations": []}
    adapt_clean_chunk(clean, 5)
    assert clean == {"type": "text-end", "id": "t", "citations": []}


def test_a_clean_chunk_that_needs_nothing_is_returned_itself() -> None:
    chunk = {"type": "tool-input-start", "toolCallId": "c", "toolName": "t"}
    assert adapt_clean_chunk(chunk, 5)[0] is chunk


def test_unknown_types_are_dropped_with_a_warning_once(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="ai_sdk_core.ui"):
        for version in SUPPORTED_PROTOCOL_VERSIONS:
            assert adapt_chunk({"type": "only-in-this-test", "text": "x"}, version) == []
    warnings = [record for record in caplog.records if "'only-in-this-test'" in record.getMessage()]
    assert len(warnings) == 1


@pytest.mark.parametrize("value", ["text-delta", {"id": "no type"}, {"type": 3}])
def test_values_that_are_not_chunks_are_typed_errors(value: Any) -> None:
    with pytest.raises(UIMessageStreamError):
        adapt_chunk(value, 7)


def test_unsupported_version_is_refused() -> None:
    with pytest.raises(InvalidArgumentError):
        adapt_chunk({"type": "start"}, 4)


@pytest.mark.parametrize("version", SUPPORTED_PROTOCOL_VERSIONS)
def test_every_chunk_of_a_major_comes_out_as_a_chunk_of_that_major(version: int) -> None:
    samples: dict[str, dict[str, Any]] = {
        chunk_type: {"type": chunk_type, "toolCallId": "c", "id": "i"} for chunk_type in CHUNK_TYPES_BY_VERSION[7]
    }
    for chunk in samples.values():
        for adapted in adapt_chunk(chunk, version):
            assert adapted["type"] in CHUNK_TYPES_BY_VERSION[version]
    assert PASS_THROUGH_TYPES[version] <= CHUNK_TYPES_BY_VERSION[version]


def test_clean_sources_are_recognised_by_their_generator_function() -> None:
    @clean_source
    def registered() -> Any:
        yield {"type": "start"}

    def other() -> Any:
        yield {"type": "start"}

    assert is_clean_source(registered())
    assert not is_clean_source(other())
    assert not is_clean_source([{"type": "start"}])
