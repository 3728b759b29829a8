"""System checks (ids django_ai_sdk.E001-E006, W001) and the ``ai_sdk_check`` command."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core import checks
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from ai_sdk_core import APICallError
from ai_sdk_core.testing import MockEmbeddingModel, MockLanguageModel, mock_text_result
from django_ai_sdk.testing import override_model
from tests.support.vendor_server import ScriptedReply, VendorServer


def _ids(*, deploy: bool = False) -> list[str]:
    return sorted(message.id or "" for message in checks.run_checks(tags=["ai_sdk"], include_deployment_checks=deploy))


def _messages() -> list[Any]:
    return checks.run_checks(tags=["ai_sdk"])


def test_no_setting_at_all_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AI_SDK_DEFAULT_MODEL", raising=False)
    assert _ids(deploy=True) == []


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        (["openai:gpt-4o"], ["django_ai_sdk.E001"]),
        ({"default": "openai:gpt-4o"}, ["django_ai_sdk.E001"]),
        ({"default": {"OPTIONS": {}}}, ["django_ai_sdk.E001"]),
        ({"default": {"MODEL": "gpt-4o"}}, ["django_ai_sdk.E002"]),
        ({"default": {"MODEL": "nope:gpt-4o"}}, ["django_ai_sdk.E003"]),
        ({"default": {"MODEL": "azure:gpt-4o"}}, ["django_ai_sdk.E003"]),
        ({"default": {"MODEL": "openai:gpt-4o", "OPTIONS": {"temprature": 0.2}}}, ["django_ai_sdk.E004"]),
        ({"default": {"MODEL": "openai:gpt-4o", "TIMEOUT": 3}}, ["django_ai_sdk.E004"]),
        ({"default": {"MODEL": "openai:gpt-4o", "KIND": "image"}}, ["django_ai_sdk.E004"]),
        ({"fast": {"MODEL": "openai:gpt-4o"}}, ["django_ai_sdk.E005"]),
        ({"default": {"MODEL": "openai:gpt-4o", "OPTIONS": {"temperature": 0.2}}}, []),
        (
            {
                "default": {"MODEL": "openai:gpt-4o"},
                "vectors": {"MODEL": "openai:text-embedding-3-small", "KIND": "embedding"},
            },
            [],
        ),
    ],
)
def test_settings_errors_have_ids(setting: Any, expected: list[str]) -> None:
    with override_settings(AI_SDK=setting):
        assert _ids() == expected
        # As Django's own checks do: every error says how to fix it and names the setting.
        for message in _messages():
            assert message.hint
            assert message.obj == "settings.AI_SDK"
            assert str(message).startswith(f"settings.AI_SDK: ({message.id}) ")


def test_an_error_names_the_alias_and_how_to_fix_it() -> None:
    with override_settings(AI_SDK={"fast": {"MODEL": "openai:gpt-4o"}}):
        (message,) = _messages()
    assert message.id == "django_ai_sdk.E005"
    assert "default" in message.msg
    assert "AI_SDK['default']" in (message.hint or "")
    with override_settings(AI_SDK={"default": {"MODEL": "openai:gpt-4o", "OPTIONS": {"temprature": 0.2}}}):
        (message,) = _messages()
    assert "temprature" in message.msg


@override_settings(AI_SDK={"default": {"MODEL": "openai:gpt-4o"}}, AI_SDK_PROVIDERS={"openai": {"KEY": "x"}})
def test_unknown_provider_keys() -> None:
    assert _ids() == ["django_ai_sdk.E006"]


@override_settings(AI_SDK={"default": {"MODEL": "anthropic:claude-sonnet-4-5"}})
def test_missing_credentials_is_a_deploy_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    assert _ids() == []  # not in a plain `check`
    (warning,) = checks.run_checks(tags=["ai_sdk"], include_deployment_checks=True)
    assert warning.id == "django_ai_sdk.W001"
    assert warning.level == checks.WARNING
    assert "ANTHROPIC_API_KEY" in (warning.hint or "")
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test")
    assert _ids(deploy=True) == []
    monkeypatch.delenv("ANTHROPIC_API_KEY")
    with override_settings(AI_SDK_PROVIDERS={"anthropic": {"API_KEY": "sk-ant-settings"}}):
        assert _ids(deploy=True) == []


def test_the_local_model_needs_no_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AI_SDK_DEFAULT_MODEL", raising=False)
    with override_settings(AI_SDK={"default": {"MODEL": "llama-cpp:default"}}):
        assert _ids(deploy=True) == []


@pytest.mark.django_db  # Django 6.1's `check` also runs the database checks
def test_the_management_check_command_reports_by_id() -> None:
    with override_settings(AI_SDK={"fast": {"MODEL": "openai:gpt-4o"}}), pytest.raises(Exception, match="E005"):
        call_command("check", stdout=StringIO(), stderr=StringIO())


# -- ai_sdk_check ---------------------------------------------------------------------------------------------


@override_settings(
    AI_SDK={
        "default": {"MODEL": "openai:gpt-4o-mini"},
        "broken": {"MODEL": "openai:gpt-4o"},
        "vectors": {"MODEL": "openai:text-embedding-3-small", "KIND": "embedding"},
    }
)
def test_ai_sdk_check_calls_each_alias_once_and_reports() -> None:
    good = MockLanguageModel(do_generate=mock_text_result("OK"))
    failing = MockLanguageModel(
        do_generate=APICallError("Incorrect API key provided", url="https://api.example/v1", status_code=401)
    )
    vectors = MockEmbeddingModel(embed=lambda value: [0.1, 0.2, 0.3])
    output = StringIO()
    with (
        override_model("default", good),
        override_model("broken", failing),
        override_model("vectors", vectors),
        pytest.raises(CommandError, match="1 of 3 aliases failed"),
    ):
        call_command("ai_sdk_check", stdout=output)
    lines = output.getvalue().splitlines()
    assert len(good.calls) == 1
    assert good.calls[0].max_output_tokens == 8
    assert any(line.startswith("default: OK openai:gpt-4o-mini in ") and "'OK'" in line for line in lines)
    assert any(line.startswith("broken: FAILED after ") and "Incorrect API key" in line for line in lines)
    assert any(
        line.startswith("vectors: OK openai:text-embedding-3-small") and "3 dimensions" in line for line in lines
    )


@override_settings(AI_SDK={"default": {"MODEL": "openai:gpt-4o-mini"}, "other": {"MODEL": "openai:gpt-4o"}})
def test_ai_sdk_check_takes_aliases() -> None:
    chosen = MockLanguageModel(do_generate=mock_text_result("OK"))
    skipped = MockLanguageModel(do_generate=mock_text_result("OK"))
    output = StringIO()
    with override_model("default", skipped), override_model("other", chosen):
        call_command("ai_sdk_check", "other", stdout=output)
    assert len(chosen.calls) == 1
    assert skipped.calls == []


def test_ai_sdk_check_against_vendor_wire_formats_never_prints_a_key() -> None:
    failing = ScriptedReply(status=401, error_body={"error": {"message": "invalid x-api-key", "type": "auth"}})
    with VendorServer() as server:
        server.responder = lambda request: failing if request.wire == "anthropic" else ScriptedReply(text="OK")
        aliases = {
            "default": {"MODEL": "openai:gpt-4.1-mini", "BASE_URL": server.base_url("openai-responses")},
            "claude": {"MODEL": "anthropic:claude-sonnet-4-5", "BASE_URL": server.base_url("anthropic")},
            "gemini": {"MODEL": "google:gemini-2.5-flash", "BASE_URL": server.base_url("google")},
        }
        for number, entry in enumerate(aliases.values()):
            entry["API_KEY"] = f"sk-secret-{number}"
        output = StringIO()
        with override_settings(AI_SDK=aliases), pytest.raises(CommandError, match="1 of 3 aliases failed"):
            call_command("ai_sdk_check", stdout=output)
    lines = sorted(output.getvalue().splitlines())
    assert lines[0].startswith("claude: FAILED after ") and "invalid x-api-key" in lines[0]
    assert lines[1].startswith("default: OK openai:gpt-4.1-mini in ") and "'OK'" in lines[1]
    assert lines[2].startswith("gemini: OK google:gemini-2.5-flash in ") and "'OK'" in lines[2]
    assert "sk-secret" not in output.getvalue()
    assert [request.headers.get("x-api-key") for request in server.requests if request.wire == "anthropic"] == [
        "sk-secret-1"
    ]
