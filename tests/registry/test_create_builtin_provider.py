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
