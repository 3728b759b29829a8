"""``provider_options["openai"]`` of a Chat Completions call, validated strictly."""

from __future__ import annotations

from typing import Any, Literal

from ai_sdk_core.providers.openai_compatible.options import OpenAICompatibleChatOptions

__all__ = ["OpenAIChatOptions"]


class OpenAIChatOptions(OpenAICompatibleChatOptions):
    """OpenAI's chat options. Unknown keys are rejected (``InvalidArgumentError``), so a typo is not ignored.

    Example::

        provider_options={"openai": {"reasoning_effort": "low", "parallel_tool_calls": False}}
    """

    reasoning_effort: Literal["none", "minimal", "low", "medium", "high", "xhigh"] | None = None
    """For reasoning models; wins over the neutral ``CallOptions.reasoning``."""
    logit_bias: dict[str, float] | None = None
    """Token id (as a string) -> bias from -100 to 100."""
    logprobs: bool | int | None = None
    """``True`` for the chosen tokens' log probabilities, a number for that many alternatives per token too.
    They are returned in ``provider_metadata["openai"]["logprobs"]``."""
    parallel_tool_calls: bool | None = None
    """``False`` makes the model call at most one tool per step."""
    max_completion_tokens: int | None = None
    """Overrides ``max_output_tokens`` (reasoning models count hidden reasoning tokens against it)."""
    store: bool | None = None
    """Keep the completion for distillation and evals."""
    metadata: dict[str, str] | None = None
    """Tags for stored completions."""
    prediction: dict[str, Any] | None = None
    """Predicted Outputs, e.g. ``{"type": "content", "content": "..."}``."""
    service_tier: Literal["auto", "flex", "priority", "default"] | None = None
    """Processing tier; ``flex`` and ``priority`` only on the models that offer them (else a warning)."""
    structured_outputs: bool | None = None
    """``False`` sends a JSON-schema response format as plain ``json_object`` (with a warning)."""
    prompt_cache_key: str | None = None
    """Groups requests that share a prefix, to raise the prompt cache hit rate."""
    safety_identifier: str | None = None
    """A stable, hashed end-user id for abuse detection (successor of ``user``)."""
    system_message_mode: Literal["system", "developer", "remove"] | None = None
    """How system messages are sent; reasoning models default to ``developer``."""
    force_reasoning: bool | None = None
    """Treat the model as a reasoning model (or not) regardless of its id, e.g. for a fine-tune of o4-mini."""
