"""Settings from the environment, the models by alias, the lifespan and the dependencies."""

from __future__ import annotations

from typing import Annotated, Any

import pytest
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from pydantic import ValidationError

from ai_sdk_core import LanguageModel, agenerate_text
from ai_sdk_core.testing import MockLanguageModel, mock_text_result
from fastapi_ai_sdk import (
    LOCAL_MODEL,
    AIModels,
    AISDKNotConfiguredError,
    AISDKSettings,
    DefaultModel,
    ProviderSettingsError,
    UnknownModelAliasError,
    ai_sdk_context,
    ai_sdk_lifespan,
    get_model,
    get_models,
)
from fastapi_ai_sdk.testing import override_models


class RecordingProvider:
    """A provider built by a settings factory: records its arguments and whether the app closed it."""

    instances: list[RecordingProvider] = []  # noqa: RUF012 - a test registry

    def __init__(self, **arguments: Any) -> None:
        self.arguments = arguments
        self.closed = False
        self.model = MockLanguageModel(do_generate=mock_text_result("from the recording provider"))
        RecordingProvider.instances.append(self)

    def language_model(self, model_id: str) -> MockLanguageModel:
        self.model.model_id = model_id
        return self.model

    async def aclose(self) -> None:
        self.closed = True


FACTORY = f"{__name__}:RecordingProvider"


def test_aliases_and_credentials_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(
        "AI_SDK_MODELS", '{"default": {"model": "anthropic:claude-sonnet-4-5", "options": {"temperature": 0.3}}}'
    )
    monkeypatch.setenv("AI_SDK_PROVIDERS__ACME__FACTORY", FACTORY)
    monkeypatch.setenv("AI_SDK_PROVIDERS__ACME__API_KEY", "sk-very-secret")
    monkeypatch.setenv("AI_SDK_PROVIDERS__ACME__BASE_URL", "https://llm.acme.test/v1")
    monkeypatch.setenv("AI_SDK_MAX_REQUEST_BYTES", "1234")
    settings = AISDKSettings()
    assert settings.models["default"].model == "anthropic:claude-sonnet-4-5"
    assert settings.models["default"].options == {"temperature": 0.3}
    assert settings.max_request_bytes == 1234
    acme = settings.providers["acme"]
    assert acme.factory is RecordingProvider
    assert acme.factory_arguments() == {"api_key": "sk-very-secret", "base_url": "https://llm.acme.test/v1"}
    # The key never shows in a repr.
    assert "sk-very-secret" not in repr(settings) and "sk-very-secret" not in str(settings)


def test_one_alias_or_one_provider_field_per_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    # The nested form of the same settings (env_nested_delimiter "__"); names are case-insensitive.
    monkeypatch.setenv("AI_SDK_MODELS__FAST__MODEL", "groq:llama-3.1-8b-instant")
    monkeypatch.setenv("AI_SDK_MODELS__SEARCH__MODEL", "openai:text-embedding-3-small")
    monkeypatch.setenv("AI_SDK_MODELS__SEARCH__KIND", "embedding")
    monkeypatch.setenv("AI_SDK_PROVIDERS__ACME__HEADERS", '{"x-api-key": "header-secret"}')
    settings = AISDKSettings()
    assert settings.models["fast"].model == "groq:llama-3.1-8b-instant"
    assert settings.models["search"].kind == "embedding"
    assert settings.providers["acme"].factory_arguments() == {"headers": {"x-api-key": "header-secret"}}
    # Header values often are credentials too: never in a repr.
    assert "header-secret" not in repr(settings) and "header-secret" not in str(settings.model_dump())


def test_a_failing_provider_factory_is_a_typed_error_without_its_message() -> None:
    settings = AISDKSettings(providers={"acme": {"factory": f"{__name__}:refusing_factory", "api_key": "sk-leak"}})
    with pytest.raises(ProviderSettingsError, match=r"'acme'.*ValueError") as raised:
        AIModels.from_settings(settings)
    assert "sk-leak" not in str(raised.value)


def refusing_factory(**arguments: Any) -> Any:
    raise ValueError(f"cannot use {arguments}")  # quotes the key, as careless factories do


def test_with_nothing_configured_the_default_alias_is_the_local_model(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("AI_SDK_MODELS", "AI_SDK_DEFAULT_MODEL"):
        monkeypatch.delenv(name, raising=False)
    assert AISDKSettings().aliases()["default"].model == LOCAL_MODEL == "llama-cpp:default"
    model = AIModels.from_settings(AISDKSettings())["default"]
    assert model.provider == "llama-cpp"  # resolved lazily: nothing is loaded until the first call


def test_ai_sdk_default_model_is_a_shortcut_for_the_default_alias(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AI_SDK_DEFAULT_MODEL", "openai:gpt-4o-mini")
    assert AISDKSettings().aliases()["default"].model == "openai:gpt-4o-mini"


@pytest.mark.parametrize("alias", ["openai:gpt-4o", "has space", ""])
def test_aliases_are_plain_words(alias: str) -> None:
    with pytest.raises(ValidationError):
        AISDKSettings(models={alias: {"model": "openai:gpt-4o"}})


@pytest.mark.parametrize("model", ["gpt-4o", ":x", "openai:"])
def test_model_strings_name_a_provider_and_a_model(model: str) -> None:
    with pytest.raises(ValidationError):
        AISDKSettings(models={"default": {"model": model}})


def test_an_unknown_alias_names_the_known_ones() -> None:
    models = AIModels({"default": MockLanguageModel(), "fast": MockLanguageModel()})
    with pytest.raises(UnknownModelAliasError) as raised:
        models["slow"]
    assert isinstance(raised.value, KeyError)
    assert str(raised.value) == "Unknown model alias 'slow'; known aliases: default, fast"


@pytest.mark.anyio
async def test_alias_options_become_call_defaults() -> None:
    provider = RecordingProvider()
    models = AIModels(
        AISDKSettings(models={"default": {"model": "acme:m-1", "options": {"temperature": 0.25}}}).aliases(),
        providers={"acme": provider},
    )
    result = await agenerate_text(model=models["default"], prompt="Hi")
    assert result.text == "from the recording provider"
    assert provider.model.calls[0].temperature == 0.25
    assert models["default"] is models["default"]  # built once


@pytest.mark.anyio
async def test_the_lifespan_builds_settings_providers_once_and_closes_them() -> None:
    RecordingProvider.instances.clear()
    settings = AISDKSettings(
        models={"default": {"model": "acme:m-1"}},
        providers={"acme": {"factory": FACTORY, "api_key": "k", "headers": {"x-team": "a"}}},
    )
    app = FastAPI()
    async with ai_sdk_context(app, settings) as state:
        [provider] = RecordingProvider.instances
        assert provider.arguments == {"api_key": "k", "headers": {"x-team": "a"}}
        assert state.models["default"] is provider.model
        assert app.state.ai_sdk is state
        assert not provider.closed
    assert provider.closed
    assert not hasattr(app.state, "ai_sdk")


@pytest.mark.anyio
async def test_a_built_in_provider_gets_the_settings_credentials() -> None:
    settings = AISDKSettings(
        models={"default": {"model": "anthropic:claude-sonnet-4-5"}},
        providers={"anthropic": {"api_key": "sk-ant-secret", "base_url": "http://127.0.0.1:9/v1"}},
    )
    async with ai_sdk_context(FastAPI(), settings) as state:
        model = state.models["default"]
        assert model.model_id == "claude-sonnet-4-5"
        assert model.provider.startswith("anthropic")
        assert "127.0.0.1:9" in repr(model) or "127.0.0.1:9" in repr(getattr(model, "config", model))
        assert "sk-ant-secret" not in repr(model)


def test_an_unknown_provider_setting_is_a_typed_error_without_the_key() -> None:
    settings = AISDKSettings(providers={"no-such-vendor": {"api_key": "sk-secret-value"}})
    with pytest.raises(ProviderSettingsError, match="no-such-vendor") as raised:
        AIModels.from_settings(settings)
    assert "sk-secret-value" not in str(raised.value)


@pytest.mark.anyio
async def test_a_misconfigured_alias_fails_at_startup() -> None:
    settings = AISDKSettings(models={"default": {"model": "no-such-provider:x"}})
    with pytest.raises(Exception, match="no-such-provider"):
        async with ai_sdk_context(FastAPI(), settings):
            pass


def _endpoint_app(settings: AISDKSettings | None = None, providers: dict[str, Any] | None = None) -> FastAPI:
    app = FastAPI(lifespan=ai_sdk_lifespan(settings, providers=providers))

    @app.get("/which")
    async def which(model: DefaultModel) -> dict[str, str]:
        result = await agenerate_text(model=model, prompt="Which model?")
        return {"model": model.model_id, "text": result.text}

    @app.get("/fast")
    async def fast(model: Annotated[LanguageModel, Depends(get_model("fast"))]) -> dict[str, str]:
        return {"model": model.model_id}

    return app


def test_get_model_is_one_callable_per_alias() -> None:
    assert get_model("fast") is get_model("fast")
    assert get_model() is get_model("default")
    assert get_model("fast") is not get_model("default")


def test_endpoints_get_models_by_alias_through_the_lifespan() -> None:
    settings = AISDKSettings(models={"default": {"model": "acme:m-default"}, "fast": {"model": "acme:m-fast"}})
    app = _endpoint_app(settings, providers={"acme": _ModelPerId()})
    with TestClient(app) as client:
        assert client.get("/which").json() == {"model": "m-default", "text": "m-default says hi"}
        assert client.get("/fast").json() == {"model": "m-fast"}


class _ModelPerId:
    def language_model(self, model_id: str) -> MockLanguageModel:
        return MockLanguageModel(do_generate=mock_text_result(f"{model_id} says hi"), model_id=model_id)


def test_dependency_overrides_replace_a_model() -> None:
    settings = AISDKSettings(models={"default": {"model": "acme:real"}, "fast": {"model": "acme:real"}})
    app = _endpoint_app(settings, providers={"acme": _ModelPerId()})
    mock = MockLanguageModel(do_generate=mock_text_result("mocked"), model_id="mock")
    app.dependency_overrides[get_model("default")] = lambda: mock
    with TestClient(app) as client:
        assert client.get("/which").json() == {"model": "mock", "text": "mocked"}
        assert client.get("/fast").json() == {"model": "real"}  # other aliases untouched
    assert len(mock.calls) == 1


def test_override_models_swaps_aliases_and_restores_earlier_overrides() -> None:
    app = _endpoint_app(AISDKSettings(models={"default": {"model": "acme:real"}}), providers={"acme": _ModelPerId()})
    earlier = MockLanguageModel(model_id="earlier")
    app.dependency_overrides[get_model("fast")] = lambda: earlier
    mock = MockLanguageModel(do_generate=mock_text_result("mocked"), model_id="mock")
    with override_models(app, {"default": mock, "fast": mock}) as models, TestClient(app) as client:
        assert models.aliases == ["default", "fast"]
        assert app.dependency_overrides[get_models]() is models
        assert client.get("/which").json()["text"] == "mocked"
        assert client.get("/fast").json() == {"model": "mock"}
    assert app.dependency_overrides == {get_model("fast"): app.dependency_overrides[get_model("fast")]}
    assert app.dependency_overrides[get_model("fast")]() is earlier


def test_without_the_lifespan_a_dependency_says_what_to_do() -> None:
    app = FastAPI()

    @app.get("/which")
    async def which(model: DefaultModel) -> dict[str, str]:
        return {"model": model.model_id}

    with TestClient(app) as client, pytest.raises(AISDKNotConfiguredError, match="ai_sdk_lifespan"):
        client.get("/which")


def test_the_public_names_are_sorted_and_importable() -> None:
    import fastapi_ai_sdk

    assert fastapi_ai_sdk.__all__ == sorted(fastapi_ai_sdk.__all__)
    assert all(hasattr(fastapi_ai_sdk, name) for name in fastapi_ai_sdk.__all__)


def test_the_protocol_version_is_a_supported_major(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AI_SDK_PROTOCOL_VERSION", "6")
    assert AISDKSettings().protocol_version == 6
    monkeypatch.setenv("AI_SDK_PROTOCOL_VERSION", "8")
    with pytest.raises(ValidationError, match="5, 6, 7"):
        AISDKSettings()
