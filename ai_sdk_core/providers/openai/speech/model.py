"""The OpenAI speech model: a JSON request, the audio file as the answer."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from ai_sdk_core.provider_utils.http import HttpRequest, HttpTransport, merge_headers
from ai_sdk_core.provider_utils.http_errors import ParseErrorHook
from ai_sdk_core.provider_utils.http_media import HttpSpeechModel
from ai_sdk_core.provider_utils.http_model import PreparedCall
from ai_sdk_core.provider_utils.settings import without_trailing_slash
from ai_sdk_core.providers.openai_compatible.errors import parse_openai_compatible_error
from ai_sdk_core.spec import CallWarning, InvalidArgumentError, ResponseInfo, SpeechCallOptions, SpeechResult

__all__ = ["OpenAISpeechConfig", "OpenAISpeechModel"]

_OUTPUT_FORMATS: Final = frozenset({"mp3", "opus", "aac", "flac", "wav", "pcm"})
_DEFAULT_VOICE: Final = "alloy"


@dataclass(slots=True, frozen=True)
class OpenAISpeechConfig:
    """Where and how to call: ``base_url``/``headers`` are callables so keys are read at request time."""

    provider: str
    base_url: Callable[[], str]
    headers: Callable[[], Mapping[str, str]]
    transport: HttpTransport
    parse_error: ParseErrorHook = parse_openai_compatible_error


class OpenAISpeechModel(HttpSpeechModel):
    """An OpenAI speech model, sync (``do_generate``) and async (``ado_generate``)."""

    def __init__(self, model_id: str, config: OpenAISpeechConfig) -> None:
        self.model_id = model_id
        self.config = config
        self.provider = config.provider
        self.transport = config.transport

    def build_speech_request(self, options: SpeechCallOptions) -> PreparedCall:
        """``{"model", "input", "voice", "response_format", "speed"?, "instructions"?}``; ``language`` is not
        supported by the endpoint (a warning), an unknown ``output_format`` falls back to mp3 (a warning)."""
        warnings: list[CallWarning] = []
        output_format = options.output_format or "mp3"
        if output_format not in _OUTPUT_FORMATS:
            warnings.append(
                CallWarning(
                    type="unsupported",
                    feature="output_format",
                    details=f"Unsupported output format: {output_format}. Using mp3 instead.",
                )
            )
            output_format = "mp3"
        if options.language is not None:
            warnings.append(
                CallWarning(
                    type="unsupported",
                    feature="language",
                    details=f"OpenAI speech models do not support language selection ({options.language!r} was "
                    "ignored); the language follows the input text.",
                )
            )
        body: dict[str, Any] = {
            "model": self.model_id,
            "input": options.text,
            "voice": options.voice or _DEFAULT_VOICE,
            "response_format": output_format,
        }
        if options.speed is not None:
            body["speed"] = options.speed
        if options.instructions is not None:
            body["instructions"] = options.instructions
        extra = (options.provider_options or {}).get("openai") or {}
        if not isinstance(extra, Mapping):
            raise InvalidArgumentError("expected a mapping", argument="provider_options['openai']", value=extra)
        body.update(extra)
        request = HttpRequest(
            url=without_trailing_slash(self.config.base_url()) + "/audio/speech",
            body=body,
            # The answer is the audio file, not JSON.
            headers=merge_headers({"accept": "*/*"}, self.config.headers(), options.headers),
            timeout=options.timeout,
        )
        return PreparedCall(request=request, warnings=tuple(warnings))

    def parse_speech_response(self, audio: bytes, call: PreparedCall, response: ResponseInfo) -> SpeechResult:
        """The response bytes are the audio."""
        return SpeechResult(audio=audio, response=ResponseInfo(model_id=self.model_id, headers=response.headers))

    def parse_error(self, status_code: int, headers: Mapping[str, str], body_text: str) -> tuple[str, Any] | None:
        """Hook: OpenAI's error message."""
        return self.config.parse_error(status_code, headers, body_text)
