"""Parts of a model's stream. These are on the hot path (one per token), so they are slotted dataclasses that
do no validation. Each has a ``type`` class attribute with the V4 name, and they pattern-match by class::

    match part:
        case TextDelta(delta=delta): ...
        case Finish(usage=usage): ...

Whole content parts (:class:`~ai_sdk_core.spec.content.ToolCallContent`, ``ToolResultContent``, ``FileContent``,
``SourceContent``) are stream parts too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar, TypeAlias

from ai_sdk_core.spec.content import (
    FileContent,
    SourceContent,
    ToolCallContent,
    ToolResultContent,
)
from ai_sdk_core.spec.finish_reason import FinishReason
from ai_sdk_core.spec.shared import CallWarning, ProviderMetadata
from ai_sdk_core.spec.usage import Usage

__all__ = [
    "Finish",
    "Raw",
    "ReasoningDelta",
    "ReasoningEnd",
    "ReasoningStart",
    "ResponseMetadata",
    "StreamError",
    "StreamPart",
    "StreamStart",
    "TextDelta",
    "TextEnd",
    "TextStart",
    "ToolInputDelta",
    "ToolInputEnd",
    "ToolInputStart",
]


@dataclass(slots=True)
class StreamStart:
    warnings: Sequence[CallWarning] = field(default_factory=tuple)
    type: ClassVar[str] = "stream-start"


@dataclass(slots=True)
class ResponseMetadata:
    id: str | None = None
    timestamp: datetime | None = None
    model_id: str | None = None
    type: ClassVar[str] = "response-metadata"


@dataclass(slots=True)
class TextStart:
    id: str
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[str] = "text-start"


@dataclass(slots=True)
class TextDelta:
    id: str
    delta: str
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[str] = "text-delta"


@dataclass(slots=True)
class TextEnd:
    id: str
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[str] = "text-end"


@dataclass(slots=True)
class ReasoningStart:
    id: str
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[str] = "reasoning-start"


@dataclass(slots=True)
class ReasoningDelta:
    id: str
    delta: str
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[str] = "reasoning-delta"


@dataclass(slots=True)
class ReasoningEnd:
    id: str
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[str] = "reasoning-end"


@dataclass(slots=True)
class ToolInputStart:
    """A tool call's input begins streaming; ``id`` is the tool call id."""

    id: str
    tool_name: str
    provider_executed: bool | None = None
    dynamic: bool | None = None
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[str] = "tool-input-start"


@dataclass(slots=True)
class ToolInputDelta:
    id: str
    delta: str
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[str] = "tool-input-delta"


@dataclass(slots=True)
class ToolInputEnd:
    id: str
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[str] = "tool-input-end"


@dataclass(slots=True)
class Finish:
    usage: Usage
    finish_reason: FinishReason
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[str] = "finish"


@dataclass(slots=True)
class Raw:
    """A provider chunk, untouched; sent only when the call asked for raw chunks."""

    raw_value: Any
    type: ClassVar[str] = "raw"


@dataclass(slots=True)
class StreamError:
    """An error inside the stream (the provider sent an error event, or a chunk did not decode)."""

    error: Any
    type: ClassVar[str] = "error"


StreamPart: TypeAlias = (
    StreamStart
    | ResponseMetadata
    | TextStart
    | TextDelta
    | TextEnd
    | ReasoningStart
    | ReasoningDelta
    | ReasoningEnd
    | ToolInputStart
    | ToolInputDelta
    | ToolInputEnd
    | ToolCallContent
    | ToolResultContent
    | FileContent
    | SourceContent
    | Finish
    | Raw
    | StreamError
)
