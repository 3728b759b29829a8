"""ai_sdk_core: a Python port of the Vercel AI SDK. One interface to every model provider, sync and async.

Example::

    from ai_sdk_core import generate_text

    result = generate_text(model="openai:gpt-4o-mini", prompt="Say hello")
    print(result.text)

Importing this package loads none of it: every public name loads its module on first access (PEP 562), so
``import ai_sdk_core`` imports neither httpx nor pydantic; providers load only when a ``"provider:model"``
id names them.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ai_sdk_core.generate_text import (
        AsyncStreamTextResult,
        ContentPart,
        ErrorPart,
        FinishPart,
        FinishStepPart,
        GenerateTextResult,
        InputTokenDetails,
        LanguageModelResponse,
        LanguageModelUsage,
        OutputTokenDetails,
        PrepareStepOptions,
        PrepareStepResult,
        RawPart,
        ReasoningDeltaPart,
        ReasoningEndPart,
        ReasoningStartPart,
        RepairToolCallOptions,
        StartPart,
        StartStepPart,
        StepResult,
        StreamTextResult,
        TextDeltaPart,
        TextEndPart,
        TextStartPart,
        TextStreamPart,
        ToolCall,
        ToolCallRepairError,
        ToolError,
        ToolInputDeltaPart,
        ToolInputEndPart,
        ToolInputStartPart,
        ToolResult,
    )
    from ai_sdk_core.generate_text.generate_text import agenerate_text, generate_text
    from ai_sdk_core.generate_text.stream_errors import ModelStreamError
    from ai_sdk_core.generate_text.stream_text import astream_text, stream_text
    from ai_sdk_core.prompt import (
        AssistantModelMessage,
        DownloadConfig,
        FilePart,
        ImagePart,
        ModelMessage,
        ReasoningPart,
        SystemModelMessage,
        TextPart,
        ToolCallPart,
        ToolModelMessage,
        ToolResultPart,
        UserModelMessage,
        message_to_dict,
    )
    from ai_sdk_core.registry import (
        create_provider_registry,
        custom_provider,
    )
    from ai_sdk_core.spec.call_options import (
        TimeoutConfig,
    )
    from ai_sdk_core.spec.embedding_model import (
        EmbeddingModel,
    )
    from ai_sdk_core.spec.errors import (
        AISDKError,
        APICallError,
        DownloadError,
        InvalidArgumentError,
        InvalidPromptError,
        InvalidResponseDataError,
        InvalidToolInputError,
        JSONParseError,
        LoadAPIKeyError,
        LoadSettingError,
        NoContentGeneratedError,
        NoSuchModelError,
        NoSuchProviderError,
        NoSuchToolError,
        ResponseTooLargeError,
        RetryAfterTooLongError,
        RetryError,
        StreamInterruptedError,
        TimeoutBudgetError,
        ToolExecutionError,
        TypeValidationError,
        UnsupportedFunctionalityError,
    )
    from ai_sdk_core.spec.language_model import (
        LanguageModel,
    )
    from ai_sdk_core.spec.prompt import (
        ToolResultOutput,
    )
    from ai_sdk_core.tools import (
        StopCondition,
        Tool,
        ToolExecutionOptions,
        dynamic_tool,
        has_tool_call,
        step_count_is,
        tool,
    )

__all__ = [
    "AISDKError",
    "APICallError",
    "AssistantModelMessage",
    "AsyncStreamTextResult",
    "ContentPart",
    "DownloadConfig",
    "DownloadError",
    "EmbeddingModel",
    "ErrorPart",
    "FilePart",
    "FinishPart",
    "FinishStepPart",
    "GenerateTextResult",
    "ImagePart",
    "InputTokenDetails",
    "InvalidArgumentError",
    "InvalidPromptError",
    "InvalidResponseDataError",
    "InvalidToolInputError",
    "JSONParseError",
    "LanguageModel",
    "LanguageModelResponse",
    "LanguageModelUsage",
    "LoadAPIKeyError",
    "LoadSettingError",
    "ModelMessage",
    "ModelStreamError",
    "NoContentGeneratedError",
    "NoSuchModelError",
    "NoSuchProviderError",
    "NoSuchToolError",
    "OutputTokenDetails",
    "PrepareStepOptions",
    "PrepareStepResult",
    "RawPart",
    "ReasoningDeltaPart",
    "ReasoningEndPart",
    "ReasoningPart",
    "ReasoningStartPart",
    "RepairToolCallOptions",
    "ResponseTooLargeError",
    "RetryAfterTooLongError",
    "RetryError",
    "StartPart",
    "StartStepPart",
    "StepResult",
    "StopCondition",
    "StreamInterruptedError",
    "StreamTextResult",
    "SystemModelMessage",
    "TextDeltaPart",
    "TextEndPart",
    "TextPart",
    "TextStartPart",
    "TextStreamPart",
    "TimeoutBudgetError",
    "TimeoutConfig",
    "Tool",
    "ToolCall",
    "ToolCallPart",
    "ToolCallRepairError",
    "ToolError",
    "ToolExecutionError",
    "ToolExecutionOptions",
    "ToolInputDeltaPart",
    "ToolInputEndPart",
    "ToolInputStartPart",
    "ToolModelMessage",
    "ToolResult",
    "ToolResultOutput",
    "ToolResultPart",
    "TypeValidationError",
    "UnsupportedFunctionalityError",
    "UserModelMessage",
    "agenerate_text",
    "astream_text",
    "create_provider_registry",
    "custom_provider",
    "dynamic_tool",
    "generate_text",
    "has_tool_call",
    "message_to_dict",
    "step_count_is",
    "stream_text",
    "tool",
]

# Public name -> module that defines it, imported on first attribute access (PEP 562).
_LAZY: dict[str, str] = {
    "AsyncStreamTextResult": "ai_sdk_core.generate_text",
    "ContentPart": "ai_sdk_core.generate_text",
    "ErrorPart": "ai_sdk_core.generate_text",
    "FinishPart": "ai_sdk_core.generate_text",
    "FinishStepPart": "ai_sdk_core.generate_text",
    "GenerateTextResult": "ai_sdk_core.generate_text",
    "InputTokenDetails": "ai_sdk_core.generate_text",
    "LanguageModelResponse": "ai_sdk_core.generate_text",
    "LanguageModelUsage": "ai_sdk_core.generate_text",
    "OutputTokenDetails": "ai_sdk_core.generate_text",
    "PrepareStepOptions": "ai_sdk_core.generate_text",
    "PrepareStepResult": "ai_sdk_core.generate_text",
    "RawPart": "ai_sdk_core.generate_text",
    "ReasoningDeltaPart": "ai_sdk_core.generate_text",
    "ReasoningEndPart": "ai_sdk_core.generate_text",
    "ReasoningStartPart": "ai_sdk_core.generate_text",
    "RepairToolCallOptions": "ai_sdk_core.generate_text",
    "StartPart": "ai_sdk_core.generate_text",
    "StartStepPart": "ai_sdk_core.generate_text",
    "StepResult": "ai_sdk_core.generate_text",
    "StreamTextResult": "ai_sdk_core.generate_text",
    "TextDeltaPart": "ai_sdk_core.generate_text",
    "TextEndPart": "ai_sdk_core.generate_text",
    "TextStartPart": "ai_sdk_core.generate_text",
    "TextStreamPart": "ai_sdk_core.generate_text",
    "ToolCall": "ai_sdk_core.generate_text",
    "ToolCallRepairError": "ai_sdk_core.generate_text",
    "ToolError": "ai_sdk_core.generate_text",
    "ToolInputDeltaPart": "ai_sdk_core.generate_text",
    "ToolInputEndPart": "ai_sdk_core.generate_text",
    "ToolInputStartPart": "ai_sdk_core.generate_text",
    "ToolResult": "ai_sdk_core.generate_text",
    "AssistantModelMessage": "ai_sdk_core.prompt",
    "DownloadConfig": "ai_sdk_core.prompt",
    "FilePart": "ai_sdk_core.prompt",
    "ImagePart": "ai_sdk_core.prompt",
    "ModelMessage": "ai_sdk_core.prompt",
    "ReasoningPart": "ai_sdk_core.prompt",
    "SystemModelMessage": "ai_sdk_core.prompt",
    "TextPart": "ai_sdk_core.prompt",
    "ToolCallPart": "ai_sdk_core.prompt",
    "ToolModelMessage": "ai_sdk_core.prompt",
    "ToolResultPart": "ai_sdk_core.prompt",
    "UserModelMessage": "ai_sdk_core.prompt",
    "message_to_dict": "ai_sdk_core.prompt",
    "StopCondition": "ai_sdk_core.tools",
    "Tool": "ai_sdk_core.tools",
    "ToolExecutionOptions": "ai_sdk_core.tools",
    "dynamic_tool": "ai_sdk_core.tools",
    "has_tool_call": "ai_sdk_core.tools",
    "step_count_is": "ai_sdk_core.tools",
    "tool": "ai_sdk_core.tools",
    "create_provider_registry": "ai_sdk_core.registry",
    "custom_provider": "ai_sdk_core.registry",
    "TimeoutConfig": "ai_sdk_core.spec.call_options",
    "ToolResultOutput": "ai_sdk_core.spec.prompt",
    "LanguageModel": "ai_sdk_core.spec.language_model",
    "EmbeddingModel": "ai_sdk_core.spec.embedding_model",
    "AISDKError": "ai_sdk_core.spec.errors",
    "APICallError": "ai_sdk_core.spec.errors",
    "DownloadError": "ai_sdk_core.spec.errors",
    "InvalidArgumentError": "ai_sdk_core.spec.errors",
    "InvalidPromptError": "ai_sdk_core.spec.errors",
    "InvalidResponseDataError": "ai_sdk_core.spec.errors",
    "InvalidToolInputError": "ai_sdk_core.spec.errors",
    "JSONParseError": "ai_sdk_core.spec.errors",
    "LoadAPIKeyError": "ai_sdk_core.spec.errors",
    "LoadSettingError": "ai_sdk_core.spec.errors",
    "ModelStreamError": "ai_sdk_core.generate_text.stream_errors",
    "NoContentGeneratedError": "ai_sdk_core.spec.errors",
    "NoSuchModelError": "ai_sdk_core.spec.errors",
    "NoSuchProviderError": "ai_sdk_core.spec.errors",
    "NoSuchToolError": "ai_sdk_core.spec.errors",
    "ResponseTooLargeError": "ai_sdk_core.spec.errors",
    "RetryAfterTooLongError": "ai_sdk_core.spec.errors",
    "RetryError": "ai_sdk_core.spec.errors",
    "StreamInterruptedError": "ai_sdk_core.spec.errors",
    "TimeoutBudgetError": "ai_sdk_core.spec.errors",
    "ToolExecutionError": "ai_sdk_core.spec.errors",
    "TypeValidationError": "ai_sdk_core.spec.errors",
    "UnsupportedFunctionalityError": "ai_sdk_core.spec.errors",
    "agenerate_text": "ai_sdk_core.generate_text.generate_text",
    "generate_text": "ai_sdk_core.generate_text.generate_text",
    "astream_text": "ai_sdk_core.generate_text.stream_text",
    "stream_text": "ai_sdk_core.generate_text.stream_text",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ai_sdk_core' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Package(types.ModuleType):
    """This package's module type. ``ai_sdk_core.generate_text`` is both a function (public) and a subpackage:
    importing the subpackage makes the import system set the package attribute to the module, which would hide
    the function. That binding is dropped, so the attribute stays the function (loaded by ``__getattr__``)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "generate_text" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
