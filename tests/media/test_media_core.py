"""generate_image / generate_speech / transcribe / rerank over the shipped mock models, sync and async."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from ai_sdk_core.generate_image import GenerateImageResult, agenerate_image, generate_image
from ai_sdk_core.generate_speech import GenerateSpeechResult, agenerate_speech, generate_speech
from ai_sdk_core.rerank import RerankedResult, arerank, rerank
from ai_sdk_core.spec import (
    APICallError,
    CallWarning,
    ImageCallOptions,
    ImageResult,
    InvalidArgumentError,
    InvalidResponseDataError,
    NoImageGeneratedError,
    NoSpeechGeneratedError,
    NoTranscriptGeneratedError,
    RankedItem,
    RerankCallOptions,
    RerankResult,
    ResponseInfo,
    SpeechResult,
    TranscriptionResult,
    TranscriptionSegment,
)
from ai_sdk_core.testing.mock_models import (
    MockImageModel,
    MockRerankingModel,
    MockSpeechModel,
    MockTranscriptionModel,
)
from ai_sdk_core.transcribe import TranscriptResult, atranscribe, transcribe

pytestmark = pytest.mark.anyio

PNG = b"\x89PNG\r\n\x1a\n"
MP3 = b"ID3\x04\x00\x00audio"


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


async def run_image(mode: str, **arguments: Any) -> GenerateImageResult:
    return generate_image(**arguments) if mode == "sync" else await agenerate_image(**arguments)


async def run_speech(mode: str, **arguments: Any) -> GenerateSpeechResult:
    return generate_speech(**arguments) if mode == "sync" else await agenerate_speech(**arguments)


async def run_transcribe(mode: str, **arguments: Any) -> TranscriptResult:
    return transcribe(**arguments) if mode == "sync" else await atranscribe(**arguments)


async def run_rerank(mode: str, **arguments: Any) -> RerankedResult[Any]:
    return rerank(**arguments) if mode == "sync" else await arerank(**arguments)


# --- images ------------------------------------------------------------------------------------------------


def numbered_images(options: ImageCallOptions) -> ImageResult:
    # Each image carries the prompt's call number and its index, so the order of the result can be checked.
    return ImageResult(
        images=[PNG + f"{options.prompt}-{index}".encode() for index in range(options.n)],
        warnings=(CallWarning(type="unsupported", feature="seed"),),
        provider_metadata={"mock": {"calls": 1}},
        response=ResponseInfo(model_id="mock-image"),
    )


async def test_images_are_batched_by_max_images_per_call_and_kept_in_order(mode: str) -> None:
    model = MockImageModel(do_generate=numbered_images, max_images_per_call=2)
    result = await run_image(
        mode, model=model, prompt="cat", n=5, size="512x512", aspect_ratio="16:9", seed=7, provider_options={"x": {}}
    )
    assert sorted(call.n for call in model.calls) == [1, 2, 2]
    call = model.calls[0]
    assert (call.prompt, call.size, call.aspect_ratio, call.seed, call.provider_options) == (
        "cat",
        "512x512",
        "16:9",
        7,
        {"x": {}},
    )
    assert len(result.images) == 5
    assert [image.uint8_array[len(PNG) :] for image in result.images] == [
        b"cat-0",
        b"cat-1",
        b"cat-0",
        b"cat-1",
        b"cat-0",
    ]
    assert result.image is result.images[0]
    assert result.image.media_type == "image/png"
    assert base64.b64decode(result.image.base64) == result.image.uint8_array
    assert len(result.warnings) == 3 and result.warnings[0].feature == "seed"
    assert len(result.responses) == 3
    assert result.provider_metadata == {"mock": {"calls": 1}}


async def test_max_images_per_call_argument_overrides_the_model(mode: str) -> None:
    model = MockImageModel(max_images_per_call=1)
    result = await run_image(mode, model=model, prompt="p", n=4, max_images_per_call=3)
    assert sorted(call.n for call in model.calls) == [1, 3]
    assert len(result.images) == 4


async def test_base64_images_decode_and_sniff_jpeg(mode: str) -> None:
    jpeg = b"\xff\xd8\xff\xe0jpeg-bytes"
    model = MockImageModel(do_generate=ImageResult(images=[base64.b64encode(jpeg).decode()]))
    result = await run_image(mode, model=model, prompt="p")
    assert result.image.uint8_array == jpeg
    assert result.image.media_type == "image/jpeg"


async def test_no_image_and_bad_arguments(mode: str) -> None:
    with pytest.raises(NoImageGeneratedError) as raised:
        await run_image(mode, model=MockImageModel(do_generate=ImageResult(images=[])), prompt="p")
    assert len(raised.value.responses) == 1
    for arguments, name in (({"n": 0}, "n"), ({"size": "big"}, "size"), ({"aspect_ratio": "16x9"}, "aspect_ratio")):
        with pytest.raises(InvalidArgumentError, match=name):
            await run_image(mode, model=MockImageModel(), prompt="p", **arguments)


async def test_image_call_retried_on_retryable_error(mode: str) -> None:
    error = APICallError("busy", url="https://x.test", status_code=429, response_headers={"retry-after-ms": "0"})
    model = MockImageModel(do_generate=[error, ImageResult(images=[PNG])])
    result = await run_image(mode, model=model, prompt="p")
    assert len(model.calls) == 2 and len(result.images) == 1


# --- speech ------------------------------------------------------------------------------------------------


async def test_speech_result_and_options(mode: str) -> None:
    model = MockSpeechModel(
        do_generate=SpeechResult(audio=MP3, warnings=(CallWarning(type="unsupported", feature="language"),))
    )
    result = await run_speech(
        mode,
        model=model,
        text="Hello",
        voice="nova",
        output_format="mp3",
        instructions="cheerful",
        speed=1.25,
        language="en",
    )
    call = model.calls[0]
    assert (call.text, call.voice, call.output_format, call.instructions, call.speed, call.language) == (
        "Hello",
        "nova",
        "mp3",
        "cheerful",
        1.25,
        "en",
    )
    assert result.audio.uint8_array == MP3
    assert result.audio.media_type == "audio/mpeg"
    assert result.audio.format == "mp3"
    assert base64.b64decode(result.audio.base64) == MP3
    assert result.warnings[0].feature == "language"
    assert len(result.responses) == 1


async def test_speech_media_type_from_content_type_or_format(mode: str) -> None:
    served = SpeechResult(audio=b"raw-pcm", response=ResponseInfo(headers={"content-type": "audio/wav"}))
    result = await run_speech(mode, model=MockSpeechModel(do_generate=served), text="x")
    assert (result.audio.media_type, result.audio.format) == ("audio/wav", "wav")
    result = await run_speech(
        mode, model=MockSpeechModel(do_generate=SpeechResult(audio=b"??")), text="x", output_format="flac"
    )
    assert (result.audio.media_type, result.audio.format) == ("audio/flac", "flac")


async def test_no_speech(mode: str) -> None:
    with pytest.raises(NoSpeechGeneratedError):
        await run_speech(mode, model=MockSpeechModel(do_generate=SpeechResult(audio=b"")), text="x")


# --- transcription ---------------------------------------------------------------------------------------


TRANSCRIPT = TranscriptionResult(
    text="Hello world.",
    segments=[TranscriptionSegment("Hello", 0.0, 0.5), TranscriptionSegment(" world.", 0.5, 1.2)],
    language="en",
    duration_in_seconds=1.2,
)


@pytest.mark.parametrize(
    ("audio", "media_type", "expected_type"),
    [
        (MP3, None, "audio/mpeg"),
        (base64.b64encode(MP3).decode(), None, "audio/mpeg"),
        ("data:audio/ogg;base64," + base64.b64encode(MP3).decode(), None, "audio/ogg"),
        (b"RIFF\x00\x00\x00\x00WAVEfmt ", None, "audio/wav"),
        (MP3, "audio/webm", "audio/webm"),
    ],
)
async def test_transcribe_inputs_and_result(mode: str, audio: Any, media_type: str | None, expected_type: str) -> None:
    model = MockTranscriptionModel(do_generate=TRANSCRIPT)
    result = await run_transcribe(mode, model=model, audio=audio, media_type=media_type)
    call = model.calls[0]
    assert call.media_type == expected_type
    assert call.audio == (audio if isinstance(audio, bytes) else MP3)
    assert result.text == "Hello world."
    assert [(segment.text, segment.start_second, segment.end_second) for segment in result.segments] == [
        ("Hello", 0.0, 0.5),
        (" world.", 0.5, 1.2),
    ]
    assert (result.language, result.duration_in_seconds) == ("en", 1.2)


async def test_transcribe_errors(mode: str) -> None:
    with pytest.raises(NoTranscriptGeneratedError):
        await run_transcribe(mode, model=MockTranscriptionModel(do_generate=TranscriptionResult(text="")), audio=MP3)
    for audio in ("not base64!", "https://example.com/a.mp3", "data:audio/mpeg,plain"):
        with pytest.raises(InvalidArgumentError, match="audio"):
            await run_transcribe(mode, model=MockTranscriptionModel(), audio=audio)


# --- reranking ---------------------------------------------------------------------------------------------


def ranking(*pairs: tuple[int, float]) -> RerankResult:
    return RerankResult(ranking=[RankedItem(index, score) for index, score in pairs], provider_metadata={"m": {"a": 1}})


async def test_rerank_text_documents(mode: str) -> None:
    model = MockRerankingModel(do_rerank=ranking((2, 0.9), (0, 0.4)))
    documents = ["sunny", "cloudy", "rainy"]
    result = await run_rerank(mode, model=model, documents=documents, query="umbrella?", top_n=2)
    call: RerankCallOptions = model.calls[0]
    assert (call.documents, call.document_type, call.query, call.top_n) == (documents, "text", "umbrella?", 2)
    assert [(item.original_index, item.score, item.document) for item in result.ranking] == [
        (2, 0.9, "rainy"),
        (0, 0.4, "sunny"),
    ]
    assert result.reranked_documents == ["rainy", "sunny"]
    assert result.original_documents == documents
    assert result.provider_metadata == {"m": {"a": 1}}


async def test_rerank_object_documents(mode: str) -> None:
    model = MockRerankingModel(do_rerank=ranking((1, 0.7)))
    documents = [{"id": "a", "text": "one"}, {"id": "b", "text": "two"}]
    result = await run_rerank(mode, model=model, documents=documents, query="two")
    assert model.calls[0].document_type == "object"
    assert result.reranked_documents == [{"id": "b", "text": "two"}]


async def test_rerank_bad_input_and_bad_answer(mode: str) -> None:
    with pytest.raises(InvalidArgumentError, match="all strings or all JSON objects"):
        await run_rerank(mode, model=MockRerankingModel(), documents=["a", {"b": 1}], query="q")
    with pytest.raises(InvalidArgumentError, match="documents"):
        await run_rerank(mode, model=MockRerankingModel(), documents=[], query="q")
    with pytest.raises(InvalidArgumentError, match="top_n"):
        await run_rerank(mode, model=MockRerankingModel(), documents=["a"], query="q", top_n=0)
    with pytest.raises(InvalidResponseDataError, match="document 5"):
        await run_rerank(mode, model=MockRerankingModel(do_rerank=ranking((5, 0.1))), documents=["a"], query="q")
