"""What a model produces: content parts of a generate result, also emitted whole in streams.

Every part may carry ``provider_metadata``. It must round-trip into the next request (as the matching prompt
part's ``provider_options``): thinking signatures and item ids live there, and losing them makes providers
answer 400.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Literal, TypeAlias

from ai_sdk_core.spec.shared import ProviderMetadata

__all__ = [
    "Content",
    "FileContent",
    "ReasoningContent",
    "SourceContent",
    "TextContent",
    "ToolCallContent",
    "ToolResultContent",
]


@dataclass(slots=True)
class TextContent:
    text: str
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[str] = "text"


@dataclass(slots=True)
class ReasoningContent:
    text: str
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[str] = "reasoning"


@dataclass(slots=True)
class FileContent:
    """A generated file. ``data`` is base64 text or raw bytes."""

    media_type: str
    data: str | bytes
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[str] = "file"


@dataclass(slots=True)
class SourceContent:
    """A source the model cited.

    ``source_type`` is ``"url"`` (with ``url``) or ``"document"`` (with ``media_type`` and ``filename``).
    """

    source_type: Literal["url", "document"]
    id: str
    url: str | None = None
    title: str | None = None
    media_type: str | None = None
    filename: str | None = None
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[str] = "source"


@dataclass(slots=True)
class ToolCallContent:
    """A tool call. ``input`` is the model's input as a JSON string, unparsed: the core validates it."""

    tool_call_id: str
    tool_name: str
    input: str
    provider_executed: bool | None = None
    dynamic: bool | None = None
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[str] = "tool-call"


@dataclass(slots=True)
class ToolResultContent:
    """The result of a tool the provider ran itself (web search, code interpreter, ...)."""

    tool_call_id: str
    tool_name: str
    result: Any
    is_error: bool | None = None
    dynamic: bool | None = None
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[str] = "tool-result"


Content: TypeAlias = TextContent | ReasoningContent | FileContent | SourceContent | ToolCallContent | ToolResultContent
