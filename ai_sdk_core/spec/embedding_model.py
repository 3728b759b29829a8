"""The embedding model protocol (V4), in sync and async."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol, runtime_checkable

from ai_sdk_core.spec.call_options import TimeoutConfig
from ai_sdk_core.spec.shared import (
    CallWarning,
    ProviderMetadata,
    ProviderOptions,
    ResponseInfo,
)

__all__ = [
    "EmbeddingCallOptions",
    "EmbeddingModel",
    "EmbeddingResult",
    "EmbeddingUsage",
]


@dataclass(slots=True)
class EmbeddingCallOptions:
    values: Sequence[str]
    headers: Mapping[str, str | None] | None = None
    provider_options: ProviderOptions | None = None
    timeout: TimeoutConfig | None = None


@dataclass(slots=True)
class EmbeddingUsage:
    tokens: int | None = None


@dataclass(slots=True)
class EmbeddingResult:
    """One vector per input value, in input order."""

    embeddings: list[list[float]]
    usage: EmbeddingUsage | None = None
    provider_metadata: ProviderMetadata | None = None
    response: ResponseInfo = field(default_factory=ResponseInfo)
    warnings: Sequence[CallWarning] = field(default_factory=tuple)


@runtime_checkable
class EmbeddingModel(Protocol):
    """Embeds text values. ``max_embeddings_per_call`` (None: unbounded) tells callers how to batch."""

    @property
    def specification_version(self) -> Literal["v4"]: ...

    @property
    def provider(self) -> str: ...

    @property
    def model_id(self) -> str: ...

    @property
    def max_embeddings_per_call(self) -> int | None: ...

    @property
    def supports_parallel_calls(self) -> bool: ...

    def do_embed(self, options: EmbeddingCallOptions) -> EmbeddingResult: ...

    async def ado_embed(self, options: EmbeddingCallOptions) -> EmbeddingResult: ...
