"""The tool-part half of :class:`~ai_sdk_core.ui.assemble.UIMessageAssembler`: tool chunks -> static
(``tool-<name>``) and dynamic (``dynamic-tool``) parts, as the JS ``updateToolPart`` / ``updateDynamicToolPart``
build them, with the per-major differences of :class:`~ai_sdk_core.ui.client_rules.ClientRules`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from ai_sdk_core.provider_utils.json import parse_partial_json
from ai_sdk_core.ui.client_rules import ClientRules
from ai_sdk_core.ui.errors import UIMessageStreamError
from ai_sdk_core.ui.messages import DynamicToolUIPart, StepStartUIPart, ToolApproval, ToolUIPart, UIMessage
from ai_sdk_core.ui.part_fields import MISSING, assign_field, defined_fields, is_tool_part, read_field

__all__ = ["PartialToolCall", "ToolPartAssembly"]

_OUTPUT_STATES: Final = ("output-available", "output-error")
_ToolPart = ToolUIPart | DynamicToolUIPart


@dataclass(slots=True)
class PartialToolCall:
    """A tool call whose input is still streaming: the raw text so far and what its updates repeat."""

    text: str
    tool_name: str
    dynamic: bool
    input_encoding: Any = MISSING
    title: Any = MISSING
    tool_metadata: Any = MISSING


class ToolPartAssembly:
    """Mixin of the assembler: the tool chunk handlers and the lookups they need. The assembler provides the
    message being built, the partial tool calls and the client's rules."""

    _message: UIMessage
    _partial_tool_calls: dict[str, PartialToolCall]
    rules: ClientRules

    def _current_step_parts(self) -> list[Any]:
        parts = self._message.parts
        index = len(parts) - 1
        while index >= 0 and not isinstance(parts[index], StepStartUIPart):
            index -= 1
        return parts[index + 1 :]

    def _resume_partial_tool_calls(self) -> None:
        """Tool calls still streaming their input when the message was handed over keep streaming."""
        for part in self._current_step_parts():
            if is_tool_part(part) and part.state == "input-streaming":
                self._partial_tool_calls[part.tool_call_id] = PartialToolCall(
                    text=part.raw_input if isinstance(part.raw_input, str) else "",
                    tool_name=part.tool_name,
                    dynamic=isinstance(part, DynamicToolUIPart),
                    input_encoding=read_field(part, "input_encoding"),
                    title=read_field(part, "title"),
                    tool_metadata=read_field(part, "tool_metadata"),
                )

    def _kind_of(self, chunk: Mapping[str, Any]) -> type[_ToolPart] | None:
        """The kind of part a chunk may touch: any (None), or, for a 5.x client, the one its flag names."""
        if not self.rules.tool_kind_from_chunk:
            return None
        return DynamicToolUIPart if chunk.get("dynamic") else ToolUIPart

    def _tool_invocation(self, chunk: Mapping[str, Any]) -> _ToolPart:
        tool_call_id = chunk["toolCallId"]
        kind = self._kind_of(chunk)
        for part in self._current_step_parts():
            if is_tool_part(part) and part.tool_call_id == tool_call_id and (kind is None or type(part) is kind):
                return part
        for part in reversed(self._message.parts):
            if is_tool_part(part) and part.tool_call_id == tool_call_id and (kind is None or type(part) is kind):
                return part
        raise UIMessageStreamError(
            f'No tool invocation found for tool call ID "{tool_call_id}".',
            chunk_type=str(chunk["type"]),
            chunk_id=tool_call_id,
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
        is_output = state in _OUTPUT_STATES
        result_metadata = self.rules.result_provider_metadata
        metadata_field = "result_provider_metadata" if is_output and result_metadata else "call_provider_metadata"
        if part is None:
            self._add_tool_part(options, dynamic, metadata_field)
            return
        part.state = state
        if isinstance(part, DynamicToolUIPart):
            part.tool_name = options["tool_name"]
        elif self.rules.renames_tool_parts:
            part.type = f"tool-{options['tool_name']}"
        for name in ("input", "output", "error_text", "raw_input", "preliminary"):
            assign_field(part, name, options.get(name, MISSING))
        encoding = options.get("input_encoding")
        assign_field(part, "input_encoding", MISSING if encoding is None else encoding)
        if "title" in options:
            part.title = options["title"]
        if "tool_metadata" in options:
            part.tool_metadata = options["tool_metadata"]
        executed = options.get("provider_executed")
        assign_field(part, "provider_executed", read_field(part, "provider_executed") if executed is None else executed)
        # 5.x records the call's metadata only when a part reaches input-available (and never an output's).
        if metadata is not None and (result_metadata or state == "input-available"):
            setattr(part, metadata_field, metadata)

    def _add_tool_part(self, options: dict[str, Any], dynamic: bool, metadata_field: str) -> None:
        fields = defined_fields(
            tool_call_id=options["tool_call_id"],
            state=options["state"],
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
        if options.get("provider_metadata") is not None:
            fields[metadata_field] = options["provider_metadata"]
        if dynamic:
            self._message.parts.append(
                DynamicToolUIPart.model_construct(type="dynamic-tool", tool_name=options["tool_name"], **fields)
            )
        else:
            if "raw_input" in options:
                fields["raw_input"] = options["raw_input"]
            self._message.parts.append(ToolUIPart.model_construct(type=f"tool-{options['tool_name']}", **fields))

    # -- chunk handlers --------------------------------------------------------------------------------------

    def _tool_input_start(self, chunk: Mapping[str, Any]) -> bool:
        tool_call_id = chunk["toolCallId"]
        dynamic = bool(chunk.get("dynamic"))
        self._partial_tool_calls[tool_call_id] = PartialToolCall(
            text="",
            tool_name=chunk["toolName"],
            dynamic=dynamic,
            input_encoding=chunk.get("inputEncoding", MISSING),
            title=chunk.get("title", MISSING),
            tool_metadata=chunk.get("toolMetadata", MISSING),
        )
        options = defined_fields(
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
        options = defined_fields(
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
        options = defined_fields(
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
        if self.rules.tool_kind_from_chunk:
            dynamic = bool(chunk.get("dynamic"))
        else:
            # The part the call started decides (a call of an unknown tool may end with another flag).
            existing = next(
                (
                    part
                    for part in self._current_step_parts()
                    if is_tool_part(part) and part.tool_call_id == tool_call_id
                ),
                None,
            )
            dynamic = isinstance(existing, DynamicToolUIPart) if existing is not None else bool(chunk.get("dynamic"))
        options = defined_fields(
            tool_call_id=tool_call_id,
            tool_name=chunk["toolName"],
            state="output-error",
            input=chunk.get("input", MISSING),
            error_text=chunk.get("errorText", MISSING),
            provider_executed=chunk.get("providerExecuted", MISSING),
            provider_metadata=chunk.get("providerMetadata", MISSING),
            tool_metadata=chunk.get("toolMetadata", MISSING),
        )
        if not dynamic and self.rules.input_error_keeps_raw_input:
            options.pop("input", None)
            if "input" in chunk:
                options["raw_input"] = chunk["input"]
        self._update_tool_part(options, dynamic=dynamic)
        return True

    def _tool_approval_request(self, chunk: Mapping[str, Any]) -> bool:
        part = self._tool_invocation(chunk)
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
                if is_tool_part(candidate) and candidate.approval is not None and candidate.approval.id == approval_id
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
        self._tool_invocation(chunk).state = "output-denied"
        return True

    def _tool_output(self, chunk: Mapping[str, Any]) -> bool:
        part = self._tool_invocation(chunk)
        dynamic = isinstance(part, DynamicToolUIPart)
        tool_metadata = chunk.get("toolMetadata")
        executed = chunk.get("providerExecuted", MISSING)
        rules = self.rules
        if dynamic and chunk["type"] == "tool-output-available" and not rules.dynamic_output_sets_provider_executed:
            executed = MISSING  # the part keeps what its call said
        options = defined_fields(
            tool_call_id=chunk["toolCallId"],
            tool_name=part.tool_name,
            input=read_field(part, "input"),
            provider_executed=executed,
            provider_metadata=chunk.get("providerMetadata", MISSING),
            title=read_field(part, "title"),
            tool_metadata=read_field(part, "tool_metadata") if tool_metadata is None else tool_metadata,
        )
        if chunk["type"] == "tool-output-available":
            options["state"] = "output-available"
            options.update(
                defined_fields(output=chunk.get("output", MISSING), preliminary=chunk.get("preliminary", MISSING))
            )
        else:
            options["state"] = "output-error"
            options.update(defined_fields(error_text=chunk.get("errorText", MISSING)))
            if not dynamic:
                options.update(defined_fields(raw_input=read_field(part, "raw_input")))
        self._update_tool_part(options, part, dynamic=dynamic)
        return True
