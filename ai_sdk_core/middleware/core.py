"""The middleware contract: how one hook definition serves the sync and the async path.

A middleware is an object (subclass :class:`LanguageModelMiddleware` for the defaults) with up to three hooks:

- ``transform_params(options, *, kind, model) -> CallOptions``: a pure function, ``kind`` is ``"generate"``
  or ``"stream"``.
- ``wrap_generate(options, model)`` and ``wrap_stream(options, model)``: **generators** that ask for the next
  layer's work by yielding a request and receive its answer. They never do I/O themselves, so the same
  generator is driven by a blocking driver (``do_generate``) and by an async driver (``ado_generate``)::

      class Shout(LanguageModelMiddleware):
          def wrap_generate(self, options, model):
              result = yield from call_generate(options)  # the next layer (or the model) answers
              return replace(result, content=[TextContent(text=part.text.upper()) for part in result.content])

  ``wrap_stream`` may ``yield from call_stream(options)`` (an :class:`InnerStream` it must not iterate) or
  ``yield from call_generate(options)``, and returns a :class:`StreamReply`: the inner stream (optionally put
  through a :class:`StreamTransform`, an incremental ``feed(part)``/``flush()`` object) or a list of parts.

Why generators: stream parts arrive through a sync or an async iterator, and callbacks written for one cannot
be awaited by the other. Expressing the "call the next layer" step as a yielded request, and stream rewriting
as an incremental transform, keeps every hook pure and lets two ~40-line drivers do the I/O.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, TypeAlias, cast

from ai_sdk_core.spec.call_options import CallOptions
from ai_sdk_core.spec.language_model import GenerateResult, LanguageModel
from ai_sdk_core.spec.shared import RequestInfo, ResponseInfo
from ai_sdk_core.spec.stream_parts import StreamPart

__all__ = [
    "CallKind",
    "InnerStream",
    "LanguageModelMiddleware",
    "ModelRequest",
    "StoreRequest",
    "StreamReply",
    "StreamTransform",
    "WrapGenerator",
    "call_generate",
    "call_stream",
    "store_get",
    "store_set",
]

CallKind: TypeAlias = Literal["generate", "stream"]


@dataclass(slots=True, frozen=True)
class ModelRequest:
    """What a wrap hook yields: "run the next layer's ``kind`` call with these options"."""

    kind: CallKind
    options: CallOptions


@dataclass(slots=True, frozen=True)
class StoreRequest:
    """What a wrap hook yields to read or write a store (a cache): the sync driver calls ``store.get``/``set``,
    the async driver awaits ``store.aget``/``aset`` when the store has them (a store that does I/O, such as
    Django's database cache, must not be called synchronously inside an event loop)."""

    operation: Literal["get", "set"]
    store: Any
    key: str
    value: Any = None


@dataclass(slots=True)
class InnerStream:
    """The next layer's stream, handed to ``wrap_stream``. ``stream`` is a sync or an async iterator depending
    on the driver: pass it on through :meth:`reply`, never iterate it in a hook."""

    stream: Any
    request: RequestInfo = field(default_factory=RequestInfo)
    response: ResponseInfo = field(default_factory=ResponseInfo)

    def reply(self, transform: StreamTransform | None = None) -> StreamReply:
        """This stream as the hook's answer, its parts optionally rewritten by ``transform``."""
        return StreamReply(parts=self, transform=transform, request=self.request, response=self.response)


class StreamTransform(Protocol):
    """Rewrites a stream incrementally: ``feed`` gets each part and returns the parts to emit for it; ``flush``
    runs once when the inner stream ended normally and returns the parts still held back. A transform may also
    define ``on_error(error)``, called when the inner stream raises (the error then propagates)."""

    def feed(self, part: StreamPart) -> Sequence[StreamPart]: ...

    def flush(self) -> Sequence[StreamPart]: ...


@dataclass(slots=True)
class StreamReply:
    """What ``wrap_stream`` returns: ``parts`` is the inner stream or a fixed list of parts (a cache replay,
    a simulated stream), optionally put through ``transform``."""

    parts: InnerStream | Sequence[StreamPart]
    transform: StreamTransform | None = None
    request: RequestInfo = field(default_factory=RequestInfo)
    response: ResponseInfo = field(default_factory=ResponseInfo)


WrapGenerator: TypeAlias = Generator[ModelRequest | StoreRequest, Any, Any]


def store_get(store: Any, key: str) -> Generator[StoreRequest, Any, Any]:
    """Inside a wrap hook: ``value = yield from store_get(store, key)`` reads ``store`` on the driver's path."""
    return (yield StoreRequest("get", store, key))


def store_set(store: Any, key: str, value: Any) -> Generator[StoreRequest, Any, None]:
    """Inside a wrap hook: ``yield from store_set(store, key, value)`` writes ``store`` on the driver's path."""
    yield StoreRequest("set", store, key, value)


def call_generate(options: CallOptions) -> Generator[ModelRequest, Any, GenerateResult]:
    """Inside a wrap hook: ``result = yield from call_generate(options)`` runs the next layer's generate."""
    result = yield ModelRequest("generate", options)
    return cast(GenerateResult, result)


def call_stream(options: CallOptions) -> Generator[ModelRequest, Any, InnerStream]:
    """Inside ``wrap_stream``: ``inner = yield from call_stream(options)`` starts the next layer's stream."""
    result = yield ModelRequest("stream", options)
    return cast(InnerStream, result)


class LanguageModelMiddleware:
    """Base class whose hooks pass everything through; override the ones you need (see the module docstring).

    ``wrap_generate`` returns a generator whose return value is a ``GenerateResult``; ``wrap_stream`` one whose
    return value is a :class:`StreamReply`.
    """

    def transform_params(self, options: CallOptions, *, kind: CallKind, model: LanguageModel) -> CallOptions:
        """The options the next layer receives (pure)."""
        return options

    def wrap_generate(
        self, options: CallOptions, model: LanguageModel
    ) -> Generator[ModelRequest | StoreRequest, Any, GenerateResult]:
        """Runs the next layer's generate; override to change the call or its result."""
        return (yield from call_generate(options))

    def wrap_stream(
        self, options: CallOptions, model: LanguageModel
    ) -> Generator[ModelRequest | StoreRequest, Any, StreamReply]:
        """Runs the next layer's stream; override to change the call or its parts."""
        inner = yield from call_stream(options)
        return inner.reply()
