"""``create_builtin_provider``: a configured instance of a built-in provider, by name."""

from __future__ import annotations

import pytest

from ai_sdk_core import InvalidArgumentError, NoSuchProviderError, create_builtin_provider
from ai_sdk_core.registry import builtin


def test_builds_a_new_instance_with_the_given_settings() -> None:
    provider = create_builtin_provider("anthropic", api_key="sk-test-secret", base_url="http://127.0.0.1:9/v1")
    default = builtin.builtin_provider("anthropic")
    assert provider is not default
    model = provider.language_model("claude-sonnet-4-5")
    assert model.provider.startswith("anthropic")
    assert "127.0.0.1:9" in repr(provider)
    assert "sk-test-secret" not in repr(provider)


def test_unknown_provider_names_the_known_ones() -> None:
    with pytest.raises(NoSuchProviderError) as caught:
        create_builtin_provider("no-such-vendor")
    assert "anthropic" in str(caught.value)


def test_a_provider_module_without_factory_is_a_typed_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(builtin.BUILTIN_PROVIDERS, "stdlib-json", ("json", "decoder"))
    with pytest.raises(InvalidArgumentError, match="create_decoder"):
        create_builtin_provider("stdlib-json")


def test_resolve_with_api_key_and_base_url_uses_a_configured_provider() -> None:
    from ai_sdk_core import generate_text, resolve_embedding_model, resolve_language_model
    from tests.support.vendor_server import VendorServer

    with VendorServer() as server:
        base_url = server.base_url("anthropic")
        model = resolve_language_model("anthropic:claude-x", api_key="sk-first-key", base_url=base_url)
        again = resolve_language_model("anthropic:claude-x", api_key="sk-first-key", base_url=base_url)
        other = resolve_language_model("anthropic:claude-x", api_key="sk-other-key", base_url=base_url)
        for candidate in (model, again, other):
            assert generate_text(model=candidate, prompt="hi").text == "hi"
        assert [request.headers["x-api-key"] for request in server.requests] == [
            "sk-first-key",
            "sk-first-key",
            "sk-other-key",
        ]
        # The same settings share one provider, hence one pooled connection; other settings get their own.
        assert server.connections_accepted == 2
        embedding = resolve_embedding_model(
            "openai:text-embedding-3-small", api_key="sk-e", base_url=server.base_url("openai-chat")
        )
        assert embedding.model_id == "text-embedding-3-small"


def test_settings_for_a_model_object_are_refused() -> None:
    from ai_sdk_core import resolve_language_model
    from ai_sdk_core.testing import MockLanguageModel

    with pytest.raises(InvalidArgumentError, match="provider:model"):
        resolve_language_model(MockLanguageModel(), api_key="sk-x")
