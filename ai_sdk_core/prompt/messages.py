"""User-facing messages (the AI SDK's ``ModelMessage``): what callers pass as ``messages=`` and what
``result.response.messages`` returns.

Plain dicts in the JS SDK's shape work too (``{"role": "user", "content": "hi"}``, camelCase or snake_case
keys); they are validated and turned into these classes. Files and images are bytes, base64 strings,
``data:`` URLs or ``http(s)`` URLs.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeAlias

from ai_sdk_core.spec.prompt import ToolResultContentItem, ToolResultOutput
from ai_sdk_core.spec.shared import ProviderOptions

__all__ = [
    "AssistantContentPart",
    "AssistantModelMessage",
    "FilePart",
    "ImagePart",
    "ModelMessage",
    "ReasoningPart",
    "SystemModelMessage",
    "TextPart",
    "ToolApprovalRequestPart",
    "ToolApprovalResponse",
    "ToolCallPart",
    "ToolContentPart",
    "ToolModelMessage",
    "ToolResultPart",
    "UserContentPart",
    "UserModelMessage",
    "message_to_dict",
]


@dataclass(slots=True)
class TextPart:
    """Text."""

    text: str
    provider_options: ProviderOptions | None = None
    type: ClassVar[str] = "text"


@dataclass(slots=True)
class ImagePart:
    """An image: bytes, a base64 string, a ``data:`` URL or an ``http(s)`` URL. ``media_type`` is detected from
    the bytes when left out."""

    image: bytes | str
    media_type: str | None = None
    provider_options: ProviderOptions | None = None
    type: ClassVar[str] = "image"


@dataclass(slots=True)
class FilePart:
    """A file (PDF, audio, ...): bytes, a base64 string, a ``data:`` URL or an ``http(s)`` URL."""

    data: bytes | str
    media_type: str
    filename: str | None = None
    provider_options: ProviderOptions | None = None
    type: ClassVar[str] = "file"


@dataclass(slots=True)
class ReasoningPart:
    """Reasoning of an earlier assistant turn (its ``provider_options`` carry signatures back)."""

    text: str
    provider_options: ProviderOptions | None = None
    type: ClassVar[str] = "reasoning"


@dataclass(slots=True)
class ToolCallPart:
    """A tool call of an earlier assistant turn; ``input`` is the parsed JSON value."""

    tool_call_id: str
    tool_name: str
    input: Any
    provider_executed: bool | None = None
    provider_options: ProviderOptions | None = None
    type: ClassVar[str] = "tool-call"


@dataclass(slots=True)
class ToolResultPart:
    """A tool's result; ``output`` is what the model reads (``ToolResultOutput(type="text", value=...)``)."""

    tool_call_id: str
    tool_name: str
    output: ToolResultOutput
    provider_options: ProviderOptions | None = None
    type: ClassVar[str] = "tool-result"


@dataclass(slots=True)
class ToolApprovalRequestPart:
    """In an assistant turn: the SDK asked the caller to approve the call ``tool_call_id`` (``approval_id``)."""

    approval_id: str
    tool_call_id: str
    type: ClassVar[str] = "tool-approval-request"


@dataclass(slots=True)
class ToolApprovalResponse:
    """In a tool message: the caller's decision on an approval request. Approved calls run when the loop
    resumes; denied ones are answered with an ``execution-denied`` output carrying ``reason``."""

    approval_id: str
    approved: bool
    reason: str | None = None
    provider_executed: bool | None = None
    type: ClassVar[str] = "tool-approval-response"


UserContentPart: TypeAlias = TextPart | ImagePart | FilePart
AssistantContentPart: TypeAlias = (
    TextPart | FilePart | ReasoningPart | ToolCallPart | ToolResultPart | ToolApprovalRequestPart
)
ToolContentPart: TypeAlias = ToolResultPart | ToolApprovalResponse


@dataclass(slots=True)
class SystemModelMessage:
    """Instructions for the model."""

    content: str
    provider_options: ProviderOptions | None = None
    role: ClassVar[str] = "system"


@dataclass(slots=True)
class UserModelMessage:
    """A user turn: a string or a list of text, image and file parts."""

    content: str | list[UserContentPart]
    provider_options: ProviderOptions | None = None
    role: ClassVar[str] = "user"


@dataclass(slots=True)
class AssistantModelMessage:
    """An assistant turn: a string or a list of text, reasoning, file, tool-call and tool-result parts."""

    content: str | list[AssistantContentPart]
    provider_options: ProviderOptions | None = None
    role: ClassVar[str] = "assistant"


@dataclass(slots=True)
class ToolModelMessage:
    """Results of the tools called in the previous assistant turn, and answers to approval requests."""

    content: list[ToolContentPart] = field(default_factory=list)
    provider_options: ProviderOptions | None = None
    role: ClassVar[str] = "tool"


ModelMessage: TypeAlias = SystemModelMessage | UserModelMessage | AssistantModelMessage | ToolModelMessage


def _binary(value: bytes | str) -> str:
    return base64.b64encode(value).decode("ascii") if isinstance(value, bytes) else value


def _output_to_dict(output: ToolResultOutput) -> dict[str, Any]:
    result: dict[str, Any] = {"type": output.type}
    if output.type == "content" and isinstance(output.value, list):
        items: list[dict[str, Any]] = []
        for item in output.value:
            if isinstance(item, ToolResultContentItem):
                entry: dict[str, Any] = {"type": item.type}
                if item.text is not None:
                    entry["text"] = item.text
                if item.data is not None:
                    entry["data"] = item.data
                if item.media_type is not None:
                    entry["mediaType"] = item.media_type
                items.append(entry)
            else:
                items.append(item)
        result["value"] = items
    elif output.type == "execution-denied":
        if output.reason is not None:
            result["reason"] = output.reason
    else:
        result["value"] = output.value
    return result


def _part_to_dict(part: Any) -> dict[str, Any]:
    result: dict[str, Any] = {"type": part.type}
    if isinstance(part, TextPart | ReasoningPart):
        result["text"] = part.text
    elif isinstance(part, ImagePart):
        result["image"] = _binary(part.image)
        if part.media_type is not None:
            result["mediaType"] = part.media_type
    elif isinstance(part, FilePart):
        result["data"] = _binary(part.data)
        result["mediaType"] = part.media_type
        if part.filename is not None:
            result["filename"] = part.filename
    elif isinstance(part, ToolCallPart):
        result.update(toolCallId=part.tool_call_id, toolName=part.tool_name, input=part.input)
        if part.provider_executed is not None:
            result["providerExecuted"] = part.provider_executed
    elif isinstance(part, ToolResultPart):
        result.update(toolCallId=part.tool_call_id, toolName=part.tool_name, output=_output_to_dict(part.output))
    elif isinstance(part, ToolApprovalRequestPart):
        result.update(approvalId=part.approval_id, toolCallId=part.tool_call_id)
    elif isinstance(part, ToolApprovalResponse):
        result.update(approvalId=part.approval_id, approved=part.approved)
        if part.reason is not None:
            result["reason"] = part.reason
        if part.provider_executed is not None:
            result["providerExecuted"] = part.provider_executed
    if getattr(part, "provider_options", None):
        result["providerOptions"] = {key: dict(value) for key, value in part.provider_options.items()}
    return result


def message_to_dict(message: ModelMessage) -> dict[str, Any]:
    """The JSON-ready dict form of a message, camelCase like the JS SDK (bytes become base64).

    ``messages=[message_to_dict(m) for m in result.response.messages]`` round-trips, so a chat can be
    stored as JSON and resumed.
    """
    content: Any
    content = message.content if isinstance(message.content, str) else [_part_to_dict(part) for part in message.content]
    result: dict[str, Any] = {"role": message.role, "content": content}
    if message.provider_options:
        result["providerOptions"] = {key: dict(value) for key, value in message.provider_options.items()}
    return result
