"""``generate_speech`` / ``agenerate_speech``: text to audio.

Example::

    result = generate_speech(model=openai.speech("gpt-4o-mini-tts"), text="Hello!", voice="alloy")
    open(f"hello.{result.audio.format}", "wb").write(result.audio.uint8_array)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ai_sdk_core._batching import normalize_max_retries, normalize_timeout, resolve_model
from ai_sdk_core.generated_file import GeneratedAudioFile
from ai_sdk_core.provider_utils.retry import acall_with_retries, call_with_retries
from ai_sdk_core.provider_utils.settings import NOT_GIVEN, NotGiven
from ai_sdk_core.spec import (
    CallWarning,
    NoSpeechGeneratedError,
    ProviderMetadata,
    ProviderOptions,
    ResponseInfo,
    SpeechCallOptions,
    SpeechModel,
    SpeechResult,
)

__all__ = ["GenerateSpeechResult", "agenerate_speech", "generate_speech"]

_FORMAT_MEDIA_TYPES = {
    "mp3": "audio/mpeg",
    "wav": "audio/wav",
    "opus": "audio/ogg",
    "aac": "audio/aac",
    "flac": "audio/flac",
    "pcm": "audio/pcm",
}


@dataclass(slots=True)
class GenerateSpeechResult:
    """The ``audio``, the warnings of the call, and its response (in ``responses``, as in the AI SDK)."""

    audio: GeneratedAudioFile
    warnings: Sequence[CallWarning] = field(default_factory=tuple)
    responses: list[ResponseInfo] = field(default_factory=list)
    provider_metadata: ProviderMetadata = field(default_factory=dict)


def _options(
    text: str,
    voice: str | None,
    output_format: str | None,
    instructions: str | None,
    speed: float | None,
    language: str | None,
    provider_options: ProviderOptions | None,
    headers: Mapping[str, str | None] | None,
    timeout: Any,
) -> SpeechCallOptions:
    return SpeechCallOptions(
        text=text,
        voice=voice,
        output_format=output_format,
        instructions=instructions,
        speed=speed,
        language=language,
        provider_options=provider_options,
        headers=headers,
        timeout=normalize_timeout(timeout),
    )


def _result(result: SpeechResult, output_format: str | None) -> GenerateSpeechResult:
    if not result.audio:
        raise NoSpeechGeneratedError(
            "No speech audio generated: the model answered without audio.", responses=[result.response]
        )
    content_type = result.response.headers.get("content-type", "").partition(";")[0].strip()
    declared = content_type if content_type.startswith("audio/") else None
    default = _FORMAT_MEDIA_TYPES.get(output_format or "mp3", "audio/mpeg")
    return GenerateSpeechResult(
        audio=GeneratedAudioFile(result.audio, media_type=declared, default_media_type=default),
        warnings=tuple(result.warnings),
        responses=[result.response],
        provider_metadata=dict(result.provider_metadata or {}),
    )


def generate_speech(
    *,
    model: SpeechModel | str,
    text: str,
    voice: str | None = None,
    output_format: str | None = None,
    instructions: str | None = None,
    speed: float | None = None,
    language: str | None = None,
    max_retries: int | NotGiven | None = NOT_GIVEN,
    provider_options: ProviderOptions | None = None,
    headers: Mapping[str, str | None] | None = None,
    timeout: Any = NOT_GIVEN,
) -> GenerateSpeechResult:
    """Speak ``text`` (blocking). Settings the model cannot honour come back in ``warnings``; raises
    :class:`~ai_sdk_core.spec.NoSpeechGeneratedError` when no audio came back."""
    resolved: SpeechModel = resolve_model(model, "speech")
    options = _options(text, voice, output_format, instructions, speed, language, provider_options, headers, timeout)
    result = call_with_retries(lambda: resolved.do_generate(options), max_retries=normalize_max_retries(max_retries))
    return _result(result, output_format)


async def agenerate_speech(
    *,
    model: SpeechModel | str,
    text: str,
    voice: str | None = None,
    output_format: str | None = None,
    instructions: str | None = None,
    speed: float | None = None,
    language: str | None = None,
    max_retries: int | NotGiven | None = NOT_GIVEN,
    provider_options: ProviderOptions | None = None,
    headers: Mapping[str, str | None] | None = None,
    timeout: Any = NOT_GIVEN,  # noqa: ASYNC109 - the request's time budget, handed to the transport
) -> GenerateSpeechResult:
    """Async twin of :func:`generate_speech`."""
    resolved: SpeechModel = resolve_model(model, "speech")
    options = _options(text, voice, output_format, instructions, speed, language, provider_options, headers, timeout)
    result = await acall_with_retries(
        lambda: resolved.ado_generate(options), max_retries=normalize_max_retries(max_retries)
    )
    return _result(result, output_format)
