"""A store for the core's ``cache_middleware`` over Django's cache framework.

Example::

    from ai_sdk_core import cache_middleware, wrap_language_model
    from django_ai_sdk.cache import DjangoCacheStore

    model = wrap_language_model(ai_models["default"], cache_middleware(DjangoCacheStore("ai", timeout=3600)))

Values (generate results and recorded streams) are pickled by the cache backend like any other value. Keys are
the middleware's SHA-256 hex digests under ``key_prefix``; they never contain credentials.

The middleware calls ``get``/``set`` synchronously on both its sync and async paths. Those calls are fine in an
event loop for in-memory, Redis and Memcached backends; the database backend refuses ORM calls from async code,
so under ASGI use another backend (the async twins :meth:`DjangoCacheStore.aget` / :meth:`DjangoCacheStore.aset`
go through Django's async cache API for code that can await).
"""

from __future__ import annotations

from typing import Any

from django.core.cache import BaseCache, caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT

__all__ = ["DjangoCacheStore"]


class DjangoCacheStore:
    """``get``/``set`` (and ``aget``/``aset``) over the Django cache ``alias`` (``CACHES`` key).

    ``timeout``: seconds an answer is kept (the cache's default when not given, ``None`` for ever);
    ``key_prefix`` keeps these entries apart from the project's own.
    """

    def __init__(self, alias: str = "default", *, timeout: Any = DEFAULT_TIMEOUT, key_prefix: str = "ai_sdk") -> None:
        self.alias = alias
        self.timeout = timeout
        self.key_prefix = key_prefix

    def __repr__(self) -> str:
        return f"{type(self).__name__}(alias={self.alias!r}, key_prefix={self.key_prefix!r})"

    @property
    def cache(self) -> BaseCache:
        """The Django cache (looked up per call: ``caches`` holds one connection per thread or task)."""
        return caches[self.alias]

    def _key(self, key: str) -> str:
        return f"{self.key_prefix}:{key}"

    def get(self, key: str) -> Any:
        """The stored value, or ``None``."""
        return self.cache.get(self._key(key))

    def set(self, key: str, value: Any) -> None:
        """Store ``value`` for ``timeout`` seconds."""
        self.cache.set(self._key(key), value, timeout=self.timeout)

    async def aget(self, key: str) -> Any:
        """Async twin of :meth:`get` (Django's ``cache.aget``)."""
        return await self.cache.aget(self._key(key))

    async def aset(self, key: str, value: Any) -> None:
        """Async twin of :meth:`set` (Django's ``cache.aset``)."""
        await self.cache.aset(self._key(key), value, timeout=self.timeout)
