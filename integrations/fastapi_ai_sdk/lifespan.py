"""The app's lifespan: build the models (and the providers of the settings) once at startup, run chat
generations that outlive their request in one task group, close everything at shutdown.

Use the ready-made lifespan::

    app = FastAPI(lifespan=ai_sdk_lifespan())

or enter the context inside your own::

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with ai_sdk_context(app, AISDKSettings()), open_database() as database:
            app.state.database = database
            yield
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from typing import Any

import anyio
from anyio.abc import TaskGroup

from ai_sdk_core import aclose_cached_providers

from .aliases import AIModels
from .settings import AISDKSettings

__all__ = ["STATE_ATTRIBUTE", "AISDKState", "ai_sdk_context", "ai_sdk_lifespan"]

logger = logging.getLogger("fastapi_ai_sdk")

STATE_ATTRIBUTE = "ai_sdk"
"""The attribute of ``app.state`` holding the :class:`AISDKState`."""


@dataclass(frozen=True, slots=True)
class AISDKState:
    """What the lifespan sets up: the settings, the models by alias, and the task group where a chat generation
    goes on after its client left (see the router's ``on_disconnect``)."""

    settings: AISDKSettings
    models: AIModels
    task_group: TaskGroup


@asynccontextmanager
async def ai_sdk_context(
    app: Any,
    settings: AISDKSettings | None = None,
    *,
    providers: Mapping[str, Any] | None = None,
    models: AIModels | None = None,
) -> AsyncIterator[AISDKState]:
    """Set up the SDK on ``app.state.ai_sdk`` (``app``: a FastAPI or Starlette app) for the duration of the block.

    ``settings`` default to ``AISDKSettings()`` (the environment). ``providers``: provider objects you built, by
    the name model strings use. ``models``: a ready :class:`AIModels` instead of one built from the settings
    (you then own it and close it). Every alias is resolved at startup, so a misconfigured one fails here.

    At shutdown, generations still running (their clients gone, ``on_disconnect="finish"``) are cancelled; their
    ``on_finish`` still runs, with ``is_aborted`` true. Then the providers built from the settings are closed,
    and so are the pooled connections of providers that ``"provider:model"`` strings reached through the SDK's
    shared cache (:func:`ai_sdk_core.aclose_cached_providers`): a later use in the same process reopens them.
    """
    settings = settings if settings is not None else AISDKSettings()
    owned = models is None
    ai_models = models if models is not None else AIModels.from_settings(settings, providers=providers)
    try:
        ai_models.resolve_all()
        async with anyio.create_task_group() as task_group:
            state = AISDKState(settings=settings, models=ai_models, task_group=task_group)
            setattr(app.state, STATE_ATTRIBUTE, state)
            try:
                yield state
            finally:
                task_group.cancel_scope.cancel()
                delattr(app.state, STATE_ATTRIBUTE)
    finally:
        with anyio.CancelScope(shield=True):
            try:
                if owned:
                    await ai_models.aclose()
            finally:
                # Aliases such as "openai:gpt-4.1-mini" without provider settings resolve through the SDK's
                # process-wide cache; its pooled connections close here too (a later use opens new ones).
                await aclose_cached_providers()


def ai_sdk_lifespan(
    settings: AISDKSettings | None = None, *, providers: Mapping[str, Any] | None = None
) -> Callable[[Any], AbstractAsyncContextManager[None]]:
    """A lifespan function for ``FastAPI(lifespan=...)`` that runs :func:`ai_sdk_context`."""

    @asynccontextmanager
    async def lifespan(app: Any) -> AsyncIterator[None]:
        async with ai_sdk_context(app, settings, providers=providers):
            yield

    return lifespan
