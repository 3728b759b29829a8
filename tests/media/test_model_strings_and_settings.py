"""Model strings resolved through the built-in providers, and settings handed to the model as call options."""

from __future__ import annotations

from typing import Any

import pytest

from ai_sdk_core.generate_image import generate_image
from ai_sdk_core.generate_speech import agenerate_speech
from ai_sdk_core.providers.openai.transcription import parse_openai_transcription
from ai_sdk_core.registry import builtin
from ai_sdk_core.spec import InvalidArgumentError, InvalidResponseDataError, NoSuchProviderError, TimeoutConfig
from ai_sdk_core.testing.mock_models import MockImageModel, MockSpeechModel
from ai_sdk_core.transcribe import transcribe


class FakeProvider:
    """A provider with image models only."""

    def __init__(self) -> None:
        self.image = MockImageModel(model_id="fake-image")

    def image_model(self, model_id: str) -> MockImageModel:
        assert model_id == "painter-1"
        return self.image


FAKE_PROVIDER = FakeProvider()


@pytest.fixture
def fake_provider(monkeypatch: pytest.MonkeyPatch) -> FakeProvider:
    monkeypatch.setitem(builtin.BUILTIN_PROVIDERS, "fake", (__name__, "FAKE_PROVIDER"))
    return FAKE_PROVIDER


def test_a_model_string_resolves_through_the_provider(fake_provider: FakeProvider) -> None:
    result = generate_image(model="fake:painter-1", prompt="p", timeout=5)
    assert fake_provider.image.calls[-1].timeout == TimeoutConfig(total=5.0)
    assert len(result.images) == 1


def test_a_provider_without_that_model_kind_is_a_typed_error(fake_provider: FakeProvider) -> None:
    with pytest.raises(InvalidArgumentError, match="no transcription models"):
        transcribe(model="fake:painter-1", audio=b"RIFF")
    with pytest.raises(NoSuchProviderError, match="nowhere"):
        generate_image(model="nowhere:x", prompt="p")


@pytest.mark.anyio
async def test_settings_reach_the_model() -> None:
    model = MockSpeechModel()
    headers: dict[str, Any] = {"x-trace": "t-1"}
    await agenerate_speech(model=model, text="hi", headers=headers, provider_options={"mock": {"a": 1}}, timeout=2.5)
    call = model.calls[0]
    assert (call.headers, call.provider_options, call.timeout) == (
        headers,
        {"mock": {"a": 1}},
        TimeoutConfig(total=2.5),
    )
    with pytest.raises(InvalidArgumentError, match="timeout"):
        await agenerate_speech(model=model, text="hi", timeout=-1)


def test_openai_transcription_words_language_codes_and_bad_bodies() -> None:
    body = {"text": "Hi there", "language": "German", "duration": 1, "words": [{"word": "Hi", "start": 0, "end": 0.4}]}
    text, segments, language, duration = parse_openai_transcription(body)
    assert (text, language, duration) == ("Hi there", "de", 1.0)
    assert [(segment.text, segment.start_second, segment.end_second) for segment in segments] == [("Hi", 0.0, 0.4)]
    assert parse_openai_transcription({"text": "x", "language": "klingon"})[2] is None
    assert parse_openai_transcription({"text": "x", "language": "en"})[2] == "en"
    with pytest.raises(InvalidResponseDataError):
        parse_openai_transcription({"segments": []})
