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
