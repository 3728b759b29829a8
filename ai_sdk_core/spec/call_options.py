"""Options of one language-model call (the V4 ``LanguageModelCallOptions``), plus time budgets."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from ai_sdk_core.spec.prompt import Prompt
from ai_sdk_core.spec.shared import ProviderOptions
from ai_sdk_core.spec.tools import ToolChoice, ToolDefinition

__all__ = ["CallOptions", "ResponseFormat", "TimeoutConfig"]


@dataclass(slots=True, frozen=True)
class ResponseFormat:
    """``text``, or ``json`` optionally constrained by a JSON Schema (``schema``) with a ``name``/``description``."""

    type: Literal["text", "json"] = "text"
    schema: dict[str, Any] | None = None
    name: str | None = None
    description: str | None = None


@dataclass(slots=True, frozen=True)
class TimeoutConfig:
    """Time budgets in seconds; ``None`` means no budget.

    ``total`` bounds the whole call (for a stream: until its last part), ``connect`` the TCP/TLS connect (a
    connect timeout is a retryable ``APICallError``),
    ``first_chunk`` the wait for the first body bytes, ``between_chunks`` the silence between two stream events.
    A server that drips keep-alive comments does not reset ``between_chunks``: only events do.
    """

    total: float | None = None
    connect: float | None = None
    first_chunk: float | None = None
    between_chunks: float | None = None


@dataclass(slots=True)
class CallOptions:
    """Everything a :class:`~ai_sdk_core.spec.language_model.LanguageModel` call receives.

    Settings left at ``None`` are not sent, so the provider's defaults apply.
    """

    prompt: Prompt
    max_output_tokens: int | None = None
    temperature: float | None = None
    stop_sequences: Sequence[str] | None = None
    top_p: float | None = None
    top_k: int | None = None
    presence_penalty: float | None = None
    frequency_penalty: float | None = None
    response_format: ResponseFormat | None = None
    seed: int | None = None
    tools: Sequence[ToolDefinition] | None = None
    tool_choice: ToolChoice | None = None
    # Provider-neutral reasoning effort: "none", "minimal", "low", "medium", "high", "xhigh".
    reasoning: str | None = None
    include_raw_chunks: bool = False
    headers: Mapping[str, str | None] | None = None
    provider_options: ProviderOptions | None = None
    timeout: TimeoutConfig | None = None
    extra: dict[str, Any] = field(default_factory=dict)
