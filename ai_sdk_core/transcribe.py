"""``transcribe`` / ``atranscribe``: audio to text, with segments, language and duration.

Example::

    result = transcribe(model=openai.transcription("whisper-1"), audio=open("talk.mp3", "rb").read())
    print(result.text, result.language, result.duration_in_seconds)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ai_sdk_core._batching import normalize_max_retries, normalize_timeout, resolve_model
from ai_sdk_core.generated_file import decode_media_input, detect_media_type
from ai_sdk_core.provider_utils.retry import acall_with_retries, call_with_retries
from ai_sdk_core.provider_utils.settings import NOT_GIVEN, NotGiven
from ai_sdk_core.spec import (
    CallWarning,
    NoTranscriptGeneratedError,
    ProviderMetadata,
    ProviderOptions,
    ResponseInfo,
    TranscriptionCallOptions,
    TranscriptionModel,
    TranscriptionResult,
    TranscriptionSegment,
)

__all__ = ["TranscriptionSegment", "TranscriptResult", "atranscribe", "transcribe"]


@dataclass(slots=True)
class TranscriptResult:
    """The transcript ``text``, its ``segments`` (text, start_second, end_second), ``language`` (ISO 639-1) and
    ``duration_in_seconds`` when the model reports them, warnings and the response (in ``responses``)."""

    text: str
    segments: list[TranscriptionSegment] = field(default_factory=list)
    language: str | None = None
    duration_in_seconds: float | None = None
    warnings: Sequence[CallWarning] = field(default_factory=tuple)
    responses: list[ResponseInfo] = field(default_factory=list)
    provider_metadata: ProviderMetadata = field(default_factory=dict)


def _options(
    audio: bytes | str,
    media_type: str | None,
    provider_options: ProviderOptions | None,
    headers: Mapping[str, str | None] | None,
    timeout: Any,
) -> TranscriptionCallOptions:
    data, declared = decode_media_input(audio, argument="audio")
    return TranscriptionCallOptions(
        audio=data,
        media_type=media_type or declared or detect_media_type(data[:16], "audio/wav"),
        provider_options=provider_options,
        headers=headers,
        timeout=normalize_timeout(timeout),
    )


def _result(result: TranscriptionResult) -> TranscriptResult:
    if not result.text:
        raise NoTranscriptGeneratedError(
            "No transcript generated: the model answered without text.", responses=[result.response]
        )
    return TranscriptResult(
        text=result.text,
        segments=list(result.segments),
        language=result.language,
        duration_in_seconds=result.duration_in_seconds,
        warnings=tuple(result.warnings),
        responses=[result.response],
        provider_metadata=dict(result.provider_metadata or {}),
    )


def transcribe(
    *,
    model: TranscriptionModel | str,
    audio: bytes | str,
    media_type: str | None = None,
    max_retries: int | NotGiven | None = NOT_GIVEN,
    provider_options: ProviderOptions | None = None,
    headers: Mapping[str, str | None] | None = None,
    timeout: Any = NOT_GIVEN,
) -> TranscriptResult:
    """Transcribe ``audio`` (bytes, base64 text or a ``data:`` URL; blocking). ``media_type`` defaults to the
    data URL's, else one sniffed from the bytes. Raises :class:`~ai_sdk_core.spec.NoTranscriptGeneratedError`
    when no text came back."""
    resolved: TranscriptionModel = resolve_model(model, "transcription")
    options = _options(audio, media_type, provider_options, headers, timeout)
    result = call_with_retries(lambda: resolved.do_generate(options), max_retries=normalize_max_retries(max_retries))
    return _result(result)


async def atranscribe(
    *,
    model: TranscriptionModel | str,
    audio: bytes | str,
    media_type: str | None = None,
    max_retries: int | NotGiven | None = NOT_GIVEN,
    provider_options: ProviderOptions | None = None,
    headers: Mapping[str, str | None] | None = None,
    timeout: Any = NOT_GIVEN,  # noqa: ASYNC109 - the request's time budget, handed to the transport
) -> TranscriptResult:
    """Async twin of :func:`transcribe`."""
    resolved: TranscriptionModel = resolve_model(model, "transcription")
    options = _options(audio, media_type, provider_options, headers, timeout)
    result = await acall_with_retries(
        lambda: resolved.ado_generate(options), max_retries=normalize_max_retries(max_retries)
    )
    return _result(result)
