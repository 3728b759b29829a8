"""The provider's media methods and their ``"openai:<id>"`` strings reach the right endpoints."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

import ai_sdk_core.providers.openai as openai_package
from ai_sdk_core import generate_image, generate_speech, transcribe
from ai_sdk_core.providers.openai import create_openai
from ai_sdk_core.testing.replay import ReplayResponse, ReplayTransport

from .conftest import FIXTURES

API_KEY = "sk-test-media-wiring"


@pytest.fixture
def transport(monkeypatch: pytest.MonkeyPatch) -> Iterator[ReplayTransport]:
    # The built-in registry resolves "openai:..." through the package's default instance: swap in one that
    # talks to the replay transport, so the strings are exercised for real.
    replay = ReplayTransport()
    provider = create_openai(
        api_key=API_KEY, base_url="https://api.openai.test/v1", http_client=httpx.Client(transport=replay)
    )
    monkeypatch.setattr(openai_package, "openai", provider)
    from ai_sdk_core.registry import builtin

    monkeypatch.setattr(builtin, "_cache", {})
    yield replay
    provider.close()


def test_image_strings_post_to_images_generations(transport: ReplayTransport) -> None:
    transport.add(ReplayResponse.from_fixture(FIXTURES, "image-gpt-image-1"))
    result = generate_image(model="openai:gpt-image-1", prompt="A lighthouse", n=2)
    assert [image.media_type for image in result.images] == ["image/png", "image/png"]
    assert transport.requests[0].url == "https://api.openai.test/v1/images/generations"
    assert transport.requests[0].json["model"] == "gpt-image-1"


def test_transcription_strings_upload_to_audio_transcriptions(transport: ReplayTransport) -> None:
    transport.add(ReplayResponse.from_fixture(FIXTURES, "transcription-gpt-4o-json"))
    result = transcribe(model="openai:gpt-4o-transcribe", audio=b"RIFF\x00\x00\x00\x00WAVEfmt ", media_type="audio/wav")
    assert result.text == "Bonjour tout le monde."
    request = transport.requests[0]
    assert request.url == "https://api.openai.test/v1/audio/transcriptions"
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")


def test_speech_strings_post_to_audio_speech(transport: ReplayTransport) -> None:
    transport.add(ReplayResponse(status=200, headers={"content-type": "audio/mpeg"}, chunks=(b"ID3\x04fake-mp3",)))
    result = generate_speech(model="openai:tts-1", text="Hello", voice="alloy")
    assert result.audio.media_type == "audio/mpeg"
    assert transport.requests[0].url == "https://api.openai.test/v1/audio/speech"
    assert transport.requests[0].json == {
        "model": "tts-1",
        "input": "Hello",
        "voice": "alloy",
        "response_format": "mp3",
    }
