"""AI SDK results out as LangChain messages: a whole ``AIMessage``, or ``AIMessageChunk``s from stream parts.

Content is a plain string when the answer is text only (as ``ChatOpenAI`` returns it) and a list of blocks when
it has reasoning: ``{"type": "reasoning", "reasoning": ..., "extras": {"provider_metadata": ...}}`` then
``{"type": "text", ...}``, so thinking signatures stay with their text and go back on the next turn.

Streaming follows LangChain's merge rules: chunks are summed with ``+``, which concatenates strings, merges
dicts key by key (concatenating string values again) and adds usage. So usage, ``model_name`` and
``finish_reason`` are sent once, in the last chunk; a block's provider metadata is sent once, when the block
ends; tool call chunks carry an ``index`` so their argument pieces merge into one call.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from typing import Any

from langchain_core.messages import AIMessage, AIMessageChunk, InvalidToolCall
from langchain_core.messages import ToolCall as LangChainToolCall
from langchain_core.messages.ai import InputTokenDetails, OutputTokenDetails, UsageMetadata
from langchain_core.messages.tool import tool_call_chunk

from ai_sdk_core import (
    ErrorPart,
    FilePart,
    FinishPart,
    FinishStepPart,
    GenerateTextResult,
    LanguageModelUsage,
    ModelStreamError,
    ReasoningDeltaPart,
    ReasoningEndPart,
    ReasoningPart,
    ReasoningStartPart,
    TextDeltaPart,
    TextEndPart,
    TextPart,
    TextStartPart,
    ToolCall,
    ToolInputDeltaPart,
    ToolInputStartPart,
)
from langchain_ai_sdk.convert import PROVIDER_METADATA_KEY, TOOL_CALL_METADATA_KEY

__all__ = ["ChunkBuilder", "to_ai_message", "to_usage_metadata"]


def to_usage_metadata(usage: LanguageModelUsage) -> UsageMetadata:
    """LangChain's usage dict: totals, cache reads/writes and reasoning tokens when the provider reported them."""
    input_tokens = usage.input_tokens or 0
    output_tokens = usage.output_tokens or 0
    result = UsageMetadata(
        input_tokens=input_tokens,
        output_tokens=output_tokens,
        total_tokens=usage.total_tokens if usage.total_tokens is not None else input_tokens + output_tokens,
    )
    input_details = InputTokenDetails()
    if usage.input_token_details.cache_read_tokens is not None:
        input_details["cache_read"] = usage.input_token_details.cache_read_tokens
    if usage.input_token_details.cache_write_tokens is not None:
        input_details["cache_creation"] = usage.input_token_details.cache_write_tokens
    if input_details:
        result["input_token_details"] = input_details
    if usage.output_token_details.reasoning_tokens is not None:
        result["output_token_details"] = OutputTokenDetails(reasoning=usage.output_token_details.reasoning_tokens)
    return result


def _response_metadata(
    model_name: str, finish_reason: str, raw_finish_reason: str | None, provider_metadata: Any, response_id: str
) -> dict[str, Any]:
    # The SDK's unified reasons (``tool-calls``, ``content-filter``) in the spelling LangChain code checks for,
    # ``ChatOpenAI``'s (``tool_calls``, ``content_filter``); the vendor's own word stays in ``raw_finish_reason``.
    metadata: dict[str, Any] = {"model_name": model_name, "finish_reason": finish_reason.replace("-", "_")}
    if raw_finish_reason is not None:
        metadata["raw_finish_reason"] = raw_finish_reason
    if provider_metadata:
        metadata[PROVIDER_METADATA_KEY] = _plain(provider_metadata)
    if response_id:
        metadata["id"] = response_id
    return metadata


def _plain(metadata: Any) -> dict[str, Any]:
    return {str(key): dict(value) for key, value in metadata.items()}


def _block(kind: str, text: str, provider_metadata: Any) -> dict[str, Any]:
    block: dict[str, Any] = {"type": kind, kind: text} if kind == "reasoning" else {"type": kind, "text": text}
    if provider_metadata:
        block["extras"] = {PROVIDER_METADATA_KEY: _plain(provider_metadata)}
    return block


def _file_block(media_type: str, data: str | bytes, provider_metadata: Any) -> dict[str, Any]:
    """A generated file (an image from Gemini or GPT image models, audio, ...) as a v1 ``image``/``file`` block."""
    encoded = base64.b64encode(data).decode("ascii") if isinstance(data, bytes) else data
    kind = "image" if media_type.startswith("image/") else "audio" if media_type.startswith("audio/") else "file"
    block: dict[str, Any] = {"type": kind, "base64": encoded, "mime_type": media_type}
    if provider_metadata:
        block["extras"] = {PROVIDER_METADATA_KEY: _plain(provider_metadata)}
    return block


def _tool_call_dicts(
    calls: list[ToolCall],
) -> tuple[list[LangChainToolCall], list[InvalidToolCall], dict[str, Any]]:
    valid: list[LangChainToolCall] = []
    invalid: list[InvalidToolCall] = []
    metadata: dict[str, Any] = {}
    for call in calls:
        if call.provider_metadata:
            metadata[call.tool_call_id] = _plain(call.provider_metadata)
        if isinstance(call.input, dict):
            valid.append(
                LangChainToolCall(name=call.tool_name, args=call.input, id=call.tool_call_id, type="tool_call")
            )
        else:
            raw = call.input if isinstance(call.input, str) else json.dumps(call.input)
            error = str(call.error) if call.error is not None else "tool input is not a JSON object"
            invalid.append(
                InvalidToolCall(
                    name=call.tool_name, args=raw, id=call.tool_call_id, error=error, type="invalid_tool_call"
                )
            )
    return valid, invalid, metadata


def to_ai_message(result: GenerateTextResult, model_name: str) -> AIMessage:
    """The last step of a ``generate_text`` result as an ``AIMessage`` with usage and response metadata."""
    step = result.steps[-1]
    # ``response.messages`` holds the assistant turn with each part's provider metadata as ``provider_options``.
    assistant = step.response.messages[0] if step.response.messages else None
    parts = [] if assistant is None or isinstance(assistant.content, str) else list(assistant.content)
    content: str | list[str | dict[str, Any]]
    if any(isinstance(part, ReasoningPart | FilePart) for part in parts):
        content = []
        for part in parts:
            if isinstance(part, ReasoningPart | TextPart):
                kind = "reasoning" if isinstance(part, ReasoningPart) else "text"
                content.append(_block(kind, part.text, part.provider_options))
            elif isinstance(part, FilePart):
                content.append(_file_block(part.media_type, part.data, part.provider_options))
    else:
        content = step.text
    calls = [part for part in step.content if isinstance(part, ToolCall)]
    valid, invalid, call_metadata = _tool_call_dicts(calls)
    additional: dict[str, Any] = {TOOL_CALL_METADATA_KEY: call_metadata} if call_metadata else {}
    return AIMessage(
        content=content,
        tool_calls=valid,
        invalid_tool_calls=invalid,
        additional_kwargs=additional,
        usage_metadata=to_usage_metadata(step.usage),
        response_metadata=_response_metadata(
            step.response.model_id or model_name,
            step.finish_reason,
            step.raw_finish_reason,
            step.provider_metadata,
            step.response.id,
        ),
        id=step.response.id or None,
    )


@dataclass
class ChunkBuilder:
    """Turns ``stream_text`` parts into ``AIMessageChunk``s (``None`` for parts that add nothing).

    Text is streamed as plain string content until the first reasoning block; from then on every block is a
    dict with an ``index``, which LangChain merges by index. Tool call chunks take their ``index`` from the same
    counter (as ``ChatOpenAI`` does for the Responses API), so with ``output_version="v1"``, where LangChain turns
    them into content blocks merged by index, a tool call never lands in a text or reasoning block.
    ``chunk_position="last"`` marks the final chunk, which also carries the response id as the message id.
    """

    model_name: str
    blocks_mode: bool = False
    next_index: int = 0
    open_blocks: dict[str, int] = field(default_factory=dict)
    block_metadata: dict[str, Any] = field(default_factory=dict)
    tool_indexes: dict[str, int] = field(default_factory=dict)
    response_metadata: dict[str, Any] = field(default_factory=dict)
    response_id: str | None = None
    usage: LanguageModelUsage | None = None

    def _open(self, block_id: str) -> int:
        if block_id not in self.open_blocks:
            self.open_blocks[block_id] = self.next_index
            self.next_index += 1
        return self.open_blocks[block_id]

    def _content_chunk(self, kind: str, block_id: str, text: str, metadata: Any) -> AIMessageChunk | None:
        if kind == "reasoning":
            self.blocks_mode = True
        index = self._open(f"{kind}:{block_id}")
        if not self.blocks_mode:
            return AIMessageChunk(content=text) if text else None
        if not text and not metadata:
            return None
        block = _block(kind, text, metadata)
        block["index"] = index
        return AIMessageChunk(content=[block])

    def feed(self, part: Any) -> AIMessageChunk | None:
        """The chunk for one stream part; raises the error an ``error`` part carries."""
        if isinstance(part, TextStartPart | ReasoningStartPart):
            kind = "text" if isinstance(part, TextStartPart) else "reasoning"
            self._open(f"{kind}:{part.id}")
            if part.provider_metadata:
                self.block_metadata[f"{kind}:{part.id}"] = part.provider_metadata
            return None
        if isinstance(part, TextDeltaPart | ReasoningDeltaPart):
            kind = "text" if isinstance(part, TextDeltaPart) else "reasoning"
            if part.provider_metadata:
                self.block_metadata[f"{kind}:{part.id}"] = part.provider_metadata
            return self._content_chunk(kind, part.id, part.text, None)
        if isinstance(part, TextEndPart | ReasoningEndPart):
            kind = "text" if isinstance(part, TextEndPart) else "reasoning"
            key = f"{kind}:{part.id}"
            metadata = part.provider_metadata or self.block_metadata.pop(key, None)
            # Metadata goes out once, at the end of its block: merged chunks would concatenate repeated strings.
            return self._content_chunk(kind, part.id, "", metadata) if metadata else None
        if isinstance(part, ToolInputStartPart):
            index = self._tool_index(part.id)
            return AIMessageChunk(
                content="" if not self.blocks_mode else [],
                tool_call_chunks=[tool_call_chunk(name=part.tool_name, args="", id=part.id, index=index)],
            )
        if isinstance(part, ToolInputDeltaPart):
            if not part.delta or part.id not in self.tool_indexes:
                return None
            return AIMessageChunk(
                content="" if not self.blocks_mode else [],
                tool_call_chunks=[tool_call_chunk(args=part.delta, index=self.tool_indexes[part.id])],
            )
        if isinstance(part, ToolCall):
            return self._tool_call(part)
        if getattr(part, "type", None) == "file":  # a generated file (the spec's FileContent)
            self.blocks_mode = True
            block = _file_block(part.media_type, part.data, part.provider_metadata)
            block["index"] = self._open(f"file:{id(part)}")
            return AIMessageChunk(content=[block])
        if isinstance(part, FinishStepPart):
            self.usage = part.usage
            self.response_metadata = _response_metadata(
                part.response.model_id or self.model_name,
                part.finish_reason,
                part.raw_finish_reason,
                part.provider_metadata,
                part.response.id,
            )
            self.response_id = part.response.id or None
            return None
        if isinstance(part, FinishPart):
            return self.last_chunk()
        if isinstance(part, ErrorPart):
            error = part.error
            if isinstance(error, BaseException):
                raise error
            raise ModelStreamError(f"the model stream reported an error: {error}", data=error)
        return None

    def _tool_index(self, call_id: str) -> int:
        if call_id not in self.tool_indexes:
            self.tool_indexes[call_id] = self._open(f"tool:{call_id}")
        return self.tool_indexes[call_id]

    def _tool_call(self, call: ToolCall) -> AIMessageChunk | None:
        additional: dict[str, Any] = {}
        if call.provider_metadata:
            additional[TOOL_CALL_METADATA_KEY] = {call.tool_call_id: _plain(call.provider_metadata)}
        if call.tool_call_id in self.tool_indexes:
            if not additional:
                return None
            return AIMessageChunk(content="" if not self.blocks_mode else [], additional_kwargs=additional)
        # A provider that sent the call whole (no input deltas): one chunk with all of it.
        index = self._tool_index(call.tool_call_id)
        arguments = call.input if isinstance(call.input, str) else json.dumps(call.input)
        return AIMessageChunk(
            content="" if not self.blocks_mode else [],
            additional_kwargs=additional,
            tool_call_chunks=[tool_call_chunk(name=call.tool_name, args=arguments, id=call.tool_call_id, index=index)],
        )

    def last_chunk(self) -> AIMessageChunk:
        """The closing chunk: usage and response metadata, once, with ``chunk_position="last"``. Its id is the
        vendor's response id: LangChain gives the earlier chunks a run id and keeps the vendor's when merging."""
        return AIMessageChunk(
            id=self.response_id,
            content="" if not self.blocks_mode else [],
            usage_metadata=to_usage_metadata(self.usage) if self.usage is not None else None,
            response_metadata=self.response_metadata,
            chunk_position="last",
        )
