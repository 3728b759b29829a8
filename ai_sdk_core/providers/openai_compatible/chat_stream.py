"""The Chat Completions stream as a state machine: server-sent events in, spec stream parts out.

One :class:`ChatStreamDecoder` per stream. It is pure (no I/O), so the sync and async drivers share it, and
tests can feed it events directly. What it handles:

* the first chunk carrying ``id``/``created``/``model`` -> one ``ResponseMetadata`` part (Azure may send a
  chunk of only ``prompt_filter_results`` first, so "first" means "first that has any of them");
* ``delta.reasoning_content`` / ``delta.reasoning`` (vendor extensions) -> reasoning-start/delta/end;
* ``delta.content`` -> text-start/delta/end;
* ``delta.tool_calls`` keyed by ``index`` -> tool-input-start/delta/end and one ``ToolCallContent`` per call,
  emitted as soon as the buffered arguments form a complete JSON object, or when the stream ends;
* the usage chunk (``choices: []``, sent last when ``stream_options.include_usage`` is set);
* only the choice with ``index`` 0 (a request with ``n > 1`` interleaves the chunks of several choices);
* ``data: [DONE]``; a chunk holding an ``error`` object -> a ``StreamError`` part;
* at the end, one ``Finish`` part with the finish reason, usage and provider metadata.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ai_sdk_core.provider_utils.event_stream import ServerSentEvent
from ai_sdk_core.provider_utils.json import try_parse_json
from ai_sdk_core.providers.openai_compatible.chat_response import (
    UsageConverter,
    generate_id,
    get_response_metadata,
    prediction_token_metadata,
    primary_choice,
    url_citation_source,
)
from ai_sdk_core.providers.openai_compatible.map_finish_reason import map_openai_compatible_finish_reason
from ai_sdk_core.providers.openai_compatible.metadata_extractor import (
    StreamMetadataExtractor,
    merge_provider_metadata,
)
from ai_sdk_core.providers.openai_compatible.usage import convert_openai_compatible_usage
from ai_sdk_core.spec import (
    Finish,
    FinishReason,
    InvalidResponseDataError,
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
    ToolCallContent,
    ToolInputDelta,
    ToolInputEnd,
    ToolInputStart,
)

__all__ = ["ChatStreamDecoder"]

_TEXT_ID = "txt-0"


@dataclass(slots=True)
class _ToolCallState:
    """One streamed tool call. ``id``/``name`` may arrive after the first delta on some compatible servers."""

    id: str | None
    name: str | None
    arguments: str = ""
    started: bool = False
    finished: bool = False


def _is_complete_object(arguments: str) -> bool:
    # A JSON object is never the prefix of a longer JSON document, so once the buffer parses as an object the
    # call is complete and can be handed on early. A bare number ("12" of "123") could still grow: wait for it.
    stripped = arguments.strip()
    if not stripped.endswith("}"):
        return False
    parsed, value = try_parse_json(stripped)
    return parsed and isinstance(value, dict)


@dataclass(slots=True)
class ChatStreamDecoder:
    """Decodes one Chat Completions stream. ``feed`` each server-sent event, then ``finish`` once.

    ``provider_options_name`` keys the ``Finish`` part's ``provider_metadata``; ``include_raw_chunks`` emits a
    ``Raw`` part before the parts of each chunk; ``convert_usage`` and ``metadata_extractor`` are vendor hooks.
    """

    provider_options_name: str
    include_raw_chunks: bool = False
    convert_usage: UsageConverter = convert_openai_compatible_usage
    metadata_extractor: StreamMetadataExtractor | None = None
    _finish_reason: FinishReason | None = field(default=None, init=False)
    _usage: Any = field(default=None, init=False)
    _metadata_sent: bool = field(default=False, init=False)
    _text_open: bool = field(default=False, init=False)
    _reasoning_id: str | None = field(default=None, init=False)
    _reasoning_blocks: int = field(default=0, init=False)
    _tool_calls: dict[int | str, _ToolCallState] = field(default_factory=dict, init=False)
    _latest_tool_call_key: int | str | None = field(default=None, init=False)
    _done: bool = field(default=False, init=False)

    def feed(self, event: ServerSentEvent) -> list[StreamPart]:
        """The parts one event yields (often none, e.g. for ``[DONE]`` or a role-only first delta)."""
        # Every value checked below comes out of ``from_json``, whose objects are always ``dict``: the exact type
        # test is what ``isinstance(value, Mapping)`` decides here, without the ABC machinery on every chunk.
        data = event.data
        if self._done or data.strip() == "[DONE]":
            # Nothing after the terminator belongs to this completion.
            self._done = True
            return []
        parts: list[StreamPart] = []
        parsed, chunk = try_parse_json(data)
        if self.include_raw_chunks:
            parts.append(Raw(raw_value=chunk if parsed else data))
        if not parsed or not isinstance(chunk, dict):
            self._finish_reason = FinishReason(unified="error")
            parts.append(StreamError(error=InvalidResponseDataError("A stream chunk is not a JSON object.", data=data)))
            return parts
        if self.metadata_extractor is not None:
            self.metadata_extractor.process_chunk(chunk)
        if "error" in chunk:
            self._finish_reason = FinishReason(unified="error")
            parts.append(StreamError(error=chunk["error"]))
            return parts
        if not self._metadata_sent:
            response_id, timestamp, model_id = get_response_metadata(chunk)
            if response_id is not None or timestamp is not None or model_id is not None:
                self._metadata_sent = True
                parts.append(ResponseMetadata(id=response_id, timestamp=timestamp, model_id=model_id))
        usage = chunk.get("usage")
        if isinstance(usage, dict):
            self._usage = usage
        # Only choice 0 is reported: with ``n > 1`` the other choices' chunks are interleaved with its own.
        choice = primary_choice(chunk.get("choices"))
        if choice is None:
            return parts
        raw_finish_reason = choice.get("finish_reason")
        if isinstance(raw_finish_reason, str):
            self._finish_reason = map_openai_compatible_finish_reason(raw_finish_reason)
        delta = choice.get("delta")
        if isinstance(delta, dict):
            self._decode_delta(delta, parts)
        return parts

    def _decode_delta(self, delta: dict[str, Any], parts: list[StreamPart]) -> None:
        # Reasoning comes before the answer it leads to, so it is decoded first within a chunk too.
        reasoning = delta.get("reasoning_content") or delta.get("reasoning")
        if isinstance(reasoning, str) and reasoning:
            if self._reasoning_id is None:
                self._reasoning_id = f"reasoning-{self._reasoning_blocks}"
                self._reasoning_blocks += 1
                parts.append(ReasoningStart(id=self._reasoning_id))
            parts.append(ReasoningDelta(id=self._reasoning_id, delta=reasoning))
        text = delta.get("content")
        if isinstance(text, str) and text:
            if self._reasoning_id is not None:
                self._end_reasoning(parts)
            if not self._text_open:
                self._text_open = True
                parts.append(TextStart(id=_TEXT_ID))
            parts.append(TextDelta(_TEXT_ID, text))
        tool_calls = delta.get("tool_calls")
        if isinstance(tool_calls, list) and tool_calls:
            self._end_reasoning(parts)
            for tool_call_delta in tool_calls:
                if isinstance(tool_call_delta, dict):
                    self._decode_tool_call_delta(tool_call_delta, parts)
        annotations = delta.get("annotations")
        if annotations:
            for annotation in annotations:
                source = url_citation_source(annotation)
                if source is not None:
                    parts.append(source)

    def _end_reasoning(self, parts: list[StreamPart]) -> None:
        if self._reasoning_id is not None:
            parts.append(ReasoningEnd(id=self._reasoning_id))
            self._reasoning_id = None

    def _tool_call_key(self, tool_call_delta: dict[str, Any]) -> int | str:
        index = tool_call_delta.get("index")
        if isinstance(index, int):
            return index
        # Some servers (Gemini's compatibility layer) omit the index: match by id, else continue the latest call.
        call_id = tool_call_delta.get("id")
        if isinstance(call_id, str) and call_id:
            for key, state in self._tool_calls.items():
                if state.id == call_id:
                    return key
            return f"id:{call_id}"
        if self._latest_tool_call_key is not None:
            return self._latest_tool_call_key
        return len(self._tool_calls)

    def _decode_tool_call_delta(self, tool_call_delta: dict[str, Any], parts: list[StreamPart]) -> None:
        key = self._tool_call_key(tool_call_delta)
        self._latest_tool_call_key = key
        function = tool_call_delta.get("function")
        function = function if isinstance(function, dict) else {}
        call_id = tool_call_delta.get("id")
        name = function.get("name")
        arguments = function.get("arguments")
        arguments = arguments if isinstance(arguments, str) else ""
        state = self._tool_calls.get(key)
        if state is None:
            state = _ToolCallState(id=None, name=None)
            self._tool_calls[key] = state
        if state.finished:
            return
        if state.id is None and isinstance(call_id, str) and call_id:
            state.id = call_id
        if state.name is None and isinstance(name, str) and name:
            state.name = name
        if not state.started:
            # Deltas that arrive before the name is known are buffered, then sent as the first input delta.
            state.arguments += arguments
            if state.name is None:
                return
            state.started = True
            if state.id is None:
                state.id = generate_id("call")
            parts.append(ToolInputStart(id=state.id, tool_name=state.name))
            if state.arguments:
                parts.append(ToolInputDelta(id=state.id, delta=state.arguments))
        elif arguments:
            state.arguments += arguments
            parts.append(ToolInputDelta(id=state.id or "", delta=arguments))
        if _is_complete_object(state.arguments):
            self._finish_tool_call(state, parts)

    def _finish_tool_call(self, state: _ToolCallState, parts: list[StreamPart]) -> None:
        call_id = state.id or ""
        parts.append(ToolInputEnd(id=call_id))
        parts.append(
            ToolCallContent(
                tool_call_id=call_id,
                tool_name=state.name or "",
                input=state.arguments if state.arguments.strip() else "{}",
            )
        )
        state.finished = True

    def finish(self) -> list[StreamPart]:
        """Close open text, reasoning and tool calls, then the ``Finish`` part. Call once, after a clean end."""
        parts: list[StreamPart] = []
        self._end_reasoning(parts)
        if self._text_open:
            parts.append(TextEnd(id=_TEXT_ID))
            self._text_open = False
        for state in self._tool_calls.values():
            if state.finished:
                continue
            if state.started:
                self._finish_tool_call(state, parts)
            else:
                state.finished = True
                parts.append(
                    StreamError(
                        error=InvalidResponseDataError(
                            "A streamed tool call never named its function.", data=state.arguments
                        )
                    )
                )
        if self._finish_reason is None:
            self._finish_reason = FinishReason(unified="error")
            parts.append(StreamError(error=InvalidResponseDataError("The stream ended without a finish reason.")))
        provider_metadata: ProviderMetadata = {self.provider_options_name: prediction_token_metadata(self._usage)}
        if self.metadata_extractor is not None:
            merge_provider_metadata(provider_metadata, self.metadata_extractor.build_metadata())
        parts.append(
            Finish(
                usage=self.convert_usage(self._usage),
                finish_reason=self._finish_reason,
                provider_metadata=provider_metadata,
            )
        )
        return parts
