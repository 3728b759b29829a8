"""OpenAI text-to-speech (``POST /audio/speech``): ``gpt-4o-mini-tts``, ``tts-1``, ``tts-1-hd``."""

from __future__ import annotations

from ai_sdk_core.providers.openai.speech.model import OpenAISpeechConfig, OpenAISpeechModel

__all__ = ["OpenAISpeechConfig", "OpenAISpeechModel"]
