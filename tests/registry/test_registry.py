"""Provider registries, custom providers, and the built-in registry's entry-point extension."""

from __future__ import annotations

import importlib
import importlib.metadata
import sys
import types
from typing import Any

import pytest

from ai_sdk_core.middleware import default_settings_middleware
from ai_sdk_core.middleware.wrap import WrappedLanguageModel
from ai_sdk_core.registry import (
    BUILTIN_PROVIDERS,
    ENTRY_POINT_GROUP,
    builtin_provider,
    create_provider_registry,
    custom_provider,
    entry_point_providers,
    resolve_language_model,
    resolve_model,
)
from ai_sdk_core.spec.errors import InvalidArgumentError, NoSuchModelError, NoSuchProviderError
from ai_sdk_core.testing.mock_models import MockEmbeddingModel, MockLanguageModel, mock_text_result
from tests.middleware.drive import Driver, options

pytestmark = pytest.mark.anyio


class ImageModel:
    def __init__(self, model_id: str) -> None:
        self.model_id = model_id


class FullProvider:
    """A provider with language, embedding and image models, each created on demand."""

    def language_model(self, model_id: str) -> MockLanguageModel:
        return MockLanguageModel(model_id=model_id, do_generate=mock_text_result(f"from {model_id}"))

    def embedding_model(self, model_id: str) -> MockEmbeddingModel:
        return MockEmbeddingModel(model_id=model_id)

    def image_model(self, model_id: str) -> ImageModel:
        return ImageModel(model_id)


def test_registry_resolves_every_kind_by_provider_and_model() -> None:
    registry = create_provider_registry({"full": FullProvider()})
    assert registry.language_model("full:gpt-x").model_id == "gpt-x"
    assert registry.embedding_model("full:embed-x").model_id == "embed-x"
    assert registry.image_model("full:image-x").model_id == "image-x"
    # The model part may contain the separator itself (Bedrock-style ids).
    assert registry.language_model("full:us.anthropic:v1").model_id == "us.anthropic:v1"
    with pytest.raises(NoSuchModelError, match="no speech_models"):
        registry.speech_model("full:tts")


@pytest.mark.parametrize("separator", [" > ", "/", "::"])
def test_custom_separators(separator: str) -> None:
    registry = create_provider_registry({"full": FullProvider()}, separator=separator)
    assert registry.language_model(f"full{separator}m").model_id == "m"
    with pytest.raises(NoSuchModelError, match=f"provider{separator}model"):
        registry.language_model("full-m")


def test_empty_separator_is_rejected() -> None:
    with pytest.raises(InvalidArgumentError):
        create_provider_registry({}, separator="")


def test_unknown_provider_lists_the_registered_ones() -> None:
    registry = create_provider_registry({"full": FullProvider(), "other": FullProvider()})
    with pytest.raises(NoSuchProviderError) as caught:
        registry.language_model("missing:m")
    assert caught.value.available_providers == ["full", "other"]
    assert "full, other" in str(caught.value)
    assert isinstance(caught.value, KeyError)


async def test_registry_middleware_wraps_language_models(driver: Driver) -> None:
    registry = create_provider_registry(
        {"full": FullProvider()}, language_model_middleware=default_settings_middleware({"temperature": 0.0})
    )
    model = registry.language_model("full:m")
    assert isinstance(model, WrappedLanguageModel)
    result = await driver.generate(model, options())
    assert result.content[0].text == "from m"  # type: ignore[union-attr]
    assert model.model.calls[0].temperature == 0.0  # type: ignore[attr-defined]


def test_custom_provider_aliases_fallback_and_listing() -> None:
    fast = MockLanguageModel(model_id="fast-model")
    aliases = custom_provider(
        language_models={"fast": fast, "smart": MockLanguageModel()},
        image_models={"draw": ImageModel("dall")},
    )
    assert aliases.language_model("fast") is fast
    assert aliases.image_model("draw").model_id == "dall"
    with pytest.raises(NoSuchModelError) as caught:
        aliases.language_model("slow")
    assert "available: fast, smart" in str(caught.value)
    assert caught.value.available_models == ["fast", "smart"]  # type: ignore[attr-defined]
    with pytest.raises(NoSuchModelError, match="available: none"):
        aliases.embedding_model("any")

    with_fallback = custom_provider(language_models={"fast": fast}, fallback_provider=FullProvider())
    assert with_fallback.language_model("fast") is fast
    assert with_fallback.language_model("other").model_id == "other"
    assert with_fallback.embedding_model("e").model_id == "e"
    with pytest.raises(NoSuchModelError, match="no reranking_models"):
        with_fallback.reranking_model("r")


class FakeEntryPoint:
    """What ``importlib.metadata.entry_points(group=...)`` yields for a plugin distribution."""

    def __init__(self, name: str, value: str) -> None:
        self.name = name
        self.value = value
        self.group = ENTRY_POINT_GROUP


@pytest.fixture
def plugin(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """A fake installed distribution declaring the provider ``acme`` as ``acme_ai_plugin:acme``."""
    state: dict[str, Any] = {"scans": 0, "imports": 0}

    def entry_points(*, group: str) -> list[FakeEntryPoint]:
        state["scans"] += 1
        if group != ENTRY_POINT_GROUP:
            return []
        return [
            FakeEntryPoint("acme", "acme_ai_plugin:acme"),
            FakeEntryPoint("broken", "no-attribute-given"),
            FakeEntryPoint("openai", "acme_ai_plugin:acme"),  # a built-in name always wins
        ]

    real_import = importlib.import_module

    def import_module(name: str, package: str | None = None) -> types.ModuleType:
        if name == "acme_ai_plugin":
            state["imports"] += 1
            module = types.ModuleType(name)
            module.acme = FullProvider()  # type: ignore[attr-defined]
            return module
        return real_import(name, package)

    from ai_sdk_core.registry import builtin

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
    monkeypatch.setattr(importlib, "import_module", import_module)
    monkeypatch.setattr(builtin, "_cache", {})
    monkeypatch.delitem(sys.modules, "acme_ai_plugin", raising=False)
    return state


def test_entry_points_are_read_only_on_a_miss_and_loaded_lazily(plugin: dict[str, Any]) -> None:
    assert entry_point_providers() == {"acme": ("acme_ai_plugin", "acme"), "openai": ("acme_ai_plugin", "acme")}
    plugin["scans"] = 0
    assert plugin["imports"] == 0
    model = resolve_language_model("acme:rocket-1")
    assert model.model_id == "rocket-1"
    assert (plugin["scans"], plugin["imports"]) == (1, 1)
    assert resolve_model("acme:picture", "image_model").model_id == "picture"
    assert plugin["imports"] == 1  # the provider instance is cached
    assert "acme" not in BUILTIN_PROVIDERS


def test_builtin_names_win_over_entry_points(plugin: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(BUILTIN_PROVIDERS, "openai", ("fake_builtin_openai", "openai"))
    real_import = importlib.import_module

    def import_module(name: str, package: str | None = None) -> types.ModuleType:
        if name == "fake_builtin_openai":
            module = types.ModuleType(name)
            module.openai = "the built-in"  # type: ignore[attr-defined]
            return module
        return real_import(name, package)

    monkeypatch.setattr(importlib, "import_module", import_module)
    plugin["scans"] = 0
    assert builtin_provider("openai") == "the built-in"
    assert plugin["scans"] == 0  # a built-in hit never scans distributions


def test_unknown_provider_lists_builtins_and_plugins(plugin: dict[str, Any]) -> None:
    with pytest.raises(NoSuchProviderError) as caught:
        resolve_language_model("nowhere:model")
    assert "acme" in caught.value.available_providers
    assert "openai" in caught.value.available_providers
    assert "broken" not in caught.value.available_providers
    assert "acme" in str(caught.value) and "anthropic" in str(caught.value)


def test_model_objects_pass_through_resolution() -> None:
    model = MockLanguageModel()
    assert resolve_language_model(model) is model
    assert resolve_model(model, "image_model") is model
