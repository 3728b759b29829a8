"""The two example backends, each in a uvicorn thread on 127.0.0.1 with its aliases served by scripted mocks."""

from __future__ import annotations

import os
import socket
import sys
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from tests.e2e.scripted_model import ScriptedStreams

__all__ = ["ALIASES", "EXAMPLES", "Backend", "django_backend", "fastapi_backend"]

EXAMPLES = Path(__file__).resolve().parents[2] / "example_projects"
ALIASES = ("default", "other")
_BOUND_SECONDS = 30.0  # start and stop; only reached when something is broken


@dataclass(frozen=True)
class Backend:
    """A running example: its name and the base URL of its page."""

    name: str
    url: str

    def history_url(self, chat_id: str) -> str:
        return f"{self.url}/api/chats/{chat_id}"


@contextmanager
def _uvicorn(app: Any, *, lifespan: Literal["on", "off"]) -> Iterator[str]:
    import uvicorn

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    config = uvicorn.Config(app, lifespan=lifespan, log_level="warning", timeout_graceful_shutdown=2)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, name="e2e-uvicorn", daemon=True)
    thread.start()
    # uvicorn sets `started` once it listens.
    for _ in range(int(_BOUND_SECONDS / 0.05)):
        if server.started or not thread.is_alive():
            break
        thread.join(0.05)
    if not server.started:
        raise AssertionError("uvicorn did not start")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(_BOUND_SECONDS)
        listener.close()
        if thread.is_alive():
            raise AssertionError("uvicorn did not stop")


@contextmanager
def _on_sys_path(directory: Path) -> Iterator[None]:
    sys.path.insert(0, str(directory))
    try:
        yield
    finally:
        sys.path.remove(str(directory))


@contextmanager
def fastapi_backend(streams: ScriptedStreams, scratch: Path) -> Iterator[Backend]:
    """example_projects/fastapi_chat's ``create_app`` (SQLite in ``scratch``), aliases overridden by mocks."""
    from fastapi_ai_sdk import AISDKSettings
    from fastapi_ai_sdk.testing import override_models

    with ExitStack() as stack:
        stack.enter_context(_on_sys_path(EXAMPLES))
        from fastapi_chat.main import create_app

        # Aliases as a deployment would configure them; the mocks replace their models, nothing is loaded.
        aliases = {alias: {"model": "llama-cpp:default"} for alias in ALIASES}
        settings = AISDKSettings.model_validate({"models": aliases})
        app = create_app(scratch / "fastapi-chats.sqlite3", settings)
        stack.enter_context(override_models(app, {alias: streams.model(alias) for alias in ALIASES}))
        url = stack.enter_context(_uvicorn(app, lifespan="on"))
        yield Backend("fastapi", url)


@contextmanager
def django_backend(streams: ScriptedStreams, scratch: Path) -> Iterator[Backend]:
    """example_projects/django_chat under ASGI (its own settings, SQLite in ``scratch``), aliases overridden."""
    project = EXAMPLES / "django_chat"
    saved = {name: os.environ.get(name) for name in ("DJANGO_SETTINGS_MODULE", "CHAT_DATABASE")}
    os.environ["DJANGO_SETTINGS_MODULE"] = "chat_project.settings"
    os.environ["CHAT_DATABASE"] = str(scratch / "django-chats.sqlite3")
    try:
        with ExitStack() as stack:
            stack.enter_context(_on_sys_path(project))
            import django
            from django.core.asgi import get_asgi_application
            from django.core.management import call_command

            django.setup()
            from django_ai_sdk.testing import override_model

            # In a thread of its own: Playwright's sync API keeps an asyncio loop in this one, and Django refuses
            # database work in a thread with a running loop.
            migrate = threading.Thread(target=call_command, args=("migrate",), kwargs={"verbosity": 0})
            migrate.start()
            migrate.join(_BOUND_SECONDS)
            for alias in ALIASES:
                stack.enter_context(override_model(alias, streams.model(alias)))
            url = stack.enter_context(_uvicorn(get_asgi_application(), lifespan="off"))
            yield Backend("django", url)
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
