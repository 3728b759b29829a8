"""The Messages API stream as a state machine: named server-sent events in, spec stream parts out (pure).

Events: ``message_start`` (id, model, input usage) -> ``ResponseMetadata``; ``content_block_start`` /
``content_block_delta`` / ``content_block_stop`` per block ``index`` (``text_delta``, ``input_json_delta``,
``thinking_delta``, ``signature_delta``, ``citations_delta``); ``message_delta`` (stop reason, output usage);
``message_stop``; ``ping`` (ignored); ``error`` -> a ``StreamError`` part. ``finish()`` emits the ``Finish`` part;
``usage_so_far()`` reports the counts received before it, for an answer that never gets there.

Each event's JSON carries its own ``type``, which is what is dispatched on (the ``event:`` line says the same).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ai_sdk_core.provider_utils.event_stream import ServerSentEvent
from ai_sdk_core.provider_utils.json import to_json_str, try_parse_json
from ai_sdk_core.providers.anthropic.response import (
    JSON_TOOL_NAME,
    DecodeContext,
    anthropic_metadata,
    citation_source,
    convert_anthropic_usage,
    map_anthropic_stop_reason,
    server_tool_result_parts,
)
from ai_sdk_core.spec import (
    Finish,
    FinishReason,
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
    ToolCallContent,
    ToolInputDelta,
    ToolInputEnd,
    ToolInputStart,
    Usage,
)

__all__ = ["AnthropicStreamDecoder"]


@dataclass(slots=True)
class _Block:
    """An open content block. ``kind``: ``text``, ``reasoning``, ``tool``, ``json`` (the JSON tool as text)."""

    kind: str
    id: str
    tool_name: str = ""
    provider_executed: bool | None = None
    input: str = ""


@dataclass(slots=True)
class AnthropicStreamDecoder:
    """Decodes one Messages API stream: ``feed`` every event, then ``finish`` once."""

    context: DecodeContext = field(default_factory=DecodeContext)
    include_raw_chunks: bool = False
    _blocks: dict[int, _Block] = field(default_factory=dict, init=False)
    _usage: dict[str, Any] = field(default_factory=dict, init=False)
    _stop_reason: str | None = field(default=None, init=False)
    _stop_sequence: Any = field(default=None, init=False)
    _container: Any = field(default=None, init=False)
    _failed: bool = field(default=False, init=False)

    def feed(self, event: ServerSentEvent) -> list[StreamPart]:
        """The parts one event yields."""
        parsed, data = try_parse_json(event.data)
        parts: list[StreamPart] = []
        if self.include_raw_chunks:
            parts.append(Raw(raw_value=data if parsed else event.data))
        if not parsed or not isinstance(data, dict):
            self._failed = True
            parts.append(StreamError(error=f"Invalid stream event: {event.data[:200]!r}"))
            return parts
        kind = data.get("type")
        if kind == "message_start":
            parts.extend(self._message_start(data.get("message") or {}))
        elif kind == "content_block_start":
            parts.extend(self._block_start(data.get("index"), data.get("content_block") or {}))
        elif kind == "content_block_delta":
            parts.extend(self._block_delta(data.get("index"), data.get("delta") or {}))
        elif kind == "content_block_stop":
            parts.extend(self._block_stop(data.get("index")))
        elif kind == "message_delta":
            delta = data.get("delta") or {}
            self._stop_reason = delta.get("stop_reason", self._stop_reason)
            self._stop_sequence = delta.get("stop_sequence", self._stop_sequence)
            self._container = delta.get("container", self._container)
            self._merge_usage(data.get("usage"))
        elif kind == "error":
            self._failed = True
            parts.append(StreamError(error=data.get("error", data)))
        # "ping" and "message_stop" carry nothing; unknown event types are skipped, as the API asks of clients.
        return parts

    def _merge_usage(self, usage: Any) -> None:
        # message_delta repeats the counts cumulatively; a null means "unchanged".
        if isinstance(usage, Mapping):
            self._usage.update({key: value for key, value in usage.items() if value is not None})

    def usage_so_far(self) -> Usage | None:
        """The usage reported so far (input and cache counts from ``message_start``, the running output count
        from ``message_delta``), ``None`` before any; a count the vendor has not sent stays ``None``, never 0."""
        if not self._usage:
            return None
        usage = convert_anthropic_usage(self._usage)
        inputs, reported = usage.input_tokens, self._usage
        if "input_tokens" not in reported:
            inputs.total = inputs.no_cache = None
        if "cache_read_input_tokens" not in reported:
            inputs.cache_read = None
        if "cache_creation_input_tokens" not in reported:
            inputs.cache_write = None
        if "output_tokens" not in reported:
            usage.output_tokens.total = None
        return usage

    def _message_start(self, message: Mapping[str, Any]) -> list[StreamPart]:
        self._merge_usage(message.get("usage"))
        self._container = message.get("container")
        return [ResponseMetadata(id=message.get("id"), model_id=message.get("model"))]

    def _block_start(self, index: Any, block: Mapping[str, Any]) -> list[StreamPart]:
        if not isinstance(index, int):
            return []
        kind = block.get("type")
        block_id = str(index)
        if kind == "text":
            if self.context.json_tool:
                self._blocks[index] = _Block("skip", block_id)
                return []
            self._blocks[index] = _Block("text", block_id)
            return [TextStart(id=block_id)]
        if kind == "thinking":
            self._blocks[index] = _Block("reasoning", block_id)
            return [ReasoningStart(id=block_id)]
        if kind == "redacted_thinking":
            self._blocks[index] = _Block("reasoning", block_id)
            return [ReasoningStart(id=block_id, provider_metadata={"anthropic": {"redacted_data": block.get("data")}})]
        if kind in ("tool_use", "server_tool_use"):
            name = str(block.get("name"))
            if kind == "tool_use" and self.context.json_tool and name == JSON_TOOL_NAME:
                self._blocks[index] = _Block("json", block_id)
                return [TextStart(id=block_id)]
            executed = True if kind == "server_tool_use" else None
            tool_id = str(block.get("id"))
            state = _Block("tool", tool_id, tool_name=name, provider_executed=executed)
            initial = block.get("input")
            if isinstance(initial, Mapping) and initial:
                state.input = to_json_str(initial)  # a server tool may send its whole input up front
            self._blocks[index] = state
            return [ToolInputStart(id=tool_id, tool_name=name, provider_executed=executed)]
        if isinstance(kind, str) and kind.endswith("_tool_result"):
            return list(server_tool_result_parts(block))
        return []

    def _block_delta(self, index: Any, delta: Mapping[str, Any]) -> list[StreamPart]:
        state = self._blocks.get(index) if isinstance(index, int) else None
        if state is None:
            return []
        kind = delta.get("type")
        if kind == "text_delta" and state.kind == "text":
            return [TextDelta(id=state.id, delta=str(delta.get("text", "")))]
        if kind == "thinking_delta":
            return [ReasoningDelta(id=state.id, delta=str(delta.get("thinking", "")))]
        if kind == "signature_delta":
            # The signature closes a thinking block; it rides on an empty delta so the core attaches it.
            metadata = {"anthropic": {"signature": delta.get("signature")}}
            return [ReasoningDelta(id=state.id, delta="", provider_metadata=metadata)]
        if kind == "input_json_delta":
            partial = str(delta.get("partial_json", ""))
            if not partial:
                return []
            if state.kind == "json":
                return [TextDelta(id=state.id, delta=partial)]
            state.input += partial
            return [ToolInputDelta(id=state.id, delta=partial)]
        if kind == "citations_delta":
            source = citation_source(delta.get("citation"), self.context.documents)
            return [source] if source is not None else []
        return []

    def _block_stop(self, index: Any) -> list[StreamPart]:
        state = self._blocks.pop(index, None) if isinstance(index, int) else None
        if state is None:
            return []
        return self._close(state)

    def _close(self, state: _Block) -> list[StreamPart]:
        if state.kind in ("text", "json"):
            return [TextEnd(id=state.id)]
        if state.kind == "reasoning":
            return [ReasoningEnd(id=state.id)]
        if state.kind == "tool":
            return [
                ToolInputEnd(id=state.id),
                ToolCallContent(
                    tool_call_id=state.id,
                    tool_name=state.tool_name,
                    input=state.input or "{}",
                    provider_executed=state.provider_executed,
                ),
            ]
        return []

    def finish(self) -> list[StreamPart]:
        """Close blocks left open and emit the ``Finish`` part."""
        parts: list[StreamPart] = []
        for state in self._blocks.values():
            parts.extend(self._close(state))
        self._blocks.clear()
        if self._failed:
            finish_reason = FinishReason(unified="error", raw=self._stop_reason)
        else:
            finish_reason = map_anthropic_stop_reason(self._stop_reason, json_tool=self.context.json_tool)
        parts.append(
            Finish(
                usage=convert_anthropic_usage(self._usage) if self._usage else convert_anthropic_usage(None),
                finish_reason=finish_reason,
                provider_metadata=anthropic_metadata(self._usage, self._stop_sequence, self._container),
            )
        )
        return parts
