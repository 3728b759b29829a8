"""``embed`` / ``embed_many`` (sync and async) and ``cosine_similarity``.

Example::

    from ai_sdk_core import embed_many, cosine_similarity

    result = embed_many(model="openai:text-embedding-3-small", values=["sunny day", "rainy day"])
    print(cosine_similarity(result.embeddings[0], result.embeddings[1]), result.usage.tokens)

``embed_many`` splits the values by the model's ``max_embeddings_per_call``, runs the batches with at most
``max_parallel_calls`` at a time (threads in sync code, tasks in async code; one at a time when the model says
it does not support parallel calls), retries each batch on its own, and returns the vectors in input order.
"""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ai_sdk_core._batching import (
    ProgressCallback,
    ProgressReporter,
    arun_batches,
    merge_provider_metadata,
    normalize_max_retries,
    normalize_timeout,
    run_batches,
)
from ai_sdk_core.provider_utils.retry import acall_with_retries, call_with_retries
from ai_sdk_core.provider_utils.settings import NOT_GIVEN, NotGiven
from ai_sdk_core.spec import (
    CallWarning,
    EmbeddingCallOptions,
    EmbeddingModel,
    EmbeddingResult,
    EmbeddingUsage,
    InvalidArgumentError,
    ProviderMetadata,
    ProviderOptions,
    ResponseInfo,
)

__all__ = [
    "EmbedManyResult",
    "EmbedResult",
    "aembed",
    "aembed_many",
    "cosine_similarity",
    "embed",
    "embed_many",
]


@dataclass(slots=True)
class EmbedResult:
    """The embedding of one ``value``, the tokens used, and the response it came in."""

    value: str
    embedding: list[float]
    usage: EmbeddingUsage
    response: ResponseInfo
    provider_metadata: ProviderMetadata | None = None
    warnings: Sequence[CallWarning] = field(default_factory=tuple)


@dataclass(slots=True)
class EmbedManyResult:
    """One embedding per value, in input order; ``usage`` sums every batch, ``responses`` lists them in order."""

    values: list[str]
    embeddings: list[list[float]]
    usage: EmbeddingUsage
    responses: list[ResponseInfo]
    provider_metadata: ProviderMetadata | None = None
    warnings: Sequence[CallWarning] = field(default_factory=tuple)


def cosine_similarity(vector1: Sequence[float], vector2: Sequence[float]) -> float:
    """The cosine of the angle between two vectors, from -1 to 1.

    Raises :class:`~ai_sdk_core.spec.InvalidArgumentError` when their lengths differ. As in the AI SDK, a zero
    vector (or two empty ones) has no direction and gives ``0.0`` rather than an error.
    """
    if len(vector1) != len(vector2):
        raise InvalidArgumentError(
            f"vectors must have the same length (got {len(vector1)} and {len(vector2)})",
            argument="vector1, vector2",
        )
    dot = math.fsum(left * right for left, right in zip(vector1, vector2, strict=True))
    norm1 = math.sqrt(math.fsum(value * value for value in vector1))
    norm2 = math.sqrt(math.fsum(value * value for value in vector2))
    if norm1 == 0.0 or norm2 == 0.0:
        return 0.0
    return dot / (norm1 * norm2)


# --- pure planning ---------------------------------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class _Plan:
    model: EmbeddingModel
    batches: list[EmbeddingCallOptions]
    max_parallel: int
    max_retries: int


def _plan(
    model: Any,
    values: Sequence[str],
    *,
    max_parallel_calls: int | None,
    max_retries: Any,
    headers: Mapping[str, str | None] | None,
    provider_options: ProviderOptions | None,
    timeout: Any,
) -> _Plan:
    from ai_sdk_core.registry.builtin import resolve_embedding_model  # lazily: providers load on first use

    if isinstance(values, str):
        raise InvalidArgumentError("expected a list of strings, not one string (use embed)", argument="values")
    if not isinstance(values, Sequence) or not all(isinstance(value, str) for value in values):
        raise InvalidArgumentError("expected a list of strings", argument="values", value=type(values).__name__)
    if max_parallel_calls is not None and (not isinstance(max_parallel_calls, int) or max_parallel_calls < 1):
        raise InvalidArgumentError("expected an integer >= 1 or None", argument="max_parallel_calls")
    resolved: EmbeddingModel = resolve_embedding_model(model)
    limit = resolved.max_embeddings_per_call
    size = limit if limit is not None and limit > 0 else max(len(values), 1)
    timeout_config = normalize_timeout(timeout)
    batches = [
        EmbeddingCallOptions(
            values=list(values[start : start + size]),
            headers=headers,
            provider_options=provider_options,
            timeout=timeout_config,
        )
        for start in range(0, len(values), size)
    ]
    parallel = (max_parallel_calls or max(len(batches), 1)) if resolved.supports_parallel_calls else 1
    return _Plan(resolved, batches, parallel, normalize_max_retries(max_retries))


def _many_result(values: Sequence[str], results: list[EmbeddingResult]) -> EmbedManyResult:
    embeddings = [vector for result in results for vector in result.embeddings]
    token_counts = [result.usage.tokens for result in results if result.usage is not None]
    tokens = sum(count for count in token_counts if count is not None) if token_counts else None
    metadata = merge_provider_metadata([result.provider_metadata for result in results])
    return EmbedManyResult(
        values=list(values),
        embeddings=embeddings,
        usage=EmbeddingUsage(tokens=tokens),
        responses=[result.response for result in results],
        provider_metadata=metadata or None,
        warnings=tuple(warning for result in results for warning in result.warnings),
    )


def _one_result(value: str, result: EmbeddingResult) -> EmbedResult:
    if len(result.embeddings) != 1:
        from ai_sdk_core.spec import InvalidResponseDataError

        raise InvalidResponseDataError(f"Expected 1 embedding, got {len(result.embeddings)}.")
    return EmbedResult(
        value=value,
        embedding=result.embeddings[0],
        usage=result.usage or EmbeddingUsage(),
        response=result.response,
        provider_metadata=result.provider_metadata,
        warnings=tuple(result.warnings),
    )


def _reporter(
    plan: _Plan, total: int, on_progress: ProgressCallback | None, progress: bool
) -> Callable[[int, Any], None]:
    reporter = ProgressReporter(total, callback=on_progress, bar=progress)
    return lambda index, _result: reporter.advance(len(plan.batches[index].values))


# --- drivers ---------------------------------------------------------------------------------------------------


def embed(
    *,
    model: EmbeddingModel | str,
    value: str,
    max_retries: int | NotGiven | None = NOT_GIVEN,
    headers: Mapping[str, str | None] | None = None,
    provider_options: ProviderOptions | None = None,
    timeout: Any = NOT_GIVEN,
) -> EmbedResult:
    """Embed one ``value`` (blocking). ``max_retries`` defaults to 2; ``timeout`` is seconds or a TimeoutConfig."""
    plan = _plan(
        model,
        [value],
        max_parallel_calls=1,
        max_retries=max_retries,
        headers=headers,
        provider_options=provider_options,
        timeout=timeout,
    )
    options = plan.batches[0]
    result = call_with_retries(lambda: plan.model.do_embed(options), max_retries=plan.max_retries)
    return _one_result(value, result)


async def aembed(
    *,
    model: EmbeddingModel | str,
    value: str,
    max_retries: int | NotGiven | None = NOT_GIVEN,
    headers: Mapping[str, str | None] | None = None,
    provider_options: ProviderOptions | None = None,
    timeout: Any = NOT_GIVEN,  # noqa: ASYNC109 - the request's time budget, handed to the transport
) -> EmbedResult:
    """Async twin of :func:`embed`."""
    plan = _plan(
        model,
        [value],
        max_parallel_calls=1,
        max_retries=max_retries,
        headers=headers,
        provider_options=provider_options,
        timeout=timeout,
    )
    options = plan.batches[0]
    result = await acall_with_retries(lambda: plan.model.ado_embed(options), max_retries=plan.max_retries)
    return _one_result(value, result)


def embed_many(
    *,
    model: EmbeddingModel | str,
    values: Sequence[str],
    max_parallel_calls: int | None = None,
    max_retries: int | NotGiven | None = NOT_GIVEN,
    headers: Mapping[str, str | None] | None = None,
    provider_options: ProviderOptions | None = None,
    timeout: Any = NOT_GIVEN,
    on_progress: ProgressCallback | None = None,
    progress: bool = False,
) -> EmbedManyResult:
    """Embed ``values`` (blocking), in batches of the model's ``max_embeddings_per_call``.

    ``max_parallel_calls`` bounds the batches in flight (None: all at once). ``on_progress(done, total)`` is
    called as batches finish, counting values; ``progress=True`` draws a bar on stderr. Each batch is retried
    on its own (``max_retries``, default 2).
    """
    plan = _plan(
        model,
        values,
        max_parallel_calls=max_parallel_calls,
        max_retries=max_retries,
        headers=headers,
        provider_options=provider_options,
        timeout=timeout,
    )

    def task(options: EmbeddingCallOptions) -> Callable[[], EmbeddingResult]:
        return lambda: call_with_retries(lambda: plan.model.do_embed(options), max_retries=plan.max_retries)

    results = run_batches(
        [task(options) for options in plan.batches],
        max_parallel=plan.max_parallel,
        on_done=_reporter(plan, len(values), on_progress, progress),
    )
    return _many_result(values, results)


async def aembed_many(
    *,
    model: EmbeddingModel | str,
    values: Sequence[str],
    max_parallel_calls: int | None = None,
    max_retries: int | NotGiven | None = NOT_GIVEN,
    headers: Mapping[str, str | None] | None = None,
    provider_options: ProviderOptions | None = None,
    timeout: Any = NOT_GIVEN,  # noqa: ASYNC109 - the request's time budget, handed to the transport
    on_progress: ProgressCallback | None = None,
    progress: bool = False,
) -> EmbedManyResult:
    """Async twin of :func:`embed_many`."""
    plan = _plan(
        model,
        values,
        max_parallel_calls=max_parallel_calls,
        max_retries=max_retries,
        headers=headers,
        provider_options=provider_options,
        timeout=timeout,
    )

    def task(options: EmbeddingCallOptions) -> Callable[[], Awaitable[EmbeddingResult]]:
        return lambda: acall_with_retries(lambda: plan.model.ado_embed(options), max_retries=plan.max_retries)

    results = await arun_batches(
        [task(options) for options in plan.batches],
        max_parallel=plan.max_parallel,
        on_done=_reporter(plan, len(values), on_progress, progress),
    )
    return _many_result(values, results)
