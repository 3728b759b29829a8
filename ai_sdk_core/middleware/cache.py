"""A caching middleware over a pluggable store, for generate results and for streams (replayed as streams).

The store is any object with ``get(key) -> value | None`` and ``set(key, value)`` (an
:class:`InMemoryLRUCache` by default; Django's cache fits as is). The key is a SHA-256 of the model's provider
and id, the call kind, and every result-affecting ``CallOptions`` field. It never includes credentials:
auth-like headers are left out, and API keys are not part of the options at all. ``timeout`` is left out
because it does not change an answer.
"""

from __future__ import annotations

import base64
import copy
import dataclasses
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Generator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from ai_sdk_core.middleware.core import (
    CallKind,
    LanguageModelMiddleware,
    ModelRequest,
    StoreRequest,
    StreamReply,
    call_generate,
    call_stream,
    store_get,
    store_set,
)
from ai_sdk_core.provider_utils.json import to_json_bytes
from ai_sdk_core.spec.call_options import CallOptions
from ai_sdk_core.spec.language_model import GenerateResult, LanguageModel
from ai_sdk_core.spec.shared import RequestInfo, ResponseInfo
from ai_sdk_core.spec.stream_parts import StreamError, StreamPart

__all__ = [
    "CacheMiddleware",
    "CacheStore",
    "CachedStream",
    "InMemoryLRUCache",
    "cache_key",
    "cache_middleware",
]

# Header names that carry credentials; also anything containing one of _SECRET_HINTS.
_AUTH_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})
_SECRET_HINTS = ("key", "token", "secret", "auth", "signature", "password")
_NOT_RESULT_AFFECTING = frozenset({"timeout"})


def is_secret_header(name: str) -> bool:
    """True for header names that may carry credentials (never part of a cache key, never logged)."""
    lowered = name.lower()
    return lowered in _AUTH_HEADERS or any(hint in lowered for hint in _SECRET_HINTS)


class CacheStore(Protocol):
    """What the cache middleware needs from a store."""

    def get(self, key: str) -> Any: ...

    def set(self, key: str, value: Any) -> Any: ...


class InMemoryLRUCache:
    """A thread-safe in-process store keeping the ``max_entries`` most recently used entries."""

    def __init__(self, max_entries: int = 256) -> None:
        if max_entries < 1:
            raise ValueError("max_entries must be at least 1")
        self.max_entries = max_entries
        self._entries: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> Any:
        """The value of ``key`` (marking it recently used), or ``None``."""
        with self._lock:
            if key not in self._entries:
                return None
            self._entries.move_to_end(key)
            return self._entries[key]

    def set(self, key: str, value: Any) -> None:
        """Store ``value``, evicting the least recently used entry beyond ``max_entries``."""
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)


def _canonical(value: Any) -> Any:
    """A JSON-able, order-stable form of an options value; types are named so that different part kinds with
    the same fields never collide."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {field.name: _canonical(getattr(value, field.name)) for field in dataclasses.fields(value)}
        kind = getattr(value, "type", None) or getattr(value, "role", None)
        return {"__class__": type(value).__name__, "__kind__": kind, **fields}
    if isinstance(value, bytes | bytearray | memoryview):
        return {"__bytes__": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, Mapping):
        return {str(key): _canonical(item) for key, item in sorted(value.items(), key=lambda entry: str(entry[0]))}
    if isinstance(value, list | tuple):
        return [_canonical(item) for item in value]
    if isinstance(value, set | frozenset):
        return sorted(_canonical(item) for item in value)
    if isinstance(value, float | int | str | bool) or value is None:
        return value
    return {"__repr__": repr(value)}


def cache_key(model: LanguageModel, options: CallOptions, kind: CallKind = "generate") -> str:
    """The hex SHA-256 identifying this call's answer (see the module docstring for what it covers)."""
    fields: dict[str, Any] = {}
    for field in dataclasses.fields(options):
        if field.name in _NOT_RESULT_AFFECTING:
            continue
        value = getattr(options, field.name)
        if field.name == "headers" and value is not None:
            value = {name.lower(): item for name, item in value.items() if not is_secret_header(name)}
        fields[field.name] = _canonical(value)
    material = {"provider": model.provider, "model_id": model.model_id, "kind": kind, "options": fields}
    return hashlib.sha256(to_json_bytes(material)).hexdigest()


@dataclass(slots=True)
class CachedStream:
    """A completed stream as stored: its parts and the request/response info."""

    parts: list[StreamPart]
    request: RequestInfo
    response: ResponseInfo


class _RecordingTransform:
    """Passes parts through and stores them once the stream completed without an error part."""

    def __init__(self, store: CacheStore, key: str, request: RequestInfo, response: ResponseInfo) -> None:
        self.store = store
        self.key = key
        self.request = request
        self.response = response
        self.parts: list[StreamPart] = []
        self.failed = False

    def feed(self, part: StreamPart) -> Sequence[StreamPart]:
        self.parts.append(part)
        if isinstance(part, StreamError):
            self.failed = True
        return [part]

    def _recorded(self) -> CachedStream:
        return CachedStream(parts=self.parts, request=self.request, response=self.response)

    def flush(self) -> Sequence[StreamPart]:
        if not self.failed:
            self.store.set(self.key, self._recorded())
        return []

    async def aflush(self) -> Sequence[StreamPart]:
        """:meth:`flush` on the async path: the store's ``aset`` when it has one."""
        if not self.failed:
            aset = getattr(self.store, "aset", None)
            if aset is not None:
                await aset(self.key, self._recorded())
            else:
                self.store.set(self.key, self._recorded())
        return []


class CacheMiddleware(LanguageModelMiddleware):
    """See :func:`cache_middleware`. ``hits``/``misses`` count lookups."""

    def __init__(self, store: CacheStore | None = None) -> None:
        self.store: CacheStore = store if store is not None else InMemoryLRUCache()
        self.hits = 0
        self.misses = 0

    def wrap_generate(
        self, options: CallOptions, model: LanguageModel
    ) -> Generator[ModelRequest | StoreRequest, Any, GenerateResult]:
        """A stored result for the same call, or the next layer's (then stored)."""
        key = cache_key(model, options, "generate")
        cached = yield from store_get(self.store, key)
        if isinstance(cached, GenerateResult):
            self.hits += 1
            # A copy, so a caller mutating its result cannot change what later callers get.
            return copy.deepcopy(cached)
        self.misses += 1
        result = yield from call_generate(options)
        yield from store_set(self.store, key, copy.deepcopy(result))
        return result

    def wrap_stream(
        self, options: CallOptions, model: LanguageModel
    ) -> Generator[ModelRequest | StoreRequest, Any, StreamReply]:
        """A stored stream replayed, or the next layer's stream (stored once it completes)."""
        key = cache_key(model, options, "stream")
        cached = yield from store_get(self.store, key)
        if isinstance(cached, CachedStream):
            self.hits += 1
            replay = copy.deepcopy(cached)
            return StreamReply(parts=replay.parts, request=replay.request, response=replay.response)
        self.misses += 1
        inner = yield from call_stream(options)
        return inner.reply(_RecordingTransform(self.store, key, inner.request, inner.response))


def cache_middleware(store: CacheStore | None = None) -> CacheMiddleware:
    """Caches answers in ``store`` (default: ``InMemoryLRUCache(256)``)::

    model = wrap_language_model(openai("gpt-4o-mini"), cache_middleware(InMemoryLRUCache(1000)))

    The sync path calls the store's ``get``/``set``; the async path awaits its ``aget``/``aset`` when it has
    them (Django's cache, via ``django_ai_sdk.DjangoCacheStore``), else calls ``get``/``set``.
    """
    return CacheMiddleware(store)
