"""``wrap_embedding_model``: embedding-model middleware with ``transform_params`` and ``wrap_embed``, written
once as in :mod:`ai_sdk_core.middleware.core` (``wrap_embed`` is a generator that yields
``call_embed(options)`` to run the next layer)."""

from __future__ import annotations

from collections.abc import Generator, Sequence
from dataclasses import dataclass
from typing import Any, Literal, cast

from ai_sdk_core.spec.embedding_model import EmbeddingCallOptions, EmbeddingModel, EmbeddingResult
from ai_sdk_core.spec.errors import InvalidArgumentError

__all__ = [
    "EmbedRequest",
    "EmbeddingModelMiddleware",
    "WrappedEmbeddingModel",
    "call_embed",
    "wrap_embedding_model",
]


@dataclass(slots=True, frozen=True)
class EmbedRequest:
    """What ``wrap_embed`` yields: "embed with these options in the next layer"."""

    options: EmbeddingCallOptions


def call_embed(options: EmbeddingCallOptions) -> Generator[EmbedRequest, Any, EmbeddingResult]:
    """Inside ``wrap_embed``: ``result = yield from call_embed(options)``."""
    result = yield EmbedRequest(options)
    return cast(EmbeddingResult, result)


class EmbeddingModelMiddleware:
    """Base class whose hooks pass everything through."""

    def transform_params(self, options: EmbeddingCallOptions, *, model: EmbeddingModel) -> EmbeddingCallOptions:
        """The options the next layer receives (pure)."""
        return options

    def wrap_embed(
        self, options: EmbeddingCallOptions, model: EmbeddingModel
    ) -> Generator[EmbedRequest, Any, EmbeddingResult]:
        """Runs the next layer; override to change the call or its result."""
        return (yield from call_embed(options))


class WrappedEmbeddingModel:
    """An embedding model seen through middleware; the first middleware is the outermost layer."""

    specification_version: Literal["v4"] = "v4"

    def __init__(
        self,
        model: EmbeddingModel,
        middleware: Sequence[Any],
        *,
        model_id: str | None = None,
        provider_id: str | None = None,
    ) -> None:
        self.model = model
        self.middleware = list(middleware)
        self.provider: str = provider_id or model.provider
        self.model_id: str = model_id or model.model_id
        self.max_embeddings_per_call: int | None = model.max_embeddings_per_call
        self.supports_parallel_calls: bool = model.supports_parallel_calls

    def __repr__(self) -> str:
        return f"WrappedEmbeddingModel(provider={self.provider!r}, model_id={self.model_id!r})"

    def _prepare(self, index: int, options: EmbeddingCallOptions) -> tuple[EmbeddingCallOptions, Any]:
        layer = self.middleware[index]
        transform = getattr(layer, "transform_params", None)
        if transform is not None:
            options = transform(options, model=self)
        hook = getattr(layer, "wrap_embed", None)
        return options, (hook(options, self) if hook is not None else None)

    def _run(self, index: int, options: EmbeddingCallOptions) -> EmbeddingResult:
        if index == len(self.middleware):
            return self.model.do_embed(options)
        options, generator = self._prepare(index, options)
        if generator is None:
            return self._run(index + 1, options)
        try:
            request: EmbedRequest = next(generator)
            while True:
                try:
                    answer = self._run(index + 1, request.options)
                except Exception as error:
                    request = generator.throw(error)
                else:
                    request = generator.send(answer)
        except StopIteration as stop:
            return cast(EmbeddingResult, stop.value)

    async def _arun(self, index: int, options: EmbeddingCallOptions) -> EmbeddingResult:
        if index == len(self.middleware):
            return await self.model.ado_embed(options)
        options, generator = self._prepare(index, options)
        if generator is None:
            return await self._arun(index + 1, options)
        try:
            request: EmbedRequest = next(generator)
            while True:
                try:
                    answer = await self._arun(index + 1, request.options)
                except Exception as error:
                    request = generator.throw(error)
                else:
                    request = generator.send(answer)
        except StopIteration as stop:
            return cast(EmbeddingResult, stop.value)

    def do_embed(self, options: EmbeddingCallOptions) -> EmbeddingResult:
        """Embed through every middleware layer."""
        return self._run(0, options)

    async def ado_embed(self, options: EmbeddingCallOptions) -> EmbeddingResult:
        """Async twin of :meth:`do_embed`."""
        return await self._arun(0, options)


def wrap_embedding_model(
    model: EmbeddingModel,
    middleware: Any,
    *,
    model_id: str | None = None,
    provider_id: str | None = None,
) -> WrappedEmbeddingModel:
    """``model`` with ``middleware`` (one or a list; the first is the outermost) applied to every embed call."""
    layers = list(middleware) if isinstance(middleware, list | tuple) else [middleware] if middleware else []
    if not layers:
        raise InvalidArgumentError("wrap_embedding_model needs at least one middleware", argument="middleware")
    return WrappedEmbeddingModel(model, layers, model_id=model_id, provider_id=provider_id)
