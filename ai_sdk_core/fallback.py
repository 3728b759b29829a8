"""``fallback_model``: a language model that tries several models in order.

It moves to the next model when a call fails with a retryable :class:`~ai_sdk_core.spec.errors.APICallError`
(or when ``should_fallback(error)`` says so), raised by ``do_generate``, or by ``do_stream`` before any content
arrived. A stream's preamble (stream-start, response-metadata, raw parts) is held back until the first content
part, so an error there (raised, or sent as an error part) still switches models and nothing of the failed model
reaches the caller. Once a part was handed out, a later error propagates: switching then would repeat or mix
content. The answering model is recorded in ``response.model_id`` (when the model did not report one) and in
the provider metadata under ``"fallback"``: ``model_index``, ``provider``, ``model_id`` and the ``errors`` of
the models tried before (type, message, status code).
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from ai_sdk_core.spec.call_options import CallOptions
from ai_sdk_core.spec.errors import APICallError, InvalidArgumentError, RetryError
from ai_sdk_core.spec.language_model import (
    AsyncStreamResult,
    GenerateResult,
    LanguageModel,
    StreamResult,
    SyncStreamResult,
)
from ai_sdk_core.spec.shared import ProviderMetadata, ResponseInfo
from ai_sdk_core.spec.stream_parts import Finish, Raw, ResponseMetadata, StreamError, StreamPart, StreamStart

__all__ = ["FallbackModel", "default_should_fallback", "fallback_model"]


def default_should_fallback(error: BaseException) -> bool:
    """Retryable API errors (408/409/429/5xx, no connection), also when retries already ran out on them."""
    if isinstance(error, RetryError):
        error = error.last_error or error
    return isinstance(error, APICallError) and error.is_retryable


def _error_summary(error: BaseException) -> dict[str, Any]:
    # Messages of our errors never hold secrets (see spec/errors.py); headers and bodies are left out anyway.
    return {
        "type": type(error).__name__,
        "message": str(error),
        "status_code": getattr(error, "status_code", None),
    }


@dataclass(slots=True)
class _Attempts:
    """Pure bookkeeping of one call across the models: which to try next and what failed so far."""

    model_count: int
    should_fallback: Callable[[BaseException], bool]
    index: int = 0
    errors: list[BaseException] = field(default_factory=list)

    def can_fall_back(self, error: BaseException) -> bool:
        """Whether ``error`` would move the call to another model."""
        return self.index + 1 < self.model_count and self.should_fallback(error)

    def failed(self, error: Exception) -> None:
        """Record ``error``; re-raise it when it is not a reason to fall back or no model is left."""
        self.errors.append(error)
        if not self.can_fall_back(error):
            raise error
        self.index += 1

    def metadata(self, model: LanguageModel) -> dict[str, Any]:
        return {
            "model_index": self.index,
            "provider": model.provider,
            "model_id": model.model_id,
            "errors": [_error_summary(error) for error in self.errors],
        }


def _with_metadata(metadata: ProviderMetadata | None, fallback: dict[str, Any]) -> ProviderMetadata:
    return {**(metadata or {}), "fallback": fallback}


def _response(response: ResponseInfo, model: LanguageModel) -> ResponseInfo:
    return response if response.model_id else replace(response, model_id=model.model_id)


_PREAMBLE = (StreamStart, ResponseMetadata, Raw)


class _FallbackPartError(Exception):
    """Raised internally for an error part that should move the stream to the next model."""

    def __init__(self, error: Exception) -> None:
        super().__init__(str(error))
        self.error = error


def _held(part: StreamPart, attempts: _Attempts) -> bool:
    """Whether to keep peeking after ``part``; raises :class:`_FallbackPartError` for a fallback-worthy error part."""
    if isinstance(part, StreamError) and isinstance(part.error, Exception) and attempts.can_fall_back(part.error):
        raise _FallbackPartError(part.error)
    return isinstance(part, _PREAMBLE)


def _sync_chain(held: list[StreamPart], rest: Iterator[StreamPart], fallback: dict[str, Any]) -> Iterator[StreamPart]:
    try:
        for part in held:
            yield _mark(part, fallback)
        for part in rest:
            yield _mark(part, fallback)
    finally:
        close = getattr(rest, "close", None)
        if close is not None:
            close()


async def _async_chain(
    held: list[StreamPart], rest: AsyncIterator[StreamPart], fallback: dict[str, Any]
) -> AsyncIterator[StreamPart]:
    try:
        for part in held:
            yield _mark(part, fallback)
        async for part in rest:
            yield _mark(part, fallback)
    finally:
        close = getattr(rest, "aclose", None)
        if close is not None:
            await close()


def _mark(part: StreamPart, fallback: dict[str, Any]) -> StreamPart:
    # The finish part carries the stream's provider metadata, so the answering model is recorded there.
    if isinstance(part, Finish):
        return replace(part, provider_metadata=_with_metadata(part.provider_metadata, fallback))
    return part


class FallbackModel:
    """A spec ``LanguageModel`` over ``models`` tried in order (see :func:`fallback_model`)."""

    specification_version: Literal["v4"] = "v4"

    def __init__(
        self,
        models: Sequence[LanguageModel],
        should_fallback: Callable[[BaseException], bool] | None = None,
    ) -> None:
        if not models:
            raise InvalidArgumentError("fallback_model needs at least one model", argument="models")
        self.models = list(models)
        self.should_fallback = should_fallback or default_should_fallback
        self.provider = "fallback"
        self.model_id = ",".join(f"{model.provider}:{model.model_id}" for model in self.models)

    @property
    def supported_urls(self) -> Mapping[str, Sequence[re.Pattern[str]]]:
        """URL patterns every model downloads itself (others are downloaded by the core before the call)."""
        first, *others = self.models
        common: dict[str, Sequence[re.Pattern[str]]] = {}
        for media_type, patterns in first.supported_urls.items():
            kept = [
                pattern
                for pattern in patterns
                if all(
                    any(candidate.pattern == pattern.pattern for candidate in other.supported_urls.get(media_type, ()))
                    for other in others
                )
            ]
            if kept:
                common[media_type] = kept
        return common

    def __repr__(self) -> str:
        return f"FallbackModel({self.model_id!r})"

    def _attempts(self) -> _Attempts:
        return _Attempts(model_count=len(self.models), should_fallback=self.should_fallback)

    def _finish_generate(self, result: GenerateResult, attempts: _Attempts) -> GenerateResult:
        model = self.models[attempts.index]
        return replace(
            result,
            response=_response(result.response, model),
            provider_metadata=_with_metadata(result.provider_metadata, attempts.metadata(model)),
        )

    def do_generate(self, options: CallOptions) -> GenerateResult:
        """The first model's answer that did not fail with a fallback-worthy error."""
        attempts = self._attempts()
        while True:
            try:
                result = self.models[attempts.index].do_generate(options)
            except Exception as error:
                attempts.failed(error)
                continue
            return self._finish_generate(result, attempts)

    async def ado_generate(self, options: CallOptions) -> GenerateResult:
        """Async twin of :meth:`do_generate`."""
        attempts = self._attempts()
        while True:
            try:
                result = await self.models[attempts.index].ado_generate(options)
            except Exception as error:
                attempts.failed(error)
                continue
            return self._finish_generate(result, attempts)

    def do_stream(self, options: CallOptions) -> SyncStreamResult:
        """The first model's stream that reached content; later errors propagate."""
        attempts = self._attempts()
        while True:
            model = self.models[attempts.index]
            stream: Iterator[StreamPart] | None = None
            held: list[StreamPart] = []
            try:
                result = model.do_stream(options)
                stream = iter(result.stream)
                for part in stream:
                    held.append(part)
                    if not _held(part, attempts):
                        break
            except Exception as error:
                close = getattr(stream, "close", None)
                if close is not None:
                    close()
                attempts.failed(error.error if isinstance(error, _FallbackPartError) else error)
                continue
            parts = _sync_chain(held, stream, attempts.metadata(model))
            return StreamResult(stream=parts, request=result.request, response=_response(result.response, model))

    async def ado_stream(self, options: CallOptions) -> AsyncStreamResult:
        """Async twin of :meth:`do_stream`."""
        attempts = self._attempts()
        while True:
            model = self.models[attempts.index]
            stream: AsyncIterator[StreamPart] | None = None
            held: list[StreamPart] = []
            try:
                result = await model.ado_stream(options)
                stream = aiter(result.stream)
                async for part in stream:
                    held.append(part)
                    if not _held(part, attempts):
                        break
            except Exception as error:
                close = getattr(stream, "aclose", None)
                if close is not None:
                    await close()
                attempts.failed(error.error if isinstance(error, _FallbackPartError) else error)
                continue
            parts = _async_chain(held, stream, attempts.metadata(model))
            return StreamResult(stream=parts, request=result.request, response=_response(result.response, model))


def fallback_model(
    models: Sequence[LanguageModel],
    should_fallback: Callable[[BaseException], bool] | None = None,
) -> FallbackModel:
    """A model that answers with ``models[0]``, else the next, on retryable errors before any content::

        model = fallback_model([openai("gpt-4o"), anthropic("claude-sonnet-4-5")])

    ``should_fallback(error)`` replaces the default test (:func:`default_should_fallback`).
    """
    return FallbackModel(models, should_fallback)
