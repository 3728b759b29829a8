"""Every OpenAI-compatible preset: resolved from a ``"vendor:model"`` string through the core, sent to its
documented base URL with the key from its documented variable, and naming that variable when the key is missing."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from ai_sdk_core import generate_text
from ai_sdk_core.registry import builtin
from ai_sdk_core.spec import LoadAPIKeyError
from ai_sdk_core.testing.replay import ReplayResponse, ReplayTransport


@dataclass(frozen=True, slots=True)
class Preset:
    registry_name: str
    module: str
    factory: str
    model_id: str
    base_url: str
    environment_variable: str


PRESETS = [
    Preset("groq", "groq", "create_groq", "llama-3.3-70b-versatile", "https://api.groq.com/openai/v1", "GROQ_API_KEY"),
    Preset(
        "togetherai",
        "togetherai",
        "create_togetherai",
        "meta-llama/Llama-3.3-70B-Instruct-Turbo",
        "https://api.together.xyz/v1",
        "TOGETHER_AI_API_KEY",
    ),
    Preset("deepseek", "deepseek", "create_deepseek", "deepseek-chat", "https://api.deepseek.com", "DEEPSEEK_API_KEY"),
    Preset("xai", "xai", "create_xai", "grok-3", "https://api.x.ai/v1", "XAI_API_KEY"),
    Preset(
        "cerebras", "cerebras", "create_cerebras", "llama-3.3-70b", "https://api.cerebras.ai/v1", "CEREBRAS_API_KEY"
    ),
    Preset(
        "deepinfra",
        "deepinfra",
        "create_deepinfra",
        "meta-llama/Llama-3.3-70B-Instruct",
        "https://api.deepinfra.com/v1/openai",
        "DEEPINFRA_API_KEY",
    ),
    Preset(
        "fireworks",
        "fireworks",
        "create_fireworks",
        "accounts/fireworks/models/llama-v3p3-70b-instruct",
        "https://api.fireworks.ai/inference/v1",
        "FIREWORKS_API_KEY",
    ),
    Preset(
        "perplexity", "perplexity", "create_perplexity", "sonar-pro", "https://api.perplexity.ai", "PERPLEXITY_API_KEY"
    ),
]
PARAMS = [pytest.param(preset, id=preset.registry_name) for preset in PRESETS]
ANSWER = {
    "id": "chatcmpl-preset",
    "object": "chat.completion",
    "created": 1764180000,
    "model": "m",
    "choices": [{"index": 0, "message": {"role": "assistant", "content": "Bonjour"}, "finish_reason": "stop"}],
    "usage": {"prompt_tokens": 3, "completion_tokens": 1, "total_tokens": 4},
}


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> Iterator[ReplayTransport]:
    """A replay transport; each preset's default instance is swapped for one whose client uses it."""
    transport = ReplayTransport([ReplayResponse.json_body(ANSWER)])
    client = httpx.Client(transport=transport)
    # The registry caches default instances: an empty cache makes it import the swapped attribute.
    monkeypatch.setattr(builtin, "_cache", {})
    for preset in PRESETS:
        module = importlib.import_module(f"ai_sdk_core.providers.{preset.module}")
        monkeypatch.setattr(module, preset.registry_name, getattr(module, preset.factory)(http_client=client))
    yield transport
    client.close()


def test_registry_table_points_at_the_presets() -> None:
    for preset in PRESETS:
        assert builtin.BUILTIN_PROVIDERS[preset.registry_name] == (
            f"ai_sdk_core.providers.{preset.module}",
            preset.registry_name,
        )


@pytest.mark.parametrize("preset", PARAMS)
def test_model_string_resolves_and_sends_to_the_documented_endpoint(
    preset: Preset, served: ReplayTransport, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(preset.environment_variable, "key-from-environment-123")
    result = generate_text(model=f"{preset.registry_name}:{preset.model_id}", prompt="Hi", max_retries=0)
    assert result.text == "Bonjour"
    request = served.last_request
    assert request.url == f"{preset.base_url}/chat/completions"
    assert request.headers["authorization"] == "Bearer key-from-environment-123"
    assert request.json["model"] == preset.model_id
    assert request.json["messages"] == [{"role": "user", "content": "Hi"}]


@pytest.mark.parametrize("preset", PARAMS)
def test_missing_key_names_the_variable(preset: Preset, served: ReplayTransport) -> None:
    with pytest.raises(LoadAPIKeyError, match=preset.environment_variable):
        generate_text(model=f"{preset.registry_name}:{preset.model_id}", prompt="Hi", max_retries=0)
    assert served.requests == []


@pytest.mark.parametrize("preset", PARAMS)
def test_explicit_settings_win_and_stay_secret(preset: Preset) -> None:
    transport = ReplayTransport([ReplayResponse.json_body(ANSWER)])
    with httpx.Client(transport=transport) as client:
        module = importlib.import_module(f"ai_sdk_core.providers.{preset.module}")
        provider = getattr(module, preset.factory)(
            api_key="explicit-secret-456", base_url="http://127.0.0.1:9/v1/", http_client=client
        )
        model = provider(preset.model_id)
        assert model.provider == f"{preset.registry_name}.chat"
        assert "explicit-secret-456" not in repr(provider) + repr(model)
        generate_text(model=model, prompt="Hi", max_retries=0)
    assert transport.last_request.url == "http://127.0.0.1:9/v1/chat/completions"
    assert transport.last_request.headers["authorization"] == "Bearer explicit-secret-456"
