"""The httpx clients behind one :class:`~ai_sdk_core.provider_utils.http.HttpTransport`: injected or ours.

A user may inject clients (proxies, certificates, mocks): ``http_client=`` takes an ``httpx.Client`` or an
``httpx.AsyncClient``, ``async_http_client=`` the async one when both are given. Injected clients are never
closed by us, and never bypassed: when only one flavour was injected, a call of the other flavour raises
:class:`~ai_sdk_core.spec.errors.InvalidArgumentError` naming the argument to pass, since a default client would
send the request around the user's proxy, certificates or mock.

Without injection, clients are created on first use: one sync client, and one async client per event loop (an
``AsyncClient`` belongs to the loop it runs on). ``close()`` / ``aclose()`` close them; the next call opens a new
one, so closing a shared provider (a module's default instance, the registry's cache) never breaks later users.
An async client can only be closed on its own loop: the current loop's is closed at once (``aclose``) or by a task
(``close`` from async code), one of a loop running in another thread by a task sent to that loop, and one of a
loop not running now when that loop ends (``asyncio.run`` and asgiref finalise it) or calls ``aclose``.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import weakref
from collections.abc import AsyncGenerator
from typing import TYPE_CHECKING, Literal, cast

import httpx

from ai_sdk_core.spec.errors import InvalidArgumentError

if TYPE_CHECKING:
    import asyncio

__all__ = ["ClientPool", "missing_client_error", "sort_injected_clients"]


def sort_injected_clients(
    http_client: object, async_http_client: object
) -> tuple[httpx.Client | None, httpx.AsyncClient | None]:
    """``(sync client, async client)`` from the two arguments: ``http_client`` may be of either flavour."""
    sync_client: httpx.Client | None = None
    async_client: httpx.AsyncClient | None = None
    if isinstance(http_client, httpx.AsyncClient):
        if async_http_client is not None:
            raise InvalidArgumentError(
                "`http_client=` and `async_http_client=` are both set and `http_client=` is an httpx.AsyncClient: "
                "pass the httpx.Client as `http_client=` and the httpx.AsyncClient as `async_http_client=`.",
                argument="http_client",
            )
        async_client = http_client
    elif isinstance(http_client, httpx.Client):
        sync_client = http_client
    elif http_client is not None:
        raise InvalidArgumentError(
            f"`http_client=` must be an httpx.Client or an httpx.AsyncClient, not {type(http_client).__name__}.",
            argument="http_client",
        )
    if async_http_client is not None:
        if not isinstance(async_http_client, httpx.AsyncClient):
            raise InvalidArgumentError(
                f"`async_http_client=` must be an httpx.AsyncClient, not {type(async_http_client).__name__}.",
                argument="async_http_client",
            )
        async_client = async_http_client
    return sync_client, async_client


def missing_client_error(flavour: Literal["sync", "async"]) -> InvalidArgumentError:
    """The error for a call of ``flavour`` when only a client of the other flavour was injected."""
    if flavour == "sync":
        return InvalidArgumentError(
            "A sync call needs an httpx.Client, but only an httpx.AsyncClient was given: pass an httpx.Client as "
            "`http_client=` (and the httpx.AsyncClient as `async_http_client=`), or make the call async.",
            argument="http_client",
        )
    return InvalidArgumentError(
        "An async call needs an httpx.AsyncClient, but only an httpx.Client was given: pass an httpx.AsyncClient "
        "as `async_http_client=`, or make the call sync.",
        argument="async_http_client",
    )


def _current_event_loop() -> object | None:
    # asyncio is not imported up front (it is heavy, and sync users never need it): if nothing imported it yet,
    # no asyncio loop can be running.
    asyncio = sys.modules.get("asyncio")
    if asyncio is None:
        return None
    try:
        return cast(object, asyncio.get_running_loop())
    except RuntimeError:  # another anyio backend (trio): one client is all we can key on
        return None


class ClientPool:
    """The clients of one transport: the injected ones, else ours, created lazily and closed by us."""

    def __init__(
        self,
        *,
        http_client: httpx.Client | httpx.AsyncClient | None = None,
        async_http_client: httpx.AsyncClient | None = None,
        http2: bool = False,
    ) -> None:
        self._sync_client, self._injected_async_client = sort_injected_clients(http_client, async_http_client)
        # With any client injected we create none: the user's settings apply to every call, or the call fails.
        self.owns_clients = self._sync_client is None and self._injected_async_client is None
        # Ours are kept per loop (a provider made at import time serves every test's loop, or several threads'
        # loops); a loop's client goes with the loop.
        self._async_clients: weakref.WeakKeyDictionary[object, httpx.AsyncClient] = weakref.WeakKeyDictionary()
        # Each loop's client with the async generator that closes it when the loop ends.
        self._closers: weakref.WeakKeyDictionary[object, tuple[httpx.AsyncClient, AsyncGenerator[None, None]]] = (
            weakref.WeakKeyDictionary()
        )
        self._closing: set[asyncio.Task[None]] = set()  # tasks closing a client on the current loop, kept until done
        self._loopless_async_client: httpx.AsyncClient | None = None  # other anyio backends (trio)
        self._lock = threading.Lock()
        self.http2 = http2
        # The last loop served and its client: the next call of the same loop skips the lock and the weak
        # dictionary. Weak references both, so this keeps nothing alive longer than ``_async_clients`` does.
        self._recent: tuple[weakref.ref[object], weakref.ref[httpx.AsyncClient]] | None = None

    def sync_client(self) -> httpx.Client:
        """The sync client; raises :class:`InvalidArgumentError` when only an async one was injected."""
        with self._lock:
            if self._sync_client is None:
                if not self.owns_clients:
                    raise missing_client_error("sync")
                # Our own budgets decide every timeout; httpx's 5 s default would cut long generations.
                self._sync_client = httpx.Client(timeout=None, follow_redirects=False, http2=self.http2)  # noqa: S113
            return self._sync_client

    def async_client(self) -> httpx.AsyncClient:
        """The async client of the running event loop; raises when only a sync one was injected."""
        if self._injected_async_client is not None:
            return self._injected_async_client
        if not self.owns_clients:
            raise missing_client_error("async")
        loop = _current_event_loop()
        recent = self._recent
        if recent is not None and loop is not None and recent[0]() is loop:
            recent_client = recent[1]()
            if recent_client is not None:
                return recent_client
        with self._lock:
            client = self._async_clients.get(loop) if loop is not None else self._loopless_async_client
            if client is None:
                client = httpx.AsyncClient(
                    timeout=None,  # noqa: S113  # our budgets are set per request
                    follow_redirects=False,
                    http2=self.http2,
                )
                if loop is None:
                    self._loopless_async_client = client
                else:
                    self._async_clients[loop] = client
                    self._closers[loop] = (client, _close_with_loop(self, loop, client))
            if loop is not None:
                self._recent = (weakref.ref(loop), weakref.ref(client))
            return client

    def _forget(self, loop: object, client: httpx.AsyncClient) -> None:
        with self._lock:
            if self._async_clients.get(loop) is client:
                del self._async_clients[loop]
            closer = self._closers.get(loop)
            if closer is not None and closer[0] is client:
                del self._closers[loop]
            self._recent = None

    def _take_closable(self, current_loop: object | None) -> list[tuple[object, AsyncGenerator[None, None]]]:
        """Forget the async clients that can be closed now (the current loop's, those of loops running in other
        threads) and return their closers; a loop that is not running keeps its client until it runs again."""
        taken = []
        with self._lock:
            for loop, (client, closer) in list(self._closers.items()):
                if loop is current_loop or cast("asyncio.AbstractEventLoop", loop).is_running():
                    del self._closers[loop]
                    if self._async_clients.get(loop) is client:
                        del self._async_clients[loop]
                    taken.append((loop, closer))
            self._recent = None
        return taken

    def _close_sync_client(self) -> None:
        with self._lock:
            client, self._sync_client = self._sync_client, None
        if client is not None:
            client.close()

    def _close_elsewhere(self, closers: list[tuple[object, AsyncGenerator[None, None]]], current: object) -> None:
        """Close clients on their own loops without waiting: a task on the current loop, or one sent to a loop
        running in another thread."""
        for loop, closer in closers:
            running_loop = cast("asyncio.AbstractEventLoop", loop)
            if loop is current:
                task = running_loop.create_task(_finish(closer))
                self._closing.add(task)  # a task nobody references may be collected before it ran
                task.add_done_callback(self._closing.discard)
                continue
            # The other loop may stop between the check and here: its closer then runs when that loop finalises.
            with contextlib.suppress(RuntimeError):
                sys.modules["asyncio"].run_coroutine_threadsafe(_finish(closer), running_loop)

    def close(self) -> None:
        """Close the clients we created that sync code can close: the sync client, and the async clients of
        running loops (each on its own loop, by a task this call does not wait for). Idempotent; the next call
        opens a new client."""
        if not self.owns_clients:
            return
        self._close_sync_client()
        current = _current_event_loop()
        self._close_elsewhere(self._take_closable(current), current)

    async def aclose(self) -> None:
        """Close the clients we created: the sync one, the current event loop's async one (awaited), and those
        of loops running in other threads (on their loops). Idempotent; the next call opens a new client."""
        if not self.owns_clients:
            return
        self._close_sync_client()
        current = _current_event_loop()
        closers = self._take_closable(current)
        self._close_elsewhere([(loop, closer) for loop, closer in closers if loop is not current], current)
        for loop, closer in closers:
            if loop is current:
                await _finish(closer)
        if current is None:  # another anyio backend (trio): its one client
            with self._lock:
                client, self._loopless_async_client = self._loopless_async_client, None
            if client is not None:
                await client.aclose()


async def _finish(closer: AsyncGenerator[None, None]) -> None:
    # The closer's ``finally`` forgets and closes its client; a coroutine so that any loop API takes it.
    await closer.aclose()


async def _closing_with_loop(pool: ClientPool, loop: object, client: httpx.AsyncClient) -> AsyncGenerator[None, None]:
    try:
        yield
    finally:
        pool._forget(loop, client)
        await client.aclose()


def _close_with_loop(pool: ClientPool, loop: object, client: httpx.AsyncClient) -> AsyncGenerator[None, None]:
    """An async generator, started on ``loop``, whose end closes ``client``: ``asyncio.run`` and asgiref's
    ``async_to_sync`` finalise a loop's async generators (``shutdown_asyncgens``) before closing it. Without it a
    finished loop's client, its kept-alive sockets and the loop itself stay alive for good (the sockets refer to
    the loop, so the weak key never dies), one set per ``async_to_sync`` call."""
    closer = _closing_with_loop(pool, loop, client)
    # The first step registers the generator with the running loop and runs it to its ``yield`` (StopIteration).
    with contextlib.suppress(StopIteration):
        closer.asend(None).send(None)
    return closer
