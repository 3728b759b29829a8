"""Gemini's ``streamGenerateContent?alt=sse`` events to stream parts.

Each event's data is a whole ``GenerateContentResponse`` holding the next piece of the answer; there is no
``[DONE]`` (the body just ends). Consecutive text parts form one text block, consecutive thought parts one
reasoning block; function calls arrive whole, so each yields its input start/delta/end and the call at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from ai_sdk_core.provider_utils.event_stream import ServerSentEvent
from ai_sdk_core.provider_utils.json import to_json_str, try_parse_json
from ai_sdk_core.providers.google.response import (
    JSON_RESPONSE_TOOL_NAME,
    CodeExecutionTracker,
    IdGenerator,
    candidate_provider_metadata,
    extract_sources,
    finish_reason_of,
    first_candidate,
    function_call_content,
    is_json_response_call,
    part_provider_metadata,
)
from ai_sdk_core.providers.google.usage import convert_google_usage
from ai_sdk_core.spec import (
    FileContent,
    Finish,
    FinishReason,
    InputTokens,
    InvalidResponseDataError,
    OutputTokens,
    ProviderMetadata,
    Raw,
    ReasoningDelta,
    ReasoningEnd,
    ReasoningStart,
    ResponseMetadata,
    StreamError,
    StreamPart,
    TextDelta,
    TextEnd,
    TextStart,
    ToolInputDelta,
    ToolInputEnd,
    ToolInputStart,
    Usage,
)

__all__ = ["GoogleStreamDecoder"]

# The part keys whose branch in ``_part`` comes before the text branch: a part with none of them and a string
# ``text`` is text (or the ignored text of a ``json``-tool answer), decided by one set test.
_NON_TEXT_KEYS: Final = frozenset({"functionCall", "executableCode", "codeExecutionResult", "inlineData"})


class _Block:
    """An open text or reasoning block; ``pending_metadata`` holds a signature that came on a part with no text,
    reported on the block's end part."""

    __slots__ = ("block_id", "pending_metadata", "reasoning", "signed")

    def __init__(self, block_id: str, *, reasoning: bool) -> None:
        self.block_id = block_id
        self.reasoning = reasoning
        self.pending_metadata: ProviderMetadata | None = None
        self.signed = False  # a part with text carried a signature


class GoogleStreamDecoder:
    """A fresh decoder per stream (it holds the stream's state); see the module docstring."""

    def __init__(
        self,
        *,
        new_id: IdGenerator,
        include_raw_chunks: bool = False,
        uses_json_response_tool: bool = False,
        json_tool_name: str = JSON_RESPONSE_TOOL_NAME,
    ) -> None:
        self._new_id = new_id
        self._include_raw_chunks = include_raw_chunks
        self._uses_json_response_tool = uses_json_response_tool
        self._json_tool_name = json_tool_name
        self._block: _Block | None = None
        self._block_count = 0
        self._has_tool_calls = False
        self._saw_metadata = False
        self._finish_reason = FinishReason(unified="other", raw=None)
        # The latest raw ``usageMetadata`` (each chunk repeats the running totals): converted once, in ``finish``.
        self._usage_metadata: Mapping[str, Any] | None = None
        self._provider_metadata: ProviderMetadata | None = None
        self._source_urls: set[str] = set()
        self._code_execution = CodeExecutionTracker()

    def feed(self, event: ServerSentEvent) -> list[StreamPart]:
        """Parts for one event (a bad chunk becomes a ``StreamError`` part; the stream goes on)."""
        # Every object below comes out of ``try_parse_json``, whose objects are always ``dict``: the exact type
        # test decides what ``isinstance(value, Mapping)`` would, without the ABC machinery on every chunk.
        data = event.data
        if not data or data.isspace():  # what ``not data.strip()`` tests, without copying the text
            return []
        parsed, chunk = try_parse_json(data)
        parts: list[StreamPart] = []
        if self._include_raw_chunks:
            parts.append(Raw(raw_value=chunk if parsed else data))
        if not parsed or type(chunk) is not dict:
            error = InvalidResponseDataError("Gemini sent a stream event that is not a JSON object.", data=data)
            parts.append(StreamError(error=error))
            return parts
        if type(chunk.get("error")) is dict:
            parts.append(StreamError(error=chunk["error"]))
            return parts
        self._chunk(chunk, parts)
        return parts

    def _chunk(self, chunk: Mapping[str, Any], parts: list[StreamPart]) -> None:
        if not self._saw_metadata and (chunk.get("responseId") or chunk.get("modelVersion")):
            self._saw_metadata = True
            parts.append(ResponseMetadata(id=chunk.get("responseId"), model_id=chunk.get("modelVersion")))
        usage_metadata = chunk.get("usageMetadata")
        if type(usage_metadata) is dict:
            self._usage_metadata = usage_metadata
        candidate = first_candidate(chunk)
        if candidate is None:
            if (chunk.get("promptFeedback") or {}).get("blockReason"):
                self._finish_reason = finish_reason_of(chunk, None, has_tool_calls=False)
                self._provider_metadata = candidate_provider_metadata(chunk, None)
            return
        grounding_metadata = candidate.get("groundingMetadata")
        if grounding_metadata is not None:  # most chunks have none: skip the call
            self._sources(grounding_metadata, parts)
        for part in (candidate.get("content") or {}).get("parts") or ():
            if type(part) is dict:
                self._part(part, parts)
        if isinstance(candidate.get("finishReason"), str):
            self._finish_reason = finish_reason_of(chunk, candidate, has_tool_calls=self._has_tool_calls)
            self._provider_metadata = candidate_provider_metadata(chunk, candidate)

    def _sources(self, grounding_metadata: Any, parts: list[StreamPart]) -> None:
        for source in extract_sources(grounding_metadata, self._new_id):
            # Gemini repeats grounding metadata in later chunks: each URL is reported once.
            if source.url is not None and source.url in self._source_urls:
                continue
            if source.url is not None:
                self._source_urls.add(source.url)
            parts.append(source)

    def _part(self, part: Mapping[str, Any], parts: list[StreamPart]) -> None:
        if type(part.get("text")) is str and _NON_TEXT_KEYS.isdisjoint(part):
            # The common case first: none of the branches below could match.
            if not self._uses_json_response_tool:
                self._text(part, parts)
            return
        if type(part.get("functionCall")) is dict and is_json_response_call(
            part, self._uses_json_response_tool, self._json_tool_name
        ):
            # Structured output that came through the ``json`` tool: its arguments are the answer's text.
            self._text({"text": to_json_str(part["functionCall"].get("args") or {})}, parts)
        elif type(part.get("functionCall")) is dict:
            self._close_block(parts)
            call = function_call_content(part, self._new_id)
            metadata = call.provider_metadata
            parts.append(ToolInputStart(id=call.tool_call_id, tool_name=call.tool_name, provider_metadata=metadata))
            parts.append(ToolInputDelta(id=call.tool_call_id, delta=call.input, provider_metadata=metadata))
            parts.append(ToolInputEnd(id=call.tool_call_id, provider_metadata=metadata))
            parts.append(call)
            self._has_tool_calls = True
        elif type(part.get("executableCode")) is dict:
            self._close_block(parts)
            parts.append(self._code_execution.call(part, self._new_id))
        elif type(part.get("codeExecutionResult")) is dict:
            self._close_block(parts)
            result = self._code_execution.result(part)
            if result is not None:
                parts.append(result)
        elif type(part.get("inlineData")) is dict:
            self._close_block(parts)
            inline = part["inlineData"]
            parts.append(
                FileContent(
                    media_type=str(inline.get("mimeType", "application/octet-stream")),
                    data=str(inline.get("data", "")),
                    provider_metadata=part_provider_metadata(part),
                )
            )
        elif isinstance(part.get("text"), str) and not self._uses_json_response_tool:
            self._text(part, parts)

    def _text(self, part: Mapping[str, Any], parts: list[StreamPart]) -> None:
        text: str = part["text"]
        reasoning = part.get("thought") is True
        # Only signed parts carry metadata: an unsigned one (most of them) skips the call.
        metadata = part_provider_metadata(part) if "thoughtSignature" in part else None
        block = self._block
        if not text:
            # Gemini 3 may sign an empty closing part: the signature belongs to the block it closes.
            if metadata is not None and block is not None and block.reasoning == reasoning:
                block.pending_metadata = metadata
            return
        if block is not None and (block.reasoning != reasoning or (metadata is not None and block.signed)):
            # A second signature starts a new block, so each signature goes back on its own part, as the
            # non-streaming decoder keeps it (overwriting the first would lose it).
            self._close_block(parts)
            block = None
        if block is None:
            block = self._block = _Block(str(self._block_count), reasoning=reasoning)
            self._block_count += 1
            start = ReasoningStart if reasoning else TextStart
            parts.append(start(id=block.block_id, provider_metadata=metadata))
        delta = ReasoningDelta if reasoning else TextDelta
        parts.append(delta(id=block.block_id, delta=text, provider_metadata=metadata))
        if metadata is not None:
            block.signed = True
            block.pending_metadata = metadata

    def _close_block(self, parts: list[StreamPart]) -> None:
        block = self._block
        if block is None:
            return
        self._block = None
        end = ReasoningEnd if block.reasoning else TextEnd
        parts.append(end(id=block.block_id, provider_metadata=block.pending_metadata))

    def usage_so_far(self) -> Usage | None:
        """The running totals of the latest ``usageMetadata`` (``None`` before any), for an answer that ends
        without :meth:`finish`; output counts the chunk did not carry stay ``None``, never 0."""
        reported = self._usage_metadata
        if reported is None:
            return None
        usage = convert_google_usage(reported)
        if "candidatesTokenCount" not in reported and "thoughtsTokenCount" not in reported:
            usage.output_tokens = OutputTokens()
        if "promptTokenCount" not in reported:
            usage.input_tokens = InputTokens()
        return usage

    def finish(self) -> list[StreamPart]:
        """Close the open block and report why the stream stopped, with usage and provider metadata."""
        parts: list[StreamPart] = []
        self._close_block(parts)
        usage = convert_google_usage(self._usage_metadata)
        parts.append(Finish(usage=usage, finish_reason=self._finish_reason, provider_metadata=self._provider_metadata))
        return parts
