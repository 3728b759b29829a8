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
    from ai_sdk_core.embed import (
        EmbedManyResult,
        EmbedResult,
        aembed,
        aembed_many,
        cosine_similarity,
        embed,
        embed_many,
    )
    from ai_sdk_core.fallback import FallbackModel, fallback_model
    from ai_sdk_core.generate_image import GenerateImageResult, agenerate_image, generate_image
    from ai_sdk_core.generate_object import (
        AsyncStreamObjectResult,
        GenerateObjectResult,
        StreamObjectResult,
        agenerate_object,
        astream_object,
        generate_object,
        stream_object,
    )
    from ai_sdk_core.generate_speech import GenerateSpeechResult, agenerate_speech, generate_speech
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
    from ai_sdk_core.generated_file import GeneratedAudioFile, GeneratedFile
    from ai_sdk_core.middleware import (
        EmbeddingModelMiddleware,
        InMemoryLRUCache,
        LanguageModelMiddleware,
        cache_middleware,
        default_settings_middleware,
        extract_json_middleware,
        extract_reasoning_middleware,
        logging_middleware,
        simulate_streaming_middleware,
        wrap_embedding_model,
        wrap_language_model,
    )
    from ai_sdk_core.output import (
        ArrayOutput,
        ChoiceOutput,
        JsonOutput,
        ObjectOutput,
        Output,
        OutputStrategy,
        TextOutput,
    )
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
    from ai_sdk_core.rerank import RankedDocument, RerankedResult, arerank, rerank
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
        NoImageGeneratedError,
        NoObjectGeneratedError,
        NoSpeechGeneratedError,
        NoSuchModelError,
        NoSuchProviderError,
        NoSuchToolError,
        NoTranscriptGeneratedError,
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
    from ai_sdk_core.transcribe import TranscriptResult, atranscribe, transcribe

__all__ = [
    "AISDKError",
    "APICallError",
    "ArrayOutput",
    "AssistantModelMessage",
    "AsyncStreamObjectResult",
    "AsyncStreamTextResult",
    "ChoiceOutput",
    "ContentPart",
    "DownloadConfig",
    "DownloadError",
    "EmbedManyResult",
    "EmbedResult",
    "EmbeddingModel",
    "EmbeddingModelMiddleware",
    "ErrorPart",
    "FallbackModel",
    "FilePart",
    "FinishPart",
    "FinishStepPart",
    "GenerateImageResult",
    "GenerateObjectResult",
    "GenerateSpeechResult",
    "GenerateTextResult",
    "GeneratedAudioFile",
    "GeneratedFile",
    "ImagePart",
    "InMemoryLRUCache",
    "InputTokenDetails",
    "InvalidArgumentError",
    "InvalidPromptError",
    "InvalidResponseDataError",
    "InvalidToolInputError",
    "JSONParseError",
    "JsonOutput",
    "LanguageModel",
    "LanguageModelMiddleware",
    "LanguageModelResponse",
    "LanguageModelUsage",
    "LoadAPIKeyError",
    "LoadSettingError",
    "ModelMessage",
    "ModelStreamError",
    "NoContentGeneratedError",
    "NoImageGeneratedError",
    "NoObjectGeneratedError",
    "NoSpeechGeneratedError",
    "NoSuchModelError",
    "NoSuchProviderError",
    "NoSuchToolError",
    "NoTranscriptGeneratedError",
    "ObjectOutput",
    "Output",
    "OutputStrategy",
    "OutputTokenDetails",
    "PrepareStepOptions",
    "PrepareStepResult",
    "RankedDocument",
    "RawPart",
    "ReasoningDeltaPart",
    "ReasoningEndPart",
    "ReasoningPart",
    "ReasoningStartPart",
    "RepairToolCallOptions",
    "RerankedResult",
    "ResponseTooLargeError",
    "RetryAfterTooLongError",
    "RetryError",
    "StartPart",
    "StartStepPart",
    "StepResult",
    "StopCondition",
    "StreamInterruptedError",
    "StreamObjectResult",
    "StreamTextResult",
    "SystemModelMessage",
    "TextDeltaPart",
    "TextEndPart",
    "TextOutput",
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
    "TranscriptResult",
    "TypeValidationError",
    "UnsupportedFunctionalityError",
    "UserModelMessage",
    "aembed",
    "aembed_many",
    "agenerate_image",
    "agenerate_object",
    "agenerate_speech",
    "agenerate_text",
    "arerank",
    "astream_object",
    "astream_text",
    "atranscribe",
    "cache_middleware",
    "cosine_similarity",
    "create_provider_registry",
    "custom_provider",
    "default_settings_middleware",
    "dynamic_tool",
    "embed",
    "embed_many",
    "extract_json_middleware",
    "extract_reasoning_middleware",
    "fallback_model",
    "generate_image",
    "generate_object",
    "generate_speech",
    "generate_text",
    "has_tool_call",
    "logging_middleware",
    "message_to_dict",
    "rerank",
    "simulate_streaming_middleware",
    "step_count_is",
    "stream_object",
    "stream_text",
    "tool",
    "transcribe",
    "wrap_embedding_model",
    "wrap_language_model",
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
    "Output": "ai_sdk_core.output",
    "OutputStrategy": "ai_sdk_core.output",
    "ObjectOutput": "ai_sdk_core.output",
    "ArrayOutput": "ai_sdk_core.output",
    "ChoiceOutput": "ai_sdk_core.output",
    "JsonOutput": "ai_sdk_core.output",
    "TextOutput": "ai_sdk_core.output",
    "generate_object": "ai_sdk_core.generate_object",
    "agenerate_object": "ai_sdk_core.generate_object",
    "stream_object": "ai_sdk_core.generate_object",
    "astream_object": "ai_sdk_core.generate_object",
    "GenerateObjectResult": "ai_sdk_core.generate_object",
    "StreamObjectResult": "ai_sdk_core.generate_object",
    "AsyncStreamObjectResult": "ai_sdk_core.generate_object",
    "NoObjectGeneratedError": "ai_sdk_core.spec.errors",
    "NoImageGeneratedError": "ai_sdk_core.spec.errors",
    "NoSpeechGeneratedError": "ai_sdk_core.spec.errors",
    "NoTranscriptGeneratedError": "ai_sdk_core.spec.errors",
    "embed": "ai_sdk_core.embed",
    "aembed": "ai_sdk_core.embed",
    "embed_many": "ai_sdk_core.embed",
    "aembed_many": "ai_sdk_core.embed",
    "cosine_similarity": "ai_sdk_core.embed",
    "EmbedResult": "ai_sdk_core.embed",
    "EmbedManyResult": "ai_sdk_core.embed",
    "generate_image": "ai_sdk_core.generate_image",
    "agenerate_image": "ai_sdk_core.generate_image",
    "GenerateImageResult": "ai_sdk_core.generate_image",
    "generate_speech": "ai_sdk_core.generate_speech",
    "agenerate_speech": "ai_sdk_core.generate_speech",
    "GenerateSpeechResult": "ai_sdk_core.generate_speech",
    "transcribe": "ai_sdk_core.transcribe",
    "atranscribe": "ai_sdk_core.transcribe",
    "TranscriptResult": "ai_sdk_core.transcribe",
    "rerank": "ai_sdk_core.rerank",
    "arerank": "ai_sdk_core.rerank",
    "RerankedResult": "ai_sdk_core.rerank",
    "RankedDocument": "ai_sdk_core.rerank",
    "GeneratedFile": "ai_sdk_core.generated_file",
    "GeneratedAudioFile": "ai_sdk_core.generated_file",
    "wrap_language_model": "ai_sdk_core.middleware",
    "wrap_embedding_model": "ai_sdk_core.middleware",
    "LanguageModelMiddleware": "ai_sdk_core.middleware",
    "EmbeddingModelMiddleware": "ai_sdk_core.middleware",
    "default_settings_middleware": "ai_sdk_core.middleware",
    "extract_reasoning_middleware": "ai_sdk_core.middleware",
    "extract_json_middleware": "ai_sdk_core.middleware",
    "simulate_streaming_middleware": "ai_sdk_core.middleware",
    "cache_middleware": "ai_sdk_core.middleware",
    "logging_middleware": "ai_sdk_core.middleware",
    "InMemoryLRUCache": "ai_sdk_core.middleware",
    "fallback_model": "ai_sdk_core.fallback",
    "FallbackModel": "ai_sdk_core.fallback",
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


# Public functions that share their name with the module defining them (as the AI SDK's layout has it).
_FUNCTIONS_NAMED_LIKE_THEIR_MODULES = frozenset(
    {"embed", "generate_image", "generate_object", "generate_speech", "generate_text", "rerank", "transcribe"}
)


class _Package(types.ModuleType):
    """This package's module type. ``ai_sdk_core.generate_text`` (and the other names above) is both a public
    function and a module: importing the module makes the import system set the package attribute to it, which
    would hide the function. That binding is dropped, so the attribute stays the function (loaded lazily)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _FUNCTIONS_NAMED_LIKE_THEIR_MODULES and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
