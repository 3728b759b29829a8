"""Providers built by the lifespan from settings, against a scripted vendor server on 127.0.0.1: they reach the
configured base URL with the configured key, and their pooled connections are closed at shutdown. Embedding
aliases and ``get_embedding_model``."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Annotated, Any

import pytest
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from pydantic import ValidationError

from ai_sdk_core import EmbeddingModel, aembed, agenerate_text, embed, generate_text
from ai_sdk_core.testing import MockLanguageModel, text_stream_parts
from fastapi_ai_sdk import (
    AIModels,
    AISDKSettings,
    DefaultModel,
    UnknownModelAliasError,
    ai_sdk_lifespan,
    create_chat_router,
    get_embedding_model,
    get_model,
)
from fastapi_ai_sdk.testing import chat_request_body, override_models
from tests.support.vendor_server import FAKE_API_KEY, VendorServer

BOUND = 20.0  # seconds: only reached when something is broken

SearchModel = Annotated[EmbeddingModel, Depends(get_embedding_model("search"))]


def _open_connections(server: VendorServer) -> int:
    return server.open_connections


def _eventually(condition: Callable[[], bool]) -> bool:
    waiter = threading.Event()
    for _ in range(int(BOUND / 0.01)):
        if condition():
            return True
        waiter.wait(0.01)
    return condition()


@pytest.mark.parametrize(
    ("wire", "provider", "model_id"),
    [
        ("anthropic", "anthropic", "claude-sonnet-4-5"),
        ("openai-responses", "openai", "gpt-4.1-mini"),
        ("google", "google", "gemini-2.5-flash"),
    ],
)
def test_the_lifespan_builds_providers_on_their_base_url_and_closes_their_connections_at_shutdown(
    wire: str, provider: str, model_id: str
) -> None:
    with VendorServer() as server:
        settings = AISDKSettings(
            models={"default": {"model": f"{provider}:{model_id}"}},
            providers={provider: {"api_key": FAKE_API_KEY, "base_url": server.base_url(wire)}},
        )
        app = FastAPI(lifespan=ai_sdk_lifespan(settings))

        @app.get("/async")
        async def answer_async(model: DefaultModel) -> dict[str, str]:
            return {"text": (await agenerate_text(model=model, prompt="async hello")).text}

        @app.get("/sync")
        def answer_sync(model: DefaultModel) -> dict[str, str]:  # a sync endpoint: FastAPI's thread pool
            return {"text": generate_text(model=model, prompt="sync hello").text}

        with TestClient(app) as client:
            assert client.get("/async").json() == {"text": "async hello"}
            assert client.get("/sync").json() == {"text": "sync hello"}
            assert client.get("/async").json() == {"text": "async hello"}
            # Pooled: the provider's clients keep their connections open between calls...
            assert _open_connections(server) >= 1
            assert server.connections_accepted < len(server.requests) + 1
        # ...until the lifespan closes the provider it built.
        assert _eventually(lambda: _open_connections(server) == 0)
        assert [request.model for request in server.requests] == [model_id] * 3
        assert server.rejections == []  # the configured key arrived


def test_an_embedding_alias_from_the_environment_through_get_embedding_model(monkeypatch: pytest.MonkeyPatch) -> None:
    with VendorServer() as server:
        monkeypatch.setenv(
            "AI_SDK_MODELS",
            '{"default": {"model": "openai:gpt-4.1-mini"}, '
            '"search": {"model": "openai:hash-embedding-16", "kind": "embedding"}}',
        )
        monkeypatch.setenv("AI_SDK_PROVIDERS__OPENAI__API_KEY", FAKE_API_KEY)
        monkeypatch.setenv("AI_SDK_PROVIDERS__OPENAI__BASE_URL", server.base_url("openai-chat"))
        app = FastAPI(lifespan=ai_sdk_lifespan())

        @app.get("/vector")
        async def vector(model: SearchModel) -> dict[str, Any]:
            return {"dimensions": len((await aembed(model=model, value="blue sky")).embedding)}

        @app.get("/vector-sync")
        def vector_sync(model: SearchModel) -> dict[str, Any]:
            return {"dimensions": len(embed(model=model, value="blue sky").embedding)}

        with TestClient(app) as client:
            assert client.get("/vector").json() == {"dimensions": 16}
            assert client.get("/vector-sync").json() == {"dimensions": 16}
        assert [body["input"] for body in server.embedding_requests] == [["blue sky"], ["blue sky"]]


def test_embedding_aliases_are_kept_apart_from_language_aliases() -> None:
    language = MockLanguageModel()
    models = AIModels({"default": language}, embedding_aliases={"search": "openai:text-embedding-3-small"})
    assert models.aliases == ["default"] and models.embedding_aliases == ["search"]
    assert models.embedding_model("search").model_id == "text-embedding-3-small"
    with pytest.raises(UnknownModelAliasError, match="Unknown model alias 'search'; known aliases: default"):
        models["search"]
    with pytest.raises(UnknownModelAliasError, match="Unknown embedding model alias 'default'") as raised:
        models.embedding_model("default")
    assert raised.value.kind == "embedding"


def test_an_embedding_alias_takes_no_call_options_and_cannot_be_the_default() -> None:
    with pytest.raises(ValidationError, match="no call options"):
        AISDKSettings(models={"search": {"model": "openai:e", "kind": "embedding", "options": {"temperature": 0}}})
    with pytest.raises(ValidationError, match="must be a language model"):
        AISDKSettings(models={"default": {"model": "openai:e", "kind": "embedding"}})


def test_the_chat_router_never_answers_with_an_embedding_alias() -> None:
    settings = AISDKSettings(
        models={"default": {"model": "openai:gpt-4.1-mini"}, "search": {"model": "openai:e-1", "kind": "embedding"}}
    )
    app = FastAPI(lifespan=ai_sdk_lifespan(settings))
    app.include_router(create_chat_router())
    mock = MockLanguageModel(do_stream=text_stream_parts("never"))
    with override_models(app, {"default": mock}), TestClient(app) as client:
        response = client.post("/api/chat", json=chat_request_body("Hi", model="search"))
    assert response.status_code == 400 and mock.calls == []


def test_embedding_dependencies_can_be_overridden() -> None:
    app = FastAPI(lifespan=ai_sdk_lifespan(AISDKSettings(models={"default": {"model": "openai:gpt-4.1-mini"}})))

    @app.get("/which")
    async def which(model: SearchModel, language: Annotated[Any, Depends(get_model())]) -> dict[str, str]:
        return {"embedding": model.model_id, "language": language.model_id}

    assert get_embedding_model("search") is get_embedding_model("search")
    embedding = _StubEmbeddingModel()
    with (
        override_models(app, {"default": MockLanguageModel(model_id="mock")}, embedding_models={"search": embedding}),
        TestClient(app) as client,
    ):
        assert client.get("/which").json() == {"embedding": "stub-embedding", "language": "mock"}
    assert app.dependency_overrides == {}


class _StubEmbeddingModel:
    """Just enough of an embedding model for a dependency to hand it over."""

    model_id = "stub-embedding"
    provider = "stub"
