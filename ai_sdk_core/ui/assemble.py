"""Chunks -> one assistant :class:`~ai_sdk_core.ui.messages.UIMessage`, as the JS client builds it
(``processUIMessageStream`` of ``ai`` 7.x, or of 6.x / 5.x with ``protocol_version``: see
:mod:`ai_sdk_core.ui.client_rules`), including what the JS leaves out: a field the JS sets to ``undefined`` is
absent here too, so the assembled message serialises to the same JSON as the client's. The tool parts are built
in :mod:`ai_sdk_core.ui.tool_parts`.

The server runs this on its hot path (``on_finish``), so :meth:`UIMessageAssembler.process` validates nothing
per chunk: parts are built with ``model_construct`` and updated attribute by attribute.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final

from ai_sdk_core.ui.chunks import CHUNK_TYPES_BY_VERSION, LATEST_PROTOCOL_VERSION
from ai_sdk_core.ui.client_rules import client_rules
from ai_sdk_core.ui.errors import UIMessageStreamError
from ai_sdk_core.ui.messages import (
    CustomUIPart,
    DataUIPart,
    FileUIPart,
    ReasoningFileUIPart,
    ReasoningUIPart,
    SourceDocumentUIPart,
    SourceUrlUIPart,
    SteeringMessageUIPart,
    StepStartUIPart,
    TextUIPart,
    UIMessage,
)
from ai_sdk_core.ui.part_fields import MISSING, NULLABLE_FIELDS, assign_field, defined_fields
from ai_sdk_core.ui.tool_parts import PartialToolCall, ToolPartAssembly

__all__ = ["UIMessageAssembler", "merge_metadata"]


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


class UIMessageAssembler(ToolPartAssembly):
    """Feed UI message chunks (dicts in wire shape) to :meth:`process`; :attr:`message` is the assistant message
    they build.

    ``message``: the assistant message to continue (a copy is used; a non-assistant message is ignored, as in
    JS). ``message_id``: the id of a new message (a ``start`` chunk's ``messageId`` replaces it).
    ``reset_on_message_id_change``: a ``start`` with another ``messageId`` starts a fresh message (what
    ``readUIMessageStream`` does). ``strict``: unknown chunk types raise instead of being ignored.
    ``protocol_version``: the major of the JS client to read like (default 7): a chunk type that major does not
    know is unknown, and its rules (:class:`~ai_sdk_core.ui.client_rules.ClientRules`) apply. Raises
    ``InvalidArgumentError`` for a major that is not supported.

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
        protocol_version: int = LATEST_PROTOCOL_VERSION,
    ) -> None:
        self.rules = client_rules(protocol_version)
        """The rules of that client major (:class:`~ai_sdk_core.ui.client_rules.ClientRules`)."""
        self.protocol_version = protocol_version
        self._handlers = _HANDLERS_BY_VERSION[protocol_version]
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
        self._partial_tool_calls: dict[str, PartialToolCall] = {}
        self._resume_partial_tool_calls()

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

    # -- the state machine -----------------------------------------------------------------------------------

    def process(self, chunk: Mapping[str, Any]) -> None:
        """Apply one chunk; sets :attr:`changed` to whether the message changed."""
        chunk_type = chunk.get("type")
        handler = self._handlers.get(chunk_type) if isinstance(chunk_type, str) else None
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
        fields = defined_fields(provider_metadata=chunk.get("providerMetadata", MISSING))
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
            **defined_fields(provider_metadata=chunk.get("providerMetadata", MISSING)),
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
        fields = defined_fields(provider_metadata=chunk.get("providerMetadata", MISSING))
        self._message.parts.append(CustomUIPart.model_construct(type="custom", kind=chunk["kind"], **fields))
        return True

    def _file(self, chunk: Mapping[str, Any]) -> bool:
        model = FileUIPart if chunk["type"] == "file" else ReasoningFileUIPart
        fields: dict[str, Any] = {"type": chunk["type"], "media_type": chunk["mediaType"], "url": chunk["url"]}
        if chunk.get("providerMetadata") is not None and self.rules.file_provider_metadata:
            fields["provider_metadata"] = chunk["providerMetadata"]
        self._message.parts.append(model.model_construct(**fields))
        return True

    def _source_url(self, chunk: Mapping[str, Any]) -> bool:
        fields = defined_fields(
            title=chunk.get("title", MISSING), provider_metadata=chunk.get("providerMetadata", MISSING)
        )
        self._message.parts.append(
            SourceUrlUIPart.model_construct(type="source-url", source_id=chunk["sourceId"], url=chunk["url"], **fields)
        )
        return True

    def _source_document(self, chunk: Mapping[str, Any]) -> bool:
        fields = defined_fields(
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

    def _steering_message(self, chunk: Mapping[str, Any]) -> bool:
        self._message.parts.append(
            SteeringMessageUIPart.model_construct(type="steering-message", id=chunk["id"], parts=chunk["parts"])
        )
        return True

    def _start_step(self, chunk: Mapping[str, Any]) -> bool:
        self._message.parts.append(StepStartUIPart.model_construct(type="step-start"))
        return False  # the JS client does not re-render for a step boundary

    def _finish_step(self, chunk: Mapping[str, Any]) -> bool:
        if self.rules.step_end_closes_open_parts:
            open_parts: list[TextUIPart | ReasoningUIPart] = [*self._active_text.values()]
            open_parts.extend(self._active_reasoning.values())
            for part in open_parts:
                self._close_part(part)  # its text stays; a later delta for it fails, as in that client
            self._active_text = {}
            self._active_reasoning = {}
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
                    assign_field(part, "data", chunk.get("data", MISSING))
                    return True
        fields = {key: value for key, value in chunk.items() if value is not None or key in NULLABLE_FIELDS}
        self._message.parts.append(DataUIPart.model_construct(**fields))
        return True


_Handler = Callable[[UIMessageAssembler, Mapping[str, Any]], bool]

_HANDLERS: Final[dict[str, _Handler]] = {
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
    "finish-step": UIMessageAssembler._finish_step,
    "reset-step": UIMessageAssembler._reset_step,
    "start": UIMessageAssembler._start,
    "finish": UIMessageAssembler._finish,
    "message-metadata": UIMessageAssembler._message_metadata,
    "abort": UIMessageAssembler._abort,
    "error": UIMessageAssembler._error,
}

# Per major, the handlers of the chunk types its client knows (any other type is unknown to it).
_HANDLERS_BY_VERSION: Final[dict[int, dict[str, _Handler]]] = {
    version: {chunk_type: handler for chunk_type, handler in _HANDLERS.items() if chunk_type in chunk_types}
    for version, chunk_types in CHUNK_TYPES_BY_VERSION.items()
}
