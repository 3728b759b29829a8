"""Helpers for your own tests: swap aliases for mock models, post what ``useChat`` posts, read the stream back.

Example::

    from fastapi.testclient import TestClient
    from ai_sdk_core.testing import MockLanguageModel, text_stream_parts
    from fastapi_ai_sdk.testing import chat_request_body, override_models, read_ui_message

    def test_chat() -> None:
        mock = MockLanguageModel(do_stream=text_stream_parts("Hi there"))
        with override_models(app, {"default": mock}), TestClient(app) as client:
            with client.stream("POST", "/api/chat", json=chat_request_body("Hello")) as response:
                assert read_ui_message(response).parts[-1].text == "Hi there"
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Protocol

from ai_sdk_core import EmbeddingModel, LanguageModel, UIMessage, parse_ui_message_stream, read_ui_message_stream

from .aliases import AIModels
from .dependencies import get_embedding_model, get_model, get_models

__all__ = [
    "chat_request_body",
    "iter_ui_message_chunks",
    "override_models",
    "read_ui_message",
    "read_ui_messages",
]


class _StreamingResponse(Protocol):
    """What the readers need of a response: ``httpx.Response`` (from ``TestClient.stream``) has it."""

    def iter_bytes(self) -> Iterator[bytes]: ...


class _AppWithOverrides(Protocol):
    dependency_overrides: dict[Any, Any]


@contextmanager
def override_models(
    app: _AppWithOverrides,
    models: Mapping[str, LanguageModel],
    *,
    embedding_models: Mapping[str, EmbeddingModel] | None = None,
) -> Iterator[AIModels]:
    """Within the block, the app's aliases are exactly ``models`` (mock models, usually) and ``embedding_models``:
    the models a chat router picks from, every ``get_model(alias)`` and every ``get_embedding_model(alias)``
    dependency. Earlier overrides come back afterwards."""
    embedding_models = dict(embedding_models or {})
    replacement = AIModels(dict(models), embedding_aliases=embedding_models)
    keys: list[Any] = [
        get_models,
        *(get_model(alias) for alias in models),
        *(get_embedding_model(alias) for alias in embedding_models),
    ]
    saved = {key: app.dependency_overrides[key] for key in keys if key in app.dependency_overrides}
    app.dependency_overrides[get_models] = lambda: replacement
    for alias, model in models.items():
        app.dependency_overrides[get_model(alias)] = _returning(model)
    for alias, embedding_model in embedding_models.items():
        app.dependency_overrides[get_embedding_model(alias)] = _returning(embedding_model)
    try:
        yield replacement
    finally:
        for key in keys:
            app.dependency_overrides.pop(key, None)
        app.dependency_overrides.update(saved)


def _returning(model: LanguageModel | EmbeddingModel) -> Any:
    def override() -> LanguageModel | EmbeddingModel:
        return model

    return override


def chat_request_body(
    text: str | None = None,
    *,
    chat_id: str = "chat-1",
    messages: list[Mapping[str, Any]] | None = None,
    model: str | None = None,
    trigger: str = "submit-message",
    **extra: Any,
) -> dict[str, Any]:
    """The JSON ``DefaultChatTransport`` posts: ``messages`` plus a user message of ``text`` (if given), the chat
    id, the trigger, and ``model`` (an alias) and ``extra`` fields as the page's ``body`` would add them."""
    all_messages = [dict(message) for message in messages or ()]
    if text is not None:
        all_messages.append(
            {"id": f"user-{len(all_messages) + 1}", "role": "user", "parts": [{"type": "text", "text": text}]}
        )
    body: dict[str, Any] = {"id": chat_id, "messages": all_messages, "trigger": trigger, **extra}
    if model is not None:
        body["model"] = model
    return body


def iter_ui_message_chunks(response: _StreamingResponse) -> Iterator[dict[str, Any]]:
    """The chunk dicts of a UI message stream response, each as soon as it arrives (up to ``[DONE]``)."""
    chunks: Iterator[dict[str, Any]] = parse_ui_message_stream(response.iter_bytes())
    return chunks


def read_ui_messages(response: _StreamingResponse) -> list[UIMessage]:
    """Every snapshot of the assistant message, as ``useChat`` would render them one after another."""
    return list(read_ui_message_stream(response.iter_bytes()))


def read_ui_message(response: _StreamingResponse) -> UIMessage:
    """The assistant message the whole stream builds (``AssertionError`` when it builds none)."""
    snapshots = read_ui_messages(response)
    if not snapshots:
        raise AssertionError("the response holds no UI message chunks")
    return snapshots[-1]
