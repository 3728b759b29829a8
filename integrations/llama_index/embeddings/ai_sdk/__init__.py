"""LlamaIndex embeddings over the AI SDK: ``from llama_index.embeddings.ai_sdk import AISDKEmbedding``.

Needs the ``llamaindex`` extra (``pip install 'ai-sdk-core[llamaindex]'``). ``llama_index`` and
``llama_index.embeddings`` are namespace packages shared with LlamaIndex's own distributions, so this package
ships no ``__init__.py`` above this one.
"""

from __future__ import annotations

try:
    import llama_index.core  # noqa: F401
except ImportError as error:  # pragma: no cover - depends on the environment
    raise ImportError(
        "llama_index.embeddings.ai_sdk needs llama-index-core: pip install 'ai-sdk-core[llamaindex]'"
    ) from error

from .base import AISDKEmbedding

__all__ = ["AISDKEmbedding"]
