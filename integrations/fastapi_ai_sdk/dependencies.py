"""FastAPI dependencies: the models by alias, one model, the settings, and the ``useChat`` POST body.

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
from typing import Annotated

from fastapi import Body, Depends, Request

from ai_sdk_core import ChatRequest, LanguageModel

from .aliases import AIModels, AISDKNotConfiguredError
from .lifespan import STATE_ATTRIBUTE, AISDKState
from .settings import DEFAULT_ALIAS, AISDKSettings

__all__ = [
    "AIModelsDependency",
    "ChatRequestBody",
    "DefaultModel",
    "get_ai_sdk_state",
    "get_model",
    "get_models",
    "get_settings",
]

_EXAMPLE_BODY = {
    "id": "chat-1",
    "messages": [{"id": "message-1", "role": "user", "parts": [{"type": "text", "text": "Hello!"}]}],
    "trigger": "submit-message",
    "model": "default",
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


DefaultModel = Annotated[LanguageModel, Depends(get_model(DEFAULT_ALIAS))]
"""A parameter annotation giving the model of the ``"default"`` alias."""

ChatRequestBody = Annotated[
    ChatRequest,
    Body(
        description=(
            "The body `useChat` (DefaultChatTransport) posts: the chat `id`, its UI `messages`, the `trigger` and "
            "`messageId`; any other top-level field (such as `model`, an alias) is kept in `body`."
        ),
        openapi_examples={"submit": {"summary": "A new user message", "value": _EXAMPLE_BODY}},
    ),
]
"""The ``useChat`` POST body as a documented request body: wrong shapes get FastAPI's 422 with its error detail;
unknown keys and unknown part types are tolerated (the JS client adds fields over time)."""
