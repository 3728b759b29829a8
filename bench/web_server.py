"""The servers of case 7: a UI message stream of N text chunks over HTTP, served by uvicorn on 127.0.0.1.

``python bench/web_server.py --app NAME --chunks N`` prints ``PORT <n>`` and serves ``POST /api/chat`` until its
standard input closes. Apps:

- ``fastapi-router``: ``FastAPI(lifespan=ai_sdk_lifespan())`` with ``create_chat_router(model=<mock>)`` (the
  default settings: keep-alive comments every 15 s of silence);
- ``fastapi-router-no-keep-alive``: the same with ``keep_alive_interval=None`` in the settings (the encoder reads
  one chunk per event it sends, with no reading task);
- ``starlette-bare``: a bare Starlette route returning a ``StreamingResponse`` of the same events, pre-encoded;
- ``django-chatview``: ``ChatView`` (``persist = False``) under Django's ASGI handler;
- ``django-bare``: a bare async Django view returning a ``StreamingHttpResponse`` of the same events.

The model is ``ai_sdk_core.testing.MockLanguageModel`` streaming N ``"blue "`` deltas with no delay, so what is
measured is the web path (request parsing, the stream's task, UI chunk encoding, ASGI sends), not a provider.
"""

from __future__ import annotations

import argparse
import json
import socket
import sys
import threading
from collections.abc import AsyncIterator
from types import ModuleType
from typing import Any

__all__ = ["build_app", "main", "request_body", "ui_events"]

PROMPT = "Why is the sky blue?"
CHUNK_TEXT = "blue "


def request_body() -> bytes:
    """The ``useChat`` POST body every case sends."""
    message = {"id": "u1", "role": "user", "parts": [{"type": "text", "text": PROMPT}]}
    return json.dumps({"id": "chat-1", "messages": [message], "trigger": "submit-message"}).encode()


def ui_events(chunks: int) -> list[bytes]:
    """The UI message stream of ``chunks`` text deltas, one pre-encoded SSE event per item (as the bare views
    send them: one ASGI body message per event, like the integrations)."""

    def event(value: dict[str, Any]) -> bytes:
        return b"data: " + json.dumps(value, separators=(",", ":")).encode() + b"\n\n"

    delta = event({"type": "text-delta", "id": "text-1", "delta": CHUNK_TEXT})
    return [
        event({"type": "start", "messageId": "msg-bench"}),
        event({"type": "start-step"}),
        event({"type": "text-start", "id": "text-1"}),
        *([delta] * chunks),
        event({"type": "text-end", "id": "text-1"}),
        event({"type": "finish-step"}),
        event({"type": "finish", "finishReason": "stop"}),
        b"data: [DONE]\n\n",
    ]


def _mock_model(chunks: int) -> Any:
    from ai_sdk_core.testing import MockLanguageModel, simulate_stream, text_stream_parts

    parts = text_stream_parts(*([CHUNK_TEXT] * chunks))
    return MockLanguageModel(do_stream=lambda options: simulate_stream(parts))


def _starlette_bare(chunks: int) -> Any:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import StreamingResponse
    from starlette.routing import Route

    events = ui_events(chunks)

    async def chat(request: Request) -> StreamingResponse:
        json.loads(await request.body())

        async def body() -> AsyncIterator[bytes]:
            for item in events:
                yield item

        return StreamingResponse(body(), media_type="text/event-stream")

    return Starlette(routes=[Route("/api/chat", chat, methods=["POST"])])


def _fastapi_router(chunks: int, *, keep_alive: bool = True) -> Any:
    from fastapi import FastAPI

    from fastapi_ai_sdk import AISDKSettings, ai_sdk_lifespan, create_chat_router

    app = FastAPI(lifespan=ai_sdk_lifespan(None if keep_alive else AISDKSettings(keep_alive_interval=None)))
    app.include_router(create_chat_router(model=_mock_model(chunks)))
    return app


def _django(chunks: int, *, bare: bool) -> Any:
    import django
    from django.conf import settings

    urls = ModuleType("bench_urls")  # Django takes a module object as ROOT_URLCONF (it must be hashable)
    urls.urlpatterns = []  # type: ignore[attr-defined]
    settings.configure(
        DEBUG=False,
        SECRET_KEY="bench-" + "x" * 40,
        ALLOWED_HOSTS=["*"],
        ROOT_URLCONF=urls,
        INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "django_ai_sdk"],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
        MIDDLEWARE=[],
        USE_TZ=True,
    )
    django.setup()
    from django.core.asgi import get_asgi_application
    from django.http import HttpRequest, StreamingHttpResponse
    from django.urls import path
    from django.views.decorators.csrf import csrf_exempt

    if bare:
        events = ui_events(chunks)

        async def chat(request: HttpRequest) -> StreamingHttpResponse:
            json.loads(request.body)

            async def body() -> AsyncIterator[bytes]:
                for item in events:
                    yield item

            return StreamingHttpResponse(body(), content_type="text/event-stream")

        view: Any = csrf_exempt(chat)
    else:
        from django_ai_sdk.views import ChatView

        model = _mock_model(chunks)

        class BenchChatView(ChatView):
            persist = False

            def get_model(self, alias: str) -> Any:
                return model

            def get_model_aliases(self) -> Any:
                return {self.get_model_alias()}

        view = csrf_exempt(BenchChatView.as_view())
    urls.urlpatterns.append(path("api/chat", view))  # type: ignore[attr-defined]
    return get_asgi_application()


def build_app(name: str, chunks: int) -> Any:
    """The ASGI app ``name`` streaming ``chunks`` text deltas per request."""
    if name == "starlette-bare":
        return _starlette_bare(chunks)
    if name == "fastapi-router":
        return _fastapi_router(chunks)
    if name == "fastapi-router-no-keep-alive":
        return _fastapi_router(chunks, keep_alive=False)
    if name in ("django-bare", "django-chatview"):
        return _django(chunks, bare=name == "django-bare")
    raise SystemExit(f"unknown app {name!r}")


def main(arguments: list[str] | None = None) -> int:
    """Serve one app on a free port until standard input closes."""
    import uvicorn

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--app", required=True)
    parser.add_argument("--chunks", type=int, default=20_000)
    options = parser.parse_args(arguments)
    app = build_app(options.app, options.chunks)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(1024)  # connections made before uvicorn serves wait in the backlog
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="auto"))

    def stop_on_eof() -> None:
        sys.stdin.buffer.read()
        server.should_exit = True

    threading.Thread(target=stop_on_eof, name="stdin-watch", daemon=True).start()
    print(f"PORT {listener.getsockname()[1]}", flush=True)
    server.run(sockets=[listener])
    return 0


if __name__ == "__main__":
    sys.exit(main())
