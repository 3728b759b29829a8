"""The OpenAI provider: Chat Completions and embeddings.

Example::

    from ai_sdk_core.providers.openai import openai

    model = openai("gpt-4o-mini")  # key from OPENAI_API_KEY, read when a request is made
"""

from __future__ import annotations

from ai_sdk_core.providers.openai.chat.options import OpenAIChatOptions
from ai_sdk_core.providers.openai.provider import DEFAULT_OPENAI_BASE_URL, OpenAIProvider, create_openai, openai
from ai_sdk_core.providers.openai_compatible.embedding_model import (
    OpenAICompatibleEmbeddingOptions as OpenAIEmbeddingOptions,
)

__all__ = [
    "DEFAULT_OPENAI_BASE_URL",
    "OpenAIChatOptions",
    "OpenAIEmbeddingOptions",
    "OpenAIProvider",
    "create_openai",
    "openai",
]
