"""Run the same I/O test through the sync and the async API: each helper takes the flavour as first argument.

The sync calls run inside the async test's event loop on purpose: a sync call must never need (or start) one.
"""

from __future__ import annotations

from typing import Any, Literal, TypeAlias

from ai_sdk_core.provider_utils import (
    HttpRequest,
    HttpResponse,
    HttpTransport,
    acall_with_retries,
    call_with_retries,
)
from ai_sdk_core.provider_utils.http import ParseErrorHook

Flavour: TypeAlias = Literal["sync", "async"]
FLAVOURS: tuple[Flavour, ...] = ("sync", "async")


async def send(
    flavour: Flavour, transport: HttpTransport, request: HttpRequest, parse_error: ParseErrorHook | None = None
) -> HttpResponse:
    if flavour == "sync":
        return transport.send(request, parse_error=parse_error)
    return await transport.asend(request, parse_error=parse_error)


async def send_with_retries(
    flavour: Flavour, transport: HttpTransport, request: HttpRequest, **retry_options: Any
) -> HttpResponse:
    retry_options.setdefault("initial_delay", 0.01)
    if flavour == "sync":
        return call_with_retries(lambda: transport.send(request), **retry_options)
    return await acall_with_retries(lambda: transport.asend(request), **retry_options)


async def stream_body(flavour: Flavour, transport: HttpTransport, request: HttpRequest) -> bytes:
    chunks: list[bytes] = []
    if flavour == "sync":
        stream = transport.open_stream(request)
        try:
            chunks.extend(stream.iter_bytes())
        finally:
            stream.close()
    else:
        async_stream = await transport.aopen_stream(request)
        try:
            chunks.extend([chunk async for chunk in async_stream.iter_bytes()])
        finally:
            await async_stream.aclose()
    return b"".join(chunks)
