"""UI messages -> model messages, as the JS ``convertToModelMessages`` (``ai`` 7.x)::

    request = parse_chat_request(raw_body)
    result = stream_text(model=model, messages=convert_to_model_messages(request.messages, tools=tools))

An assistant message is split at its ``step-start`` parts: each step becomes an assistant message (text,
reasoning, files, tool calls, approval requests, provider-executed results) followed by a tool message (results
of the calls the app ran, approval answers). Reasoning and text keep their provider metadata as
``provider_options``, so a provider gets its signatures back on the next turn. Sources are display-only and
dropped; data parts are dropped unless ``convert_data_part`` returns a part for them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pydantic import ValidationError
from pydantic_core import to_jsonable_python

from ai_sdk_core.generate_text.settings import normalize_tools
from ai_sdk_core.prompt.messages import (
    AssistantContentPart,
    AssistantModelMessage,
    FilePart,
    ModelMessage,
    ReasoningPart,
    SystemModelMessage,
    TextPart,
    ToolApprovalRequestPart,
    ToolApprovalResponse,
    ToolCallPart,
    ToolContentPart,
    ToolModelMessage,
    ToolResultPart,
    UserContentPart,
    UserModelMessage,
)
from ai_sdk_core.spec.errors import InvalidPromptError
from ai_sdk_core.spec.prompt import ToolResultOutput
from ai_sdk_core.tools import Tool, default_model_output
from ai_sdk_core.ui.errors import UIMessageValidationError
from ai_sdk_core.ui.messages import (
    DataUIPart,
    DynamicToolUIPart,
    FileUIPart,
    ReasoningUIPart,
    SteeringMessageUIPart,
    StepStartUIPart,
    TextUIPart,
    ToolUIPart,
    UIMessage,
)

__all__ = ["convert_to_model_messages"]

_ToolPart = ToolUIPart | DynamicToolUIPart
ConvertDataPart = Callable[[DataUIPart], "TextPart | FilePart | None"]

_UNAVAILABLE_TOOL_OUTPUT = "Tool output omitted because the tool is no longer available."
_COMPLETE_STATES = ("approval-responded", "output-error", "output-denied")


def _as_message(value: UIMessage | Mapping[str, Any], index: int) -> UIMessage:
    if isinstance(value, UIMessage):
        return value
    try:
        return UIMessage.model_validate(value)
    except ValidationError as error:
        raise UIMessageValidationError(str(error), message_index=index, value=value, cause=error) from error


def _file_part(part: FileUIPart | Mapping[str, Any]) -> FilePart:
    raw = part.to_dict() if isinstance(part, FileUIPart) else dict(part)
    url = raw.get("url")
    # The model layer reads a bare string as base64, so only absolute URLs may pass (JS: ``new URL(url)``).
    if not isinstance(url, str) or not (url.startswith("data:") or "://" in url):
        raise InvalidPromptError("A file part's url must be a data: URL or an absolute URL")
    return FilePart(
        data=url,
        media_type=raw.get("mediaType", "application/octet-stream"),
        filename=raw.get("filename"),
        provider_options=raw.get("providerMetadata"),
    )


def _user_part(part: TextUIPart | FileUIPart | Mapping[str, Any]) -> UserContentPart:
    if isinstance(part, TextUIPart):
        return TextPart(text=part.text, provider_options=part.provider_metadata)
    if isinstance(part, Mapping) and part.get("type") == "text":
        return TextPart(text=str(part.get("text", "")), provider_options=part.get("providerMetadata"))
    return _file_part(part)


def _error_message(value: Any) -> str:
    if value is None:
        return "unknown error"
    return (
        value
        if isinstance(value, str)
        else json.dumps(to_jsonable_python(value), separators=(",", ":"), ensure_ascii=False)
    )


class _Converter:
    def __init__(self, tools: dict[str, Tool], convert_data_part: ConvertDataPart | None) -> None:
        self.tools = tools
        self.convert_data_part = convert_data_part
        self.output: list[ModelMessage] = []

    def model_output(self, part: _ToolPart, output: Any, error_mode: str) -> ToolResultOutput:
        tool = self.tools.get(part.tool_name)
        if error_mode == "text":
            return ToolResultOutput(type="error-text", value=_error_message(output))
        if error_mode == "json":
            return ToolResultOutput(type="error-json", value=to_jsonable_python(output))
        if tool is None and isinstance(part, DynamicToolUIPart) and part.dynamic is False:
            return ToolResultOutput(type="text", value=_UNAVAILABLE_TOOL_OUTPUT)
        return tool.model_output(output) if tool is not None else default_model_output(output)

    def assistant_block(self, block: list[Any]) -> None:
        if not block:
            return
        content: list[AssistantContentPart] = []
        for part in block:
            if isinstance(part, TextUIPart):
                content.append(TextPart(text=part.text, provider_options=part.provider_metadata))
            elif isinstance(part, FileUIPart):
                content.append(_file_part(part))
            elif isinstance(part, ReasoningUIPart):
                content.append(ReasoningPart(text=part.text, provider_options=part.provider_metadata))
            elif isinstance(part, ToolUIPart | DynamicToolUIPart):
                self.tool_call(part, content)
            elif isinstance(part, DataUIPart) and self.convert_data_part is not None:
                converted = self.convert_data_part(part)
                if converted is not None:
                    content.append(converted)
        if content:
            self.output.append(AssistantModelMessage(content=content))
        results: list[ToolContentPart] = []
        for part in block:
            if not isinstance(part, ToolUIPart | DynamicToolUIPart):
                continue
            # Provider-executed calls have their results in the assistant message, unless an approval was answered.
            answered = part.approval is not None and part.approval.approved is not None
            if part.provider_executed is not True or answered:
                self.tool_results(part, results)
        if results:
            self.output.append(ToolModelMessage(content=results))

    def tool_call(self, part: _ToolPart, content: list[AssistantContentPart]) -> None:
        if part.state == "input-streaming":
            return
        failed = part.state == "output-error"
        call_metadata = part.call_provider_metadata
        if call_metadata is None and failed:
            call_metadata = part.result_provider_metadata
        tool_input = part.input
        if failed and tool_input is None:
            tool_input = part.raw_input
        content.append(
            ToolCallPart(
                tool_call_id=part.tool_call_id,
                tool_name=part.tool_name,
                input=tool_input,
                provider_executed=part.provider_executed,
                provider_options=call_metadata,
            )
        )
        if part.approval is not None:
            content.append(ToolApprovalRequestPart(approval_id=part.approval.id, tool_call_id=part.tool_call_id))
        if part.provider_executed is True and part.state in ("output-available", "output-error"):
            result_metadata = part.result_provider_metadata
            if result_metadata is None:
                result_metadata = part.call_provider_metadata
            output = part.error_text if failed else part.output
            content.append(
                ToolResultPart(
                    tool_call_id=part.tool_call_id,
                    tool_name=part.tool_name,
                    output=self.model_output(part, output, "json" if failed else "none"),
                    provider_options=result_metadata,
                )
            )

    def tool_results(self, part: _ToolPart, results: list[ToolContentPart]) -> None:
        approval = part.approval
        if approval is not None and approval.approved is not None:
            results.append(
                ToolApprovalResponse(
                    approval_id=approval.id,
                    approved=approval.approved,
                    reason=approval.reason,
                    provider_executed=part.provider_executed,
                )
            )
            if part.state == "approval-responded" and approval.approved is False:
                results.append(
                    ToolResultPart(
                        tool_call_id=part.tool_call_id,
                        tool_name=part.tool_name,
                        output=ToolResultOutput(type="execution-denied", reason=approval.reason),
                        provider_options=part.call_provider_metadata,
                    )
                )
        if part.provider_executed is True:
            return
        if part.state == "output-denied":
            reason = approval.reason if approval is not None else None
            results.append(
                ToolResultPart(
                    tool_call_id=part.tool_call_id,
                    tool_name=part.tool_name,
                    output=ToolResultOutput(
                        type="error-text", value="Tool call execution denied." if reason is None else reason
                    ),
                    provider_options=part.call_provider_metadata,
                )
            )
        elif part.state in ("output-available", "output-error"):
            failed = part.state == "output-error"
            output = part.error_text if failed else part.output
            results.append(
                ToolResultPart(
                    tool_call_id=part.tool_call_id,
                    tool_name=part.tool_name,
                    output=self.model_output(part, output, "text" if failed else "none"),
                    provider_options=part.call_provider_metadata,
                )
            )

    def message(self, message: UIMessage, index: int) -> None:
        if message.role == "system":
            texts = [part for part in message.parts if isinstance(part, TextUIPart)]
            options: dict[str, Any] = {}
            for text_part in texts:
                options.update(text_part.provider_metadata or {})
            content = "".join(text_part.text for text_part in texts)
            self.output.append(SystemModelMessage(content=content, provider_options=options or None))
        elif message.role == "user":
            user_content: list[UserContentPart] = []
            for part in message.parts:
                if isinstance(part, TextUIPart | FileUIPart):
                    user_content.append(_user_part(part))
                elif isinstance(part, DataUIPart) and self.convert_data_part is not None:
                    converted = self.convert_data_part(part)
                    if isinstance(converted, TextPart | FilePart):
                        user_content.append(converted)
            self.output.append(UserModelMessage(content=user_content))
        elif message.role == "assistant":
            block: list[Any] = []
            for part in message.parts:
                if isinstance(part, StepStartUIPart):
                    self.assistant_block(block)
                    block = []
                elif isinstance(part, SteeringMessageUIPart):
                    self.assistant_block(block)
                    block = []
                    self.output.append(UserModelMessage(content=[_user_part(item) for item in part.parts]))
                elif isinstance(
                    part, TextUIPart | ReasoningUIPart | FileUIPart | ToolUIPart | DynamicToolUIPart | DataUIPart
                ):
                    block.append(part)
            self.assistant_block(block)
        else:
            raise InvalidPromptError(f"messages[{index}]: unsupported role {message.role!r}")


def _keep_part(part: Any, message_index: int, last_user_index: int, ignore_incomplete: bool) -> bool:
    if not isinstance(part, ToolUIPart | DynamicToolUIPart):
        return True
    # An approval the user never answered before writing again is abandoned.
    if part.state == "approval-requested" and message_index < last_user_index:
        return False
    if not ignore_incomplete:
        return True
    return part.state in _COMPLETE_STATES or (part.state == "output-available" and part.preliminary is not True)


def convert_to_model_messages(
    messages: Sequence[UIMessage | Mapping[str, Any]],
    *,
    tools: Mapping[str, Any] | Sequence[Any] | None = None,
    ignore_incomplete_tool_calls: bool = False,
    convert_data_part: ConvertDataPart | None = None,
) -> list[ModelMessage]:
    """Convert ``useChat`` messages into model messages for ``generate_text`` / ``stream_text``.

    ``tools``: the app's tools, as ``stream_text`` takes them (a dict by name or a list); a result is turned
    into model output with the tool's ``to_model_output`` when it has one. ``ignore_incomplete_tool_calls``:
    drop tool parts that have no result yet (still streaming, waiting for approval, preliminary output).
    ``convert_data_part``: turns a ``data-<name>`` part into a text or file part for the model (return None
    to drop it).

    Raises :class:`~ai_sdk_core.ui.errors.UIMessageValidationError` for a dict that is not a UI message and
    :class:`~ai_sdk_core.spec.errors.InvalidPromptError` for content that cannot be converted (a file part
    without an absolute URL).
    """
    parsed = [_as_message(message, index) for index, message in enumerate(messages)]
    last_user_index = max((index for index, message in enumerate(parsed) if message.role == "user"), default=-1)
    if ignore_incomplete_tool_calls or last_user_index > 0:
        parsed = [
            message.model_copy(
                update={
                    "parts": [
                        part
                        for part in message.parts
                        if _keep_part(part, index, last_user_index, ignore_incomplete_tool_calls)
                    ]
                }
            )
            for index, message in enumerate(parsed)
        ]
    converter = _Converter(normalize_tools(tools), convert_data_part)
    for index, message in enumerate(parsed):
        converter.message(message, index)
    return converter.output
