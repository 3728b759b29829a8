"""The OpenAI provider: the Responses API (the default model kind), Chat Completions and embeddings.

Example::

    from ai_sdk_core.providers.openai import openai

    model = openai("gpt-5-mini")  # Responses API; key from OPENAI_API_KEY, read when a request is made
    chat = openai.chat("gpt-4o-mini")  # Chat Completions
    search = openai.tools.web_search()  # a built-in tool the Responses API runs itself
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ai_sdk_core.providers.openai.provider import DEFAULT_OPENAI_BASE_URL, OpenAIProvider, create_openai, openai

if TYPE_CHECKING:
    from ai_sdk_core.providers.openai.chat.options import OpenAIChatOptions
    from ai_sdk_core.providers.openai.responses.options import OpenAIResponsesOptions
    from ai_sdk_core.providers.openai_compatible.options import (
        OpenAICompatibleEmbeddingOptions as OpenAIEmbeddingOptions,
    )

__all__ = [
    "DEFAULT_OPENAI_BASE_URL",
    "OpenAIChatOptions",
    "OpenAIEmbeddingOptions",
    "OpenAIProvider",
    "OpenAIResponsesOptions",
    "create_openai",
    "openai",
]

# The pydantic option models load on first access (PEP 562): importing pydantic costs more than importing httpx.
_LAZY: dict[str, tuple[str, str]] = {
    "OpenAIChatOptions": ("ai_sdk_core.providers.openai.chat.options", "OpenAIChatOptions"),
    "OpenAIEmbeddingOptions": ("ai_sdk_core.providers.openai_compatible.options", "OpenAICompatibleEmbeddingOptions"),
    "OpenAIResponsesOptions": ("ai_sdk_core.providers.openai.responses.options", "OpenAIResponsesOptions"),
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module_name, attribute = _LAZY[name]
    value = getattr(importlib.import_module(module_name), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
