"""OpenAI transcription (``POST /audio/transcriptions``, multipart): ``whisper-1``, ``gpt-4o-transcribe``, ..."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ai_sdk_core.providers.openai.transcription.model import (
    OpenAITranscriptionConfig,
    OpenAITranscriptionModel,
    parse_openai_transcription,
)

if TYPE_CHECKING:
    from ai_sdk_core.providers.openai.transcription.options import OpenAITranscriptionOptions

__all__ = [
    "OpenAITranscriptionConfig",
    "OpenAITranscriptionModel",
    "OpenAITranscriptionOptions",
    "parse_openai_transcription",
]


def __getattr__(name: str) -> Any:
    # The pydantic options model loads on first access: importing pydantic costs more than this package.
    if name == "OpenAITranscriptionOptions":
        from ai_sdk_core.providers.openai.transcription.options import OpenAITranscriptionOptions

        return OpenAITranscriptionOptions
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
