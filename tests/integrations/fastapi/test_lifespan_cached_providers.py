"""The lifespan's shutdown closes the pooled connections of providers reached through the SDK's shared cache
(an alias like ``"openai:gpt-4.1-mini"`` with no provider settings uses the default ``openai`` instance)."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from ai_sdk_core import agenerate_text, close_cached_providers, generate_text
from fastapi_ai_sdk import AISDKSettings, DefaultModel, ai_sdk_lifespan
from tests.support.vendor_server import FAKE_API_KEY, VendorServer

BOUND = 20.0  # seconds: only reached when something is broken


def _eventually(condition: Callable[[], bool]) -> bool:
    waiter = threading.Event()
    for _ in range(int(BOUND / 0.01)):
        if condition():
            return True
        waiter.wait(0.01)
    return condition()


def test_shutdown_closes_the_connections_of_a_cached_default_provider(monkeypatch: pytest.MonkeyPatch) -> None:
    with VendorServer() as server:
        # The default `openai` instance reads its key and base URL from the environment at call time.
        monkeypatch.setenv("OPENAI_API_KEY", FAKE_API_KEY)
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url("openai-chat"))
        app = FastAPI(lifespan=ai_sdk_lifespan(AISDKSettings(models={"default": {"model": "openai:gpt-4.1-mini"}})))

        @app.get("/async")
        async def answer_async(model: DefaultModel) -> dict[str, str]:
            return {"text": (await agenerate_text(model=model, prompt="async hello")).text}

        @app.get("/sync")
        def answer_sync(model: DefaultModel) -> dict[str, str]:  # FastAPI's thread pool: the sync client
            return {"text": generate_text(model=model, prompt="sync hello").text}

        try:
            with TestClient(app) as client:
                assert client.get("/async").json() == {"text": "async hello"}
                assert client.get("/sync").json() == {"text": "sync hello"}
                assert server.open_connections == 2  # one pooled connection per flavour
            assert _eventually(lambda: server.open_connections == 0)
            # A second app in the same process (tests do this) finds the provider usable again.
            with TestClient(app) as client:
                assert client.get("/async").json() == {"text": "async hello"}
            assert _eventually(lambda: server.open_connections == 0)
        finally:
            close_cached_providers()
