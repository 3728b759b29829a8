"""Messages API answers -> spec content, finish reason, usage, metadata; and its error bodies (pure).

Shared by the whole-response path and the stream decoder: content blocks decode the same way in both.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ai_sdk_core.provider_utils.json import to_json_str, try_parse_json
from ai_sdk_core.providers.anthropic.convert_messages import CitationDocument
from ai_sdk_core.spec import (
    Content,
    FinishReason,
    InputTokens,
    OutputTokens,
    ProviderMetadata,
    ReasoningContent,
    SourceContent,
    TextContent,
    ToolCallContent,
    ToolResultContent,
    UnifiedFinishReason,
    Usage,
)

__all__ = [
    "JSON_TOOL_NAME",
    "DecodeContext",
    "anthropic_metadata",
    "citation_source",
    "convert_anthropic_usage",
    "decode_content_blocks",
    "map_anthropic_stop_reason",
    "parse_anthropic_error",
    "server_tool_result_parts",
]

JSON_TOOL_NAME = "json"
"""The forced tool whose input is the answer, when JSON output goes through a tool."""

_STOP_REASONS: dict[str, UnifiedFinishReason] = {
    "end_turn": "stop",
    "stop_sequence": "stop",
    # A paused server-tool turn ends this call normally; the AI SDK maps it to "stop" too.
    "pause_turn": "stop",
    "refusal": "content-filter",
    "tool_use": "tool-calls",
    "max_tokens": "length",
    "model_context_window_exceeded": "length",
}


def map_anthropic_stop_reason(stop_reason: str | None, *, json_tool: bool = False) -> FinishReason:
    """Map ``stop_reason``; with the JSON tool, ``tool_use`` is the answer itself, so it means ``stop``.

    >>> map_anthropic_stop_reason("refusal")
    FinishReason(unified='content-filter', raw='refusal')
    """
    unified = _STOP_REASONS.get(stop_reason or "", "other")
    if json_tool and unified == "tool-calls":
        unified = "stop"
    return FinishReason(unified=unified, raw=stop_reason)


def _count(usage: Mapping[str, Any], key: str) -> int:
    value = usage.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def convert_anthropic_usage(usage: Any) -> Usage:
    """``input_tokens`` counts only uncached input: the total adds cache writes and reads.

    >>> convert_anthropic_usage({"input_tokens": 5, "cache_read_input_tokens": 90, "output_tokens": 7}).input_tokens
    InputTokens(total=95, no_cache=5, cache_read=90, cache_write=0)
    """
    if not isinstance(usage, Mapping):
        return Usage()
    input_tokens = _count(usage, "input_tokens")
    cache_write = _count(usage, "cache_creation_input_tokens")
    cache_read = _count(usage, "cache_read_input_tokens")
    return Usage(
        input_tokens=InputTokens(
            total=input_tokens + cache_write + cache_read,
            no_cache=input_tokens,
            cache_read=cache_read,
            cache_write=cache_write,
        ),
        output_tokens=OutputTokens(total=_count(usage, "output_tokens")),
        raw=dict(usage),
    )


def anthropic_metadata(usage: Any, stop_sequence: Any, container: Any = None) -> ProviderMetadata:
    """The result's ``provider_metadata["anthropic"]``: raw usage, cache writes, the stop sequence that hit."""
    usage_map = usage if isinstance(usage, Mapping) else {}
    metadata: dict[str, Any] = {
        "usage": dict(usage_map),
        "cache_creation_input_tokens": usage_map.get("cache_creation_input_tokens"),
        "stop_sequence": stop_sequence,
    }
    if container is not None:
        metadata["container"] = container
    return {"anthropic": metadata}


def parse_anthropic_error(status_code: int, headers: Mapping[str, str], body_text: str) -> tuple[str, Any] | None:
    """``{"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}`` -> its message.

    >>> parse_anthropic_error(529, {}, '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}')[0]
    'Overloaded'
    """
    parsed, data = try_parse_json(body_text)
    if not parsed or not isinstance(data, Mapping):
        return None
    error = data.get("error")
    if isinstance(error, Mapping) and isinstance(error.get("message"), str):
        return error["message"], data
    return None


def _generate_id() -> str:
    return f"src-{secrets.token_hex(8)}"


def citation_source(citation: Any, documents: Sequence[CitationDocument]) -> SourceContent | None:
    """A document citation (``page_location``, ``char_location``, ``content_block_location``) as a source.

    Web search citations give no source here: the search results themselves are the sources.
    """
    if not isinstance(citation, Mapping):
        return None
    kind = citation.get("type")
    index = citation.get("document_index")
    if not isinstance(index, int) or not 0 <= index < len(documents):
        return None
    document = documents[index]
    metadata: dict[str, Any] = {"cited_text": citation.get("cited_text")}
    ranges = {
        "page_location": ("start_page_number", "end_page_number"),
        "char_location": ("start_char_index", "end_char_index"),
        "content_block_location": ("start_block_index", "end_block_index"),
    }.get(str(kind))
    if ranges is None:
        return None
    for key in ranges:
        metadata[key] = citation.get(key)
    return SourceContent(
        source_type="document",
        id=_generate_id(),
        media_type=document.media_type,
        title=citation.get("document_title") or document.title,
        filename=document.filename,
        provider_metadata={"anthropic": metadata},
    )


def server_tool_result_parts(block: Mapping[str, Any]) -> list[ToolResultContent | SourceContent]:
    """A server tool's result block (``web_search_tool_result``, ``code_execution_tool_result``, ...) as a
    provider-executed :class:`ToolResultContent`, plus a URL source per web search result."""
    block_type = str(block.get("type"))
    tool_name = block_type.removesuffix("_tool_result")
    content = block.get("content")
    is_error = isinstance(content, Mapping) and str(content.get("type", "")).endswith("_error")
    parts: list[ToolResultContent | SourceContent] = [
        ToolResultContent(
            tool_call_id=str(block.get("tool_use_id")),
            tool_name=tool_name,
            result=content,
            is_error=is_error or None,
            provider_metadata={"anthropic": {"block_type": block_type}},
        )
    ]
    if block_type == "web_search_tool_result" and isinstance(content, list):
        for item in content:
            if isinstance(item, Mapping) and isinstance(item.get("url"), str):
                parts.append(
                    SourceContent(
                        source_type="url",
                        id=_generate_id(),
                        url=item["url"],
                        title=item.get("title"),
                        provider_metadata={"anthropic": {"page_age": item.get("page_age")}},
                    )
                )
    return parts


@dataclass(slots=True, frozen=True)
class DecodeContext:
    """What decoding needs from the request: whether the JSON tool carries the answer, the prompt's documents."""

    json_tool: bool = False
    documents: Sequence[CitationDocument] = ()


def decode_content_blocks(blocks: Any, context: DecodeContext) -> list[Content]:
    """The ``content`` array of a whole response, in order."""
    content: list[Content] = []
    for block in blocks if isinstance(blocks, list) else ():
        if not isinstance(block, Mapping):
            continue
        kind = block.get("type")
        if kind == "text":
            if context.json_tool:
                continue  # the forced JSON tool's input is the answer; any preamble is not
            content.append(TextContent(text=str(block.get("text", ""))))
            for citation in block.get("citations") or ():
                source = citation_source(citation, context.documents)
                if source is not None:
                    content.append(source)
        elif kind == "thinking":
            metadata = {"anthropic": {"signature": block.get("signature")}}
            content.append(ReasoningContent(text=str(block.get("thinking", "")), provider_metadata=metadata))
        elif kind == "redacted_thinking":
            content.append(
                ReasoningContent(text="", provider_metadata={"anthropic": {"redacted_data": block.get("data")}})
            )
        elif kind == "tool_use":
            tool_input = to_json_str(block.get("input", {}))
            if context.json_tool and block.get("name") == JSON_TOOL_NAME:
                content.append(TextContent(text=tool_input))
            else:
                content.append(
                    ToolCallContent(
                        tool_call_id=str(block.get("id")), tool_name=str(block.get("name")), input=tool_input
                    )
                )
        elif kind == "server_tool_use":
            content.append(
                ToolCallContent(
                    tool_call_id=str(block.get("id")),
                    tool_name=str(block.get("name")),
                    input=to_json_str(block.get("input", {})),
                    provider_executed=True,
                )
            )
        elif isinstance(kind, str) and kind.endswith("_tool_result"):
            content.extend(server_tool_result_parts(block))
    return content
