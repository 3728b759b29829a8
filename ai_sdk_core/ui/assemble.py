"""Chunks -> one assistant :class:`~ai_sdk_core.ui.messages.UIMessage`, as the JS client builds it
(``processUIMessageStream`` of ``ai`` 7.x), including what the JS leaves out: a field the JS sets to
``undefined`` is absent here too, so the assembled message serialises to the same JSON as the client's.

The server runs this on its hot path (``on_finish``), so :meth:`UIMessageAssembler.process` validates nothing
per chunk: parts are built with ``model_construct`` and updated attribute by attribute.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final, TypeGuard

from ai_sdk_core.provider_utils.json import parse_partial_json
from ai_sdk_core.ui.errors import UIMessageStreamError
from ai_sdk_core.ui.messages import (
    CustomUIPart,
    DataUIPart,
    DynamicToolUIPart,
    FileUIPart,
    ReasoningFileUIPart,
    ReasoningUIPart,
    SourceDocumentUIPart,
    SourceUrlUIPart,
    SteeringMessageUIPart,
    StepStartUIPart,
    TextUIPart,
    ToolApproval,
    ToolUIPart,
    UIMessage,
)

__all__ = ["UIMessageAssembler", "merge_metadata"]


class _Missing:
    """JS ``undefined``: a key that is absent (``None`` stands for JSON ``null``)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Final = _Missing()

_OUTPUT_STATES = ("output-available", "output-error")
_ToolPart = ToolUIPart | DynamicToolUIPart


def merge_metadata(base: Any, overrides: Any) -> Any:
    """Deep-merge message metadata as the JS ``mergeObjects``: nested objects merge, anything else replaces."""
    if base is None:
        return overrides
    if overrides is None:
        return base
    if not isinstance(base, dict) or not isinstance(overrides, dict):
        return overrides
    result = dict(base)
    for key, value in overrides.items():
        if key in ("__proto__", "constructor", "prototype"):
            continue
        current = result.get(key)
        if isinstance(value, dict) and isinstance(current, dict):
            result[key] = merge_metadata(current, value)
        else:
            result[key] = value
    return result


def _assign(model: Any, name: str, value: Any) -> None:
    """Set a field, or unset it (absent on the wire) when ``value`` is MISSING."""
    if value is MISSING:
        if name in model.__pydantic_fields_set__:
            setattr(model, name, None)
            model.__pydantic_fields_set__.discard(name)
    else:
        setattr(model, name, value)


def _read(model: Any, name: str) -> Any:
    """A field's value, or MISSING when it is absent."""
    return getattr(model, name) if name in model.__pydantic_fields_set__ else MISSING


# A chunk's None values are left out on the wire (the encoder drops them), except for these JSON values, where
# null is a value: treating None as absent here keeps the server's message equal to the client's.
_NULLABLE_FIELDS = frozenset({"input", "output", "data"})


def _defined(**values: Any) -> dict[str, Any]:
    """The values that are set: not MISSING, and not None unless None is a JSON value there."""
    return {
        key: value
        for key, value in values.items()
        if value is not MISSING and (value is not None or key in _NULLABLE_FIELDS)
    }


def _is_tool_part(part: Any) -> TypeGuard[ToolUIPart | DynamicToolUIPart]:
    return isinstance(part, ToolUIPart | DynamicToolUIPart)


@dataclass(slots=True)
class _PartialToolCall:
    """A tool call whose input is still streaming: the raw text so far and what its updates repeat."""

    text: str
    tool_name: str
    dynamic: bool
    input_encoding: Any = MISSING
    title: Any = MISSING
    tool_metadata: Any = MISSING


class UIMessageAssembler:
    """Feed UI message chunks (dicts in wire shape) to :meth:`process`; :attr:`message` is the assistant message
    they build.

    ``message``: the assistant message to continue (a copy is used; a non-assistant message is ignored, as in
    JS). ``message_id``: the id of a new message (a ``start`` chunk's ``messageId`` replaces it).
    ``reset_on_message_id_change``: a ``start`` with another ``messageId`` starts a fresh message (what
    ``readUIMessageStream`` does). ``strict``: unknown chunk types raise instead of being ignored.

    Raises :class:`~ai_sdk_core.ui.errors.UIMessageStreamError` for an inconsistent sequence (a delta for a
    part that was never started, an output for an unknown tool call).
    """

    def __init__(
        self,
        *,
        message: UIMessage | None = None,
        message_id: str | None = None,
        reset_on_message_id_change: bool = False,
        strict: bool = False,
    ) -> None:
        self.reset_on_message_id_change = reset_on_message_id_change
        self.strict = strict
        self.finish_reason: str | None = None
        self.aborted = False
        self.error_text: str | None = None
        self.changed = False
        """Whether the last processed chunk changed the message (when the JS client would re-render)."""
        self._reset(message if message is not None and message.role == "assistant" else None, message_id or "")

    def _reset(self, message: UIMessage | None, message_id: str) -> None:
        if message is not None:
            self._message = message.model_copy(deep=True)
        else:
            self._message = UIMessage.model_construct(id=message_id, role="assistant", parts=[])
        self._active_text: dict[str, TextUIPart] = {}
        self._active_reasoning: dict[str, ReasoningUIPart] = {}
        # Deltas of the open text and reasoning parts, joined into the part when it is read: appending to a
        # growing ``str`` attribute copies it each time, which turns a long answer quadratic.
        self._pending_deltas: dict[int, tuple[TextUIPart | ReasoningUIPart, list[str]]] = {}
        self._partial_tool_calls: dict[str, _PartialToolCall] = {}
        # Tool calls still streaming their input when the message was handed over keep streaming.
        for part in self._current_step_parts():
            if _is_tool_part(part) and part.state == "input-streaming":
                self._partial_tool_calls[part.tool_call_id] = _PartialToolCall(
                    text=part.raw_input if isinstance(part.raw_input, str) else "",
                    tool_name=part.tool_name,
                    dynamic=isinstance(part, DynamicToolUIPart),
                    input_encoding=_read(part, "input_encoding"),
                    title=_read(part, "title"),
                    tool_metadata=_read(part, "tool_metadata"),
                )

    @property
    def message(self) -> UIMessage:
        """The message as it is now (live: later chunks keep changing it)."""
        self._flush_deltas()
        return self._message

    def snapshot(self) -> UIMessage:
        """An independent deep copy of the message as it is now."""
        return self.message.model_copy(deep=True)

    def _flush_deltas(self) -> None:
        for part, deltas in self._pending_deltas.values():
            if deltas:
                part.text += "".join(deltas)
                deltas.clear()

    def _add_delta(self, part: TextUIPart | ReasoningUIPart, delta: str) -> None:
        pending = self._pending_deltas.get(id(part))
        if pending is None:
            self._pending_deltas[id(part)] = (part, [delta])
        else:
            pending[1].append(delta)

    def _close_part(self, part: TextUIPart | ReasoningUIPart) -> None:
        pending = self._pending_deltas.pop(id(part), None)
        if pending is not None and pending[1]:
            part.text += "".join(pending[1])

    # -- lookups ---------------------------------------------------------------------------------------------

    def _current_step_parts(self) -> list[Any]:
        parts = self._message.parts
        index = len(parts) - 1
        while index >= 0 and not isinstance(parts[index], StepStartUIPart):
            index -= 1
        return parts[index + 1 :]

    def _tool_invocation(self, tool_call_id: str, chunk_type: str) -> _ToolPart:
        for part in self._current_step_parts():
            if _is_tool_part(part) and part.tool_call_id == tool_call_id:
                return part
        for part in reversed(self._message.parts):
            if _is_tool_part(part) and part.tool_call_id == tool_call_id:
                return part
        raise UIMessageStreamError(
            f'No tool invocation found for tool call ID "{tool_call_id}".', chunk_type=chunk_type, chunk_id=tool_call_id
        )

    # -- tool part updates (the JS updateToolPart / updateDynamicToolPart) -----------------------------------

    def _update_tool_part(self, options: dict[str, Any], existing: _ToolPart | None = None, *, dynamic: bool) -> None:
        tool_call_id = options["tool_call_id"]
        part = existing
        if part is None:
            wanted = DynamicToolUIPart if dynamic else ToolUIPart
            for candidate in self._current_step_parts():
                if type(candidate) is wanted and candidate.tool_call_id == tool_call_id:
                    part = candidate
                    break
        state = options["state"]
        metadata = options.get("provider_metadata")
        metadata_field = "result_provider_metadata" if state in _OUTPUT_STATES else "call_provider_metadata"
        if part is None:
            fields = _defined(
                tool_call_id=tool_call_id,
                state=state,
                title=options.get("title", MISSING),
                tool_metadata=options.get("tool_metadata", MISSING),
                input=options.get("input", MISSING),
                output=options.get("output", MISSING),
                error_text=options.get("error_text", MISSING),
                provider_executed=options.get("provider_executed", MISSING),
                preliminary=options.get("preliminary", MISSING),
            )
            if options.get("input_encoding") is not None:
                fields["input_encoding"] = options["input_encoding"]
            if metadata is not None:
                fields[metadata_field] = metadata
            if dynamic:
                self._message.parts.append(
                    DynamicToolUIPart.model_construct(type="dynamic-tool", tool_name=options["tool_name"], **fields)
                )
            else:
                if "raw_input" in options:
                    fields["raw_input"] = options["raw_input"]
                self._message.parts.append(ToolUIPart.model_construct(type=f"tool-{options['tool_name']}", **fields))
            return
        part.state = state
        if isinstance(part, DynamicToolUIPart):
            part.tool_name = options["tool_name"]
        else:
            part.type = f"tool-{options['tool_name']}"
        for name in ("input", "output", "error_text", "raw_input", "preliminary"):
            _assign(part, name, options.get(name, MISSING))
        encoding = options.get("input_encoding")
        _assign(part, "input_encoding", MISSING if encoding is None else encoding)
        if "title" in options:
            part.title = options["title"]
        if "tool_metadata" in options:
            part.tool_metadata = options["tool_metadata"]
        executed = options.get("provider_executed")
        _assign(part, "provider_executed", _read(part, "provider_executed") if executed is None else executed)
        if metadata is not None:
            setattr(part, metadata_field, metadata)

    # -- the state machine -----------------------------------------------------------------------------------

    def process(self, chunk: Mapping[str, Any]) -> None:
        """Apply one chunk; sets :attr:`changed` to whether the message changed."""
        chunk_type = chunk.get("type")
        handler = _HANDLERS.get(chunk_type) if isinstance(chunk_type, str) else None
        try:
            if handler is not None:
                self.changed = handler(self, chunk)
            elif isinstance(chunk_type, str) and chunk_type.startswith("data-"):
                self.changed = self._data(chunk)
            elif self.strict:
                raise UIMessageStreamError(f"Unknown chunk type {chunk_type!r}.", chunk_type=str(chunk_type))
            else:
                self.changed = False
        except KeyError as error:
            # A chunk without a field its type requires; the JS client's schema would have rejected it.
            raise UIMessageStreamError(
                f"A {chunk_type!r} chunk lacks its {error.args[0]!r} field.", chunk_type=str(chunk_type)
            ) from error

    def _text_start(self, chunk: Mapping[str, Any]) -> bool:
        fields = _defined(provider_metadata=chunk.get("providerMetadata", MISSING))
        part = TextUIPart.model_construct(type="text", text="", state="streaming", **fields)
        self._active_text[chunk["id"]] = part
        self._message.parts.append(part)
        return True

    def _text_delta(self, chunk: Mapping[str, Any]) -> bool:
        part = self._active_text.get(chunk["id"])
        if part is None:
            raise UIMessageStreamError(
                f'Received text-delta for missing text part with ID "{chunk["id"]}".',
                chunk_type="text-delta",
                chunk_id=chunk["id"],
            )
        self._add_delta(part, chunk["delta"])
        if chunk.get("providerMetadata") is not None:
            part.provider_metadata = chunk["providerMetadata"]
        return True

    def _text_end(self, chunk: Mapping[str, Any]) -> bool:
        part = self._active_text.pop(chunk["id"], None)
        if part is None:
            raise UIMessageStreamError(
                f'Received text-end for missing text part with ID "{chunk["id"]}".',
                chunk_type="text-end",
                chunk_id=chunk["id"],
            )
        self._close_part(part)
        part.state = "done"
        if chunk.get("citations") is not None:
            part.citations = chunk["citations"]
        if chunk.get("providerMetadata") is not None:
            part.provider_metadata = chunk["providerMetadata"]
        return True

    def _reasoning_start(self, chunk: Mapping[str, Any]) -> bool:
        part = ReasoningUIPart.model_construct(
            type="reasoning",
            id=chunk["id"],
            text="",
            state="streaming",
            **_defined(provider_metadata=chunk.get("providerMetadata", MISSING)),
        )
        self._active_reasoning[chunk["id"]] = part
        self._message.parts.append(part)
        return True

    def _reasoning_update(self, chunk: Mapping[str, Any]) -> bool:
        chunk_type = chunk["type"]
        part = self._active_reasoning.get(chunk["id"])
        if part is None:
            raise UIMessageStreamError(
                f'Received {chunk_type} for missing reasoning part with ID "{chunk["id"]}".',
                chunk_type=chunk_type,
                chunk_id=chunk["id"],
            )
        if chunk_type == "reasoning-delta":
            self._add_delta(part, chunk["delta"])
        else:
            self._close_part(part)
            part.state = "done"
            del self._active_reasoning[chunk["id"]]
        if chunk.get("providerMetadata") is not None:
            part.provider_metadata = chunk["providerMetadata"]
        return True

    def _custom(self, chunk: Mapping[str, Any]) -> bool:
        fields = _defined(provider_metadata=chunk.get("providerMetadata", MISSING))
        self._message.parts.append(CustomUIPart.model_construct(type="custom", kind=chunk["kind"], **fields))
        return True

    def _file(self, chunk: Mapping[str, Any]) -> bool:
        model = FileUIPart if chunk["type"] == "file" else ReasoningFileUIPart
        fields: dict[str, Any] = {"type": chunk["type"], "media_type": chunk["mediaType"], "url": chunk["url"]}
        if chunk.get("providerMetadata") is not None:
            fields["provider_metadata"] = chunk["providerMetadata"]
        self._message.parts.append(model.model_construct(**fields))
        return True

    def _source_url(self, chunk: Mapping[str, Any]) -> bool:
        fields = _defined(title=chunk.get("title", MISSING), provider_metadata=chunk.get("providerMetadata", MISSING))
        self._message.parts.append(
            SourceUrlUIPart.model_construct(type="source-url", source_id=chunk["sourceId"], url=chunk["url"], **fields)
        )
        return True

    def _source_document(self, chunk: Mapping[str, Any]) -> bool:
        fields = _defined(
            title=chunk.get("title", MISSING),
            filename=chunk.get("filename", MISSING),
            provider_metadata=chunk.get("providerMetadata", MISSING),
        )
        self._message.parts.append(
            SourceDocumentUIPart.model_construct(
                type="source-document", source_id=chunk["sourceId"], media_type=chunk["mediaType"], **fields
            )
        )
        return True

    def _tool_input_start(self, chunk: Mapping[str, Any]) -> bool:
        tool_call_id = chunk["toolCallId"]
        dynamic = bool(chunk.get("dynamic"))
        self._partial_tool_calls[tool_call_id] = _PartialToolCall(
            text="",
            tool_name=chunk["toolName"],
            dynamic=dynamic,
            input_encoding=chunk.get("inputEncoding", MISSING),
            title=chunk.get("title", MISSING),
            tool_metadata=chunk.get("toolMetadata", MISSING),
        )
        options = _defined(
            tool_call_id=tool_call_id,
            tool_name=chunk["toolName"],
            state="input-streaming",
            input_encoding=chunk.get("inputEncoding", MISSING),
            provider_executed=chunk.get("providerExecuted", MISSING),
            title=chunk.get("title", MISSING),
            tool_metadata=chunk.get("toolMetadata", MISSING),
            provider_metadata=chunk.get("providerMetadata", MISSING),
        )
        self._update_tool_part(options, dynamic=dynamic)
        return True

    def _tool_input_delta(self, chunk: Mapping[str, Any]) -> bool:
        tool_call_id = chunk["toolCallId"]
        partial = self._partial_tool_calls.get(tool_call_id)
        if partial is None:
            raise UIMessageStreamError(
                f'Received tool-input-delta for missing tool call with ID "{tool_call_id}".',
                chunk_type="tool-input-delta",
                chunk_id=tool_call_id,
            )
        partial.text += chunk["inputTextDelta"]
        if partial.input_encoding == "text":
            partial_input: Any = partial.text
        else:
            value, parse_state = parse_partial_json(partial.text)
            partial_input = MISSING if parse_state in ("undefined-input", "failed-parse") else value
        options = _defined(
            tool_call_id=tool_call_id,
            tool_name=partial.tool_name,
            state="input-streaming",
            input_encoding=partial.input_encoding,
            input=partial_input,
            raw_input=partial.text,
            title=partial.title,
            tool_metadata=partial.tool_metadata,
        )
        self._update_tool_part(options, dynamic=partial.dynamic)
        return True

    def _tool_input_available(self, chunk: Mapping[str, Any]) -> bool:
        options = _defined(
            tool_call_id=chunk["toolCallId"],
            tool_name=chunk["toolName"],
            state="input-available",
            input=chunk.get("input", MISSING),
            provider_executed=chunk.get("providerExecuted", MISSING),
            provider_metadata=chunk.get("providerMetadata", MISSING),
            title=chunk.get("title", MISSING),
            tool_metadata=chunk.get("toolMetadata", MISSING),
        )
        self._update_tool_part(options, dynamic=bool(chunk.get("dynamic")))
        return True

    def _tool_input_error(self, chunk: Mapping[str, Any]) -> bool:
        tool_call_id = chunk["toolCallId"]
        existing = next(
            (part for part in self._current_step_parts() if _is_tool_part(part) and part.tool_call_id == tool_call_id),
            None,
        )
        dynamic = isinstance(existing, DynamicToolUIPart) if existing is not None else bool(chunk.get("dynamic"))
        options = _defined(
            tool_call_id=tool_call_id,
            tool_name=chunk["toolName"],
            state="output-error",
            input=chunk.get("input", MISSING),
            error_text=chunk.get("errorText", MISSING),
            provider_executed=chunk.get("providerExecuted", MISSING),
            provider_metadata=chunk.get("providerMetadata", MISSING),
            tool_metadata=chunk.get("toolMetadata", MISSING),
        )
        self._update_tool_part(options, dynamic=dynamic)
        return True

    def _tool_approval_request(self, chunk: Mapping[str, Any]) -> bool:
        part = self._tool_invocation(chunk["toolCallId"], "tool-approval-request")
        part.state = "approval-requested"
        fields: dict[str, Any] = {"id": chunk["approvalId"]}
        if chunk.get("approvalDescriptor") is not None:
            fields["descriptor"] = chunk["approvalDescriptor"]
        if "inputSchemaInput" in chunk:
            fields["input_schema_input"] = chunk["inputSchemaInput"]
        if chunk.get("reason") is not None:
            fields["request_reason"] = chunk["reason"]
        if chunk.get("isAutomatic") is True:
            fields["is_automatic"] = True
        if chunk.get("signature") is not None:
            fields["signature"] = chunk["signature"]
        part.approval = ToolApproval.model_construct(**fields)
        return True

    def _tool_approval_response(self, chunk: Mapping[str, Any]) -> bool:
        approval_id = chunk["approvalId"]
        part = next(
            (
                candidate
                for candidate in self._message.parts
                if _is_tool_part(candidate) and candidate.approval is not None and candidate.approval.id == approval_id
            ),
            None,
        )
        if part is None:
            raise UIMessageStreamError(
                f'No tool invocation found for approval ID "{approval_id}".',
                chunk_type="tool-approval-response",
                chunk_id=approval_id,
            )
        approval = part.approval.model_copy() if part.approval is not None else ToolApproval.model_construct()
        approval.id = approval_id
        approval.approved = chunk["approved"]
        if chunk.get("reason") is not None:
            approval.reason = chunk["reason"]
        part.approval = approval
        part.state = "approval-responded"
        if chunk.get("providerExecuted") is not None:
            part.provider_executed = chunk["providerExecuted"]
        if chunk.get("providerMetadata") is not None:
            part.call_provider_metadata = chunk["providerMetadata"]
        return True

    def _tool_output_denied(self, chunk: Mapping[str, Any]) -> bool:
        self._tool_invocation(chunk["toolCallId"], "tool-output-denied").state = "output-denied"
        return True

    def _tool_output(self, chunk: Mapping[str, Any]) -> bool:
        chunk_type = chunk["type"]
        part = self._tool_invocation(chunk["toolCallId"], chunk_type)
        dynamic = isinstance(part, DynamicToolUIPart)
        tool_metadata = chunk.get("toolMetadata")
        options = _defined(
            tool_call_id=chunk["toolCallId"],
            tool_name=part.tool_name,
            input=_read(part, "input"),
            provider_executed=chunk.get("providerExecuted", MISSING),
            provider_metadata=chunk.get("providerMetadata", MISSING),
            title=_read(part, "title"),
            tool_metadata=_read(part, "tool_metadata") if tool_metadata is None else tool_metadata,
        )
        if chunk_type == "tool-output-available":
            options["state"] = "output-available"
            options.update(_defined(output=chunk.get("output", MISSING), preliminary=chunk.get("preliminary", MISSING)))
        else:
            options["state"] = "output-error"
            options.update(_defined(error_text=chunk.get("errorText", MISSING)))
            if not dynamic:
                options.update(_defined(raw_input=_read(part, "raw_input")))
        self._update_tool_part(options, part, dynamic=dynamic)
        return True

    def _steering_message(self, chunk: Mapping[str, Any]) -> bool:
        self._message.parts.append(
            SteeringMessageUIPart.model_construct(type="steering-message", id=chunk["id"], parts=chunk["parts"])
        )
        return True

    def _start_step(self, chunk: Mapping[str, Any]) -> bool:
        self._message.parts.append(StepStartUIPart.model_construct(type="step-start"))
        return False  # the JS client does not re-render for a step boundary

    def _ignore(self, chunk: Mapping[str, Any]) -> bool:
        return False

    def _reset_step(self, chunk: Mapping[str, Any]) -> bool:
        self._flush_deltas()
        step_parts = self._current_step_parts()
        self._pending_deltas = {}
        self._active_text = {}
        self._active_reasoning = {}
        self._partial_tool_calls = {}
        if step_parts:
            del self._message.parts[len(self._message.parts) - len(step_parts) :]
            return True
        return False

    def _update_metadata(self, metadata: Any) -> None:
        if metadata is not None:
            self._message.metadata = merge_metadata(self._message.metadata, metadata)

    def _start(self, chunk: Mapping[str, Any]) -> bool:
        message_id = chunk.get("messageId")
        reset = self.reset_on_message_id_change and message_id is not None and message_id != self._message.id
        if reset:
            self._reset(None, str(message_id))
            self.finish_reason = None
        if message_id is not None:
            self._message.id = message_id
        self._update_metadata(chunk.get("messageMetadata"))
        return reset or message_id is not None or chunk.get("messageMetadata") is not None

    def _finish(self, chunk: Mapping[str, Any]) -> bool:
        if chunk.get("finishReason") is not None:
            self.finish_reason = chunk["finishReason"]
        self._update_metadata(chunk.get("messageMetadata"))
        return chunk.get("messageMetadata") is not None

    def _message_metadata(self, chunk: Mapping[str, Any]) -> bool:
        self._update_metadata(chunk.get("messageMetadata"))
        return chunk.get("messageMetadata") is not None

    def _abort(self, chunk: Mapping[str, Any]) -> bool:
        self.aborted = True
        return False

    def _error(self, chunk: Mapping[str, Any]) -> bool:
        self.error_text = str(chunk.get("errorText", ""))
        return False

    def _data(self, chunk: Mapping[str, Any]) -> bool:
        if chunk.get("transient"):
            return False
        data_id = chunk.get("id")
        if data_id is not None:
            for part in self._message.parts:
                if getattr(part, "type", None) == chunk["type"] and getattr(part, "id", None) == data_id:
                    _assign(part, "data", chunk.get("data", MISSING))
                    return True
        fields = {key: value for key, value in chunk.items() if value is not None or key in _NULLABLE_FIELDS}
        self._message.parts.append(DataUIPart.model_construct(**fields))
        return True


_HANDLERS: dict[str, Any] = {
    "text-start": UIMessageAssembler._text_start,
    "text-delta": UIMessageAssembler._text_delta,
    "text-end": UIMessageAssembler._text_end,
    "reasoning-start": UIMessageAssembler._reasoning_start,
    "reasoning-delta": UIMessageAssembler._reasoning_update,
    "reasoning-end": UIMessageAssembler._reasoning_update,
    "custom": UIMessageAssembler._custom,
    "file": UIMessageAssembler._file,
    "reasoning-file": UIMessageAssembler._file,
    "source-url": UIMessageAssembler._source_url,
    "source-document": UIMessageAssembler._source_document,
    "tool-input-start": UIMessageAssembler._tool_input_start,
    "tool-input-delta": UIMessageAssembler._tool_input_delta,
    "tool-input-available": UIMessageAssembler._tool_input_available,
    "tool-input-error": UIMessageAssembler._tool_input_error,
    "tool-approval-request": UIMessageAssembler._tool_approval_request,
    "tool-approval-response": UIMessageAssembler._tool_approval_response,
    "tool-output-denied": UIMessageAssembler._tool_output_denied,
    "tool-output-available": UIMessageAssembler._tool_output,
    "tool-output-error": UIMessageAssembler._tool_output,
    "steering-message": UIMessageAssembler._steering_message,
    "start-step": UIMessageAssembler._start_step,
    "finish-step": UIMessageAssembler._ignore,
    "reset-step": UIMessageAssembler._reset_step,
    "start": UIMessageAssembler._start,
    "finish": UIMessageAssembler._finish,
    "message-metadata": UIMessageAssembler._message_metadata,
    "abort": UIMessageAssembler._abort,
    "error": UIMessageAssembler._error,
}
