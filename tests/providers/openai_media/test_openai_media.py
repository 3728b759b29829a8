"""OpenAI image, speech and transcription models by replay: the request sent and the result decoded, through
the core functions, sync and async."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from ai_sdk_core.generate_image import GenerateImageResult, agenerate_image, generate_image
from ai_sdk_core.generate_speech import GenerateSpeechResult, agenerate_speech, generate_speech
from ai_sdk_core.providers.openai.image import OpenAIImageConfig, OpenAIImageModel, openai_max_images_per_call
from ai_sdk_core.providers.openai.speech import OpenAISpeechConfig, OpenAISpeechModel
from ai_sdk_core.providers.openai.transcription import OpenAITranscriptionConfig, OpenAITranscriptionModel
from ai_sdk_core.spec import APICallError, InvalidArgumentError
from ai_sdk_core.testing.replay import ReplayResponse
from ai_sdk_core.transcribe import TranscriptResult, atranscribe, transcribe

from .conftest import API_KEY, Wiring, parse_multipart

pytestmark = pytest.mark.anyio

MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00fake-mp3-frames"


async def run_image(mode: str, **arguments: Any) -> GenerateImageResult:
    return generate_image(**arguments) if mode == "sync" else await agenerate_image(**arguments)


async def run_speech(mode: str, **arguments: Any) -> GenerateSpeechResult:
    return generate_speech(**arguments) if mode == "sync" else await agenerate_speech(**arguments)


async def run_transcribe(mode: str, **arguments: Any) -> TranscriptResult:
    return transcribe(**arguments) if mode == "sync" else await atranscribe(**arguments)


# --- images ------------------------------------------------------------------------------------------------


async def test_dall_e_3_one_image_per_request_with_b64_json(mode: str, wire: Wiring) -> None:
    config, replay = wire("image-dall-e-3", "image-dall-e-3")
    model = OpenAIImageModel("dall-e-3", OpenAIImageConfig(provider="openai.image", **config))
    assert model.max_images_per_call == 1
    result = await run_image(
        mode,
        model=model,
        prompt="A lighthouse at dusk",
        n=2,
        size="1024x1024",
        aspect_ratio="1:1",
        seed=3,
        provider_options={"openai": {"style": "natural", "quality": "hd"}},
    )
    assert len(replay.requests) == 2
    for request in replay.requests:
        assert request.url == "https://api.openai.com/v1/images/generations"
        assert request.headers["authorization"] == f"Bearer {API_KEY}"
        assert request.json == {
            "model": "dall-e-3",
            "prompt": "A lighthouse at dusk",
            "n": 1,
            "size": "1024x1024",
            "style": "natural",
            "quality": "hd",
            "response_format": "b64_json",
        }
    assert [image.uint8_array for image in result.images] == [b"\x89PNG\r\n\x1a\nfirst"] * 2
    assert result.image.media_type == "image/png"
    assert sorted({warning.feature or "" for warning in result.warnings}) == ["aspect_ratio", "seed"]
    assert result.provider_metadata["openai"]["images"][0]["revised_prompt"].startswith("A watercolor")
    assert result.responses[0].model_id == "dall-e-3"
    assert result.responses[0].headers["x-request-id"] == "req_img_1"
    assert result.responses[0].timestamp is not None and result.responses[0].timestamp.year == 2024


async def test_gpt_image_1_several_images_in_one_request(mode: str, wire: Wiring) -> None:
    config, replay = wire("image-gpt-image-1")
    model = OpenAIImageModel("gpt-image-1", OpenAIImageConfig(provider="openai.image", **config))
    result = await run_image(mode, model=model, prompt="Two cats", n=2)
    # gpt-image models always answer base64 and reject response_format: it is not sent.
    assert replay.last_request.json == {"model": "gpt-image-1", "prompt": "Two cats", "n": 2}
    assert [image.base64 for image in result.images] == [
        base64.b64encode(b"\x89PNG\r\n\x1a\nfirst").decode(),
        base64.b64encode(b"\x89PNG\r\n\x1a\nsecond").decode(),
    ]
    assert result.warnings == ()
    assert openai_max_images_per_call("gpt-image-1") == 10


async def test_image_error_is_an_api_call_error_with_openai_message(mode: str, wire: Wiring) -> None:
    config, _ = wire("image-error")
    model = OpenAIImageModel("dall-e-2", OpenAIImageConfig(provider="openai.image", **config))
    with pytest.raises(APICallError) as raised:
        await run_image(mode, model=model, prompt="p", size="999x999", max_retries=0)
    assert raised.value.status_code == 400
    assert "Invalid value for 'size'" in raised.value.message
    assert API_KEY not in repr(raised.value) and API_KEY not in str(raised.value)


# --- speech ------------------------------------------------------------------------------------------------


def audio_response(content_type: str = "audio/mpeg") -> ReplayResponse:
    return ReplayResponse(status=200, headers={"content-type": content_type}, chunks=(MP3[:8], MP3[8:]))


async def test_speech_request_and_binary_answer(mode: str, wire: Wiring) -> None:
    config, replay = wire(audio_response())
    model = OpenAISpeechModel("gpt-4o-mini-tts", OpenAISpeechConfig(provider="openai.speech", **config))
    result = await run_speech(
        mode, model=model, text="Hello there!", voice="coral", instructions="Speak warmly.", speed=1.1
    )
    request = replay.last_request
    assert request.url == "https://api.openai.com/v1/audio/speech"
    assert request.headers["accept"] == "*/*"
    assert request.json == {
        "model": "gpt-4o-mini-tts",
        "input": "Hello there!",
        "voice": "coral",
        "response_format": "mp3",
        "speed": 1.1,
        "instructions": "Speak warmly.",
    }
    assert result.audio.uint8_array == MP3
    assert (result.audio.media_type, result.audio.format) == ("audio/mpeg", "mp3")
    assert result.warnings == ()
    assert result.responses[0].model_id == "gpt-4o-mini-tts"


async def test_speech_warnings_for_language_and_unknown_format(mode: str, wire: Wiring) -> None:
    config, replay = wire(audio_response())
    model = OpenAISpeechModel("tts-1", OpenAISpeechConfig(provider="openai.speech", **config))
    result = await run_speech(mode, model=model, text="Hola", output_format="midi", language="es")
    assert replay.last_request.json == {"model": "tts-1", "input": "Hola", "voice": "alloy", "response_format": "mp3"}
    assert [warning.feature for warning in result.warnings] == ["output_format", "language"]


async def test_speech_wav_format(mode: str, wire: Wiring) -> None:
    config, replay = wire(audio_response("audio/wav"))
    model = OpenAISpeechModel("tts-1", OpenAISpeechConfig(provider="openai.speech", **config))
    result = await run_speech(mode, model=model, text="x", output_format="wav")
    assert replay.last_request.json["response_format"] == "wav"
    assert result.audio.format == "wav"


async def test_speech_error(mode: str, wire: Wiring) -> None:
    config, _ = wire("speech-error")
    model = OpenAISpeechModel("tts-1", OpenAISpeechConfig(provider="openai.speech", **config))
    with pytest.raises(APICallError, match="at most 4096 characters"):
        await run_speech(mode, model=model, text="x" * 5000, max_retries=0)


# --- transcription ---------------------------------------------------------------------------------------


async def test_whisper_multipart_upload_and_verbose_json(mode: str, wire: Wiring) -> None:
    config, replay = wire("transcription-whisper-verbose")
    model = OpenAITranscriptionModel("whisper-1", OpenAITranscriptionConfig(provider="openai.transcription", **config))
    result = await run_transcribe(
        mode,
        model=model,
        audio=MP3,
        provider_options={"openai": {"language": "en", "prompt": "A fox story.", "temperature": 0.2}},
    )
    request = replay.last_request
    assert request.url == "https://api.openai.com/v1/audio/transcriptions"
    assert request.headers["authorization"] == f"Bearer {API_KEY}"
    content_type = request.headers["content-type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    fields = parse_multipart(request.content, content_type)
    text = {name: [value.decode() for _, value in values] for name, values in fields.items() if name != "file"}
    assert text == {
        "model": ["whisper-1"],
        "response_format": ["verbose_json"],
        "language": ["en"],
        "prompt": ["A fox story."],
        "temperature": ["0.2"],
        "timestamp_granularities[]": ["segment"],
    }
    [(file_headers, file_content)] = fields["file"]
    assert 'filename="audio.mp3"' in file_headers["Content-Disposition"]
    assert file_headers["Content-Type"] == "audio/mpeg"
    assert file_content == MP3
    assert result.text == "The quick brown fox. Jumps over the dog."
    assert [(segment.text, segment.start_second, segment.end_second) for segment in result.segments] == [
        (" The quick brown fox.", 0.0, 2.1),
        (" Jumps over the dog.", 2.1, 4.2),
    ]
    assert (result.language, result.duration_in_seconds) == ("en", 4.2)
    assert result.responses[0].model_id == "whisper-1"


async def test_gpt_4o_transcribe_json_without_segments(mode: str, wire: Wiring) -> None:
    config, replay = wire("transcription-gpt-4o-json")
    model = OpenAITranscriptionModel(
        "gpt-4o-transcribe", OpenAITranscriptionConfig(provider="openai.transcription", **config)
    )
    wav = b"RIFF\x24\x00\x00\x00WAVEfmt pcm"
    result = await run_transcribe(mode, model=model, audio="data:audio/wav;base64," + base64.b64encode(wav).decode())
    request = replay.last_request
    fields = parse_multipart(request.content, request.headers["content-type"])
    assert sorted(fields) == ["file", "model", "response_format"]
    assert fields["response_format"][0][1] == b"json"
    assert 'filename="audio.wav"' in fields["file"][0][0]["Content-Disposition"]
    assert fields["file"][0][1] == wav
    assert result.text == "Bonjour tout le monde."
    assert (result.segments, result.language, result.duration_in_seconds) == ([], None, None)


async def test_transcription_options_are_validated_strictly(mode: str, wire: Wiring) -> None:
    config, replay = wire()
    model = OpenAITranscriptionModel("whisper-1", OpenAITranscriptionConfig(provider="openai.transcription", **config))
    with pytest.raises(InvalidArgumentError, match="languages"):
        await run_transcribe(mode, model=model, audio=MP3, provider_options={"openai": {"languages": "en"}})
    assert replay.requests == []
