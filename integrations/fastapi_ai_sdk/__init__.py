"""FastAPI integration: settings-driven model aliases, lifespan-managed providers, dependencies, streaming
responses and a chat router for ``useChat`` (extra ``fastapi``: ``pip install 'ai-sdk-core[fastapi]'``).

Example::

    from fastapi import FastAPI
    from fastapi_ai_sdk import ai_sdk_lifespan, create_chat_router

    app = FastAPI(lifespan=ai_sdk_lifespan())  # aliases from AI_SDK_* variables; the local model by default
    app.include_router(create_chat_router(instructions="You are a helpful assistant."))

Test helpers live in :mod:`fastapi_ai_sdk.testing`.
"""

from __future__ import annotations

try:
    import fastapi as _fastapi  # noqa: F401
    import pydantic_settings as _pydantic_settings  # noqa: F401
except ImportError as error:  # pragma: no cover - depends on the environment
    raise ImportError(
        f"fastapi_ai_sdk needs FastAPI and pydantic-settings ({error.name} is missing): "
        "pip install 'ai-sdk-core[fastapi]'"
    ) from error

from .aliases import AIModels, AISDKNotConfiguredError, ProviderSettingsError, UnknownModelAliasError, build_provider
from .chat import ChatFinish, DisconnectPolicy, OnChatFinish, stream_chat_response
from .dependencies import (
    AIModelsDependency,
    ChatPostBody,
    ChatRequestBody,
    DefaultModel,
    get_ai_sdk_state,
    get_embedding_model,
    get_model,
    get_models,
    get_settings,
)
from .lifespan import AISDKState, ai_sdk_context, ai_sdk_lifespan
from .limits import DEFAULT_MAX_REQUEST_BYTES, BodySizeLimitRoute, body_size_limit_route, read_limited_body
from .responses import DEFAULT_PROTOCOL_VERSION, TextStreamResponse, UIMessageStreamResponse
from .router import MODEL_BODY_FIELD, create_chat_router
from .settings import DEFAULT_ALIAS, LOCAL_MODEL, AISDKSettings, ModelAliasSettings, ModelKind, ProviderSettings

__all__ = [
    "AIModels",
    "AIModelsDependency",
    "AISDKNotConfiguredError",
    "AISDKSettings",
    "AISDKState",
    "BodySizeLimitRoute",
    "ChatFinish",
    "ChatPostBody",
    "ChatRequestBody",
    "DEFAULT_ALIAS",
    "DEFAULT_MAX_REQUEST_BYTES",
    "DEFAULT_PROTOCOL_VERSION",
    "DefaultModel",
    "DisconnectPolicy",
    "LOCAL_MODEL",
    "MODEL_BODY_FIELD",
    "ModelAliasSettings",
    "ModelKind",
    "OnChatFinish",
    "ProviderSettings",
    "ProviderSettingsError",
    "TextStreamResponse",
    "UIMessageStreamResponse",
    "UnknownModelAliasError",
    "ai_sdk_context",
    "ai_sdk_lifespan",
    "body_size_limit_route",
    "build_provider",
    "create_chat_router",
    "get_ai_sdk_state",
    "get_embedding_model",
    "get_model",
    "get_models",
    "get_settings",
    "read_limited_body",
    "stream_chat_response",
]
