"""``rerank`` / ``arerank``: order documents (strings or JSON objects) by relevance to a query.

Example::

    result = rerank(model=cohere.reranking("rerank-v3.5"), documents=["sunny", "rainy"], query="weather?", top_n=1)
    print(result.ranking[0].original_index, result.reranked_documents[0])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from ai_sdk_core._batching import normalize_max_retries, normalize_timeout, resolve_model
from ai_sdk_core.provider_utils.retry import acall_with_retries, call_with_retries
from ai_sdk_core.provider_utils.settings import NOT_GIVEN, NotGiven
from ai_sdk_core.spec import (
    CallWarning,
    InvalidArgumentError,
    InvalidResponseDataError,
    ProviderMetadata,
    ProviderOptions,
    RerankCallOptions,
    RerankingModel,
    RerankResult,
    ResponseInfo,
)

__all__ = ["RankedDocument", "RerankedResult", "arerank", "rerank"]

Document = TypeVar("Document")


@dataclass(slots=True, frozen=True)
class RankedDocument(Generic[Document]):
    """One place of the ranking: the document's index in the input, its score and the document itself."""

    original_index: int
    score: float
    document: Document


@dataclass(slots=True)
class RerankedResult(Generic[Document]):
    """``ranking`` (most relevant first), ``reranked_documents`` in that order, the ``original_documents``."""

    original_documents: list[Document]
    ranking: list[RankedDocument[Document]]
    warnings: Sequence[CallWarning] = field(default_factory=tuple)
    response: ResponseInfo = field(default_factory=ResponseInfo)
    provider_metadata: ProviderMetadata = field(default_factory=dict)

    @property
    def reranked_documents(self) -> list[Document]:
        """The documents in ranking order."""
        return [item.document for item in self.ranking]


def _options(
    documents: Sequence[Any],
    query: str,
    top_n: int | None,
    provider_options: ProviderOptions | None,
    headers: Mapping[str, str | None] | None,
    timeout: Any,
) -> RerankCallOptions:
    if isinstance(documents, str) or not documents:
        raise InvalidArgumentError("expected a non-empty list of strings or of JSON objects", argument="documents")
    if all(isinstance(document, str) for document in documents):
        document_type = "text"
    elif all(isinstance(document, Mapping) for document in documents):
        document_type = "object"
    else:
        raise InvalidArgumentError("documents must be all strings or all JSON objects", argument="documents")
    if top_n is not None and (not isinstance(top_n, int) or isinstance(top_n, bool) or top_n < 1):
        raise InvalidArgumentError("expected an integer >= 1", argument="top_n", value=top_n)
    return RerankCallOptions(
        documents=list(documents),
        document_type=document_type,  # type: ignore[arg-type]  # one of the two literals, checked above
        query=query,
        top_n=top_n,
        provider_options=provider_options,
        headers=headers,
        timeout=normalize_timeout(timeout),
    )


def _result(documents: Sequence[Document], result: RerankResult) -> RerankedResult[Document]:
    ranking: list[RankedDocument[Document]] = []
    for item in result.ranking:
        if not 0 <= item.index < len(documents):
            raise InvalidResponseDataError(f"The ranking names document {item.index}, out of {len(documents)}.")
        ranking.append(RankedDocument(item.index, item.relevance_score, documents[item.index]))
    return RerankedResult(
        original_documents=list(documents),
        ranking=ranking,
        warnings=tuple(result.warnings),
        response=result.response,
        provider_metadata=dict(result.provider_metadata or {}),
    )


def rerank(
    *,
    model: RerankingModel | str,
    documents: Sequence[Document],
    query: str,
    top_n: int | None = None,
    max_retries: int | NotGiven | None = NOT_GIVEN,
    provider_options: ProviderOptions | None = None,
    headers: Mapping[str, str | None] | None = None,
    timeout: Any = NOT_GIVEN,
) -> RerankedResult[Document]:
    """Rank ``documents`` (all strings or all JSON objects) by relevance to ``query`` (blocking); ``top_n``
    keeps only the best ones."""
    resolved: RerankingModel = resolve_model(model, "reranking")
    options = _options(documents, query, top_n, provider_options, headers, timeout)
    result = call_with_retries(lambda: resolved.do_rerank(options), max_retries=normalize_max_retries(max_retries))
    return _result(documents, result)


async def arerank(
    *,
    model: RerankingModel | str,
    documents: Sequence[Document],
    query: str,
    top_n: int | None = None,
    max_retries: int | NotGiven | None = NOT_GIVEN,
    provider_options: ProviderOptions | None = None,
    headers: Mapping[str, str | None] | None = None,
    timeout: Any = NOT_GIVEN,  # noqa: ASYNC109 - the request's time budget, handed to the transport
) -> RerankedResult[Document]:
    """Async twin of :func:`rerank`."""
    resolved: RerankingModel = resolve_model(model, "reranking")
    options = _options(documents, query, top_n, provider_options, headers, timeout)
    result = await acall_with_retries(
        lambda: resolved.ado_rerank(options), max_retries=normalize_max_retries(max_retries)
    )
    return _result(documents, result)
