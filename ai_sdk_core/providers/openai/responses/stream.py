"""The Responses API's named server-sent events -> stream parts (one decoder per stream, holding its state).

Events handled (each event's JSON ``type`` repeats its ``event:`` name):

* ``response.created``: response metadata. ``response.completed`` / ``response.incomplete`` /
  ``response.failed``: usage and finish reason (``failed`` also an error part). ``error``: an error part.
* ``response.output_item.added`` / ``.done``: opens and closes text (``message``), reasoning, function calls
  and built-in tool calls (``web_search_call``, ``file_search_call``, ``code_interpreter_call``,
  ``image_generation_call``: a provider-executed call and its result on ``done``).
* ``response.output_text.delta``, ``response.refusal.delta``, ``response.output_text.annotation.added``
  (``url_citation``/``file_citation`` as sources), ``response.reasoning_summary_part.added``,
  ``response.reasoning_summary_text.delta``, ``response.function_call_arguments.delta`` / ``.done``,
  ``response.code_interpreter_call_code.delta`` / ``.done``.
* Progress-only events (``response.in_progress``, ``response.web_search_call.searching``, ``*.done`` of text
  and summaries, ``response.content_part.*``, ...) carry nothing the parts above lack and yield nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ai_sdk_core.provider_utils.event_stream import ServerSentEvent
from ai_sdk_core.provider_utils.json import to_json_str, try_parse_json
from ai_sdk_core.providers.openai.responses.output_items import (
    BUILT_IN_CALL_TYPES,
    annotation_source,
    built_in_tool_parts,
    convert_responses_usage,
    map_responses_finish_reason,
)
from ai_sdk_core.providers.openai.responses.response import response_metadata, response_provider_metadata
from ai_sdk_core.spec import (
    Finish,
    FinishReason,
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
    Usage,
)

__all__ = ["ResponsesStreamDecoder"]


@dataclass(slots=True)
class _FunctionCall:
    call_id: str
    name: str
    item_id: str | None
    arguments: list[str] = field(default_factory=list)


def _reasoning_metadata(item_id: str, encrypted_content: Any) -> ProviderMetadata:
    return {"openai": {"item_id": item_id, "reasoning_encrypted_content": encrypted_content}}


class ResponsesStreamDecoder:
    """Decodes one Responses API stream; ``tool_names`` maps a built-in tool type to the caller's tool name."""

    __slots__ = (
        "_code_streamed",
        "_containers",
        "_error",
        "_function_calls",
        "_has_function_call",
        "_include_raw_chunks",
        "_open_reasoning",
        "_open_texts",
        "_response",
        "_terminal",
        "_tool_names",
    )

    def __init__(self, *, tool_names: Mapping[str, str] | None = None, include_raw_chunks: bool = False) -> None:
        self._tool_names = dict(tool_names or {})
        self._include_raw_chunks = include_raw_chunks
        self._function_calls: dict[int, _FunctionCall] = {}
        self._open_texts: set[str] = set()
        self._open_reasoning: dict[str, list[int]] = {}  # reasoning item id -> summary indexes opened
        self._code_streamed: set[str] = set()  # code interpreter items whose code arrived as deltas
        self._containers: dict[str, str] = {}  # code interpreter item id -> container id
        self._response: Mapping[str, Any] = {}
        self._terminal: str | None = None  # the final event's type
        self._error = False
        self._has_function_call = False

    def feed(self, event: ServerSentEvent) -> list[StreamPart]:
        """Parts for one event."""
        parsed, data = try_parse_json(event.data)
        if not parsed or not isinstance(data, Mapping):
            self._error = True
            return [StreamError(error=f"Undecodable Responses API event: {event.data[:200]!r}")]
        parts: list[StreamPart] = [Raw(raw_value=data)] if self._include_raw_chunks else []
        event_type = data.get("type") or event.event
        match event_type:
            case "response.created":
                self._response = data.get("response") or {}
                response_id, timestamp, model_id = response_metadata(self._response)
                parts.append(ResponseMetadata(id=response_id, timestamp=timestamp, model_id=model_id))
            case "response.completed" | "response.incomplete" | "response.failed":
                self._terminal = event_type
                self._response = data.get("response") or self._response
                if event_type == "response.failed":
                    self._error = True
                    parts.append(StreamError(error=self._response.get("error") or dict(data)))
            case "error":
                self._error = True
                parts.append(StreamError(error=dict(data)))
            case "response.output_item.added":
                parts += self._item_added(data.get("output_index"), data.get("item") or {})
            case "response.output_item.done":
                parts += self._item_done(data.get("output_index"), data.get("item") or {})
            case "response.output_text.delta" | "response.refusal.delta":
                parts.append(TextDelta(id=str(data.get("item_id")), delta=str(data.get("delta") or "")))
            case "response.output_text.annotation.added":
                source_id = f"{data.get('item_id')}:{data.get('content_index')}:{data.get('annotation_index')}"
                source = annotation_source(data.get("annotation"), source_id)
                if source is not None:
                    parts.append(source)
            case "response.reasoning_summary_part.added":
                parts += self._summary_part_added(str(data.get("item_id")), data.get("summary_index"))
            case "response.reasoning_summary_text.delta":
                reasoning_id = f"{data.get('item_id')}:{data.get('summary_index') or 0}"
                parts.append(ReasoningDelta(id=reasoning_id, delta=str(data.get("delta") or "")))
            case "response.function_call_arguments.delta":
                call = self._function_calls.get(data.get("output_index", -1))
                if call is not None:
                    call.arguments.append(str(data.get("delta") or ""))
                    parts.append(ToolInputDelta(id=call.call_id, delta=str(data.get("delta") or "")))
            case "response.function_call_arguments.done":
                call = self._function_calls.get(data.get("output_index", -1))
                if call is not None and isinstance(data.get("arguments"), str):
                    call.arguments = [data["arguments"]]
            case "response.code_interpreter_call_code.delta":
                parts += self._code_delta(data)
            case "response.code_interpreter_call_code.done":
                if str(data.get("item_id")) in self._code_streamed:
                    parts.append(ToolInputDelta(id=str(data.get("item_id")), delta='"}'))
            case _:
                pass  # progress-only events (see the module docstring)
        return parts

    def _item_added(self, output_index: Any, item: Mapping[str, Any]) -> list[StreamPart]:
        item_type = item.get("type")
        item_id = str(item.get("id"))
        if item_type == "message":
            self._open_texts.add(item_id)
            return [TextStart(id=item_id, provider_metadata={"openai": {"item_id": item_id}})]
        if item_type == "reasoning":
            self._open_reasoning[item_id] = [0]
            # The encrypted content of an added item may be incomplete: only the finished item's is sent back.
            return [ReasoningStart(id=f"{item_id}:0", provider_metadata={"openai": {"item_id": item_id}})]
        if item_type == "function_call" and isinstance(output_index, int):
            self._has_function_call = True
            call = _FunctionCall(call_id=str(item.get("call_id")), name=str(item.get("name")), item_id=item_id)
            self._function_calls[output_index] = call
            return [ToolInputStart(id=call.call_id, tool_name=call.name)]
        if item_type in BUILT_IN_CALL_TYPES:
            if isinstance(item.get("container_id"), str):
                self._containers[item_id] = item["container_id"]
            call_part, _ = built_in_tool_parts(item, self._tool_names)
            return [ToolInputStart(id=item_id, tool_name=call_part.tool_name, provider_executed=True)]
        return []

    def _item_done(self, output_index: Any, item: Mapping[str, Any]) -> list[StreamPart]:
        item_type = item.get("type")
        item_id = str(item.get("id"))
        if item_type == "message":
            self._open_texts.discard(item_id)
            return [TextEnd(id=item_id, provider_metadata={"openai": {"item_id": item_id}})]
        if item_type == "reasoning":
            # The encrypted content arrives with the finished item: it goes on every summary part's end.
            metadata = _reasoning_metadata(item_id, item.get("encrypted_content"))
            indexes = self._open_reasoning.pop(item_id, [0])
            return [ReasoningEnd(id=f"{item_id}:{index}", provider_metadata=metadata) for index in indexes]
        if item_type == "function_call":
            call = self._function_calls.pop(output_index, None) if isinstance(output_index, int) else None
            call_id = str(item.get("call_id") or (call.call_id if call else ""))
            arguments = item.get("arguments")
            if not isinstance(arguments, str):
                arguments = "".join(call.arguments) if call else "{}"
            return [
                ToolInputEnd(id=call_id),
                ToolCallContent(
                    tool_call_id=call_id,
                    tool_name=str(item.get("name") or (call.name if call else "")),
                    input=arguments or "{}",
                    provider_metadata={"openai": {"item_id": item_id}},
                ),
            ]
        if item_type in BUILT_IN_CALL_TYPES:
            call_part, result_part = built_in_tool_parts(item, self._tool_names)
            parts: list[StreamPart] = []
            if item_id not in self._code_streamed:
                parts.append(ToolInputDelta(id=item_id, delta=call_part.input))
            self._code_streamed.discard(item_id)
            parts += [ToolInputEnd(id=item_id), call_part, result_part]
            return parts
        return []

    def _summary_part_added(self, item_id: str, summary_index: Any) -> list[StreamPart]:
        indexes = self._open_reasoning.setdefault(item_id, [])
        if not isinstance(summary_index, int) or summary_index in indexes:
            return []  # the first summary part was opened with its item
        indexes.append(summary_index)
        return [ReasoningStart(id=f"{item_id}:{summary_index}", provider_metadata={"openai": {"item_id": item_id}})]

    def _code_delta(self, data: Mapping[str, Any]) -> list[StreamPart]:
        item_id = str(data.get("item_id"))
        parts: list[StreamPart] = []
        if item_id not in self._code_streamed:
            # The input is streamed as the JSON text the finished call will carry, so deltas join up to it.
            self._code_streamed.add(item_id)
            container_id = self._containers.get(item_id)
            prefix = to_json_str({"container_id": container_id})[:-1] + ',"code":"' if container_id else '{"code":"'
            parts.append(ToolInputDelta(id=item_id, delta=prefix))
        # A JSON string's escaping is per character, so escaped pieces concatenate to the escaped whole.
        parts.append(ToolInputDelta(id=item_id, delta=to_json_str(str(data.get("delta") or ""))[1:-1]))
        return parts

    def finish(self) -> list[StreamPart]:
        """Close what is still open and emit the ``Finish`` part."""
        parts: list[StreamPart] = [TextEnd(id=text_id) for text_id in sorted(self._open_texts)]
        for item_id, indexes in self._open_reasoning.items():
            parts += [ReasoningEnd(id=f"{item_id}:{index}") for index in indexes]
        self._open_texts.clear()
        self._open_reasoning.clear()
        response = self._response
        details = response.get("incomplete_details")
        incomplete_reason = details.get("reason") if isinstance(details, Mapping) else None
        if self._terminal is None:
            finish_reason = FinishReason("error" if self._error else "other", None)
        else:
            finish_reason = map_responses_finish_reason(
                response.get("status"), incomplete_reason, has_function_call=self._has_function_call
            )
        usage = convert_responses_usage(response.get("usage")) if response else Usage()
        metadata = response_provider_metadata(response) if response.get("id") else None
        parts.append(Finish(usage=usage, finish_reason=finish_reason, provider_metadata=metadata))
        return parts
