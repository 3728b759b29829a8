"""OpenAI's Chat Completions specifics over the OpenAI-compatible base: options, request rules, metadata."""

from __future__ import annotations

from ai_sdk_core.providers.openai.chat.metadata import OpenAIChatMetadataExtractor
from ai_sdk_core.providers.openai.chat.options import OpenAIChatOptions
from ai_sdk_core.providers.openai.chat.request import transform_openai_chat_body

__all__ = ["OpenAIChatMetadataExtractor", "OpenAIChatOptions", "transform_openai_chat_body"]
