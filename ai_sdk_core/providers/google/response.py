"""Decoding of a whole ``generateContent`` answer, and the helpers the stream decoder shares with it.

Wire schemas are read leniently (unknown fields ignored, missing ones tolerated): Google adds fields often.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final, TypeAlias

from ai_sdk_core.provider_utils.json import to_json_str
from ai_sdk_core.providers.google.finish_reason import map_google_finish_reason
from ai_sdk_core.providers.google.usage import convert_google_usage
from ai_sdk_core.spec import (
    Content,
    FileContent,
    FinishReason,
    InvalidResponseDataError,
    ProviderMetadata,
    ReasoningContent,
    SourceContent,
    TextContent,
    ToolCallContent,
    ToolResultContent,
    Usage,
)

__all__ = [
    "JSON_RESPONSE_TOOL_NAME",
    "CodeExecutionTracker",
    "IdGenerator",
    "ParsedGoogleResponse",
    "candidate_provider_metadata",
    "extract_sources",
    "finish_reason_of",
    "first_candidate",
    "function_call_content",
    "generate_id",
    "is_json_response_call",
    "parse_google_response",
    "part_provider_metadata",
]

JSON_RESPONSE_TOOL_NAME: Final = "json"
"""Gemini rejects JSON mode together with function calling: structured output then goes through this tool."""

IdGenerator: TypeAlias = Callable[[], str]
"""Makes ids for tool calls and sources (Gemini sends none)."""

_DOCUMENT_TYPES: Final = {
    ".pdf": "application/pdf",
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def generate_id() -> str:
    """A fresh random id of 24 hex characters."""
    return uuid.uuid4().hex[:24]


def part_provider_metadata(part: Mapping[str, Any]) -> ProviderMetadata | None:
    """``{"google": {"thoughtSignature": ...}}`` for a signed part, else ``None``: sent back on the next turn."""
    signature = part.get("thoughtSignature")
    return {"google": {"thoughtSignature": signature}} if isinstance(signature, str) and signature else None


def first_candidate(body: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The first candidate (Gemini returns one unless ``candidateCount`` asked for more), or ``None``."""
    candidates = body.get("candidates")
    if isinstance(candidates, list) and candidates:
        first = candidates[0]
        # A decoded JSON object is a plain ``dict``: the exact type test first spares the ABC check per chunk.
        if type(first) is dict or isinstance(first, Mapping):
            return first
    return None


def _document_source(uri: str, title: str | None, source_id: str) -> SourceContent:
    filename = uri.rsplit("/", 1)[-1] or None
    lowered = uri.lower()
    media_type = next(
        (media for suffix, media in _DOCUMENT_TYPES.items() if lowered.endswith(suffix)), "application/octet-stream"
    )
    return SourceContent(
        source_type="document",
        id=source_id,
        media_type=media_type,
        title=title or "Unknown Document",
        filename=filename,
    )


def extract_sources(grounding_metadata: Any, new_id: IdGenerator) -> list[SourceContent]:
    """Grounding chunks as sources: web results as URL sources, retrieved documents as document sources."""
    if grounding_metadata is None:
        return []  # the common case, on every streamed chunk
    if not (type(grounding_metadata) is dict or isinstance(grounding_metadata, Mapping)):
        return []
    sources: list[SourceContent] = []
    for chunk in grounding_metadata.get("groundingChunks") or ():
        if not isinstance(chunk, Mapping):
            continue
        web = chunk.get("web")
        retrieved = chunk.get("retrievedContext")
        if isinstance(web, Mapping) and isinstance(web.get("uri"), str):
            sources.append(SourceContent(source_type="url", id=new_id(), url=web["uri"], title=web.get("title")))
        elif isinstance(retrieved, Mapping) and isinstance(retrieved.get("uri"), str):
            uri = retrieved["uri"]
            if uri.startswith(("http://", "https://")):
                sources.append(SourceContent(source_type="url", id=new_id(), url=uri, title=retrieved.get("title")))
            else:
                sources.append(_document_source(uri, retrieved.get("title"), new_id()))
    return sources


def candidate_provider_metadata(body: Mapping[str, Any], candidate: Mapping[str, Any] | None) -> ProviderMetadata:
    """Safety ratings, prompt feedback, grounding and URL-context metadata and raw usage, under ``"google"``."""
    candidate = candidate or {}
    return {
        "google": {
            "promptFeedback": body.get("promptFeedback"),
            "groundingMetadata": candidate.get("groundingMetadata"),
            "urlContextMetadata": candidate.get("urlContextMetadata"),
            "safetyRatings": candidate.get("safetyRatings"),
            "usageMetadata": body.get("usageMetadata"),
        }
    }


def finish_reason_of(
    body: Mapping[str, Any], candidate: Mapping[str, Any] | None, *, has_tool_calls: bool
) -> FinishReason:
    """The call's finish reason; a prompt blocked before any candidate is a content filter."""
    if candidate is None:
        block_reason = (body.get("promptFeedback") or {}).get("blockReason")
        if isinstance(block_reason, str):
            return FinishReason(unified="content-filter", raw=block_reason)
    raw = candidate.get("finishReason") if candidate is not None else None
    return map_google_finish_reason(raw if isinstance(raw, str) else None, has_tool_calls=has_tool_calls)


@dataclass(slots=True)
class ParsedGoogleResponse:
    content: list[Content]
    finish_reason: FinishReason
    usage: Usage
    provider_metadata: ProviderMetadata


class CodeExecutionTracker:
    """Pairs a ``codeExecutionResult`` part with the ``executableCode`` part just before it (Gemini sends them in
    that order, without ids)."""

    __slots__ = ("last_call_id",)

    def __init__(self) -> None:
        self.last_call_id: str | None = None

    def call(self, part: Mapping[str, Any], new_id: IdGenerator) -> ToolCallContent:
        self.last_call_id = new_id()
        return ToolCallContent(
            tool_call_id=self.last_call_id,
            tool_name="code_execution",
            input=to_json_str(part["executableCode"]),
            provider_executed=True,
            provider_metadata=part_provider_metadata(part),
        )

    def result(self, part: Mapping[str, Any]) -> ToolResultContent | None:
        call_id, self.last_call_id = self.last_call_id, None
        if call_id is None:
            return None
        outcome = part["codeExecutionResult"]
        return ToolResultContent(
            tool_call_id=call_id,
            tool_name="code_execution",
            result={"outcome": outcome.get("outcome"), "output": outcome.get("output")},
            provider_metadata=part_provider_metadata(part),
        )


def function_call_content(part: Mapping[str, Any], new_id: IdGenerator) -> ToolCallContent:
    """A ``functionCall`` part as a tool call (input as JSON text; a call without args has ``{}``)."""
    call = part["functionCall"]
    call_id = call.get("id")
    return ToolCallContent(
        tool_call_id=call_id if isinstance(call_id, str) and call_id else new_id(),
        tool_name=str(call.get("name", "")),
        input=to_json_str(call.get("args") if call.get("args") is not None else {}),
        provider_metadata=part_provider_metadata(part),
    )


def is_json_response_call(
    part: Mapping[str, Any], uses_json_response_tool: bool, json_tool_name: str = JSON_RESPONSE_TOOL_NAME
) -> bool:
    """Whether ``part`` calls the ``json`` tool that stands in for structured output when tools are offered
    (``json_tool_name``: its name for this call, another one when a user tool is already called ``json``)."""
    return uses_json_response_tool and part["functionCall"].get("name") == json_tool_name


def parse_google_response(
    body: Any,
    *,
    new_id: IdGenerator = generate_id,
    uses_json_response_tool: bool = False,
    json_tool_name: str = JSON_RESPONSE_TOOL_NAME,
) -> ParsedGoogleResponse:
    """Decode a ``GenerateContentResponse``: parts in order (thought parts as reasoning), then grounding sources.

    With ``uses_json_response_tool`` (structured output requested together with tools), the ``json`` tool's
    arguments are the answer's text and other text is dropped, as the AI SDK does.

    Raises :class:`~ai_sdk_core.spec.InvalidResponseDataError` when the body is not an object.
    """
    if not isinstance(body, Mapping):
        raise InvalidResponseDataError("Gemini answered with a body that is not a JSON object.", data=body)
    candidate = first_candidate(body)
    content: list[Content] = []
    code_execution = CodeExecutionTracker()
    parts = ((candidate or {}).get("content") or {}).get("parts") or ()
    for part in parts:
        if not isinstance(part, Mapping):
            continue
        if isinstance(part.get("functionCall"), Mapping):
            if is_json_response_call(part, uses_json_response_tool, json_tool_name):
                content.append(TextContent(text=to_json_str(part["functionCall"].get("args") or {})))
            else:
                content.append(function_call_content(part, new_id))
        elif isinstance(part.get("executableCode"), Mapping):
            content.append(code_execution.call(part, new_id))
        elif isinstance(part.get("codeExecutionResult"), Mapping):
            result = code_execution.result(part)
            if result is not None:
                content.append(result)
        elif isinstance(part.get("inlineData"), Mapping):
            inline = part["inlineData"]
            content.append(
                FileContent(
                    media_type=str(inline.get("mimeType", "application/octet-stream")),
                    data=str(inline.get("data", "")),
                    provider_metadata=part_provider_metadata(part),
                )
            )
        elif isinstance(part.get("text"), str) and part["text"] and not uses_json_response_tool:
            metadata = part_provider_metadata(part)
            if part.get("thought") is True:
                content.append(ReasoningContent(text=part["text"], provider_metadata=metadata))
            else:
                content.append(TextContent(text=part["text"], provider_metadata=metadata))
    content.extend(extract_sources((candidate or {}).get("groundingMetadata"), new_id))
    has_tool_calls = any(isinstance(item, ToolCallContent) and not item.provider_executed for item in content)
    return ParsedGoogleResponse(
        content=content,
        finish_reason=finish_reason_of(body, candidate, has_tool_calls=has_tool_calls),
        usage=convert_google_usage(body.get("usageMetadata")),
        provider_metadata=candidate_provider_metadata(body, candidate),
    )
