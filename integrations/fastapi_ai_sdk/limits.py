"""A request body limit checked before FastAPI reads or parses the body: 413, and the endpoint never runs.

FastAPI reads and validates the body before any dependency runs, so a limit written as a dependency comes too
late. This route class checks ``Content-Length`` first, then counts the bytes as they arrive, and hands the
endpoint a request that replays the body it read::

    router = APIRouter(route_class=body_size_limit_route(256_000))

With no limit of its own, the route uses the app's ``AISDKSettings.max_request_bytes`` (when the SDK lifespan
runs), else :data:`DEFAULT_MAX_REQUEST_BYTES`.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any, ClassVar

from fastapi import HTTPException
from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Message

from ai_sdk_core import InvalidArgumentError

from .lifespan import STATE_ATTRIBUTE, AISDKState

__all__ = ["DEFAULT_MAX_REQUEST_BYTES", "BodySizeLimitRoute", "body_size_limit_route"]

DEFAULT_MAX_REQUEST_BYTES = 1_000_000


def _too_large(limit: int) -> HTTPException:
    return HTTPException(status_code=413, detail=f"The request body is larger than {limit} bytes.")


def _limit_for(request: Request, own_limit: int | None) -> int:
    if own_limit is not None:
        return own_limit
    state = getattr(request.app.state, STATE_ATTRIBUTE, None)
    if isinstance(state, AISDKState):
        return state.settings.max_request_bytes
    return DEFAULT_MAX_REQUEST_BYTES


async def read_limited_body(request: Request, limit: int) -> bytes:
    """The body of ``request``, refusing (413) a declared or actual size above ``limit`` before reading on."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.strip().isdigit() and int(declared) > limit:
        raise _too_large(limit)
    body = bytearray()
    async for piece in request.stream():
        body += piece
        if len(body) > limit:
            raise _too_large(limit)
    return bytes(body)


def _replaying(request: Request, body: bytes) -> Request:
    """A request over the same scope whose body is ``body`` (already read); later messages (the client's
    disconnect) still come from the server."""
    delivered = False

    async def receive() -> Message:
        nonlocal delivered
        if not delivered:
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await request.receive()

    return Request(request.scope, receive=receive)


class BodySizeLimitRoute(APIRoute):
    """An ``APIRoute`` whose requests may not exceed ``max_request_bytes`` (None: the app's setting)."""

    max_request_bytes: ClassVar[int | None] = None

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        own_limit = self.max_request_bytes

        async def limited_handler(request: Request) -> Response:
            if request.method in ("GET", "HEAD", "OPTIONS"):
                return await handler(request)
            body = await read_limited_body(request, _limit_for(request, own_limit))
            return await handler(_replaying(request, body))

        return limited_handler


def body_size_limit_route(max_request_bytes: int | None = None) -> type[BodySizeLimitRoute]:
    """A :class:`BodySizeLimitRoute` subclass with its own limit, for ``APIRouter(route_class=...)``."""
    if max_request_bytes is not None and max_request_bytes <= 0:
        raise InvalidArgumentError(
            "must be a positive number of bytes (or None for the app's setting)",
            argument="max_request_bytes",
            value=max_request_bytes,
        )
    return type("LimitedBodyRoute", (BodySizeLimitRoute,), {"max_request_bytes": max_request_bytes})
