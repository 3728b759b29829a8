"""Strict ``provider_options`` models of the vendor presets (Groq, DeepSeek, xAI, Perplexity).

Like :mod:`.options` this imports pydantic, so the vendor modules load it only when a model is configured.
Each model extends the shared chat options (``user``, ``reasoning_effort``, ``strict_json_schema``, ...).
"""

from __future__ import annotations

from typing import Any, Literal

from ai_sdk_core.provider_utils.options import StrictOptions
from ai_sdk_core.providers.openai_compatible.options import OpenAICompatibleChatOptions

__all__ = [
    "DeepSeekChatOptions",
    "DeepSeekThinking",
    "GroqChatOptions",
    "PerplexityChatOptions",
    "XaiChatOptions",
    "XaiSearchParameters",
]


class GroqChatOptions(OpenAICompatibleChatOptions):
    """``provider_options["groq"]``.

    >>> GroqChatOptions(reasoning_format="parsed").reasoning_format
    'parsed'
    """

    reasoning_format: Literal["parsed", "raw", "hidden"] | None = None
    """``parsed`` returns reasoning in the message's ``reasoning`` field, ``raw`` inside ``<think>`` tags in the
    text, ``hidden`` not at all."""
    parallel_tool_calls: bool | None = None
    """Whether the model may call several tools in one turn."""
    service_tier: Literal["on_demand", "flex", "auto"] | None = None
    """Groq's processing tier."""


class DeepSeekThinking(StrictOptions):
    """DeepSeek's thinking-mode switch, sent as ``{"thinking": {"type": ...}}``."""

    type: Literal["enabled", "disabled"]


class DeepSeekChatOptions(OpenAICompatibleChatOptions):
    """``provider_options["deepseek"]``.

    >>> DeepSeekChatOptions(thinking={"type": "enabled"}).thinking.type
    'enabled'
    """

    thinking: DeepSeekThinking | None = None
    """Turns thinking mode on or off (models that support both)."""


class XaiSearchParameters(StrictOptions):
    """xAI Live Search settings, sent as ``search_parameters``."""

    mode: Literal["off", "auto", "on"] | None = None
    return_citations: bool | None = None
    from_date: str | None = None
    """ISO date ``YYYY-MM-DD``."""
    to_date: str | None = None
    max_search_results: int | None = None
    sources: list[dict[str, Any]] | None = None
    """Source descriptions as xAI documents them (``{"type": "web", ...}``, ``{"type": "x", ...}``, ...)."""


class XaiChatOptions(OpenAICompatibleChatOptions):
    """``provider_options["xai"]``.

    >>> XaiChatOptions(search_parameters={"mode": "auto"}).search_parameters.mode
    'auto'
    """

    search_parameters: XaiSearchParameters | None = None
    parallel_tool_calls: bool | None = None


class PerplexityChatOptions(OpenAICompatibleChatOptions):
    """``provider_options["perplexity"]``: Sonar's search settings.

    >>> PerplexityChatOptions(return_images=True).return_images
    True
    """

    return_images: bool | None = None
    return_related_questions: bool | None = None
    search_recency_filter: Literal["hour", "day", "week", "month", "year"] | None = None
    search_domain_filter: list[str] | None = None
    search_mode: Literal["web", "academic"] | None = None
    web_search_options: dict[str, Any] | None = None
