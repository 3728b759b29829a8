"""``provider_options["openai"]`` of a Responses API call, validated strictly (a typo is an error, not ignored).

This module imports pydantic: the model imports it on first use, never at package import.
"""

from __future__ import annotations

from typing import Literal

from ai_sdk_core.providers.openai_compatible.options import StrictOptions

__all__ = ["OpenAIResponsesOptions"]


class OpenAIResponsesOptions(StrictOptions):
    """OpenAI's Responses API options.

    Example::

        provider_options={"openai": {"store": False, "reasoning_summary": "auto", "previous_response_id": "resp_1"}}
    """

    include: list[str] | None = None
    """Extra output to return, e.g. ``["reasoning.encrypted_content"]`` (added by itself when ``store`` is
    ``False`` on a reasoning model, so that reasoning items can be sent back)."""
    instructions: str | None = None
    """Sent as ``instructions`` (a system message in front of the input, not kept across ``previous_response_id``)."""
    max_tool_calls: int | None = None
    """Upper bound on built-in tool calls in one response."""
    metadata: dict[str, str] | None = None
    """Tags stored with the response."""
    parallel_tool_calls: bool | None = None
    """``False`` makes the model call at most one function per response."""
    previous_response_id: str | None = None
    """Continue from a stored response instead of sending the whole conversation again."""
    prompt_cache_key: str | None = None
    """Groups requests that share a prefix, to raise the prompt cache hit rate."""
    reasoning_effort: Literal["none", "minimal", "low", "medium", "high", "xhigh"] | None = None
    """Sent as ``reasoning.effort``; wins over the neutral ``CallOptions.reasoning``."""
    reasoning_summary: Literal["auto", "concise", "detailed"] | None = None
    """Sent as ``reasoning.summary``: ask for reasoning summaries (they become reasoning parts)."""
    safety_identifier: str | None = None
    """A stable, hashed end-user id for abuse detection."""
    service_tier: Literal["auto", "flex", "priority", "default"] | None = None
    """Processing tier."""
    store: bool | None = None
    """Whether OpenAI keeps the response (its default: yes). ``False`` sends earlier items whole, reasoning with
    its encrypted content, instead of ``item_reference`` items."""
    strict_json_schema: bool | None = None
    """Whether a JSON-schema response format is sent with ``strict: true``; by default, when the schema fits
    strict mode's rules (all properties required, no additional properties)."""
    system_message_mode: Literal["system", "developer", "remove"] | None = None
    """How system messages are sent; reasoning models default to ``developer``."""
    text_verbosity: Literal["low", "medium", "high"] | None = None
    """Sent as ``text.verbosity``."""
    truncation: Literal["auto", "disabled"] | None = None
    """``auto`` drops the oldest items when the context overflows instead of failing."""
    user: str | None = None
    """A stable end-user id (superseded by ``safety_identifier``)."""
    force_reasoning: bool | None = None
    """Treat the model as a reasoning model (or not) regardless of its id."""
