"""Reading a response body under the time budgets, sync and async.

:class:`~ai_sdk_core.provider_utils.timeouts.TimeBudget` is checked after every read, so a server that drips
bytes is stopped when a budget runs out. The async reader also bounds each read exactly with a cancel scope. The
sync reader can only use a socket timeout, which httpx fixes once for the whole body when the body starts; it is
set by :meth:`~ai_sdk_core.provider_utils.timeouts.TimeBudget.body_read_timeout` so that it never cuts a server
within its budgets. A sync server that goes completely silent is therefore stopped, at the latest, after the
longer of ``first_chunk`` and ``between_chunks`` (and never after ``total``).

What a failed read raises is decided once, by :func:`~ai_sdk_core.provider_utils.http_errors.read_error`.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Generator
from typing import cast

import httpx

from ai_sdk_core.provider_utils.http_errors import read_error
from ai_sdk_core.provider_utils.timeouts import TimeBudget
from ai_sdk_core.spec.errors import TimeoutBudgetError

__all__ = ["AsyncResponseStream", "ResponseStream"]


def _response_headers(response: httpx.Response) -> dict[str, str]:
    return dict(response.headers.items())


class ResponseStream:
    """An open response whose status was checked; iterate :meth:`iter_bytes` and always :meth:`close` it."""

    def __init__(self, response: httpx.Response, budget: TimeBudget) -> None:
        self.response = response
        self.budget = budget
        self.status_code = response.status_code
        self.headers = _response_headers(response)
        self.url = str(response.url)

    def iter_bytes(self) -> Generator[bytes, None, None]:
        """Yield decoded body chunks, checking the budgets after every read.

        Raises :class:`TimeoutBudgetError` when a budget runs out and :class:`StreamInterruptedError` when the
        connection is cut before the body ended.
        """
        budget = self.budget
        budget.resume()
        budget.check()
        timeouts = self.response.request.extensions.get("timeout")
        if isinstance(timeouts, dict):
            # httpcore reads this dict once, when the body starts (see the module docstring).
            timeouts["read"] = budget.body_read_timeout()
        iterator = self.response.iter_bytes()
        while True:
            budget.resume()
            try:
                chunk = next(iterator)
            except StopIteration:
                return
            except httpx.TransportError as error:  # timeouts included
                raise read_error(error, budget) from error
            budget.after_read()
            yield chunk

    def close(self) -> None:
        """Release the connection (back to the pool when the body was read, else closed)."""
        self.response.close()


class AsyncResponseStream:
    """Async twin of :class:`ResponseStream`; each read is bounded exactly by the running budgets."""

    def __init__(self, response: httpx.Response, budget: TimeBudget) -> None:
        self.response = response
        self.budget = budget
        self.status_code = response.status_code
        self.headers = _response_headers(response)
        self.url = str(response.url)

    async def iter_bytes(self) -> AsyncGenerator[bytes, None]:
        """Yield decoded body chunks; errors as :meth:`ResponseStream.iter_bytes`."""
        import anyio  # only async users need it (and an event loop is running: it loads fast)

        budget = self.budget
        timeouts = self.response.request.extensions.get("timeout")
        if isinstance(timeouts, dict):
            timeouts["read"] = None  # the cancel scope below bounds every read exactly
        # httpx types it as an iterator, but it is an async generator: closing it now (not at garbage
        # collection, maybe on a dead loop) is what keeps the connection accounting right.
        iterator = cast(AsyncGenerator[bytes, None], self.response.aiter_bytes())
        try:
            while True:
                budget.resume()
                remaining = budget.remaining()
                try:
                    if remaining is None:  # no budget runs: skip the cancel scope, dearer than the read itself
                        chunk = await iterator.__anext__()
                    else:
                        with anyio.fail_after(remaining):
                            chunk = await iterator.__anext__()
                except StopAsyncIteration:
                    return
                except TimeoutBudgetError:
                    raise
                except (httpx.TransportError, TimeoutError) as error:  # TimeoutError: the cancel scope above
                    raise read_error(error, budget) from error
                budget.after_read()
                yield chunk
        finally:
            await iterator.aclose()

    async def aclose(self) -> None:
        """Release the connection."""
        await self.response.aclose()
