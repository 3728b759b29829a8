"""The prompt a model receives: a list of typed messages of typed parts (the V4 ``LanguageModelPrompt``).

User-facing message shapes (dicts, URLs, base64, ...) are converted into these by ``ai_sdk_core.prompt``;
providers only ever see these types.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal, TypeAlias

from ai_sdk_core.spec.shared import ProviderOptions

__all__ = [
    "AssistantMessage",
    "AssistantPart",
    "FilePart",
    "Message",
    "Prompt",
    "ReasoningPart",
    "SystemMessage",
    "TextPart",
    "ToolCallPart",
    "ToolMessage",
    "ToolResultContentItem",
    "ToolResultOutput",
    "ToolResultPart",
    "UserMessage",
    "UserPart",
]


@dataclass(slots=True)
class TextPart:
    text: str
    provider_options: ProviderOptions | None = None
    type: ClassVar[str] = "text"


@dataclass(slots=True)
class ReasoningPart:
    """Reasoning from an earlier assistant turn; its ``provider_options`` carry signatures back to the provider."""

    text: str
    provider_options: ProviderOptions | None = None
    type: ClassVar[str] = "reasoning"


@dataclass(slots=True)
class FilePart:
    """A file: ``data`` is raw bytes, a base64 string, or a URL string (``http(s)://``, ``data:``) the provider
    accepts directly (see ``LanguageModel.supported_urls``). ``media_type`` is an IANA type, e.g. ``image/png``."""

    data: bytes | str
    media_type: str
    filename: str | None = None
    provider_options: ProviderOptions | None = None
    type: ClassVar[str] = "file"


@dataclass(slots=True)
class ToolCallPart:
    """A tool call from an earlier assistant turn. ``input`` is the parsed JSON value."""

    tool_call_id: str
    tool_name: str
    input: Any
    provider_executed: bool | None = None
    provider_options: ProviderOptions | None = None
    type: ClassVar[str] = "tool-call"


@dataclass(slots=True)
class ToolResultContentItem:
    """One item of a ``content`` tool output: text, or media (``data`` base64) of ``media_type``."""

    type: Literal["text", "media"]
    text: str | None = None
    data: str | None = None
    media_type: str | None = None


@dataclass(slots=True)
class ToolResultOutput:
    """A tool's output as the model will read it.

    ``text``/``json``: a successful result; ``error-text``/``error-json``: the tool failed; ``execution-denied``:
    the call was not approved (``reason``); ``content``: a list of :class:`ToolResultContentItem`.
    """

    type: Literal["text", "json", "error-text", "error-json", "execution-denied", "content"]
    value: Any = None
    reason: str | None = None


@dataclass(slots=True)
class ToolResultPart:
    tool_call_id: str
    tool_name: str
    output: ToolResultOutput
    provider_options: ProviderOptions | None = None
    type: ClassVar[str] = "tool-result"


UserPart: TypeAlias = TextPart | FilePart
AssistantPart: TypeAlias = TextPart | FilePart | ReasoningPart | ToolCallPart | ToolResultPart


@dataclass(slots=True)
class SystemMessage:
    content: str
    provider_options: ProviderOptions | None = None
    role: ClassVar[str] = "system"


@dataclass(slots=True)
class UserMessage:
    content: list[UserPart] = field(default_factory=list)
    provider_options: ProviderOptions | None = None
    role: ClassVar[str] = "user"


@dataclass(slots=True)
class AssistantMessage:
    content: list[AssistantPart] = field(default_factory=list)
    provider_options: ProviderOptions | None = None
    role: ClassVar[str] = "assistant"


@dataclass(slots=True)
class ToolMessage:
    content: list[ToolResultPart] = field(default_factory=list)
    provider_options: ProviderOptions | None = None
    role: ClassVar[str] = "tool"


Message: TypeAlias = SystemMessage | UserMessage | AssistantMessage | ToolMessage
Prompt: TypeAlias = list[Message]
