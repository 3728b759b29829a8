"""The public names of the local provider and of the command: a change here is deliberate."""

from __future__ import annotations

import importlib

import pytest

PUBLIC_NAMES = {
    "ai_sdk_core.providers.llama_cpp": [
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
    ],
    "ai_sdk_core.cli": ["EXIT_CONFIGURATION", "EXIT_INTERRUPTED", "EXIT_MODEL_ERROR", "EXIT_USAGE", "main"],
}


@pytest.mark.parametrize("module_name", sorted(PUBLIC_NAMES))
def test_public_names_are_pinned_and_sorted(module_name: str) -> None:
    module = importlib.import_module(module_name)
    assert list(module.__all__) == PUBLIC_NAMES[module_name]
    assert list(module.__all__) == sorted(module.__all__)
    for name in module.__all__:
        assert getattr(module, name) is not None
