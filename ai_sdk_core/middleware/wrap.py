"""``wrap_language_model``: a spec ``LanguageModel`` whose calls go through middleware, with one sync and one
async driver over the middleware's generator hooks (see :mod:`ai_sdk_core.middleware.core`)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from typing import Any, Literal

from ai_sdk_core.middleware.core import (
    CallKind,
    InnerStream,
    ModelRequest,
    StoreRequest,
    StreamReply,
    StreamTransform,
    WrapGenerator,
)
from ai_sdk_core.spec.call_options import CallOptions
from ai_sdk_core.spec.errors import InvalidArgumentError
from ai_sdk_core.spec.language_model import (
    AsyncStreamResult,
    GenerateResult,
    LanguageModel,
    StreamResult,
    SyncStreamResult,
)
from ai_sdk_core.spec.stream_parts import StreamPart

__all__ = ["WrappedLanguageModel", "wrap_language_model"]


def _as_list(middleware: Any) -> list[Any]:
    if middleware is None:
        return []
    if isinstance(middleware, list | tuple):
        return list(middleware)
    return [middleware]


def _transformed(layer: Any, options: CallOptions, kind: CallKind, model: LanguageModel) -> CallOptions:
    transform = getattr(layer, "transform_params", None)
    if transform is None:
        return options
    result: CallOptions = transform(options, kind=kind, model=model)
    return result


def _hook(layer: Any, kind: CallKind, options: CallOptions, model: LanguageModel) -> WrapGenerator | None:
    hook = getattr(layer, "wrap_generate" if kind == "generate" else "wrap_stream", None)
    if hook is None:
        return None
    generator: WrapGenerator = hook(options, model)
    return generator


def _check_request(value: Any) -> ModelRequest | StoreRequest:
    if not isinstance(value, ModelRequest | StoreRequest):
        raise TypeError(f"a middleware hook yielded {value!r}; yield from call_generate()/call_stream() instead")
    return value


def _store_call(request: StoreRequest) -> Any:
    if request.operation == "get":
        return request.store.get(request.key)
    return request.store.set(request.key, request.value)


async def _astore_call(request: StoreRequest) -> Any:
    # A store without async twins is called as is (in-memory stores are fast enough for the loop).
    if request.operation == "get":
        aget = getattr(request.store, "aget", None)
        return await aget(request.key) if aget is not None else request.store.get(request.key)
    aset = getattr(request.store, "aset", None)
    if aset is not None:
        return await aset(request.key, request.value)
    return request.store.set(request.key, request.value)


async def _aflush(transform: StreamTransform) -> Sequence[StreamPart]:
    # A transform that writes a store at the end may offer ``aflush`` for the async path.
    aflush = getattr(transform, "aflush", None)
    return list(await aflush()) if aflush is not None else list(transform.flush())


def _report_error(transform: StreamTransform | None, error: Exception) -> None:
    # ``on_error`` is optional: most transforms only care about parts.
    on_error = getattr(transform, "on_error", None)
    if on_error is not None:
        on_error(error)


def _sync_parts(reply: StreamReply) -> Iterator[StreamPart]:
    source = reply.parts
    inner: Any = source.stream if isinstance(source, InnerStream) else iter(list(source))
    transform: StreamTransform | None = reply.transform
    try:
        for part in inner:
            if transform is None:
                yield part
            else:
                yield from transform.feed(part)
        if transform is not None:
            yield from transform.flush()
    except Exception as error:
        _report_error(transform, error)
        raise
    finally:
        # Closing the outer stream early must release the inner one (an HTTP response).
        close = getattr(inner, "close", None)
        if close is not None:
            close()


async def _async_parts(reply: StreamReply) -> AsyncIterator[StreamPart]:
    source = reply.parts
    transform: StreamTransform | None = reply.transform
    if not isinstance(source, InnerStream):
        for part in source:
            if transform is None:
                yield part
            else:
                for emitted in transform.feed(part):
                    yield emitted
        if transform is not None:
            for emitted in await _aflush(transform):
                yield emitted
        return
    inner: Any = source.stream
    try:
        async for part in inner:
            if transform is None:
                yield part
            else:
                for emitted in transform.feed(part):
                    yield emitted
        if transform is not None:
            for emitted in await _aflush(transform):
                yield emitted
    except Exception as error:
        _report_error(transform, error)
        raise
    finally:
        close = getattr(inner, "aclose", None)
        if close is not None:
            await close()


class WrappedLanguageModel:
    """A language model seen through middleware; the first middleware is the outermost layer."""

    specification_version: Literal["v4"] = "v4"

    def __init__(
        self,
        model: LanguageModel,
        middleware: Sequence[Any],
        *,
        model_id: str | None = None,
        provider_id: str | None = None,
    ) -> None:
        self.model = model
        self.middleware = list(middleware)
        self.provider: str = provider_id or model.provider
        self.model_id: str = model_id or model.model_id

    @property
    def supported_urls(self) -> Mapping[str, Sequence[re.Pattern[str]]]:
        """The wrapped model's supported URLs."""
        return self.model.supported_urls

    def __repr__(self) -> str:
        return f"WrappedLanguageModel(provider={self.provider!r}, model_id={self.model_id!r})"

    # The sync driver: layer ``index`` runs its hook; each yielded request is answered by layer ``index + 1``.

    def _run(self, index: int, kind: CallKind, options: CallOptions) -> Any:
        if index == len(self.middleware):
            if kind == "generate":
                return self.model.do_generate(options)
            result = self.model.do_stream(options)
            return InnerStream(stream=result.stream, request=result.request, response=result.response)
        layer = self.middleware[index]
        options = _transformed(layer, options, kind, self)
        generator = _hook(layer, kind, options, self)
        if generator is None:
            return self._run(index + 1, kind, options)
        try:
            request = _check_request(next(generator))
            while True:
                try:
                    if isinstance(request, StoreRequest):
                        answer = _store_call(request)
                    else:
                        answer = self._run(index + 1, request.kind, request.options)
                except Exception as error:  # the hook may catch the next layer's (or the store's) error
                    request = _check_request(generator.throw(error))
                else:
                    request = _check_request(generator.send(answer))
        except StopIteration as stop:
            return self._answer(kind, stop.value, sync=True)

    async def _arun(self, index: int, kind: CallKind, options: CallOptions) -> Any:
        if index == len(self.middleware):
            if kind == "generate":
                return await self.model.ado_generate(options)
            result = await self.model.ado_stream(options)
            return InnerStream(stream=result.stream, request=result.request, response=result.response)
        layer = self.middleware[index]
        options = _transformed(layer, options, kind, self)
        generator = _hook(layer, kind, options, self)
        if generator is None:
            return await self._arun(index + 1, kind, options)
        try:
            request = _check_request(next(generator))
            while True:
                try:
                    if isinstance(request, StoreRequest):
                        answer = await _astore_call(request)
                    else:
                        answer = await self._arun(index + 1, request.kind, request.options)
                except Exception as error:
                    request = _check_request(generator.throw(error))
                else:
                    request = _check_request(generator.send(answer))
        except StopIteration as stop:
            return self._answer(kind, stop.value, sync=False)

    @staticmethod
    def _answer(kind: CallKind, value: Any, *, sync: bool) -> Any:
        if kind == "generate":
            if not isinstance(value, GenerateResult):
                raise TypeError(f"wrap_generate returned {type(value).__name__}, expected GenerateResult")
            return value
        if not isinstance(value, StreamReply):
            raise TypeError(f"wrap_stream returned {type(value).__name__}, expected StreamReply")
        stream: Any = _sync_parts(value) if sync else _async_parts(value)
        return InnerStream(stream=stream, request=value.request, response=value.response)

    def do_generate(self, options: CallOptions) -> GenerateResult:
        """Generate through every middleware layer."""
        result: GenerateResult = self._run(0, "generate", options)
        return result

    async def ado_generate(self, options: CallOptions) -> GenerateResult:
        """Async twin of :meth:`do_generate`."""
        result: GenerateResult = await self._arun(0, "generate", options)
        return result

    def do_stream(self, options: CallOptions) -> SyncStreamResult:
        """Stream through every middleware layer."""
        inner: InnerStream = self._run(0, "stream", options)
        return StreamResult(stream=inner.stream, request=inner.request, response=inner.response)

    async def ado_stream(self, options: CallOptions) -> AsyncStreamResult:
        """Async twin of :meth:`do_stream`."""
        inner: InnerStream = await self._arun(0, "stream", options)
        return StreamResult(stream=inner.stream, request=inner.request, response=inner.response)


def wrap_language_model(
    model: LanguageModel,
    middleware: Any,
    *,
    model_id: str | None = None,
    provider_id: str | None = None,
) -> WrappedLanguageModel:
    """``model`` with ``middleware`` (one or a list; the first is the outermost) applied to every call::

        model = wrap_language_model(openai("gpt-4o-mini"), [logging_middleware(), cache_middleware()])

    ``model_id``/``provider_id`` override what the wrapped model reports.
    """
    layers = _as_list(middleware)
    if not layers:
        raise InvalidArgumentError("wrap_language_model needs at least one middleware", argument="middleware")
    return WrappedLanguageModel(model, layers, model_id=model_id, provider_id=provider_id)
