"""The state machine behind :mod:`ai_sdk_core.ui.from_text_stream`: one ``full_stream`` part in, the UI message
chunks it becomes out (the table of that module's docs), with no I/O but the callbacks it is given and an error
log line. The drivers, options and ``on_finish`` bookkeeping are in :mod:`~ai_sdk_core.ui.from_text_stream`.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable, Mapping
from typing import Any

from ai_sdk_core.generate_text.results import (
    ToolApprovalRequest,
    ToolCall,
    ToolError,
    ToolOutputDenied,
    ToolResult,
)
from ai_sdk_core.generate_text.stream_errors import stream_error_to_exception
from ai_sdk_core.generate_text.stream_parts import (
    ErrorPart,
    FinishPart,
    FinishStepPart,
    ReasoningDeltaPart,
    ReasoningEndPart,
    ReasoningStartPart,
    StartPart,
    StartStepPart,
    TextDeltaPart,
    TextEndPart,
    TextStartPart,
    ToolInputDeltaPart,
    ToolInputStartPart,
)
from ai_sdk_core.spec.content import FileContent, SourceContent
from ai_sdk_core.ui.chunks import FINISH_REASONS_BY_VERSION, LATEST_PROTOCOL_VERSION

__all__ = ["DEFAULT_ERROR_TEXT", "Chunk", "TextStreamToChunks"]

logger = logging.getLogger("ai_sdk_core.ui")

# A finish reason the client does not know would abort its stream (a provider's own value, say).
_FINISH_REASONS = FINISH_REASONS_BY_VERSION[LATEST_PROTOCOL_VERSION]

DEFAULT_ERROR_TEXT = "An error occurred."
"""What the client sees for an error when no ``on_error`` says otherwise (the JS SDK's text)."""

Chunk = dict[str, Any]
"""A UI message chunk as this package builds it: a plain dict (the shapes are in :mod:`ai_sdk_core.ui.chunks`)."""


def _model_error_text(error: BaseException) -> str:
    """The text the model read for a failed tool (the loop's own rendering)."""
    from ai_sdk_core.generate_text.steps import tool_error_output

    return str(tool_error_output(error).value)


def _data_url(file: FileContent) -> str:
    data = file.data
    encoded = base64.b64encode(data).decode("ascii") if isinstance(data, bytes | bytearray) else data
    return f"data:{file.media_type};base64,{encoded}"


class TextStreamToChunks:
    """The state machine: :meth:`convert` maps one ``full_stream`` part to the chunks to send, in order.

    Pure apart from the callbacks it is given (``on_error``, ``message_metadata``) and the error log line.
    """

    __slots__ = (
        "_handlers",
        "_invalid_tool_call_ids",
        "_message_metadata",
        "_on_error",
        "_redact_tool_errors",
        "_send_finish",
        "_send_reasoning",
        "_send_sources",
        "_send_start",
        "_tools",
    )

    def __init__(
        self,
        *,
        tools: Mapping[str, Any] | None = None,
        send_reasoning: bool = True,
        send_sources: bool = False,
        send_start: bool = True,
        send_finish: bool = True,
        on_error: Callable[[BaseException], str] | None = None,
        redact_tool_errors: bool | None = None,
        message_metadata: Callable[[Any], Any] | None = None,
    ) -> None:
        self._tools = tools
        self._send_reasoning = send_reasoning
        self._send_sources = send_sources
        self._send_start = send_start
        self._send_finish = send_finish
        self._on_error = on_error
        self._redact_tool_errors = on_error is not None if redact_tool_errors is None else redact_tool_errors
        self._message_metadata = message_metadata
        self._invalid_tool_call_ids: set[str] = set()
        self._handlers: dict[type, Callable[[Any, Any], Chunk | None]] = _HANDLERS

    # -- shared helpers ----------------------------------------------------------------------------------------

    def error_text(self, error: BaseException) -> str:
        """The client's text for ``error`` (``on_error``'s, or the default)."""
        if self._on_error is None:
            return DEFAULT_ERROR_TEXT
        return str(self._on_error(error))

    def _tool_error_text(self, error: BaseException) -> str:
        return self.error_text(error) if self._redact_tool_errors else _model_error_text(error)

    def _dynamic(self, tool_name: str, part_dynamic: bool) -> bool | None:
        # As the JS isDynamic: a known tool is dynamic only if it was declared so; an unknown one as the part says
        # (invalid calls of unknown tools are dynamic). Without the tool set, only a True is worth sending.
        if self._tools is None:
            return True if part_dynamic else None
        tool = self._tools.get(tool_name)
        if tool is None:
            return part_dynamic
        return True if getattr(tool, "dynamic", False) else None

    def _add_call_fields(self, chunk: Chunk, part: ToolInputStartPart | ToolCall | ToolResult | ToolError) -> None:
        """The optional fields every chunk of a tool call carries: who ran it, provider metadata, ``dynamic``."""
        if part.provider_executed is not None:
            chunk["providerExecuted"] = part.provider_executed
        if part.provider_metadata is not None:
            chunk["providerMetadata"] = part.provider_metadata
        dynamic = self._dynamic(part.tool_name, part.dynamic)
        if dynamic is not None:
            chunk["dynamic"] = dynamic

    # -- the mapping -----------------------------------------------------------------------------------------

    def convert(self, part: Any) -> list[Chunk]:
        """The chunks for one part (often one, sometimes none or two)."""
        handler = self._handlers.get(type(part))
        chunk = handler(self, part) if handler is not None else None
        if self._message_metadata is None:
            return [] if chunk is None else [chunk]
        metadata = self._message_metadata(part)
        if metadata is None or type(part) is StartPart or type(part) is FinishPart:
            if metadata is not None and chunk is not None:
                chunk["messageMetadata"] = metadata
            return [] if chunk is None else [chunk]
        metadata_chunk: Chunk = {"type": "message-metadata", "messageMetadata": metadata}
        if chunk is None:
            return [metadata_chunk]
        # The metadata of a step's end belongs to the step: it comes before the finish-step chunk.
        return [metadata_chunk, chunk] if type(part) is FinishStepPart else [chunk, metadata_chunk]

    def error_chunk(self, error: Any) -> Chunk:
        """The ``error`` chunk for a failed stream; logs the real error (never sent)."""
        exception = stream_error_to_exception(error)
        text = self.error_text(exception)
        logger.error("UI message stream error (the client sees %r)", text, exc_info=exception)
        return {"type": "error", "errorText": text}

    def _start(self, part: StartPart) -> Chunk | None:
        return {"type": "start"} if self._send_start else None

    def _finish(self, part: FinishPart) -> Chunk | None:
        if not self._send_finish:
            return None
        reason = part.finish_reason if part.finish_reason in _FINISH_REASONS else "other"
        return {"type": "finish", "finishReason": reason}

    def _start_step(self, part: StartStepPart) -> Chunk:
        return {"type": "start-step"}

    def _finish_step(self, part: FinishStepPart) -> Chunk:
        return {"type": "finish-step"}

    def _text_start(self, part: TextStartPart) -> Chunk:
        chunk: Chunk = {"type": "text-start", "id": part.id}
        if part.provider_metadata is not None:
            chunk["providerMetadata"] = part.provider_metadata
        return chunk

    def _text_delta(self, part: TextDeltaPart) -> Chunk:
        if part.provider_metadata is None:
            return {"type": "text-delta", "id": part.id, "delta": part.text}
        return {"type": "text-delta", "id": part.id, "delta": part.text, "providerMetadata": part.provider_metadata}

    def _text_end(self, part: TextEndPart) -> Chunk:
        chunk: Chunk = {"type": "text-end", "id": part.id}
        if part.provider_metadata is not None:
            chunk["providerMetadata"] = part.provider_metadata
        return chunk

    def _reasoning(self, part: ReasoningStartPart | ReasoningEndPart) -> Chunk | None:
        if not self._send_reasoning:
            return None
        chunk: Chunk = {"type": part.type, "id": part.id}
        if part.provider_metadata is not None:
            chunk["providerMetadata"] = part.provider_metadata
        return chunk

    def _reasoning_delta(self, part: ReasoningDeltaPart) -> Chunk | None:
        if not self._send_reasoning:
            return None
        chunk: Chunk = {"type": "reasoning-delta", "id": part.id, "delta": part.text}
        if part.provider_metadata is not None:
            chunk["providerMetadata"] = part.provider_metadata
        return chunk

    def _tool_input_start(self, part: ToolInputStartPart) -> Chunk:
        chunk: Chunk = {"type": "tool-input-start", "toolCallId": part.id, "toolName": part.tool_name}
        self._add_call_fields(chunk, part)
        return chunk

    def _tool_input_delta(self, part: ToolInputDeltaPart) -> Chunk:
        return {"type": "tool-input-delta", "toolCallId": part.id, "inputTextDelta": part.delta}

    def _tool_call(self, part: ToolCall) -> Chunk:
        chunk: Chunk = {
            "type": "tool-input-error" if part.invalid else "tool-input-available",
            "toolCallId": part.tool_call_id,
            "toolName": part.tool_name,
            "input": part.input,
        }
        self._add_call_fields(chunk, part)
        if part.invalid:
            self._invalid_tool_call_ids.add(part.tool_call_id)
            error: BaseException = part.error if part.error is not None else ValueError("Invalid tool call")
            chunk["errorText"] = self.error_text(error) if part.provider_executed else self._tool_error_text(error)
        return chunk

    def _tool_approval_request(self, part: ToolApprovalRequest) -> Chunk:
        return {
            "type": "tool-approval-request",
            "approvalId": part.approval_id,
            "toolCallId": part.tool_call.tool_call_id,
        }

    def _tool_result(self, part: ToolResult) -> Chunk:
        chunk: Chunk = {"type": "tool-output-available", "toolCallId": part.tool_call_id, "output": part.output}
        self._add_call_fields(chunk, part)
        return chunk

    def _tool_error(self, part: ToolError) -> Chunk | None:
        if not part.provider_executed and part.tool_call_id in self._invalid_tool_call_ids:
            # The answer to an invalid call: the client already has its tool-input-error.
            self._invalid_tool_call_ids.discard(part.tool_call_id)
            return None
        text = _model_error_text(part.error) if part.provider_executed else self._tool_error_text(part.error)
        chunk: Chunk = {"type": "tool-output-error", "toolCallId": part.tool_call_id, "errorText": text}
        self._add_call_fields(chunk, part)
        return chunk

    def _tool_output_denied(self, part: ToolOutputDenied) -> Chunk:
        return {"type": "tool-output-denied", "toolCallId": part.tool_call_id}

    def _source(self, part: SourceContent) -> Chunk | None:
        if not self._send_sources:
            return None
        chunk: Chunk
        if part.source_type == "url":
            chunk = {"type": "source-url", "sourceId": part.id, "url": part.url or ""}
            if part.title is not None:
                chunk["title"] = part.title
        else:
            # The client's schema requires a media type and a title for a document.
            chunk = {
                "type": "source-document",
                "sourceId": part.id,
                "mediaType": part.media_type or "application/octet-stream",
                "title": part.title if part.title is not None else (part.filename or ""),
            }
            if part.filename is not None:
                chunk["filename"] = part.filename
        if part.provider_metadata is not None:
            chunk["providerMetadata"] = part.provider_metadata
        return chunk

    def _file(self, part: FileContent) -> Chunk:
        chunk: Chunk = {"type": "file", "mediaType": part.media_type, "url": _data_url(part)}
        if part.provider_metadata is not None:
            chunk["providerMetadata"] = part.provider_metadata
        return chunk

    def _error(self, part: ErrorPart) -> Chunk:
        return self.error_chunk(part.error)


_HANDLERS: dict[type, Callable[[Any, Any], Chunk | None]] = {
    StartPart: TextStreamToChunks._start,
    StartStepPart: TextStreamToChunks._start_step,
    TextStartPart: TextStreamToChunks._text_start,
    TextDeltaPart: TextStreamToChunks._text_delta,
    TextEndPart: TextStreamToChunks._text_end,
    ReasoningStartPart: TextStreamToChunks._reasoning,
    ReasoningDeltaPart: TextStreamToChunks._reasoning_delta,
    ReasoningEndPart: TextStreamToChunks._reasoning,
    ToolInputStartPart: TextStreamToChunks._tool_input_start,
    ToolInputDeltaPart: TextStreamToChunks._tool_input_delta,
    ToolCall: TextStreamToChunks._tool_call,
    ToolApprovalRequest: TextStreamToChunks._tool_approval_request,
    ToolResult: TextStreamToChunks._tool_result,
    ToolError: TextStreamToChunks._tool_error,
    ToolOutputDenied: TextStreamToChunks._tool_output_denied,
    SourceContent: TextStreamToChunks._source,
    FileContent: TextStreamToChunks._file,
    FinishStepPart: TextStreamToChunks._finish_step,
    FinishPart: TextStreamToChunks._finish,
    ErrorPart: TextStreamToChunks._error,
}
