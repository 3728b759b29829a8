"""The reranking model protocol (V4), in sync and async."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable

from ai_sdk_core.spec.call_options import TimeoutConfig
from ai_sdk_core.spec.shared import CallWarning, ProviderMetadata, ProviderOptions, RequestInfo, ResponseInfo

__all__ = [
    "RankedItem",
    "RerankCallOptions",
    "RerankResult",
    "RerankingModel",
]


@dataclass(slots=True)
class RerankCallOptions:
    """Rank ``documents`` by relevance to ``query``. ``document_type`` says whether they are text or JSON objects;
    ``top_n`` (None: all) bounds the ranking's length."""

    documents: Sequence[str] | Sequence[Mapping[str, Any]]
    document_type: Literal["text", "object"]
    query: str
    top_n: int | None = None
    provider_options: ProviderOptions | None = None
    headers: Mapping[str, str | None] | None = None
    timeout: TimeoutConfig | None = None


@dataclass(slots=True, frozen=True)
class RankedItem:
    """One document's place: ``index`` into the documents sent, and its relevance score (higher is better)."""

    index: int
    relevance_score: float


@dataclass(slots=True)
class RerankResult:
    """The ranking, most relevant first."""

    ranking: list[RankedItem]
    warnings: Sequence[CallWarning] = field(default_factory=tuple)
    provider_metadata: ProviderMetadata | None = None
    request: RequestInfo = field(default_factory=RequestInfo)
    response: ResponseInfo = field(default_factory=ResponseInfo)


@runtime_checkable
class RerankingModel(Protocol):
    """Orders documents by relevance to a query."""

    @property
    def specification_version(self) -> Literal["v4"]: ...

    @property
    def provider(self) -> str: ...

    @property
    def model_id(self) -> str: ...

    def do_rerank(self, options: RerankCallOptions) -> RerankResult: ...

    async def ado_rerank(self, options: RerankCallOptions) -> RerankResult: ...
