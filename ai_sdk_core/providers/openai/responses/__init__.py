"""The OpenAI Responses API (``POST /responses``): the language model, its options and OpenAI's built-in tools.

Example::

    from ai_sdk_core.providers.openai.responses import openai_tools

    tools = [openai_tools.web_search(), openai_tools.code_interpreter()]
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ai_sdk_core.providers.openai.responses.model import OpenAIResponsesConfig, OpenAIResponsesLanguageModel
from ai_sdk_core.providers.openai.responses.tools import OpenAITools, openai_tools

if TYPE_CHECKING:
    from ai_sdk_core.providers.openai.responses.options import OpenAIResponsesOptions

__all__ = [
    "OpenAIResponsesConfig",
    "OpenAIResponsesLanguageModel",
    "OpenAIResponsesOptions",
    "OpenAITools",
    "openai_tools",
]


def __getattr__(name: str) -> Any:
    # The pydantic options model loads on first access: importing pydantic costs more than importing httpx.
    if name != "OpenAIResponsesOptions":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = importlib.import_module("ai_sdk_core.providers.openai.responses.options").OpenAIResponsesOptions
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
