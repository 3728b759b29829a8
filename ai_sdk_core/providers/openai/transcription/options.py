"""``provider_options["openai"]`` of OpenAI transcription models, validated strictly."""

from __future__ import annotations

from typing import Literal

from ai_sdk_core.provider_utils.options import StrictOptions

__all__ = ["OpenAITranscriptionOptions"]


class OpenAITranscriptionOptions(StrictOptions):
    """``language`` (ISO 639-1 hint), ``prompt`` (style or vocabulary), ``temperature``, ``include``
    (e.g. ``["logprobs"]``), ``timestamp_granularities`` (``"segment"``/``"word"``; whisper-1 only)."""

    language: str | None = None
    prompt: str | None = None
    temperature: float | None = None
    include: list[str] | None = None
    timestamp_granularities: list[Literal["segment", "word"]] | None = None
