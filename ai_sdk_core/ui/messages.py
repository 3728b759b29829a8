"""UI messages: what ``useChat`` keeps in its state and posts back, as pydantic models (``ai`` 7.x shapes).

Parsing is tolerant: unknown keys are kept (``extra="allow"``) and re-serialised, and a part whose ``type`` is
not known becomes an :class:`UnknownUIPart` that keeps all its keys, because the JS client adds fields and part
types over time. Python names are snake_case; the wire names are camelCase (both are accepted on input)::

    message = UIMessage.model_validate({"id": "m1", "role": "user", "parts": [{"type": "text", "text": "Hi"}]})
    message.parts[0].text          # "Hi"
    message.to_dict()              # the client's JSON shape again, key for key

:meth:`UIMessage.to_dict` gives back exactly what was parsed: a key that was absent stays absent and an explicit
``null`` stays ``null``. ``model_dump(by_alias=True, exclude_none=True)`` gives the same shape except that
explicit nulls (a tool ``output`` of ``null``, say) are dropped.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, TypeAlias

from pydantic import BaseModel, ConfigDict, Discriminator, Tag, field_validator
from pydantic.alias_generators import to_camel

__all__ = [
    "CustomUIPart",
    "DataUIPart",
    "DynamicToolUIPart",
    "FileUIPart",
    "ReasoningFileUIPart",
    "ReasoningUIPart",
    "SourceDocumentUIPart",
    "SourceUrlUIPart",
    "SteeringMessageUIPart",
    "StepStartUIPart",
    "TextUIPart",
    "ToolApproval",
    "ToolUIPart",
    "ToolUIPartState",
    "UIMessage",
    "UIMessagePart",
    "UnknownUIPart",
    "part_type_tag",
]

ToolUIPartState: TypeAlias = Literal[
    "input-streaming",
    "input-available",
    "approval-requested",
    "approval-responded",
    "output-available",
    "output-error",
    "output-denied",
]
"""The states of a tool part, in the order a call goes through them."""

ProviderMetadata: TypeAlias = dict[str, Any]


class _UIModel(BaseModel):
    """Base of every UI model: camelCase aliases, names accepted too, unknown keys kept."""

    model_config = ConfigDict(
        extra="allow",
        alias_generator=to_camel,
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
    )

    def model_post_init(self, context: Any, /) -> None:
        # ``type`` has a default on the fixed part types; count it as set so ``exclude_unset`` dumps keep it.
        if "type" in type(self).model_fields:
            self.__pydantic_fields_set__.add("type")

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready dict in the client's shape (camelCase; absent keys omitted, explicit nulls kept)."""
        return self.model_dump(by_alias=True, exclude_unset=True)


class TextUIPart(_UIModel):
    """Text of a message; ``state`` is ``"streaming"`` until the text is complete."""

    type: Literal["text"] = "text"
    text: str
    state: Literal["streaming", "done"] | None = None
    provider_metadata: ProviderMetadata | None = None
    citations: list[Any] | None = None


class ReasoningUIPart(_UIModel):
    """The model's reasoning; ``provider_metadata`` carries what a provider needs to continue it (signatures)."""

    type: Literal["reasoning"] = "reasoning"
    text: str
    id: str | None = None
    state: Literal["streaming", "done"] | None = None
    provider_metadata: ProviderMetadata | None = None


class ToolApproval(_UIModel):
    """The approval of a tool call: ``approved`` is None while the user has not answered."""

    id: str
    approved: bool | None = None
    reason: str | None = None
    request_reason: str | None = None
    descriptor: Any = None
    is_automatic: bool | None = None
    signature: str | None = None
    input_schema_input: Any = None


class _ToolPartFields(_UIModel):
    type: str  # narrowed by each subclass; declared here so it comes first when dumped
    tool_call_id: str
    state: ToolUIPartState
    input: Any = None
    output: Any = None
    error_text: str | None = None
    raw_input: Any = None
    input_encoding: Literal["json", "text"] | None = None
    provider_executed: bool | None = None
    call_provider_metadata: ProviderMetadata | None = None
    result_provider_metadata: ProviderMetadata | None = None
    approval: ToolApproval | None = None
    preliminary: bool | None = None
    title: str | None = None
    tool_metadata: dict[str, Any] | None = None


class ToolUIPart(_ToolPartFields):
    """A call of a tool known to the app: ``type`` is ``"tool-<name>"``; ``tool_name`` reads the name back."""

    type: str

    @field_validator("type")
    @classmethod
    def _check_type(cls, value: str) -> str:
        if not value.startswith("tool-"):
            raise ValueError("a tool part's type starts with 'tool-'")
        return value

    @property
    def tool_name(self) -> str:
        """The tool's name (``type`` without its ``tool-`` prefix)."""
        return self.type[5:]


class DynamicToolUIPart(_ToolPartFields):
    """A call of a tool whose types are not known ahead (MCP tools, tools no longer available)."""

    type: Literal["dynamic-tool"] = "dynamic-tool"
    tool_name: str
    dynamic: bool | None = None


class SourceUrlUIPart(_UIModel):
    """A web page the answer cites."""

    type: Literal["source-url"] = "source-url"
    source_id: str
    url: str
    title: str | None = None
    provider_metadata: ProviderMetadata | None = None


class SourceDocumentUIPart(_UIModel):
    """A document the answer cites."""

    type: Literal["source-document"] = "source-document"
    source_id: str
    media_type: str
    title: str
    filename: str | None = None
    provider_metadata: ProviderMetadata | None = None


class FileUIPart(_UIModel):
    """A file: ``url`` is a ``data:`` URL or a hosted URL."""

    type: Literal["file"] = "file"
    media_type: str
    url: str
    filename: str | None = None
    provider_reference: dict[str, str] | None = None
    provider_metadata: ProviderMetadata | None = None


class ReasoningFileUIPart(_UIModel):
    """A file produced as part of the model's reasoning (7.x)."""

    type: Literal["reasoning-file"] = "reasoning-file"
    media_type: str
    url: str
    provider_metadata: ProviderMetadata | None = None


class CustomUIPart(_UIModel):
    """Provider-specific content of a ``kind`` the SDK does not model (7.x)."""

    type: Literal["custom"] = "custom"
    kind: str
    provider_metadata: ProviderMetadata | None = None


class SteeringMessageUIPart(_UIModel):
    """A user message injected while the assistant was answering (7.x); ``parts`` are text and file parts."""

    type: Literal["steering-message"] = "steering-message"
    id: str
    parts: list[dict[str, Any]]


class DataUIPart(_UIModel):
    """App data written by the server: ``type`` is ``"data-<name>"``; parts with the same type and ``id`` are
    updated in place."""

    type: str
    id: str | None = None
    data: Any = None

    @field_validator("type")
    @classmethod
    def _check_type(cls, value: str) -> str:
        if not value.startswith("data-"):
            raise ValueError("a data part's type starts with 'data-'")
        return value

    @property
    def name(self) -> str:
        """The data part's name (``type`` without its ``data-`` prefix)."""
        return self.type[5:]


class StepStartUIPart(_UIModel):
    """The boundary between two steps of a multi-step answer."""

    type: Literal["step-start"] = "step-start"


class UnknownUIPart(_UIModel):
    """A part of a type this SDK does not know; all its keys are kept and sent back unchanged."""

    type: str


_TAG_OF_TYPE = {
    "text": "text",
    "reasoning": "reasoning",
    "dynamic-tool": "dynamic-tool",
    "source-url": "source-url",
    "source-document": "source-document",
    "file": "file",
    "reasoning-file": "reasoning-file",
    "custom": "custom",
    "steering-message": "steering-message",
    "step-start": "step-start",
}


def part_type_tag(value: Any) -> str:
    """The union tag of a raw or parsed part: its type, ``"tool"``/``"data"`` for prefixed types, or
    ``"unknown"``."""
    part_type = value.get("type") if isinstance(value, dict) else getattr(value, "type", None)
    if not isinstance(part_type, str):
        return "unknown"
    tag = _TAG_OF_TYPE.get(part_type)
    if tag is not None:
        return tag
    if part_type.startswith("tool-"):
        return "tool"
    if part_type.startswith("data-"):
        return "data"
    return "unknown"


UIMessagePart: TypeAlias = Annotated[
    Annotated[TextUIPart, Tag("text")]
    | Annotated[ReasoningUIPart, Tag("reasoning")]
    | Annotated[ToolUIPart, Tag("tool")]
    | Annotated[DynamicToolUIPart, Tag("dynamic-tool")]
    | Annotated[SourceUrlUIPart, Tag("source-url")]
    | Annotated[SourceDocumentUIPart, Tag("source-document")]
    | Annotated[FileUIPart, Tag("file")]
    | Annotated[ReasoningFileUIPart, Tag("reasoning-file")]
    | Annotated[CustomUIPart, Tag("custom")]
    | Annotated[SteeringMessageUIPart, Tag("steering-message")]
    | Annotated[DataUIPart, Tag("data")]
    | Annotated[StepStartUIPart, Tag("step-start")]
    | Annotated[UnknownUIPart, Tag("unknown")],
    Discriminator(part_type_tag),
]
"""Any part of a UI message, chosen by its ``type``."""


class UIMessage(_UIModel):
    """A chat message as ``useChat`` holds it: ``parts`` in order, optional app ``metadata``."""

    id: str
    role: Literal["system", "user", "assistant"]
    # Required, as in the JS type: a message without parts is not one the client sent (and the OpenAPI schema of
    # a request body says so).
    parts: list[UIMessagePart]
    metadata: Any = None
