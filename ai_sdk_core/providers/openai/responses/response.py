"""A whole Responses API response object -> content parts, finish reason, usage and metadata."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ai_sdk_core.providers.openai.responses.output_items import (
    BUILT_IN_CALL_TYPES,
    annotation_source,
    built_in_tool_parts,
    convert_responses_usage,
    map_responses_finish_reason,
)
from ai_sdk_core.spec import (
    Content,
    FinishReason,
    InvalidResponseDataError,
    ProviderMetadata,
    ReasoningContent,
    TextContent,
    ToolCallContent,
    Usage,
)

__all__ = ["ParsedResponse", "parse_responses_response", "response_metadata", "response_provider_metadata"]


@dataclass(slots=True)
class ParsedResponse:
    """What a response decodes to."""

    content: list[Content]
    finish_reason: FinishReason
    usage: Usage
    provider_metadata: ProviderMetadata


def response_metadata(response: Mapping[str, Any]) -> tuple[str | None, datetime | None, str | None]:
    """``(id, created_at as a UTC datetime, model)`` of a response object."""
    created_at = response.get("created_at")
    timestamp = (
        datetime.fromtimestamp(created_at, tz=UTC)
        if isinstance(created_at, int | float) and not isinstance(created_at, bool)
        else None
    )
    response_id = response.get("id")
    model = response.get("model")
    return (
        response_id if isinstance(response_id, str) else None,
        timestamp,
        model if isinstance(model, str) else None,
    )


def response_provider_metadata(response: Mapping[str, Any]) -> ProviderMetadata:
    """``{"openai": {"response_id", "service_tier"}}``: the id is what ``previous_response_id`` takes."""
    metadata: dict[str, Any] = {"response_id": response.get("id")}
    if response.get("service_tier") is not None:
        metadata["service_tier"] = response["service_tier"]
    return {"openai": metadata}


def _message_parts(item: Mapping[str, Any], content: list[Content]) -> None:
    item_id = item.get("id")
    for part_index, part in enumerate(item.get("content") or []):
        if not isinstance(part, Mapping):
            continue
        # A refusal is the model's answer too: it is shown as text rather than silently dropped.
        text = part.get("text") if part.get("type") == "output_text" else part.get("refusal")
        if not isinstance(text, str):
            continue
        content.append(TextContent(text=text, provider_metadata={"openai": {"item_id": item_id}}))
        for annotation_index, annotation in enumerate(part.get("annotations") or []):
            source = annotation_source(annotation, f"{item_id}:{part_index}:{annotation_index}")
            if source is not None:
                content.append(source)


def _reasoning_parts(item: Mapping[str, Any], content: list[Content]) -> None:
    metadata = {"item_id": item.get("id"), "reasoning_encrypted_content": item.get("encrypted_content")}
    summaries = [
        summary["text"]
        for summary in item.get("summary") or []
        if isinstance(summary, Mapping) and isinstance(summary.get("text"), str)
    ]
    # A reasoning item without summary still becomes a part: it carries the id the next request must send.
    for text in summaries or [""]:
        content.append(ReasoningContent(text=text, provider_metadata={"openai": dict(metadata)}))


def parse_responses_response(body: Any, *, tool_names: Mapping[str, str]) -> ParsedResponse:
    """Decode ``body`` (a response object). Raises :class:`InvalidResponseDataError` when it is not one."""
    if not isinstance(body, Mapping) or not isinstance(body.get("output"), list):
        raise InvalidResponseDataError("The Responses API answer has no `output` list.", data=body)
    content: list[Content] = []
    has_function_call = False
    for item in body["output"]:
        if not isinstance(item, Mapping):
            continue
        item_type = item.get("type")
        if item_type == "message":
            _message_parts(item, content)
        elif item_type == "reasoning":
            _reasoning_parts(item, content)
        elif item_type == "function_call":
            has_function_call = True
            content.append(
                ToolCallContent(
                    tool_call_id=str(item.get("call_id")),
                    tool_name=str(item.get("name")),
                    input=str(item.get("arguments") or "{}"),
                    provider_metadata={"openai": {"item_id": item.get("id")}},
                )
            )
        elif item_type in BUILT_IN_CALL_TYPES:
            content.extend(built_in_tool_parts(item, tool_names))
    details = body.get("incomplete_details")
    incomplete_reason = details.get("reason") if isinstance(details, Mapping) else None
    return ParsedResponse(
        content=content,
        finish_reason=map_responses_finish_reason(
            body.get("status"), incomplete_reason, has_function_call=has_function_call
        ),
        usage=convert_responses_usage(body.get("usage")),
        provider_metadata=response_provider_metadata(body),
    )
