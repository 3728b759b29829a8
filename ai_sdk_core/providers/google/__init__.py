"""Google Gemini over the Generative Language API: language models (text, tools, thinking, grounding) and
embeddings.

Example::

    from ai_sdk_core.providers.google import google

    model = google("gemini-2.5-flash")  # key from GOOGLE_GENERATIVE_AI_API_KEY, read at request time
    embedder = google.embedding("gemini-embedding-001")
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ai_sdk_core.providers.google.convert_messages import convert_to_google_messages
from ai_sdk_core.providers.google.embedding_model import GoogleGenerativeAIEmbeddingModel
from ai_sdk_core.providers.google.errors import parse_google_error
from ai_sdk_core.providers.google.finish_reason import map_google_finish_reason
from ai_sdk_core.providers.google.language_model import GoogleGenerativeAILanguageModel
from ai_sdk_core.providers.google.prepare_tools import prepare_google_tools
from ai_sdk_core.providers.google.provider import (
    DEFAULT_GOOGLE_BASE_URL,
    GoogleGenerativeAIProvider,
    create_google,
    create_google_generative_ai,
    google,
)
from ai_sdk_core.providers.google.schema import convert_json_schema_to_openapi_schema
from ai_sdk_core.providers.google.stream import GoogleStreamDecoder
from ai_sdk_core.providers.google.tools import GoogleProviderTools
from ai_sdk_core.providers.google.usage import convert_google_usage

if TYPE_CHECKING:
    from ai_sdk_core.providers.google.options import GoogleEmbeddingOptions, GoogleLanguageModelOptions

__all__ = [
    "DEFAULT_GOOGLE_BASE_URL",
    "GoogleEmbeddingOptions",
    "GoogleGenerativeAIEmbeddingModel",
    "GoogleGenerativeAILanguageModel",
    "GoogleGenerativeAIProvider",
    "GoogleLanguageModelOptions",
    "GoogleProviderTools",
    "GoogleStreamDecoder",
    "convert_google_usage",
    "convert_json_schema_to_openapi_schema",
    "convert_to_google_messages",
    "create_google",
    "create_google_generative_ai",
    "google",
    "map_google_finish_reason",
    "parse_google_error",
    "prepare_google_tools",
]

# The pydantic option models load on first access (PEP 562): importing pydantic costs more than importing httpx.
_LAZY = frozenset({"GoogleEmbeddingOptions", "GoogleLanguageModelOptions"})


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module("ai_sdk_core.providers.google.options"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
