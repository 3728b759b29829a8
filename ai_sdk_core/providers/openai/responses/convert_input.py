"""The spec prompt -> the Responses API's ``input`` items.

Items from an earlier answer carry their OpenAI item id in ``provider_options["openai"]["item_id"]`` (put there
as ``provider_metadata`` when the answer was decoded). With ``store`` on (OpenAI's default) such items are sent as
``item_reference``; with ``store`` off they are sent whole with their ids, reasoning items with their
``encrypted_content``. Dropping either makes OpenAI reject the next request, so nothing here loses them.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, TypeAlias

from ai_sdk_core.provider_utils.json import to_json_str
from ai_sdk_core.providers.openai_compatible.convert_to_chat_messages import tool_output_to_text
from ai_sdk_core.spec import (
    AssistantMessage,
    CallWarning,
    FilePart,
    Prompt,
    ReasoningPart,
    SystemMessage,
    TextPart,
    ToolCallPart,
    ToolResultOutput,
    ToolResultPart,
    UnsupportedFunctionalityError,
    UserMessage,
)

__all__ = ["ResponsesInputSettings", "SystemMessageMode", "convert_to_responses_input"]

SystemMessageMode: TypeAlias = Literal["system", "developer", "remove"]

_OPTIONS_NAME = "openai"


@dataclass(slots=True, frozen=True)
class ResponsesInputSettings:
    """How to convert: the role of system messages, and whether earlier items are stored at OpenAI."""

    system_message_mode: SystemMessageMode = "system"
    store: bool = True


def _option(options: Mapping[str, Mapping[str, Any]] | None, key: str) -> Any:
    if options is None:
        return None
    return (options.get(_OPTIONS_NAME) or {}).get(key)


def _is_file_id(data: bytes | str) -> bool:
    # OpenAI file ids ("file-abc123") name an uploaded file, sent as ``file_id``.
    return isinstance(data, str) and data.startswith("file-")


def _data_url(data: bytes | str, media_type: str) -> str:
    if isinstance(data, bytes):
        return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"
    if data.startswith(("http://", "https://", "data:")):
        return data
    return f"data:{media_type};base64,{data}"


def _file_item(part: FilePart, index: int) -> dict[str, Any]:
    if part.media_type.startswith("image/") or part.media_type == "image":
        media_type = "image/jpeg" if part.media_type in ("image/*", "image") else part.media_type
        item: dict[str, Any] = {"type": "input_image"}
        if _is_file_id(part.data):
            item["file_id"] = part.data
        else:
            item["image_url"] = _data_url(part.data, media_type)
        detail = _option(part.provider_options, "image_detail")
        if detail is not None:
            item["detail"] = detail
        return item
    if part.media_type == "application/pdf":
        if _is_file_id(part.data):
            return {"type": "input_file", "file_id": part.data}
        if isinstance(part.data, str) and part.data.startswith(("http://", "https://")):
            return {"type": "input_file", "file_url": part.data}
        return {
            "type": "input_file",
            "filename": part.filename or f"part-{index}.pdf",
            "file_data": _data_url(part.data, "application/pdf"),
        }
    raise UnsupportedFunctionalityError(f"file part media type {part.media_type}")


def _field(content: Any, key: str) -> Any:
    # Content items are ToolResultContentItem dataclasses, or plain dicts when built by hand.
    return content.get(key) if isinstance(content, Mapping) else getattr(content, key, None)


def _tool_output(output: ToolResultOutput) -> str | list[dict[str, Any]]:
    if output.type != "content" or not isinstance(output.value, list):
        return tool_output_to_text(output)
    items: list[dict[str, Any]] = []
    for index, content in enumerate(output.value):
        kind = _field(content, "type")
        if kind == "text":
            items.append({"type": "input_text", "text": _field(content, "text") or ""})
        elif kind == "media":
            media_type = _field(content, "media_type") or "application/octet-stream"
            items.append(_file_item(FilePart(data=_field(content, "data") or "", media_type=media_type), index))
    return items


@dataclass(slots=True)
class _Converter:
    settings: ResponsesInputSettings
    items: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[CallWarning] = field(default_factory=list)
    reasoning_items: dict[str, dict[str, Any]] = field(default_factory=dict)
    message_items: dict[str, dict[str, Any]] = field(default_factory=dict)
    referenced: set[str] = field(default_factory=set)

    def reference(self, item_id: str) -> None:
        # One reference per item: a provider tool's call and result share one item.
        if item_id not in self.referenced:
            self.referenced.add(item_id)
            self.items.append({"type": "item_reference", "id": item_id})

    def system(self, message: SystemMessage) -> None:
        mode = self.settings.system_message_mode
        if mode == "remove":
            self.warnings.append(CallWarning(type="other", message="system messages are removed for this model"))
            return
        self.items.append({"role": mode, "content": message.content})

    def user(self, message: UserMessage) -> None:
        content: list[dict[str, Any]] = []
        for index, part in enumerate(message.content):
            if isinstance(part, TextPart):
                content.append({"type": "input_text", "text": part.text})
            else:
                content.append(_file_item(part, index))
        self.items.append({"role": "user", "content": content})

    def assistant(self, message: AssistantMessage) -> None:
        store = self.settings.store
        for part in message.content:
            item_id = _option(part.provider_options, "item_id")
            if isinstance(part, TextPart):
                if store and item_id is not None:
                    self.reference(item_id)
                    continue
                output_text = {"type": "output_text", "text": part.text}
                existing = self.message_items.get(str(item_id)) if item_id is not None else None
                if existing is not None:
                    # One message item comes back as one text part per content entry: they rejoin the same
                    # item, since OpenAI rejects two input items with one id.
                    existing["content"].append(output_text)
                    continue
                text_item: dict[str, Any] = {"role": "assistant", "content": [output_text]}
                if item_id is not None:
                    text_item["id"] = item_id
                    self.message_items[str(item_id)] = text_item
                self.items.append(text_item)
            elif isinstance(part, ReasoningPart):
                self.reasoning(part, item_id)
            elif isinstance(part, ToolCallPart):
                self.tool_call(part, item_id)
            elif isinstance(part, ToolResultPart):
                # Only built-in tools' results sit in assistant messages; OpenAI keeps them with the call's item.
                if store and item_id is not None:
                    self.reference(item_id)
                elif not store:
                    self.warnings.append(
                        CallWarning(
                            type="other",
                            message=f"results of the built-in tool {part.tool_name} are not sent when store is off",
                        )
                    )
            else:
                self.warnings.append(CallWarning(type="unsupported", feature="file parts in assistant messages"))

    def reasoning(self, part: ReasoningPart, item_id: Any) -> None:
        if not isinstance(item_id, str):
            self.warnings.append(
                CallWarning(type="other", message="reasoning parts without an OpenAI item id are not sent")
            )
            return
        if self.settings.store:
            self.reference(item_id)
            return
        summary = [{"type": "summary_text", "text": part.text}] if part.text else []
        existing = self.reasoning_items.get(item_id)
        if existing is not None:
            # One reasoning item comes back as one part per summary paragraph: they rejoin the same item.
            existing["summary"].extend(summary)
            return
        item: dict[str, Any] = {"type": "reasoning", "id": item_id, "summary": summary}
        encrypted_content = _option(part.provider_options, "reasoning_encrypted_content")
        if encrypted_content is not None:
            item["encrypted_content"] = encrypted_content
        self.reasoning_items[item_id] = item
        self.items.append(item)

    def tool_call(self, part: ToolCallPart, item_id: Any) -> None:
        if part.provider_executed:
            # OpenAI ran it: it can only be pointed at, never replayed.
            if self.settings.store and item_id is not None:
                self.reference(item_id)
            return
        if self.settings.store and item_id is not None:
            self.reference(item_id)
            return
        item: dict[str, Any] = {
            "type": "function_call",
            "call_id": part.tool_call_id,
            "name": part.tool_name,
            "arguments": to_json_str(part.input),
        }
        if item_id is not None:
            item["id"] = item_id
        self.items.append(item)

    def tool_results(self, parts: list[ToolResultPart]) -> None:
        for part in parts:
            self.items.append(
                {"type": "function_call_output", "call_id": part.tool_call_id, "output": _tool_output(part.output)}
            )


def convert_to_responses_input(
    prompt: Prompt, settings: ResponsesInputSettings | None = None
) -> tuple[list[dict[str, Any]], list[CallWarning]]:
    """``input`` items for ``prompt`` and the warnings found converting it.

    >>> from ai_sdk_core.spec import UserMessage, TextPart
    >>> convert_to_responses_input([UserMessage([TextPart("Hi")])])[0]
    [{'role': 'user', 'content': [{'type': 'input_text', 'text': 'Hi'}]}]
    """
    converter = _Converter(settings or ResponsesInputSettings())
    for message in prompt:
        if isinstance(message, SystemMessage):
            converter.system(message)
        elif isinstance(message, UserMessage):
            converter.user(message)
        elif isinstance(message, AssistantMessage):
            converter.assistant(message)
        else:
            converter.tool_results(message.content)
    return converter.items, converter.warnings
