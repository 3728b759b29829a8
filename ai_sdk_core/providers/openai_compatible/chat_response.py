"""A non-streaming Chat Completions response body -> spec content, finish reason, usage and metadata.

Wire schemas are read leniently (vendors add and omit fields); only what the decoding needs must be there.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeAlias

from ai_sdk_core.providers.openai_compatible.map_finish_reason import map_openai_compatible_finish_reason
from ai_sdk_core.providers.openai_compatible.metadata_extractor import MetadataExtractor, merge_provider_metadata
from ai_sdk_core.spec import (
    Content,
    FinishReason,
    InvalidResponseDataError,
    ProviderMetadata,
    ReasoningContent,
    SourceContent,
    TextContent,
    ToolCallContent,
    Usage,
)

__all__ = [
    "ParsedChatResponse",
    "UsageConverter",
    "generate_id",
    "get_response_metadata",
    "parse_chat_response",
    "prediction_token_metadata",
    "primary_choice",
    "url_citation_source",
]

UsageConverter: TypeAlias = Callable[[Any], Usage]


def generate_id(prefix: str = "id") -> str:
    """A random id for parts the vendor sent without one (some compatible servers omit tool call ids)."""
    return f"{prefix}-{secrets.token_hex(8)}"


@dataclass(slots=True)
class ParsedChatResponse:
    """The decoded parts of one response, before the model adds request/response info and warnings."""

    content: list[Content]
    finish_reason: FinishReason
    usage: Usage
    provider_metadata: ProviderMetadata


def get_response_metadata(body: Mapping[str, Any]) -> tuple[str | None, datetime | None, str | None]:
    """``(id, timestamp, model_id)`` from a response or chunk; ``created`` is Unix seconds.

    >>> get_response_metadata({"id": "chatcmpl-1", "created": 0, "model": "gpt-4o"})[1].isoformat()
    '1970-01-01T00:00:00+00:00'
    """
    response_id = body.get("id")
    created = body.get("created")
    model = body.get("model")
    timestamp = (
        datetime.fromtimestamp(created, tz=UTC)
        if isinstance(created, int | float) and not isinstance(created, bool)
        else None
    )
    return (
        response_id if isinstance(response_id, str) else None,
        timestamp,
        model if isinstance(model, str) else None,
    )


def prediction_token_metadata(usage: Any) -> dict[str, Any]:
    """``accepted_prediction_tokens`` / ``rejected_prediction_tokens`` (Predicted Outputs) when reported."""
    details = usage.get("completion_tokens_details") if isinstance(usage, Mapping) else None
    if not isinstance(details, Mapping):
        return {}
    return {
        key: details[key]
        for key in ("accepted_prediction_tokens", "rejected_prediction_tokens")
        if isinstance(details.get(key), int)
    }


def url_citation_source(annotation: Any) -> SourceContent | None:
    """A ``{"type": "url_citation", "url_citation": {"url", "title"}}`` annotation as a URL source."""
    if not isinstance(annotation, Mapping) or annotation.get("type") != "url_citation":
        return None
    citation = annotation.get("url_citation")
    if not isinstance(citation, Mapping) or not isinstance(citation.get("url"), str):
        return None
    title = citation.get("title")
    return SourceContent(
        source_type="url",
        id=generate_id("source"),
        url=citation["url"],
        title=title if isinstance(title, str) else None,
    )


def primary_choice(choices: Any) -> dict[str, Any] | None:
    """The choice the SDK reports: the one with ``index`` 0 (a choice without an index counts as 0).

    A request with ``n > 1`` gets several choices, and its stream interleaves their chunks; the AI SDK reports one
    choice, so the others must neither merge into its text nor collide with its tool-call indexes.
    """
    if not isinstance(choices, list):
        return None
    for choice in choices:
        if isinstance(choice, dict) and choice.get("index") in (0, None):
            return choice
    return None


def _first_choice(body: Any) -> Mapping[str, Any]:
    choices = body.get("choices") if isinstance(body, Mapping) else None
    choice = primary_choice(choices)
    if choice is None:
        raise InvalidResponseDataError("The response has no choice with index 0.", data=body)
    return choice


def _tool_call(tool_call: Any) -> ToolCallContent | None:
    function = tool_call.get("function") if isinstance(tool_call, Mapping) else None
    if not isinstance(function, Mapping) or not isinstance(function.get("name"), str):
        return None
    call_id = tool_call.get("id")
    arguments = function.get("arguments")
    return ToolCallContent(
        tool_call_id=call_id if isinstance(call_id, str) and call_id else generate_id("call"),
        tool_name=function["name"],
        # A tool without parameters may come back with no or empty arguments; "{}" is what it means.
        input=arguments if isinstance(arguments, str) and arguments.strip() else "{}",
    )


def parse_chat_response(
    body: Any,
    *,
    provider_options_name: str,
    convert_usage: UsageConverter,
    metadata_extractor: MetadataExtractor | None = None,
) -> ParsedChatResponse:
    """Decode choice 0: reasoning (``reasoning_content`` or ``reasoning``, sent by some vendors), text,
    tool calls, URL citations; then finish reason, usage and provider metadata.

    Raises :class:`~ai_sdk_core.spec.InvalidResponseDataError` when there is no choice to read.
    """
    choice = _first_choice(body)
    message = choice.get("message")
    if not isinstance(message, Mapping):
        message = {}
    content: list[Content] = []
    reasoning = message.get("reasoning_content") or message.get("reasoning")
    if isinstance(reasoning, str) and reasoning:
        content.append(ReasoningContent(text=reasoning))
    text = message.get("content")
    if isinstance(text, str) and text:
        content.append(TextContent(text=text))
    for raw_tool_call in message.get("tool_calls") or ():
        tool_call = _tool_call(raw_tool_call)
        if tool_call is not None:
            content.append(tool_call)
    for annotation in message.get("annotations") or ():
        source = url_citation_source(annotation)
        if source is not None:
            content.append(source)
    usage = body.get("usage")
    provider_metadata: ProviderMetadata = {provider_options_name: prediction_token_metadata(usage)}
    if metadata_extractor is not None:
        merge_provider_metadata(provider_metadata, metadata_extractor.extract_metadata(body))
    raw_finish_reason = choice.get("finish_reason")
    return ParsedChatResponse(
        content=content,
        finish_reason=map_openai_compatible_finish_reason(
            raw_finish_reason if isinstance(raw_finish_reason, str) else None
        ),
        usage=convert_usage(usage),
        provider_metadata=provider_metadata,
    )
