"""Validation of dict messages (outside input) into typed messages, through pydantic.

Loose on purpose: unknown keys are ignored (the JS client adds fields over time), camelCase and snake_case
keys are both accepted. A bad message raises :class:`~ai_sdk_core.spec.errors.InvalidPromptError` naming the
path of the offending value, e.g. ``messages[1].content[0].image``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError
from pydantic.alias_generators import to_camel

from ai_sdk_core.prompt.messages import (
    AssistantContentPart,
    AssistantModelMessage,
    FilePart,
    ImagePart,
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
from ai_sdk_core.spec.prompt import ToolResultContentItem, ToolResultOutput

__all__ = ["validate_message"]

ProviderOptionsField = dict[str, dict[str, Any]] | None


class _Loose(BaseModel):
    model_config = ConfigDict(
        extra="ignore",
        alias_generator=to_camel,
        validate_by_name=True,
        validate_by_alias=True,
        arbitrary_types_allowed=True,
    )


class _Text(_Loose):
    type: Literal["text"]
    text: str
    provider_options: ProviderOptionsField = None

    def typed(self) -> TextPart:
        return TextPart(text=self.text, provider_options=self.provider_options)


class _Image(_Loose):
    type: Literal["image"]
    image: str | bytes
    media_type: str | None = None
    provider_options: ProviderOptionsField = None

    def typed(self) -> ImagePart:
        return ImagePart(image=self.image, media_type=self.media_type, provider_options=self.provider_options)


class _File(_Loose):
    type: Literal["file"]
    data: str | bytes
    media_type: str
    filename: str | None = None
    provider_options: ProviderOptionsField = None

    def typed(self) -> FilePart:
        return FilePart(
            data=self.data,
            media_type=self.media_type,
            filename=self.filename,
            provider_options=self.provider_options,
        )


class _Reasoning(_Loose):
    type: Literal["reasoning"]
    text: str
    provider_options: ProviderOptionsField = None

    def typed(self) -> ReasoningPart:
        return ReasoningPart(text=self.text, provider_options=self.provider_options)


class _ToolCall(_Loose):
    type: Literal["tool-call"]
    tool_call_id: str
    tool_name: str
    input: Any = None
    provider_executed: bool | None = None
    provider_options: ProviderOptionsField = None

    def typed(self) -> ToolCallPart:
        return ToolCallPart(
            tool_call_id=self.tool_call_id,
            tool_name=self.tool_name,
            input=self.input if self.input is not None else {},
            provider_executed=self.provider_executed,
            provider_options=self.provider_options,
        )


class _ContentItem(_Loose):
    type: Literal["text", "media"]
    text: str | None = None
    data: str | None = None
    media_type: str | None = None


class _Output(_Loose):
    type: Literal["text", "json", "error-text", "error-json", "execution-denied", "content"]
    value: Any = None
    reason: str | None = None

    def typed(self) -> ToolResultOutput:
        value = self.value
        if self.type == "content":
            items = TypeAdapter(list[_ContentItem]).validate_python(value or [])
            value = [
                ToolResultContentItem(type=item.type, text=item.text, data=item.data, media_type=item.media_type)
                for item in items
            ]
        return ToolResultOutput(type=self.type, value=value, reason=self.reason)


class _ToolResult(_Loose):
    type: Literal["tool-result"]
    tool_call_id: str
    tool_name: str
    output: _Output | ToolResultOutput | None = None
    # Older SDK versions sent a bare ``result``; it is read as JSON output.
    result: Any = None
    provider_options: ProviderOptionsField = None

    def typed(self) -> ToolResultPart:
        if isinstance(self.output, ToolResultOutput):
            output = self.output
        elif self.output is not None:
            output = self.output.typed()
        elif isinstance(self.result, str):
            output = ToolResultOutput(type="text", value=self.result)
        else:
            output = ToolResultOutput(type="json", value=self.result)
        return ToolResultPart(
            tool_call_id=self.tool_call_id,
            tool_name=self.tool_name,
            output=output,
            provider_options=self.provider_options,
        )


class _ApprovalRequest(_Loose):
    type: Literal["tool-approval-request"]
    approval_id: str
    tool_call_id: str

    def typed(self) -> ToolApprovalRequestPart:
        return ToolApprovalRequestPart(approval_id=self.approval_id, tool_call_id=self.tool_call_id)


class _ApprovalResponse(_Loose):
    type: Literal["tool-approval-response"]
    approval_id: str
    approved: bool
    reason: str | None = None
    provider_executed: bool | None = None

    def typed(self) -> ToolApprovalResponse:
        return ToolApprovalResponse(
            approval_id=self.approval_id,
            approved=self.approved,
            reason=self.reason,
            provider_executed=self.provider_executed,
        )


_UserPart = Annotated[_Text | _Image | _File, Field(discriminator="type")]
_AssistantPart = Annotated[
    _Text | _File | _Reasoning | _ToolCall | _ToolResult | _ApprovalRequest, Field(discriminator="type")
]
_ToolPart = Annotated[_ToolResult | _ApprovalResponse, Field(discriminator="type")]


class _System(_Loose):
    role: Literal["system"]
    content: str
    provider_options: ProviderOptionsField = None

    def typed(self) -> SystemModelMessage:
        return SystemModelMessage(content=self.content, provider_options=self.provider_options)


class _User(_Loose):
    role: Literal["user"]
    content: str | list[_UserPart]
    provider_options: ProviderOptionsField = None

    def typed(self) -> UserModelMessage:
        content: str | list[UserContentPart] = (
            self.content if isinstance(self.content, str) else [part.typed() for part in self.content]
        )
        return UserModelMessage(content=content, provider_options=self.provider_options)


class _Assistant(_Loose):
    role: Literal["assistant"]
    content: str | list[_AssistantPart]
    provider_options: ProviderOptionsField = None

    def typed(self) -> AssistantModelMessage:
        content: str | list[AssistantContentPart] = (
            self.content if isinstance(self.content, str) else [part.typed() for part in self.content]
        )
        return AssistantModelMessage(content=content, provider_options=self.provider_options)


class _Tool(_Loose):
    role: Literal["tool"]
    content: list[_ToolPart]
    provider_options: ProviderOptionsField = None

    def typed(self) -> ToolModelMessage:
        content: list[ToolContentPart] = [part.typed() for part in self.content]
        return ToolModelMessage(content=content, provider_options=self.provider_options)


_MESSAGE_ADAPTER: TypeAdapter[_System | _User | _Assistant | _Tool] = TypeAdapter(
    Annotated[_System | _User | _Assistant | _Tool, Field(discriminator="role")]
)


def _format_location(prefix: str, location: tuple[int | str, ...]) -> str:
    """``messages[1].content[0].image`` from pydantic's location, dropping its union bookkeeping: the role tag
    (first item), the part tag (the item after a list index) and union branch labels (``str``, ``list[...]``)."""
    path = prefix
    previous: int | str | None = None
    for position, item in enumerate(location):
        skip = (
            position == 0
            or (isinstance(item, str) and ("[" in item or item in ("str", "bytes")))
            or (isinstance(previous, int) and isinstance(item, str))
        )
        previous = item
        if skip:
            continue
        path += f"[{item}]" if isinstance(item, int) else f".{item}"
    return path


def validate_message(value: Mapping[str, Any], *, path: str = "messages[0]") -> ModelMessage:
    """Turn one dict message into a typed message, or raise ``InvalidPromptError`` naming the bad path."""
    try:
        parsed = _MESSAGE_ADAPTER.validate_python(value)
    except ValidationError as error:
        # The deepest location is the most specific (pydantic reports every failed union branch).
        first = max(error.errors(include_url=False), key=lambda item: len(item["loc"]))
        location = _format_location(path, tuple(first["loc"]))
        raise InvalidPromptError(f"Invalid message at {location}: {first['msg']}") from error
    return parsed.typed()
