"""Pure decoding shared by whole responses and streams: usage, finish reason, annotations, built-in tool items."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from ai_sdk_core.provider_utils.json import to_json_str
from ai_sdk_core.spec import (
    FinishReason,
    InputTokens,
    OutputTokens,
    SourceContent,
    ToolCallContent,
    ToolResultContent,
    Usage,
)

__all__ = [
    "BUILT_IN_CALL_TYPES",
    "annotation_source",
    "built_in_tool_input",
    "built_in_tool_parts",
    "convert_responses_usage",
    "map_responses_finish_reason",
]

BUILT_IN_CALL_TYPES: Final = {
    "code_interpreter_call": "code_interpreter",
    "file_search_call": "file_search",
    "image_generation_call": "image_generation",
    "web_search_call": "web_search",
}
"""Output item type of a built-in tool's call -> the tool's type."""


def _count(container: Any, key: str) -> int | None:
    if not isinstance(container, Mapping):
        return None
    value = container.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def convert_responses_usage(usage: Any) -> Usage:
    """``{"input_tokens", "input_tokens_details": {"cached_tokens"}, "output_tokens",
    "output_tokens_details": {"reasoning_tokens"}}`` -> :class:`Usage` (all ``None`` when not reported).

    >>> convert_responses_usage({"input_tokens": 10, "output_tokens": 4}).input_tokens
    InputTokens(total=10, no_cache=10, cache_read=0, cache_write=None)
    """
    if not isinstance(usage, Mapping):
        return Usage()
    input_tokens = _count(usage, "input_tokens") or 0
    output_tokens = _count(usage, "output_tokens") or 0
    cached_tokens = _count(usage.get("input_tokens_details"), "cached_tokens") or 0
    reasoning_tokens = _count(usage.get("output_tokens_details"), "reasoning_tokens") or 0
    return Usage(
        input_tokens=InputTokens(total=input_tokens, no_cache=input_tokens - cached_tokens, cache_read=cached_tokens),
        output_tokens=OutputTokens(
            total=output_tokens, text=output_tokens - reasoning_tokens, reasoning=reasoning_tokens
        ),
        raw=dict(usage),
    )


def map_responses_finish_reason(
    status: str | None, incomplete_reason: str | None, *, has_function_call: bool
) -> FinishReason:
    """Why a response ended. ``completed`` is ``stop`` (``tool-calls`` when it called a function);
    ``incomplete`` for ``max_output_tokens`` is ``length``, for ``content_filter`` ``content-filter``.

    >>> map_responses_finish_reason("incomplete", "max_output_tokens", has_function_call=False)
    FinishReason(unified='length', raw='max_output_tokens')
    """
    if incomplete_reason == "max_output_tokens":
        return FinishReason("length", incomplete_reason)
    if incomplete_reason == "content_filter":
        return FinishReason("content-filter", incomplete_reason)
    if status == "failed":
        return FinishReason("error", status)
    if incomplete_reason is not None:
        return FinishReason("tool-calls" if has_function_call else "other", incomplete_reason)
    return FinishReason("tool-calls" if has_function_call else "stop", status)


def annotation_source(annotation: Any, source_id: str) -> SourceContent | None:
    """A ``url_citation`` as a URL source, a ``file_citation`` as a document source; ``None`` for others."""
    if not isinstance(annotation, Mapping):
        return None
    if annotation.get("type") == "url_citation" and isinstance(annotation.get("url"), str):
        return SourceContent(source_type="url", id=source_id, url=annotation["url"], title=annotation.get("title"))
    if annotation.get("type") == "file_citation":
        filename = annotation.get("filename") or annotation.get("file_id")
        return SourceContent(
            source_type="document",
            id=source_id,
            media_type="text/plain",
            title=filename,
            filename=filename,
            provider_metadata={"openai": {"file_id": annotation.get("file_id")}},
        )
    return None


def _without_none(values: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value is not None}


def built_in_tool_input(item: Mapping[str, Any]) -> str:
    """The input of a built-in tool call as a JSON string (what the model asked the tool to do)."""
    match item.get("type"):
        case "code_interpreter_call":
            return to_json_str(_without_none({"container_id": item.get("container_id"), "code": item.get("code")}))
        case "web_search_call":
            return to_json_str(_without_none({"action": item.get("action")}))
        case _:
            return "{}"


def _built_in_result(item: Mapping[str, Any]) -> Any:
    match item.get("type"):
        case "code_interpreter_call":
            return {"outputs": item.get("outputs") or []}
        case "file_search_call":
            return _without_none({"queries": item.get("queries"), "results": item.get("results")})
        case "image_generation_call":
            return {"result": item.get("result")}
        case _:
            return _without_none({"status": item.get("status"), "action": item.get("action")})


def built_in_tool_parts(
    item: Mapping[str, Any], tool_names: Mapping[str, str]
) -> tuple[ToolCallContent, ToolResultContent]:
    """A finished built-in tool item (``web_search_call``, ...) as a provider-executed call and its result.

    ``tool_names`` maps a tool type to the name the caller gave the tool; the item id is the call id.
    """
    tool_type = BUILT_IN_CALL_TYPES[str(item.get("type"))]
    if tool_type == "web_search" and "web_search" not in tool_names:
        tool_type = "web_search_preview" if "web_search_preview" in tool_names else tool_type
    tool_name = tool_names.get(tool_type, tool_type)
    item_id = str(item.get("id"))
    metadata = {"openai": {"item_id": item_id}}
    call = ToolCallContent(
        tool_call_id=item_id,
        tool_name=tool_name,
        input=built_in_tool_input(item),
        provider_executed=True,
        provider_metadata=metadata,
    )
    result = ToolResultContent(
        tool_call_id=item_id,
        tool_name=tool_name,
        result=_built_in_result(item),
        is_error=item.get("status") == "failed" or None,
        provider_metadata={"openai": {"item_id": item_id}},
    )
    return call, result
