"""Anthropic's Messages API (Claude): ``anthropic("claude-sonnet-4-5")`` or ``create_anthropic(api_key=...)``.

Vendor settings go under ``provider_options["anthropic"]`` (see :class:`~.options.AnthropicOptions`):
``thinking``, ``disable_parallel_tool_use``, ``send_reasoning``, ``structured_output_mode``, ``anthropic_beta``.
On prompt parts and messages, ``provider_options["anthropic"]["cache_control"]`` marks a cache breakpoint.
Provider tools: ``ProviderTool(id="anthropic.web_search_20250305", name="web_search", args={"max_uses": 3})``.
"""

from __future__ import annotations

from ai_sdk_core.providers.anthropic.language_model import AnthropicMessagesLanguageModel
from ai_sdk_core.providers.anthropic.provider import (
    ANTHROPIC_VERSION,
    DEFAULT_ANTHROPIC_BASE_URL,
    AnthropicProvider,
    anthropic,
    create_anthropic,
)

__all__ = [
    "ANTHROPIC_VERSION",
    "DEFAULT_ANTHROPIC_BASE_URL",
    "AnthropicMessagesLanguageModel",
    "AnthropicProvider",
    "anthropic",
    "create_anthropic",
]
