"""Language- and embedding-model middleware: ``wrap_language_model``/``wrap_embedding_model`` and built-ins.

How to write one hook for both sync and async callers is explained in :mod:`ai_sdk_core.middleware.core`.
"""

from __future__ import annotations

from ai_sdk_core.middleware.cache import (
    CachedStream,
    CacheMiddleware,
    CacheStore,
    InMemoryLRUCache,
    cache_key,
    cache_middleware,
)
from ai_sdk_core.middleware.core import (
    CallKind,
    InnerStream,
    LanguageModelMiddleware,
    ModelRequest,
    StreamReply,
    StreamTransform,
    call_generate,
    call_stream,
)
from ai_sdk_core.middleware.default_settings import default_settings_middleware
from ai_sdk_core.middleware.embedding import (
    EmbeddingModelMiddleware,
    WrappedEmbeddingModel,
    call_embed,
    wrap_embedding_model,
)
from ai_sdk_core.middleware.extract_json import extract_json_middleware
from ai_sdk_core.middleware.logging_middleware import logging_middleware
from ai_sdk_core.middleware.reasoning import TagSplitter, extract_reasoning_middleware
from ai_sdk_core.middleware.simulate_streaming import simulate_streaming_middleware
from ai_sdk_core.middleware.wrap import WrappedLanguageModel, wrap_language_model

__all__ = [
    "CacheMiddleware",
    "CacheStore",
    "CachedStream",
    "CallKind",
    "EmbeddingModelMiddleware",
    "InMemoryLRUCache",
    "InnerStream",
    "LanguageModelMiddleware",
    "ModelRequest",
    "StreamReply",
    "StreamTransform",
    "TagSplitter",
    "WrappedEmbeddingModel",
    "WrappedLanguageModel",
    "cache_key",
    "cache_middleware",
    "call_embed",
    "call_generate",
    "call_stream",
    "default_settings_middleware",
    "extract_json_middleware",
    "extract_reasoning_middleware",
    "logging_middleware",
    "simulate_streaming_middleware",
    "wrap_embedding_model",
    "wrap_language_model",
]
