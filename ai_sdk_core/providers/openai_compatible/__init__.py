"""The reusable base for vendors that speak OpenAI's Chat Completions and embeddings wire format.

Example::

    from ai_sdk_core.providers.openai_compatible import create_openai_compatible

    local = create_openai_compatible(name="vllm", base_url="http://127.0.0.1:8000/v1")
    model = local("meta-llama/Llama-3.1-8B-Instruct")
"""

from __future__ import annotations

from ai_sdk_core.providers.openai_compatible.chat_model import (
    ChatRequestContext,
    OpenAICompatibleChatConfig,
    OpenAICompatibleChatLanguageModel,
    RequestBodyTransform,
)
from ai_sdk_core.providers.openai_compatible.chat_stream import ChatStreamDecoder
from ai_sdk_core.providers.openai_compatible.embedding_model import (
    OpenAICompatibleEmbeddingConfig,
    OpenAICompatibleEmbeddingModel,
    OpenAICompatibleEmbeddingOptions,
)
from ai_sdk_core.providers.openai_compatible.metadata_extractor import MetadataExtractor, StreamMetadataExtractor
from ai_sdk_core.providers.openai_compatible.options import OpenAICompatibleChatOptions, StrictOptions
from ai_sdk_core.providers.openai_compatible.provider import (
    HttpProviderBase,
    OpenAICompatibleProvider,
    create_openai_compatible,
)

__all__ = [
    "ChatRequestContext",
    "ChatStreamDecoder",
    "HttpProviderBase",
    "MetadataExtractor",
    "OpenAICompatibleChatConfig",
    "OpenAICompatibleChatLanguageModel",
    "OpenAICompatibleChatOptions",
    "OpenAICompatibleEmbeddingConfig",
    "OpenAICompatibleEmbeddingModel",
    "OpenAICompatibleEmbeddingOptions",
    "OpenAICompatibleProvider",
    "RequestBodyTransform",
    "StreamMetadataExtractor",
    "StrictOptions",
    "create_openai_compatible",
]
