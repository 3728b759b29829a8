"""In-process local models, with no API key and no network: chat, structured output and tools through llama.cpp
(extra ``local``), and all-MiniLM-L6-v2 sentence embeddings (extra ``local-embeddings``).

Example::

    from ai_sdk_core import generate_text
    from ai_sdk_core.providers.llama_cpp import llama_cpp

    result = generate_text(model=llama_cpp("default"), prompt="Name a colour.", temperature=0)
    print(result.text)

``"llama-cpp:default"`` names the same model as a string. Importing this package imports neither ``llama_cpp``
nor the model: both load on the first call.
"""

from __future__ import annotations

from ai_sdk_core.providers.llama_cpp.embedding_model import LlamaCppEmbeddingModel
from ai_sdk_core.providers.llama_cpp.errors import LocalExtraNotInstalledError, LocalModelNotFoundError
from ai_sdk_core.providers.llama_cpp.language_model import LlamaCppLanguageModel
from ai_sdk_core.providers.llama_cpp.options import LlamaCppOptions
from ai_sdk_core.providers.llama_cpp.paths import (
    BUNDLED_MODEL_ID,
    DEFAULT_MODEL_ID,
    LOCAL_MODEL_ENVIRONMENT_VARIABLE,
    bundled_model_path,
)
from ai_sdk_core.providers.llama_cpp.provider import LlamaCppProvider, create_llama_cpp, llama_cpp
from ai_sdk_core.providers.llama_cpp.sentence_embedding import MINILM_MODEL_ID, SentenceEmbeddingModel

__all__ = [
    "BUNDLED_MODEL_ID",
    "DEFAULT_MODEL_ID",
    "LOCAL_MODEL_ENVIRONMENT_VARIABLE",
    "LlamaCppEmbeddingModel",
    "LlamaCppLanguageModel",
    "LlamaCppOptions",
    "LlamaCppProvider",
    "LocalExtraNotInstalledError",
    "LocalModelNotFoundError",
    "MINILM_MODEL_ID",
    "SentenceEmbeddingModel",
    "bundled_model_path",
    "create_llama_cpp",
    "llama_cpp",
]
