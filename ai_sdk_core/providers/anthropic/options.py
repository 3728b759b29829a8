"""Validation of ``provider_options["anthropic"]`` for a Messages API call.

Call-level options come from the caller and are validated strictly (a misspelt key is an error that names it).
Part- and message-level options (``cache_control``, thinking ``signature``, document ``citations``) are read
leniently by the prompt conversion, because the core copies response metadata into them verbatim.

This module imports pydantic: the model loads it on first use, never at import of the package.
"""

from __future__ import annotations

from typing import Literal

from ai_sdk_core.providers.openai_compatible.options import StrictOptions, parse_provider_options
from ai_sdk_core.spec import ProviderOptions

__all__ = ["AnthropicOptions", "AnthropicThinking", "parse_anthropic_options"]


class AnthropicThinking(StrictOptions):
    """Extended thinking: ``{"type": "enabled", "budget_tokens": 2048}`` (the budget is required when enabled)."""

    type: Literal["enabled", "disabled"]
    budget_tokens: int | None = None


class AnthropicOptions(StrictOptions):
    """Options read from ``provider_options["anthropic"]``.

    >>> AnthropicOptions.model_validate({"thinking": {"type": "enabled", "budget_tokens": 1024}}).thinking.type
    'enabled'
    """

    thinking: AnthropicThinking | None = None
    """Extended thinking; its budget is added to ``max_tokens`` (Anthropic counts thinking as output)."""
    send_reasoning: bool = True
    """Whether reasoning parts of earlier turns are sent back as thinking blocks."""
    disable_parallel_tool_use: bool | None = None
    """Sent as ``tool_choice.disable_parallel_tool_use``: at most one tool call per answer."""
    structured_output_mode: Literal["auto", "output_format", "json_tool"] = "auto"
    """How a JSON response format is requested: natively (``output_config.format``), through a forced ``json``
    tool, or ``auto`` (native where the model supports it, like the AI SDK)."""
    anthropic_beta: list[str] | None = None
    """Extra ``anthropic-beta`` flags to send."""


def parse_anthropic_options(provider_options: ProviderOptions | None) -> AnthropicOptions:
    """Validate ``provider_options["anthropic"]`` (absent options give the defaults); raises
    :class:`~ai_sdk_core.spec.InvalidArgumentError` naming every bad key."""
    return parse_provider_options(provider_options, "anthropic", AnthropicOptions)
