"""The exported names of the OpenAI packages are pinned, and importing ``ai_sdk_core.providers`` stays cheap."""

from __future__ import annotations

import subprocess
import sys

import ai_sdk_core.providers.openai as openai_package
import ai_sdk_core.providers.openai_compatible as compatible_package
import ai_sdk_core.testing.replay as replay_module


def test_openai_exports() -> None:
    assert openai_package.__all__ == [
        "DEFAULT_OPENAI_BASE_URL",
        "OpenAIChatOptions",
        "OpenAIEmbeddingOptions",
        "OpenAIProvider",
        "OpenAIResponsesOptions",
        "create_openai",
        "openai",
    ]


def test_openai_compatible_exports() -> None:
    assert compatible_package.__all__ == [
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


def test_replay_exports() -> None:
    assert replay_module.__all__ == ["RecordedRequest", "ReplayExhaustedError", "ReplayResponse", "ReplayTransport"]


def test_importing_the_providers_package_loads_no_vendor() -> None:
    code = (
        "import sys, ai_sdk_core.providers; "
        "loaded = [name for name in sys.modules if name.startswith('ai_sdk_core.providers.')]; "
        "print(loaded)"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=30)
    assert completed.stdout.strip() == "[]"


def test_importing_the_openai_provider_loads_neither_pydantic_nor_asyncio() -> None:
    # pydantic (the provider-options models) loads when a model is configured, asyncio with the first async call:
    # each costs more import time than httpx. Only what the provider itself adds is checked here.
    code = (
        "import sys, ai_sdk_core; before = set(sys.modules); "
        "import ai_sdk_core.providers.openai; "
        "heavy = ('pydantic', 'pydantic_core', 'asyncio'); "
        "print(sorted(name for name in set(sys.modules) - before if name.split('.')[0] in heavy))"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=30)
    assert completed.stdout.strip() == "[]"


def test_the_lazy_option_models_resolve_to_the_pydantic_classes() -> None:
    from ai_sdk_core.providers.openai.chat.options import OpenAIChatOptions
    from ai_sdk_core.providers.openai_compatible import embedding_model, options

    assert openai_package.OpenAIChatOptions is OpenAIChatOptions
    assert openai_package.OpenAIEmbeddingOptions is options.OpenAICompatibleEmbeddingOptions
    assert compatible_package.OpenAICompatibleChatOptions is options.OpenAICompatibleChatOptions
    assert compatible_package.StrictOptions is options.StrictOptions
    assert embedding_model.OpenAICompatibleEmbeddingOptions is options.OpenAICompatibleEmbeddingOptions
    assert openai_package.create_openai(api_key="test").chat("gpt-4o").config.options_model is OpenAIChatOptions
    assert "OpenAIChatOptions" in dir(openai_package)
