"""example_projects/django_chat in a subprocess (its own settings), with a mock model: page, chat, history."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PROJECT = ROOT / "example_projects" / "django_chat"

SCRIPT = r"""
import json
import django

django.setup()
from django.core.management import call_command
from django.test import Client

from ai_sdk_core.testing import MockLanguageModel, simulate_stream, text_stream_parts
from django_ai_sdk.testing import override_model

call_command("migrate", verbosity=0)
call_command("check")
client = Client(enforce_csrf_checks=True)
page = client.get("/")
token = client.cookies["csrftoken"].value
mock = MockLanguageModel(do_stream=lambda options: simulate_stream(text_stream_parts("Paris", ".")))
body = {
    "id": "example-chat",
    "messages": [{"id": "u1", "role": "user", "parts": [{"type": "text", "text": "Capital of France?"}]}],
    "trigger": "submit-message",
    "model": "default",
}
with override_model("default", mock):
    forbidden = client.post("/api/chat", data=json.dumps(body), content_type="application/json").status_code
    response = client.post("/api/chat", data=json.dumps(body), content_type="application/json", HTTP_X_CSRFTOKEN=token)
    stream = b"".join(response.streaming_content).decode()
history = client.get("/api/chats/example-chat").json()
print(json.dumps({
    "page_status": page.status_code,
    # The template page, or the React one once example_projects/chat_frontend is built (tests/e2e drives that).
    "page_has_picker": any(mark in page.content.decode() for mark in ('value="default"', '<script type="module"')),
    "models": client.get("/api/models").json(),
    "forbidden": forbidden,
    "status": response.status_code,
    "stream": stream,
    "history": history,
    "instructions": str(mock.calls[0].prompt[0]),
    "max_output_tokens": mock.calls[0].max_output_tokens,
}))
"""


def test_the_example_project_serves_the_page_the_chat_and_the_history(tmp_path: Path) -> None:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "chat_project.settings",
        "CHAT_DATABASE": str(tmp_path / "chat.sqlite3"),
        "PYTHONPATH": os.pathsep.join([str(PROJECT), str(ROOT), str(ROOT / "integrations")]),
    }
    environment.pop("AI_SDK_DEFAULT_MODEL", None)
    completed = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=PROJECT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert completed.returncode == 0, completed.stderr
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    assert result["page_status"] == 200
    assert result["page_has_picker"]
    assert result["models"] == {"aliases": ["default"], "default": "default"}
    assert result["forbidden"] == 403  # CSRF stays on
    assert result["status"] == 200
    assert '"delta":"Paris"' in result["stream"]
    assert result["stream"].endswith("data: [DONE]\n\n")
    assert [message["role"] for message in result["history"]["messages"]] == ["user", "assistant"]
    assert "helpful assistant" in result["instructions"]
    assert result["max_output_tokens"] == 512


def test_manage_py_check_passes_with_no_configuration(tmp_path: Path) -> None:
    environment = {
        **os.environ,
        "CHAT_DATABASE": str(tmp_path / "chat.sqlite3"),
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "integrations")]),
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)  # manage.py names the project's own
    environment.pop("AI_SDK_DEFAULT_MODEL", None)
    completed = subprocess.run(
        [sys.executable, "manage.py", "check", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert "System check identified no issues" in completed.stdout
