"""The OpenAI transcription model: a multipart upload in, JSON out (``verbose_json`` for segments on whisper)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from ai_sdk_core.provider_utils.http import HttpRequest, HttpTransport, merge_headers
from ai_sdk_core.provider_utils.http_errors import ParseErrorHook
from ai_sdk_core.provider_utils.http_media import HttpTranscriptionModel
from ai_sdk_core.provider_utils.http_model import PreparedCall
from ai_sdk_core.provider_utils.multipart import MultipartBody, MultipartFile
from ai_sdk_core.provider_utils.settings import without_trailing_slash
from ai_sdk_core.providers.openai_compatible.errors import parse_openai_compatible_error
from ai_sdk_core.spec import (
    InvalidResponseDataError,
    ResponseInfo,
    TranscriptionCallOptions,
    TranscriptionResult,
    TranscriptionSegment,
)

__all__ = ["OpenAITranscriptionConfig", "OpenAITranscriptionModel", "parse_openai_transcription"]

# Only whisper-1 answers ``verbose_json`` (segments, language, duration); the gpt-4o models answer ``json``.
_VERBOSE_MODELS: Final = frozenset({"whisper-1"})

_EXTENSIONS: Final = {
    "audio/mpeg": "mp3",
    "audio/mp3": "mp3",
    "audio/wav": "wav",
    "audio/x-wav": "wav",
    "audio/wave": "wav",
    "audio/ogg": "ogg",
    "audio/flac": "flac",
    "audio/webm": "webm",
    "audio/mp4": "m4a",
    "audio/m4a": "m4a",
    "audio/aac": "aac",
}

# verbose_json names the language in English ("english"); the spec wants ISO 639-1 codes.
_LANGUAGE_CODES: Final = {
    "afrikaans": "af", "arabic": "ar", "chinese": "zh", "czech": "cs", "danish": "da", "dutch": "nl",
    "english": "en", "finnish": "fi", "french": "fr", "german": "de", "greek": "el", "hebrew": "he",
    "hindi": "hi", "hungarian": "hu", "indonesian": "id", "italian": "it", "japanese": "ja", "korean": "ko",
    "norwegian": "no", "persian": "fa", "polish": "pl", "portuguese": "pt", "romanian": "ro", "russian": "ru",
    "spanish": "es", "swedish": "sv", "thai": "th", "turkish": "tr", "ukrainian": "uk", "vietnamese": "vi",
}  # fmt: skip


@dataclass(slots=True, frozen=True)
class OpenAITranscriptionConfig:
    """Where and how to call: ``base_url``/``headers`` are callables so keys are read at request time."""

    provider: str
    base_url: Callable[[], str]
    headers: Callable[[], Mapping[str, str]]
    transport: HttpTransport
    parse_error: ParseErrorHook = parse_openai_compatible_error


def _language_code(language: Any) -> str | None:
    if not isinstance(language, str) or not language:
        return None
    lowered = language.lower()
    return lowered if len(lowered) == 2 else _LANGUAGE_CODES.get(lowered)


def parse_openai_transcription(body: Any) -> tuple[str, list[TranscriptionSegment], str | None, float | None]:
    """``(text, segments, language code, duration)`` from a ``json`` or ``verbose_json`` answer.

    Segments come from ``segments``, else from ``words`` (each word a segment), else there are none.
    """
    if not isinstance(body, Mapping) or not isinstance(body.get("text"), str):
        raise InvalidResponseDataError("The transcription response has no text.", data=body)
    items = body.get("segments") or body.get("words") or []
    segments = [
        TranscriptionSegment(
            text=str(item.get("text", item.get("word", ""))),
            start_second=float(item.get("start", 0.0)),
            end_second=float(item.get("end", 0.0)),
        )
        for item in items
        if isinstance(item, Mapping)
    ]
    duration = body.get("duration")
    return (
        body["text"],
        segments,
        _language_code(body.get("language")),
        float(duration) if isinstance(duration, int | float) else None,
    )


class OpenAITranscriptionModel(HttpTranscriptionModel):
    """An OpenAI transcription model, sync (``do_generate``) and async (``ado_generate``)."""

    def __init__(self, model_id: str, config: OpenAITranscriptionConfig) -> None:
        self.model_id = model_id
        self.config = config
        self.provider = config.provider
        self.transport = config.transport

    def build_transcription_request(self, options: TranscriptionCallOptions) -> PreparedCall:
        """A multipart upload: ``file``, ``model``, ``response_format`` and the ``openai`` provider options."""
        from ai_sdk_core.provider_utils.options import parse_provider_options  # pydantic: on first use
        from ai_sdk_core.providers.openai.transcription.options import OpenAITranscriptionOptions

        settings = parse_provider_options(options.provider_options, "openai", OpenAITranscriptionOptions)
        verbose = self.model_id in _VERBOSE_MODELS
        fields: dict[str, str | list[str]] = {
            "model": self.model_id,
            "response_format": "verbose_json" if verbose else "json",
        }
        if settings.language is not None:
            fields["language"] = settings.language
        if settings.prompt is not None:
            fields["prompt"] = settings.prompt
        if settings.temperature is not None:
            fields["temperature"] = repr(settings.temperature)
        if settings.include:
            fields["include[]"] = list(settings.include)
        if verbose:
            fields["timestamp_granularities[]"] = list(settings.timestamp_granularities or ["segment"])
        media_type = options.media_type.partition(";")[0].strip().lower()
        upload = MultipartFile(
            name="file",
            filename=f"audio.{_EXTENSIONS.get(media_type, 'wav')}",
            content=options.audio,
            media_type=media_type,
        )
        request = HttpRequest(
            url=without_trailing_slash(self.config.base_url()) + "/audio/transcriptions",
            body=MultipartBody(fields=fields, files=(upload,)),
            headers=merge_headers(self.config.headers(), options.headers),
            timeout=options.timeout,
        )
        return PreparedCall(request=request)

    def parse_transcription_response(
        self, body: Any, call: PreparedCall, response: ResponseInfo
    ) -> TranscriptionResult:
        """Text, segments, language and duration (the last three only from ``verbose_json``)."""
        text, segments, language, duration = parse_openai_transcription(body)
        return TranscriptionResult(
            text=text,
            segments=segments,
            language=language,
            duration_in_seconds=duration,
            response=ResponseInfo(model_id=self.model_id, headers=response.headers, body=body),
        )

    def parse_error(self, status_code: int, headers: Mapping[str, str], body_text: str) -> tuple[str, Any] | None:
        """Hook: OpenAI's error message."""
        return self.config.parse_error(status_code, headers, body_text)
