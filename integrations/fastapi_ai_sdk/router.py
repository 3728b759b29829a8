"""``create_chat_router``: ``POST /api/chat`` for ``useChat``, and the resume endpoint (204 until streams are
resumable).

Example::

    app = FastAPI(lifespan=ai_sdk_lifespan())
    app.include_router(create_chat_router(instructions="You are terse.", on_finish=save_chat))

Requests are checked before any model call: a body above the size limit gets 413 unread, a wrong shape FastAPI's
422 with its error detail, an unknown model alias or messages the model cannot take 400. The browser picks a
model only by alias (the body field ``model``, which ``useChat`` sends through ``body``); a ``"provider:model"``
string from a request is never resolved.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException, Request, Response
from fastapi.params import Depends as DependsParam
from pydantic import ConfigDict

from ai_sdk_core import AISDKError, LanguageModel

from .aliases import AIModels
from .chat import DisconnectPolicy, OnChatFinish, stream_chat_response
from .dependencies import ChatPostBody, document_wire_shape, get_ai_sdk_state, get_models
from .lifespan import AISDKState
from .limits import body_size_limit_route
from .responses import UIMessageStreamResponse
from .settings import DEFAULT_ALIAS

__all__ = ["MODEL_BODY_FIELD", "create_chat_router"]

MODEL_BODY_FIELD = "model"
"""The body field where the page names the alias to answer with (``useChat``'s ``body: {model: "fast"}``)."""

_STREAM_RESPONSE_DOC: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "A UI message stream (server-sent events) that `useChat` reads.",
        "content": {"text/event-stream": {"schema": {"type": "string"}}},
    },
    400: {"description": "Unknown model alias, or messages the model cannot take."},
    413: {"description": "The body is larger than the limit (it is not read)."},
}

_EXAMPLE_BODY = {
    "id": "chat-1",
    "messages": [{"id": "message-1", "role": "user", "parts": [{"type": "text", "text": "Hello!"}]}],
    "trigger": "submit-message",
    "model": "default",
}


def _document_router_body(schema: dict[str, Any]) -> None:
    document_wire_shape(schema)
    schema["properties"][MODEL_BODY_FIELD] = {
        "type": "string",
        "description": (
            "The alias of the model to answer with (useChat's `body: {model: ...}`); default: the router's. "
            "Only configured aliases are accepted; ignored when the router has a fixed model object."
        ),
    }


class ChatRouterPostBody(ChatPostBody):
    """The chat router's body: a ``useChat`` POST body that may name a model alias in ``model``."""

    model_config = ConfigDict(json_schema_extra=_document_router_body)


ChatRouterBody = Annotated[
    ChatRouterPostBody,
    Body(
        description="The body `useChat` posts, plus `model`: the alias to answer with.",
        openapi_examples={"submit": {"summary": "A new user message", "value": _EXAMPLE_BODY}},
    ),
]


def _fixed_models(model: LanguageModel) -> Callable[[], AIModels]:
    """The models dependency of a router with a fixed model object: it needs no SDK lifespan."""
    models = AIModels({DEFAULT_ALIAS: model})

    def fixed_models() -> AIModels:
        return models

    return fixed_models


def _optional_state(request: Request) -> AISDKState | None:
    try:
        return get_ai_sdk_state(request)
    except AISDKError:
        return None


def _choose_alias(requested: Any, default_alias: str, allowed: Sequence[str] | None, models: AIModels) -> str:
    # Language aliases only: models.aliases never lists an embedding alias.
    if requested is None:
        return default_alias
    if not isinstance(requested, str):
        raise HTTPException(status_code=400, detail=f"`{MODEL_BODY_FIELD}` must be a model alias (a string).")
    permitted = list(allowed) if allowed is not None else models.aliases
    if requested not in permitted or requested not in models:
        known = ", ".join(alias for alias in permitted if alias in models)
        raise HTTPException(status_code=400, detail=f"Unknown model alias {requested!r}; known aliases: {known}.")
    return requested


def create_chat_router(
    *,
    model: str | LanguageModel = DEFAULT_ALIAS,
    model_aliases: Sequence[str] | None = None,
    tools: Mapping[str, Any] | None = None,
    instructions: str | None = None,
    on_finish: OnChatFinish | None = None,
    on_disconnect: DisconnectPolicy = "finish",
    protocol_version: int | None = None,
    keep_alive_interval: float | None = None,
    max_request_bytes: int | None = None,
    path: str = "/api/chat",
    send_reasoning: bool = True,
    message_metadata: Callable[..., Any] | None = None,
    on_error: Callable[[BaseException], str] | None = None,
    generate_message_id: Callable[[], str] | None = None,
    stream_options: Mapping[str, Any] | None = None,
    dependencies: Sequence[DependsParam] | None = None,
    tags: Sequence[str] = ("chat",),
) -> APIRouter:
    """A router with ``POST {path}`` (the chat) and ``GET {path}/{chat_id}/stream`` (resume: 204 for now).

    ``model``: the alias answering when the body names none, or a model object (then the body's ``model`` is
    ignored). ``model_aliases``: the aliases a browser may pick (default: every configured alias).
    ``on_finish``: called with a :class:`~fastapi_ai_sdk.chat.ChatFinish` once the answer is complete, or
    aborted, even after the client left (``on_disconnect``: ``"finish"`` keeps generating, ``"stop"`` stops).
    ``protocol_version``, ``keep_alive_interval`` and ``max_request_bytes`` default to the app's settings.
    ``dependencies``: e.g. your authentication, run before the body is used. ``stream_options``: more
    ``astream_text`` arguments (``stop_when``, ``temperature``, ...).
    """
    router = APIRouter(
        route_class=body_size_limit_route(max_request_bytes),
        dependencies=list(dependencies or ()),
        tags=list(tags),
    )
    fixed_model = None if isinstance(model, str) else model
    default_alias = model if isinstance(model, str) else DEFAULT_ALIAS
    # A fixed model object needs no aliases, so such a router works in an app without the SDK lifespan.
    models_dependency = get_models if fixed_model is None else _fixed_models(fixed_model)

    @router.post(path, response_class=UIMessageStreamResponse, responses=_STREAM_RESPONSE_DOC, summary="Chat")
    async def chat(
        request: Request,
        body: ChatRouterBody,
        # A default, not Annotated: the dependency differs per router, and annotations only see module names.
        models: AIModels = Depends(models_dependency),  # noqa: B008
    ) -> Response:
        """Answer a `useChat` request with a UI message stream."""
        if not body.messages:
            raise HTTPException(status_code=400, detail="`messages` must not be empty.")
        alias: str | None
        if fixed_model is not None:
            chosen_model, alias = fixed_model, None
        else:
            alias = _choose_alias(body.body.get(MODEL_BODY_FIELD), default_alias, model_aliases, models)
            chosen_model = models[alias]
        state = _optional_state(request)
        try:
            return stream_chat_response(
                body,
                chosen_model,
                request=request,
                alias=alias,
                tools=tools,
                instructions=instructions,
                on_finish=on_finish,
                on_disconnect=on_disconnect,
                protocol_version=protocol_version or (state.settings.protocol_version if state else 7),
                keep_alive_interval=keep_alive_interval
                if keep_alive_interval is not None
                else (state.settings.keep_alive_interval if state else None),
                send_reasoning=send_reasoning,
                message_metadata=message_metadata,
                on_error=on_error,
                generate_message_id=generate_message_id,
                stream_options=stream_options,
            )
        except AISDKError as error:  # the messages cannot become a prompt: the client's fault, no model call made
            raise HTTPException(status_code=400, detail=str(error)) from error

    @router.get(f"{path}/{{chat_id}}/stream", status_code=204, summary="Resume a chat stream")
    async def resume(chat_id: str) -> Response:
        """`useChat`'s `resume`: 204 (nothing to resume) until streams are resumable."""
        return Response(status_code=204)

    return router
