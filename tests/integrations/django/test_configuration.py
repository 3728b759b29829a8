"""Settings, the ``ai_models`` handler, provider credentials, and the per-loop HTTP clients."""

from __future__ import annotations

import gc
import time

import pytest
from asgiref.sync import async_to_sync
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from ai_sdk_core import agenerate_text, astream_text, generate_text
from ai_sdk_core.testing import MockLanguageModel, mock_text_result
from django_ai_sdk import AIModelDoesNotExist, ai_models
from django_ai_sdk.conf import LOCAL_MODEL, provider_settings, resolve_provider_setting
from django_ai_sdk.testing import override_model
from tests.support.vendor_server import FAKE_API_KEY, VendorServer


def test_without_a_setting_the_default_alias_is_the_local_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AI_SDK_DEFAULT_MODEL", raising=False)
    model = ai_models.default
    assert (model.provider, model.model_id) == ("llama-cpp", "default")
    assert ai_models.configuration("default").model == LOCAL_MODEL
    assert list(ai_models) == ["default"]


def test_without_a_setting_the_environment_names_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AI_SDK_DEFAULT_MODEL", "groq:llama-3.1-8b-instant")
    assert ai_models["default"].model_id == "llama-3.1-8b-instant"


@override_settings(AI_SDK={"default": {"MODEL": "openai:gpt-4o-mini"}, "fast": {"MODEL": "groq:llama-3.1-8b"}})
def test_lookup_by_item_attribute_and_membership() -> None:
    assert ai_models["default"] is ai_models.default  # cached per process
    assert ai_models["fast"].model_id == "llama-3.1-8b"
    assert "fast" in ai_models
    assert "slow" not in ai_models
    assert sorted(ai_models) == ["default", "fast"]


@override_settings(AI_SDK={"default": {"MODEL": "openai:gpt-4o-mini"}, "fast": {"MODEL": "groq:llama-3.1-8b"}})
def test_an_unknown_alias_names_the_known_ones() -> None:
    with pytest.raises(AIModelDoesNotExist) as caught:
        ai_models["slow"]
    error = caught.value
    assert isinstance(error, ImproperlyConfigured)
    assert isinstance(error, KeyError)
    assert (
        str(error) == "The AI model alias 'slow' does not exist (configured: 'default', 'fast'); see settings.AI_SDK."
    )
    assert error.known_aliases == ["default", "fast"]


def test_override_settings_resets_the_cache() -> None:
    with override_settings(AI_SDK={"default": {"MODEL": "openai:gpt-4o-mini"}}):
        first = ai_models.default
        assert first.model_id == "gpt-4o-mini"
    with override_settings(AI_SDK={"default": {"MODEL": "openai:gpt-4.1"}}):
        second = ai_models.default
        assert second.model_id == "gpt-4.1"
    assert first is not second


@override_settings(AI_SDK={"default": {"MODEL": "openai:gpt-4o-mini"}})
def test_provider_settings_changes_reset_the_cache_and_other_settings_do_not() -> None:
    first = ai_models.default
    with override_settings(USE_I18N=False):
        assert ai_models.default is first
    with override_settings(AI_SDK_PROVIDERS={"openai": {"BASE_URL": "https://proxy.example/v1"}}):
        assert ai_models.default is not first
    assert ai_models.default is not first  # leaving the override is a change too


@override_settings(AI_SDK={"default": {"MODEL": "openai:gpt-4o-mini", "OPTIONS": {"temperature": 0.25}}})
def test_options_are_call_defaults_that_the_call_can_override() -> None:
    inner = MockLanguageModel(do_generate=mock_text_result("ok"))
    configured = ai_models.default
    # The alias wraps its provider model; swap in the mock behind the same middleware to see the call options.
    configured.model = inner
    generate_text(model=configured, prompt="Hi")
    generate_text(model=configured, prompt="Hi", temperature=0.9)
    assert [call.temperature for call in inner.calls] == [0.25, 0.9]


@override_settings(
    AI_SDK={"default": {"MODEL": "openai:gpt-4o-mini"}, "gateway": {"MODEL": "openai:gpt-4o", "API_KEY": "sk-alias"}},
    AI_SDK_PROVIDERS={"openai": {"API_KEY": "sk-providers", "BASE_URL": "https://gateway.example/v1"}},
    AI_SDK_OPENAI_HEADERS={"x-team": "blue"},
    AI_SDK_OPENAI_API_KEY="sk-flat",  # below AI_SDK_PROVIDERS, so unused for openai
    AI_SDK_GROQ_API_KEY="sk-groq-flat",
)
def test_provider_settings_resolve_like_anymail(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-environment")
    default = provider_settings(ai_models.configuration("default"))
    assert default == {
        "api_key": "sk-providers",
        "base_url": "https://gateway.example/v1",
        "headers": {"x-team": "blue"},
    }
    # The alias's own value is the explicit argument: it wins over AI_SDK_PROVIDERS.
    assert provider_settings(ai_models.configuration("gateway"))["api_key"] == "sk-alias"
    assert resolve_provider_setting("openai", "API_KEY", explicit="sk-call") == "sk-call"
    # The flat setting when AI_SDK_PROVIDERS has none.
    assert resolve_provider_setting("groq", "API_KEY") == "sk-groq-flat"
    # Nothing in settings: None, so the provider reads its environment variable itself.
    assert resolve_provider_setting("xai", "API_KEY") is None


@override_settings(
    AI_SDK={"default": {"MODEL": "openai:gpt-4o-mini"}},
    AI_SDK_PROVIDERS={"openai": {"API_KEY": "sk-secret-value-123"}},
)
def test_a_secret_never_appears_in_the_model_repr() -> None:
    model = ai_models.default
    assert "sk-secret-value-123" not in repr(model)
    assert "sk-secret-value-123" not in repr(vars(model) if hasattr(model, "__dict__") else model)


@override_settings(AI_SDK={"default": {"MODEL": "nope:model"}})
def test_an_unknown_provider_is_improperly_configured() -> None:
    with pytest.raises(ImproperlyConfigured, match="nope"):
        ai_models.default  # noqa: B018  # the lookup is what raises


def test_override_model_swaps_any_alias_and_restores_it() -> None:
    mock = MockLanguageModel(do_generate=mock_text_result("from the mock"))
    with override_model("default", mock) as model:
        assert model is mock
        assert ai_models.default is mock
        assert generate_text(model=ai_models.default, prompt="Hi").text == "from the mock"
        with override_model("default") as inner:
            assert ai_models.default is inner
        assert ai_models.default is mock
        with override_model("unconfigured") as extra:
            assert "unconfigured" in ai_models
            assert ai_models["unconfigured"] is extra
    assert ai_models.default is not mock
    assert "unconfigured" not in ai_models


@override_model("default", MockLanguageModel(do_generate=mock_text_result("decorated")))
def test_override_model_as_a_decorator() -> None:
    assert generate_text(model=ai_models.default, prompt="Hi").text == "decorated"


# -- HTTP clients per event loop ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "wire"),
    [
        ("openai:gpt-4.1-mini", "openai-responses"),
        ("deepseek:deepseek-chat", "openai-chat"),
        ("anthropic:claude-sonnet-4-5", "anthropic"),
        ("google:gemini-2.5-flash", "google"),
    ],
)
def test_one_model_serves_many_async_to_sync_calls(model: str, wire: str) -> None:
    # Each async_to_sync call runs its own event loop; a client kept (with a pooled keep-alive connection) from
    # the first loop would fail on the second with "Event loop is closed".
    with VendorServer() as server:
        alias = {"MODEL": model, "BASE_URL": server.base_url(wire), "API_KEY": FAKE_API_KEY}
        with override_settings(AI_SDK={"default": alias}):
            configured = ai_models.default

            async def stream_once() -> str:
                result = astream_text(model=ai_models.default, prompt="streamed")
                return "".join([delta async for delta in result.text_stream])

            answers = [async_to_sync(agenerate_text)(model=configured, prompt="ping").text for _ in range(2)]
            streamed = [async_to_sync(stream_once)() for _ in range(2)]
            assert answers == ["ping", "ping"]
            assert streamed == ["streamed", "streamed"]
            assert generate_text(model=configured, prompt="sync").text == "sync"
            assert ai_models.default is configured
        assert server.rejections == []  # the API key from settings reached the server
        assert [request.wire for request in server.requests] == [wire] * 5
        # One connection per loop (four) and one for the sync client: no loop used another loop's client.
        assert server.connections_accepted == 5
        # Each finished loop closed its client, and restoring the settings closed the provider's sync client: the
        # server sees every connection end (it notices a close a moment later, hence the bounded wait).
        deadline = time.monotonic() + 10
        while server.open_connections and time.monotonic() < deadline:
            time.sleep(0.01)
        assert server.open_connections == 0
    del configured  # with the settings restored, the cache dropped the model: its clients go now, in this test
    gc.collect()
