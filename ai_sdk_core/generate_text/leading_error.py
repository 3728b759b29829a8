"""A stream whose first part (before any content) is an error event failed like an error status would: the
vendor was overloaded before it produced anything. Opening the stream peeks at its leading parts, and such an
error becomes a retryable :class:`~ai_sdk_core.spec.errors.APICallError`, so the retry loop tries again; no
delivered content is ever repeated, because none was delivered."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Iterator
from typing import Any, Final

from ai_sdk_core.generate_text.stream_errors import stream_error_to_exception
from ai_sdk_core.spec.errors import APICallError
from ai_sdk_core.spec.language_model import AsyncStreamResult, SyncStreamResult
from ai_sdk_core.spec.stream_parts import StreamError, StreamPart

__all__ = ["apeek_leading_error", "peek_leading_error"]

# Parts that carry no content: an error after only these means nothing was produced yet.
_PRELUDE: Final = frozenset({"stream-start", "response-metadata", "raw"})


def _leading_error(part: StreamError, url: str) -> APICallError:
    cause = stream_error_to_exception(part.error)
    return APICallError(str(cause), url=url, is_retryable=True, data=part.error, cause=cause)


def peek_leading_error(result: SyncStreamResult) -> SyncStreamResult:
    """Read up to the first content part; raise a retryable error if it is an error part, else return the
    stream unchanged in content (the parts read are replayed first)."""
    iterator = iter(result.stream)
    held: list[StreamPart] = []
    for part in iterator:
        held.append(part)
        if part.type not in _PRELUDE:
            break
    if held and isinstance(held[-1], StreamError):
        _close(result.stream)
        raise _leading_error(held[-1], str(getattr(result.request, "url", "") or ""))
    return dataclasses.replace(result, stream=_replay(held, iterator, result.stream))


async def apeek_leading_error(result: AsyncStreamResult) -> AsyncStreamResult:
    """Async twin of :func:`peek_leading_error`."""
    iterator = aiter(result.stream)
    held: list[StreamPart] = []
    async for part in iterator:
        held.append(part)
        if part.type not in _PRELUDE:
            break
    if held and isinstance(held[-1], StreamError):
        await _aclose(result.stream)
        raise _leading_error(held[-1], str(getattr(result.request, "url", "") or ""))
    return dataclasses.replace(result, stream=_areplay(held, iterator, result.stream))


def _close(stream: Any) -> None:
    close = getattr(stream, "close", None)
    if close is not None:
        close()


async def _aclose(stream: Any) -> None:
    close = getattr(stream, "aclose", None)
    if close is not None:
        await close()


def _replay(held: list[StreamPart], rest: Iterator[StreamPart], original: Any) -> Iterator[StreamPart]:
    try:
        yield from held
        yield from rest
    finally:
        _close(original)  # closing the replay closes the response


async def _areplay(held: list[StreamPart], rest: AsyncIterator[StreamPart], original: Any) -> AsyncIterator[StreamPart]:
    import anyio  # async callers only (an event loop runs: it loads fast)

    try:
        for part in held:
            yield part
        async for part in rest:
            yield part
    finally:
        # Shielded: a cancelled consumer must still release the response (releasing it awaits).
        with anyio.CancelScope(shield=True):
            await _aclose(original)
