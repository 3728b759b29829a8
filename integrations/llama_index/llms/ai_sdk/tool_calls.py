"""Tool-call helpers of ``AISDK`` (pure): the single-call switch of each provider, keeping one call when parallel
calls were not allowed, and reading arguments that may still be streaming."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from llama_index.core.base.llms.types import ChatResponse, ToolCallBlock

from .convert import parse_tool_arguments

__all__ = ["SINGLE_TOOL_CALL_OPTIONS", "force_single_tool_call", "merge_provider_options", "partial_arguments"]

# What "at most one tool call per answer" is called by the providers that have the switch. A table of data,
# merged under the caller's own provider options; providers without a switch are held to it by
# ``_validate_chat_with_tools_response``, which keeps the first call.
SINGLE_TOOL_CALL_OPTIONS: Final[dict[str, dict[str, Any]]] = {
    "openai": {"parallel_tool_calls": False},
    "groq": {"parallel_tool_calls": False},
    "xai": {"parallel_tool_calls": False},
    "anthropic": {"disable_parallel_tool_use": True},
}


def merge_provider_options(
    base: Mapping[str, Mapping[str, Any]], override: Mapping[str, Mapping[str, Any]] | None
) -> dict[str, dict[str, Any]]:
    """``base`` with ``override`` merged in, provider by provider (``override`` wins per key)."""
    merged = {provider: dict(values) for provider, values in base.items()}
    for provider, values in (override or {}).items():
        merged[provider] = {**merged.get(provider, {}), **values}
    return merged


def force_single_tool_call(response: ChatResponse) -> None:
    """Keep only the first tool call of ``response`` (its blocks and the OpenAI-style list), in place."""
    message = response.message
    calls = [block for block in message.blocks if isinstance(block, ToolCallBlock)]
    if len(calls) > 1:
        first = calls[0]
        message.blocks = [block for block in message.blocks if not isinstance(block, ToolCallBlock) or block is first]
    legacy = message.additional_kwargs.get("tool_calls")
    if isinstance(legacy, list) and len(legacy) > 1:
        message.additional_kwargs["tool_calls"] = legacy[:1]


def partial_arguments(value: dict[str, Any] | str) -> dict[str, Any]:
    """Arguments as a dict: complete JSON parsed, partial JSON (mid-stream) parsed as far as it goes."""
    if isinstance(value, dict):
        return value
    parsed = parse_tool_arguments(value)
    if isinstance(parsed, dict):
        return parsed
    from llama_index.core.llms.utils import parse_partial_json  # lazily: only streams need it

    try:
        partial = parse_partial_json(value)
    except (ValueError, TypeError):
        return {}
    return partial if isinstance(partial, dict) else {}
