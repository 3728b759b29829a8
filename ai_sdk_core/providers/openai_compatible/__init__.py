"""The reusable base for vendors that speak OpenAI's Chat Completions and embeddings wire format.

Example::

    from ai_sdk_core.providers.openai_compatible import create_openai_compatible

    local = create_openai_compatible(name="vllm", base_url="http://127.0.0.1:8000/v1")
    model = local("meta-llama/Llama-3.1-8B-Instruct")
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

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
)
from ai_sdk_core.providers.openai_compatible.metadata_extractor import MetadataExtractor, StreamMetadataExtractor
from ai_sdk_core.providers.openai_compatible.provider import (
    HttpProviderBase,
    OpenAICompatibleProvider,
    create_openai_compatible,
)

if TYPE_CHECKING:
    from ai_sdk_core.providers.openai_compatible.options import (
        OpenAICompatibleChatOptions,
        OpenAICompatibleEmbeddingOptions,
        StrictOptions,
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

# The pydantic option models load on first access (PEP 562): importing pydantic costs more than importing httpx.
_LAZY = frozenset({"OpenAICompatibleChatOptions", "OpenAICompatibleEmbeddingOptions", "StrictOptions"})


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module("ai_sdk_core.providers.openai_compatible.options"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
