"""The command line and the exit statuses: pure, runs everywhere."""

from __future__ import annotations

import pytest

from ai_sdk_core.cli.arguments import LOCAL_MODEL, choose_model, parse_command_line
from ai_sdk_core.cli.json_output import SchemaFileError
from ai_sdk_core.cli.main import (
    EXIT_CONFIGURATION,
    EXIT_MODEL_ERROR,
    EXIT_USAGE,
    exit_status_for,
)
from ai_sdk_core.spec.errors import (
    APICallError,
    LoadAPIKeyError,
    LoadSettingError,
    NoSuchProviderError,
    RetryError,
)


def test_words_of_the_prompt_are_joined_and_options_parsed() -> None:
    command = parse_command_line(["--model", "openai:gpt-4o", "-t", "0", "--max-tokens", "5", "Why", "blue?"])
    assert command.prompt == "Why blue?"
    assert (command.model, command.temperature, command.max_tokens) == ("openai:gpt-4o", 0.0, 5)
    assert command.stats is True
    assert parse_command_line([]).prompt is None
    assert parse_command_line(["-"]).prompt == "-"
    assert parse_command_line(["--no-stats", "x"]).stats is False


def test_bad_usage_exits_with_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        parse_command_line(["--max-tokens", "0", "x"])
    assert raised.value.code == 2
    assert "--max-tokens must be at least 1" in capsys.readouterr().err


def test_the_model_comes_from_the_option_then_the_environment_then_the_local_default() -> None:
    assert choose_model("openai:gpt-4o", {"AI_SDK_DEFAULT_MODEL": "groq:llama"}).source == "option"
    from_environment = choose_model(None, {"AI_SDK_DEFAULT_MODEL": "groq:llama"})
    assert (from_environment.model, from_environment.source) == ("groq:llama", "environment")
    fallback = choose_model(None, {"AI_SDK_DEFAULT_MODEL": ""})
    assert (fallback.model, fallback.source) == (LOCAL_MODEL, "local default")


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (LoadAPIKeyError("set OPENAI_API_KEY"), EXIT_CONFIGURATION),
        (LoadSettingError("no model file"), EXIT_CONFIGURATION),
        (ImportError("no llama_cpp"), EXIT_CONFIGURATION),
        (NoSuchProviderError("x", model_id="x:y", available_providers=["openai"]), EXIT_USAGE),
        (SchemaFileError("not JSON"), EXIT_USAGE),
        (APICallError("boom", url="http://example.invalid", status_code=500), EXIT_MODEL_ERROR),
        (
            RetryError("gave up", reason="error_not_retryable", errors=[LoadAPIKeyError("set KEY")]),
            EXIT_CONFIGURATION,
        ),
    ],
)
def test_exit_status_for_each_kind_of_error(error: BaseException, status: int) -> None:
    assert exit_status_for(error) == status
