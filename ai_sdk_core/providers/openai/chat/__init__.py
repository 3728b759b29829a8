"""OpenAI's Chat Completions specifics over the OpenAI-compatible base: options, request rules, metadata."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ai_sdk_core.providers.openai.chat.metadata import OpenAIChatMetadataExtractor
from ai_sdk_core.providers.openai.chat.request import transform_openai_chat_body

if TYPE_CHECKING:
    from ai_sdk_core.providers.openai.chat.options import OpenAIChatOptions

__all__ = ["OpenAIChatMetadataExtractor", "OpenAIChatOptions", "transform_openai_chat_body"]


def __getattr__(name: str) -> Any:
    # The pydantic options model loads on first access (PEP 562), not with this package.
    if name != "OpenAIChatOptions":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = importlib.import_module("ai_sdk_core.providers.openai.chat.options").OpenAIChatOptions
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
