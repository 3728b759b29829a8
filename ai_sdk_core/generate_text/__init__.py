"""Text generation: ``generate_text``/``agenerate_text``, ``stream_text``/``astream_text``, their results and
stream parts. The tool loop is written once (``loop.py``) and driven by a sync and an async driver."""

from __future__ import annotations

from ai_sdk_core.generate_text.generate_text import GenerateTextOptions, agenerate_text, generate_text
from ai_sdk_core.generate_text.results import (
    ContentPart,
    GenerateTextResult,
    InputTokenDetails,
    LanguageModelResponse,
    LanguageModelUsage,
    OutputTokenDetails,
    StepResult,
    ToolApprovalRequest,
    ToolCall,
    ToolError,
    ToolOutputDenied,
    ToolResult,
)
from ai_sdk_core.generate_text.settings import PrepareStepOptions, PrepareStepResult
from ai_sdk_core.generate_text.stream_errors import ModelStreamError
from ai_sdk_core.generate_text.stream_parts import (
    ErrorPart,
    FinishPart,
    FinishStepPart,
    RawPart,
    ReasoningDeltaPart,
    ReasoningEndPart,
    ReasoningStartPart,
    StartPart,
    StartStepPart,
    TextDeltaPart,
    TextEndPart,
    TextStartPart,
    TextStreamPart,
    ToolInputDeltaPart,
    ToolInputEndPart,
    ToolInputStartPart,
)
from ai_sdk_core.generate_text.stream_text import (
    AsyncStreamTextResult,
    StreamTextOptions,
    StreamTextResult,
    astream_text,
    stream_text,
)
from ai_sdk_core.generate_text.tool_execution import (
    InvalidToolApprovalError,
    RepairToolCallOptions,
    ToolCallRepairError,
)

__all__ = [
    "AsyncStreamTextResult",
    "ContentPart",
    "ErrorPart",
    "FinishPart",
    "FinishStepPart",
    "GenerateTextOptions",
    "GenerateTextResult",
    "InputTokenDetails",
    "InvalidToolApprovalError",
    "LanguageModelResponse",
    "LanguageModelUsage",
    "ModelStreamError",
    "OutputTokenDetails",
    "PrepareStepOptions",
    "PrepareStepResult",
    "RawPart",
    "ReasoningDeltaPart",
    "ReasoningEndPart",
    "ReasoningStartPart",
    "RepairToolCallOptions",
    "StartPart",
    "StartStepPart",
    "StepResult",
    "StreamTextOptions",
    "StreamTextResult",
    "TextDeltaPart",
    "TextEndPart",
    "TextStartPart",
    "TextStreamPart",
    "ToolApprovalRequest",
    "ToolCall",
    "ToolCallRepairError",
    "ToolError",
    "ToolInputDeltaPart",
    "ToolInputEndPart",
    "ToolInputStartPart",
    "ToolOutputDenied",
    "ToolResult",
    "agenerate_text",
    "astream_text",
    "generate_text",
    "stream_text",
]
