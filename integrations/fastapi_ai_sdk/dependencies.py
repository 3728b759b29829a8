"""FastAPI dependencies: the models by alias, one model (language or embedding), the settings, and the
``useChat`` POST body.

Example::

    from fastapi_ai_sdk import ChatRequestBody, get_model

    FastModel = Annotated[LanguageModel, Depends(get_model("fast"))]

    @app.post("/api/summary")
    async def summary(text: str, model: FastModel) -> dict[str, str]:
        result = await agenerate_text(model=model, prompt=f"Summarize: {text}")
        return {"summary": result.text}

``get_model("fast")`` returns the same callable every time, so tests can replace it:
``app.dependency_overrides[get_model("fast")] = lambda: MockLanguageModel(...)`` (or use
:func:`fastapi_ai_sdk.testing.override_models`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Body, Depends, Request
from pydantic import ConfigDict

from ai_sdk_core import ChatRequest, EmbeddingModel, LanguageModel

from .aliases import AIModels, AISDKNotConfiguredError
from .lifespan import STATE_ATTRIBUTE, AISDKState
from .settings import DEFAULT_ALIAS, AISDKSettings

__all__ = [
    "AIModelsDependency",
    "ChatPostBody",
    "ChatRequestBody",
    "DefaultModel",
    "get_ai_sdk_state",
    "get_embedding_model",
    "get_model",
    "get_models",
    "get_settings",
]

_EXAMPLE_BODY = {
    "id": "chat-1",
    "messages": [{"id": "message-1", "role": "user", "parts": [{"type": "text", "text": "Hello!"}]}],
    "trigger": "submit-message",
}

# What each standard field means on the wire (pydantic would title them "Id", "Messageid", ...).
_FIELD_DESCRIPTIONS = {
    "id": "The chat id (useChat's `id`).",
    "messages": "The whole conversation as UI messages, the new user message last.",
    "trigger": '"submit-message" (a new message) or "regenerate-message" (answer the last one again).',
    "messageId": "With regenerate-message: the id of the assistant message to replace.",
}


def get_ai_sdk_state(request: Request) -> AISDKState:
    """What the lifespan set up; :class:`AISDKNotConfiguredError` when the app has no SDK lifespan."""
    state = getattr(request.app.state, STATE_ATTRIBUTE, None)
    if not isinstance(state, AISDKState):
        raise AISDKNotConfiguredError(
            "No AI SDK state on this app: create it with FastAPI(lifespan=ai_sdk_lifespan()) (or enter "
            "ai_sdk_context(app) in your lifespan), and start TestClient with `with TestClient(app) as client:`."
        )
    return state


def get_models(request: Request) -> AIModels:
    """The app's :class:`AIModels` (override this dependency to swap every alias at once in tests)."""
    return get_ai_sdk_state(request).models


def get_settings(request: Request) -> AISDKSettings:
    """The app's :class:`AISDKSettings`."""
    return get_ai_sdk_state(request).settings


AIModelsDependency = Annotated[AIModels, Depends(get_models)]
"""A parameter annotation giving the app's :class:`AIModels`."""


def get_model(alias: str = DEFAULT_ALIAS) -> Callable[..., LanguageModel]:
    """A dependency giving the model of ``alias``: ``Annotated[LanguageModel, Depends(get_model("fast"))]``.

    The same alias always gives the same callable, so it can be a key of ``app.dependency_overrides``. An alias
    that is not configured fails at request time with :class:`UnknownModelAliasError` (a server error: the
    alias is chosen by the code, not by the client).
    """
    return _model_dependency(alias)


@functools.cache  # one callable per alias, however get_model was called
def _model_dependency(alias: str) -> Callable[..., LanguageModel]:
    def model_dependency(models: AIModelsDependency) -> LanguageModel:
        return models[alias]

    model_dependency.__name__ = f"get_model_{alias.replace('-', '_').replace('.', '_')}"
    model_dependency.__qualname__ = model_dependency.__name__
    return model_dependency


def get_embedding_model(alias: str) -> Callable[..., EmbeddingModel]:
    """A dependency giving the embedding model of ``alias`` (an alias of ``kind: "embedding"``):
    ``Annotated[EmbeddingModel, Depends(get_embedding_model("search"))]``. Like :func:`get_model`, the same
    alias always gives the same callable, a key for ``app.dependency_overrides``."""
    return _embedding_model_dependency(alias)


@functools.cache
def _embedding_model_dependency(alias: str) -> Callable[..., EmbeddingModel]:
    def embedding_model_dependency(models: AIModelsDependency) -> EmbeddingModel:
        return models.embedding_model(alias)

    embedding_model_dependency.__name__ = f"get_embedding_model_{alias.replace('-', '_').replace('.', '_')}"
    embedding_model_dependency.__qualname__ = embedding_model_dependency.__name__
    return embedding_model_dependency


DefaultModel = Annotated[LanguageModel, Depends(get_model(DEFAULT_ALIAS))]
"""A parameter annotation giving the model of the ``"default"`` alias."""


def document_wire_shape(schema: dict[str, Any]) -> None:
    """Make the JSON schema of a chat body describe what the client posts: the page's own fields sit next to
    the standard ones (a :class:`~ai_sdk_core.ChatRequest` gathers them into its ``body`` attribute, which is
    not a field on the wire)."""
    properties = schema.setdefault("properties", {})
    properties.pop("body", None)
    for name, description in _FIELD_DESCRIPTIONS.items():
        if name in properties:
            properties[name].pop("title", None)
            properties[name]["description"] = description
    schema["additionalProperties"] = True


class ChatPostBody(ChatRequest):  # type: ignore[misc]  # ai_sdk_core's lazy names are Any to mypy
    """A :class:`~ai_sdk_core.ChatRequest` whose OpenAPI schema is the body ``useChat`` posts (the standard
    fields, and any other field the page adds through useChat's ``body`` option)."""

    model_config = ConfigDict(json_schema_extra=document_wire_shape)


ChatRequestBody = Annotated[
    ChatPostBody,
    Body(
        description=(
            "The body `useChat` (DefaultChatTransport) posts: the chat `id`, its UI `messages`, the `trigger` and "
            "`messageId`, plus any field the page adds through useChat's `body` option."
        ),
        openapi_examples={"submit": {"summary": "A new user message", "value": _EXAMPLE_BODY}},
    ),
]
"""The ``useChat`` POST body as a documented request body: wrong shapes get FastAPI's 422 with its error detail;
unknown keys and unknown part types are tolerated (the JS client adds fields over time)."""
