"""Secrets never show; settings and API keys resolve from the argument, then the environment, at call time."""

from __future__ import annotations

import pickle

import pytest

from ai_sdk_core.provider_utils import (
    NOT_GIVEN,
    Secret,
    load_api_key,
    load_optional_setting,
    load_setting,
    without_trailing_slash,
)
from ai_sdk_core.spec import LoadAPIKeyError, LoadSettingError

KEY = "sk-test-0123456789abcdef"


def test_secret_hides_its_value_in_repr_str_and_formatting() -> None:
    secret = Secret(KEY)
    for shown in (repr(secret), str(secret), f"{secret}", f"{secret!r}", repr([secret]), repr({"key": secret})):
        assert KEY not in shown
        assert "*" in shown
    assert secret.get_secret_value() == KEY


def test_secret_compares_by_value_and_survives_pickling() -> None:
    assert Secret(KEY) == Secret(KEY)
    assert Secret(KEY) != Secret("other")
    assert pickle.loads(pickle.dumps(Secret(KEY))).get_secret_value() == KEY


def test_load_api_key_prefers_the_argument(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXAMPLE_API_KEY", "from-env")
    assert load_api_key(api_key=KEY, environment_variable="EXAMPLE_API_KEY", description="Example") == Secret(KEY)
    passed = Secret(KEY)
    assert load_api_key(api_key=passed, environment_variable="EXAMPLE_API_KEY", description="Example") is passed


def test_load_api_key_reads_the_environment_at_call_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EXAMPLE_API_KEY", raising=False)
    with pytest.raises(LoadAPIKeyError):
        load_api_key(api_key=None, environment_variable="EXAMPLE_API_KEY", description="Example")
    monkeypatch.setenv("EXAMPLE_API_KEY", KEY)
    key = load_api_key(api_key=None, environment_variable="EXAMPLE_API_KEY", description="Example")
    assert key.get_secret_value() == KEY


def test_load_api_key_error_names_the_parameter_and_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with pytest.raises(LoadAPIKeyError) as caught:
        load_api_key(api_key=None, environment_variable="OPENAI_API_KEY", description="OpenAI")
    assert "pass `api_key=` or set `OPENAI_API_KEY`" in str(caught.value)
    assert "OpenAI" in str(caught.value)


def test_load_api_key_error_uses_a_custom_parameter_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AZURE_API_KEY", raising=False)
    with pytest.raises(LoadAPIKeyError, match=r"`azure_api_key=`.*`AZURE_API_KEY`"):
        load_api_key(
            api_key="",
            environment_variable="AZURE_API_KEY",
            description="Azure",
            api_key_parameter_name="azure_api_key",
        )


def test_load_api_key_rejects_a_non_string_without_echoing_it() -> None:
    with pytest.raises(LoadAPIKeyError) as caught:
        load_api_key(api_key=12345, environment_variable="X_API_KEY", description="X")  # type: ignore[arg-type]
    assert "12345" not in str(caught.value)


def test_load_optional_setting_and_load_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EXAMPLE_BASE_URL", raising=False)
    assert load_optional_setting(None, "EXAMPLE_BASE_URL") is None
    assert load_optional_setting("https://a", "EXAMPLE_BASE_URL") == "https://a"
    monkeypatch.setenv("EXAMPLE_BASE_URL", "https://env")
    assert load_optional_setting(None, "EXAMPLE_BASE_URL") == "https://env"
    monkeypatch.setenv("EXAMPLE_BASE_URL", "")
    assert load_optional_setting(None, "EXAMPLE_BASE_URL") is None
    with pytest.raises(LoadSettingError, match=r"`base_url=`.*`EXAMPLE_BASE_URL`"):
        load_setting(None, environment_variable="EXAMPLE_BASE_URL", setting_name="base_url", description="Example")


def test_without_trailing_slash() -> None:
    assert without_trailing_slash("https://api.example.com/v1/") == "https://api.example.com/v1"
    assert without_trailing_slash("https://api.example.com/v1") == "https://api.example.com/v1"


def test_not_given_is_falsy_distinct_from_none_and_named() -> None:
    assert NOT_GIVEN is not None
    assert not NOT_GIVEN
    assert repr(NOT_GIVEN) == "NOT_GIVEN"
