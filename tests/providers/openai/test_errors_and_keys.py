"""Error bodies -> APICallError, API keys resolved at request time and never shown (sync and async)."""

from __future__ import annotations

import httpx
import pytest

from ai_sdk_core.providers.openai import create_openai, openai
from ai_sdk_core.spec import APICallError, CallOptions, LoadAPIKeyError, Prompt, TextPart, UserMessage
from ai_sdk_core.testing.replay import ReplayResponse, ReplayTransport

from .conftest import API_KEY, Driver, ReplayFactory

pytestmark = pytest.mark.anyio

HELLO: Prompt = [UserMessage([TextPart("Hello")])]


@pytest.mark.parametrize(
    ("scenario", "status", "retryable", "message", "code"),
    [
        ("error-400", 400, False, "Invalid value for 'temperature': expected a number <= 2.", "invalid_value"),
        (
            "error-401",
            401,
            False,
            "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.",
            "invalid_api_key",
        ),
        (
            "error-429",
            429,
            True,
            "Rate limit reached for gpt-4o-mini on tokens per min (TPM): Limit 200000, Used 199800, Requested 900.",
            "rate_limit_exceeded",
        ),
    ],
)
@pytest.mark.parametrize("method", ["generate", "stream"])
async def test_error_bodies_become_api_call_errors(
    io: Driver, replay: ReplayFactory, scenario: str, status: int, retryable: bool, message: str, code: str, method: str
) -> None:
    provider, transport = replay(scenario)
    model = provider.chat("gpt-4o-mini")
    with pytest.raises(APICallError) as raised:
        if method == "generate":
            await io.generate(model, CallOptions(prompt=HELLO, temperature=3.0))
        else:
            await io.stream(model, CallOptions(prompt=HELLO, temperature=3.0))
    error = raised.value
    assert error.status_code == status
    assert error.is_retryable is retryable
    assert error.message == message
    assert error.url == "https://api.openai.com/v1/chat/completions"
    assert error.data["error"]["code"] == code
    assert error.response_headers["x-request-id"] == f"req_err{status}"
    assert error.response_body is not None and code in error.response_body
    # The key was sent (so the test is meaningful) but appears nowhere in the error.
    assert transport.last_request.headers["authorization"] == f"Bearer {API_KEY}"
    assert transport.last_request.json["temperature"] == 3.0
    for text in (str(error), repr(error), error.response_body, str(error.response_headers), str(error.data)):
        assert API_KEY not in text


async def test_error_bodies_of_other_shapes(io: Driver) -> None:
    transport = ReplayTransport(
        [
            ReplayResponse.text_body("<html>502 Bad Gateway</html>", status=502, headers={"content-type": "text/html"}),
            ReplayResponse.json_body({"message": "quota exceeded"}, status=403),
        ]
    )
    with httpx.Client(transport=transport) as client:
        provider = create_openai(
            api_key=API_KEY, http_client=client, async_http_client=httpx.AsyncClient(transport=transport)
        )
        with pytest.raises(APICallError) as raised:
            await io.generate(provider.chat("gpt-4o"), CallOptions(prompt=HELLO))
        assert raised.value.status_code == 502 and raised.value.is_retryable
        assert raised.value.response_body == "<html>502 Bad Gateway</html>"
        with pytest.raises(APICallError) as raised:
            await io.generate(provider.chat("gpt-4o"), CallOptions(prompt=HELLO))
        assert raised.value.message == "quota exceeded"
        assert raised.value.is_retryable is False


async def test_missing_key_is_reported_at_request_time_then_read_from_the_environment(
    io: Driver, replay: ReplayFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    provider, transport = replay("chat-text", api_key=None)
    model = provider.chat("gpt-4o-mini")  # building a model reads no key
    with pytest.raises(LoadAPIKeyError) as raised:
        await io.generate(model, CallOptions(prompt=HELLO))
    assert "api_key=" in str(raised.value) and "OPENAI_API_KEY" in str(raised.value)
    assert transport.requests == []

    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env")
    monkeypatch.setenv("OPENAI_BASE_URL", "https://gateway.example.com/openai/v1/")
    await io.generate(model, CallOptions(prompt=HELLO))
    assert transport.last_request.headers["authorization"] == "Bearer sk-from-env"
    assert transport.last_request.url == "https://gateway.example.com/openai/v1/chat/completions"


async def test_explicit_base_url_wins_over_the_environment(
    io: Driver, replay: ReplayFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "https://ignored.example.com/v1")
    provider, transport = replay("chat-text", base_url="http://127.0.0.1:9999/v1/")
    await io.generate(provider.chat("gpt-4o-mini"), CallOptions(prompt=HELLO))
    assert transport.last_request.url == "http://127.0.0.1:9999/v1/chat/completions"


def test_default_instance_reads_nothing_at_import_and_shows_no_key() -> None:
    model = openai.chat("gpt-4o-mini")
    assert (model.provider, model.model_id) == ("openai.chat", "gpt-4o-mini")
    assert openai.embedding("text-embedding-3-small").provider == "openai.embedding"
    assert [pattern.pattern for pattern in model.supported_urls["image/*"]] == [r"^https?://.*$"]
    with pytest.raises(LoadAPIKeyError):
        model.do_generate(CallOptions(prompt=HELLO))


def test_reprs_never_show_the_key() -> None:
    provider = create_openai(api_key=API_KEY, organization="org-1")
    for value in (provider, provider.chat("gpt-4o"), provider.embedding("text-embedding-3-small"), provider.transport):
        assert API_KEY not in repr(value)
        assert API_KEY not in str(value)
    provider.close()


async def test_request_recording_hides_credentials_from_repr(io: Driver, replay: ReplayFactory) -> None:
    provider, transport = replay("chat-text")
    await io.generate(provider.chat("gpt-4o-mini"), CallOptions(prompt=HELLO))
    assert API_KEY in transport.last_request.headers["authorization"]
    assert API_KEY not in repr(transport.last_request)
