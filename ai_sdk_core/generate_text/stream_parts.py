"""Parts of ``stream_text``'s ``full_stream`` (the AI SDK's ``TextStreamPart``), in order::

    start
      start-step
        text-start / text-delta / text-end, reasoning-*, tool-input-start/delta/end, source, file,
        tool-call, tool-approval-request, tool-result | tool-error | tool-output-denied, raw
      finish-step
      ... (one start-step .. finish-step per step)
    finish

A stream that breaks yields an ``error`` part and ends (no ``finish-step``/``finish`` after it).
Tool calls, results and errors are the :class:`~ai_sdk_core.generate_text.results.ToolCall`,
``ToolResult`` and ``ToolError`` objects; sources and files are the spec's ``SourceContent``/``FileContent``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, TypeAlias

from ai_sdk_core.generate_text.results import (
    LanguageModelResponse,
    LanguageModelUsage,
    ToolApprovalRequest,
    ToolCall,
    ToolError,
    ToolOutputDenied,
    ToolResult,
)
from ai_sdk_core.spec.content import FileContent, SourceContent
from ai_sdk_core.spec.shared import CallWarning, ProviderMetadata, RequestInfo

__all__ = [
    "ErrorPart",
    "FinishPart",
    "FinishStepPart",
    "RawPart",
    "ReasoningDeltaPart",
    "ReasoningEndPart",
    "ReasoningStartPart",
    "StartPart",
    "StartStepPart",
    "TextDeltaPart",
    "TextEndPart",
    "TextStartPart",
    "TextStreamPart",
    "ToolInputDeltaPart",
    "ToolInputEndPart",
    "ToolInputStartPart",
]


@dataclass(slots=True)
class StartPart:
    """The run started."""

    type: ClassVar[str] = "start"


@dataclass(slots=True)
class StartStepPart:
    """A step (model call) started; ``request`` is what was sent."""

    request: RequestInfo
    warnings: Sequence[CallWarning] = ()
    type: ClassVar[str] = "start-step"


@dataclass(slots=True)
class TextStartPart:
    """A text block begins."""

    id: str
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[str] = "text-start"


@dataclass(slots=True)
class TextDeltaPart:
    """More text of the block ``id``."""

    id: str
    text: str
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[str] = "text-delta"


@dataclass(slots=True)
class TextEndPart:
    """A text block ends."""

    id: str
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[str] = "text-end"


@dataclass(slots=True)
class ReasoningStartPart:
    """A reasoning block begins."""

    id: str
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[str] = "reasoning-start"


@dataclass(slots=True)
class ReasoningDeltaPart:
    """More reasoning text of the block ``id``."""

    id: str
    text: str
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[str] = "reasoning-delta"


@dataclass(slots=True)
class ReasoningEndPart:
    """A reasoning block ends."""

    id: str
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[str] = "reasoning-end"


@dataclass(slots=True)
class ToolInputStartPart:
    """The input of tool call ``id`` begins streaming."""

    id: str
    tool_name: str
    provider_executed: bool | None = None
    dynamic: bool = False
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[str] = "tool-input-start"


@dataclass(slots=True)
class ToolInputDeltaPart:
    """More input JSON text of tool call ``id``."""

    id: str
    delta: str
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[str] = "tool-input-delta"


@dataclass(slots=True)
class ToolInputEndPart:
    """The input of tool call ``id`` is complete."""

    id: str
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[str] = "tool-input-end"


@dataclass(slots=True)
class FinishStepPart:
    """A step ended (after its tools ran)."""

    response: LanguageModelResponse
    usage: LanguageModelUsage
    finish_reason: str
    raw_finish_reason: str | None = None
    provider_metadata: ProviderMetadata | None = None
    type: ClassVar[str] = "finish-step"


@dataclass(slots=True)
class FinishPart:
    """The run ended; ``total_usage`` sums every step."""

    finish_reason: str
    raw_finish_reason: str | None
    total_usage: LanguageModelUsage
    type: ClassVar[str] = "finish"


@dataclass(slots=True)
class ErrorPart:
    """The stream broke (or the model reported an error); nothing follows it."""

    error: Any
    type: ClassVar[str] = "error"


@dataclass(slots=True)
class RawPart:
    """A provider chunk, untouched (only with ``include_raw_chunks=True``)."""

    raw_value: Any
    type: ClassVar[str] = "raw"


TextStreamPart: TypeAlias = (
    StartPart
    | StartStepPart
    | TextStartPart
    | TextDeltaPart
    | TextEndPart
    | ReasoningStartPart
    | ReasoningDeltaPart
    | ReasoningEndPart
    | ToolInputStartPart
    | ToolInputDeltaPart
    | ToolInputEndPart
    | ToolCall
    | ToolResult
    | ToolError
    | ToolApprovalRequest
    | ToolOutputDenied
    | SourceContent
    | FileContent
    | FinishStepPart
    | FinishPart
    | ErrorPart
    | RawPart
)
