"""example_projects/fastapi_chat: the page, the aliases, a chat saved in SQLite and loaded back."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from fastapi.testclient import TestClient

from ai_sdk_core.testing import MockLanguageModel, text_stream_parts
from fastapi_ai_sdk import AISDKSettings
from fastapi_ai_sdk.testing import chat_request_body, override_models, read_ui_message

EXAMPLES = Path(__file__).resolve().parents[3] / "example_projects"


@pytest.fixture(scope="module")
def example() -> Iterator[ModuleType]:
    sys.path.insert(0, str(EXAMPLES))
    try:
        yield importlib.import_module("fastapi_chat.main")
    finally:
        sys.path.remove(str(EXAMPLES))


def test_the_example_serves_the_page_and_saves_chats_in_sqlite(example: ModuleType, tmp_path: Path) -> None:
    settings = AISDKSettings(models={"default": {"model": "llama-cpp:default"}, "local": {"model": "llama-cpp:x"}})
    app = example.create_app(tmp_path / "chats.sqlite3", settings)
    model = MockLanguageModel(do_stream=[text_stream_parts("Hello", "!"), text_stream_parts("Again")])
    with override_models(app, {"default": model, "local": model}), TestClient(app) as client:
        page = client.get("/")
        assert page.status_code == 200 and "/api/chat" in page.text
        assert client.get("/api/models").json() == {"aliases": ["default", "local"], "default": "default"}
        assert client.get("/api/chats/chat-9").status_code == 404

        with client.stream("POST", "/api/chat", json=chat_request_body("Hi", chat_id="chat-9")) as response:
            answer = read_ui_message(response)
        stored = client.get("/api/chats/chat-9").json()
        assert [message["role"] for message in stored["messages"]] == ["user", "assistant"]
        assert stored["messages"][1]["id"] == answer.id
        assert stored["model"] == "default" and stored["finishReason"] == "stop" and stored["aborted"] is False

        # The page posts the stored conversation plus the new message; the stored chat grows.
        body = chat_request_body("More", chat_id="chat-9", messages=stored["messages"], model="local")
        assert client.post("/api/chat", json=body).status_code == 200
        stored = client.get("/api/chats/chat-9").json()
    texts = ["".join(part.get("text", "") for part in message["parts"]) for message in stored["messages"]]
    assert texts == ["Hi", "Hello!", "More", "Again"]
    assert stored["model"] == "local"
    # The model saw the instructions of the example.
    assert "Answer briefly" in str(model.calls[0].prompt[0].content)
