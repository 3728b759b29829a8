"""Base classes giving HTTP image, speech and transcription models their sync and async I/O from pure hooks.

Like :class:`~ai_sdk_core.provider_utils.http_model.HttpEmbeddingModel`: a subclass sets ``provider``,
``model_id`` and ``transport`` and writes two pure hooks, one building the request and one decoding the answer;
the I/O is written once here for both flavours.

* :class:`HttpImageModel`: ``build_image_request(options) -> PreparedCall``,
  ``parse_image_response(body, call, response) -> ImageResult`` (``body`` is the parsed JSON).
* :class:`HttpSpeechModel`: ``build_speech_request(options)``, ``parse_speech_response(audio, call, response)``
  (``audio`` is the raw response bytes: speech endpoints answer with the audio file itself).
* :class:`HttpTranscriptionModel`: ``build_transcription_request(options)`` (usually a
  :class:`~ai_sdk_core.provider_utils.multipart.MultipartBody` upload),
  ``parse_transcription_response(body, call, response)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, Protocol, TypeVar

from ai_sdk_core.provider_utils.http import HttpTransport
from ai_sdk_core.provider_utils.http_model import PreparedCall, apost_json, post_json
from ai_sdk_core.provider_utils.multipart import MultipartBody
from ai_sdk_core.spec import (
    CallWarning,
    ImageCallOptions,
    ImageResult,
    RequestInfo,
    ResponseInfo,
    SpeechCallOptions,
    SpeechResult,
    TranscriptionCallOptions,
    TranscriptionResult,
)

__all__ = [
    "HttpImageModel",
    "HttpSpeechModel",
    "HttpTranscriptionModel",
    "request_info",
]


class _MediaResult(Protocol):
    warnings: Any
    request: RequestInfo
    response: ResponseInfo


_Result = TypeVar("_Result", bound=_MediaResult)


def request_info(call: PreparedCall) -> RequestInfo:
    """What to report as sent: the JSON body, or an upload's fields and file sizes (never the file bytes)."""
    body = call.request.body
    return RequestInfo(body=body.describe() if isinstance(body, MultipartBody) else body)


def _complete(result: _Result, call: PreparedCall, response: ResponseInfo) -> _Result:
    # Providers decode the content; what was sent and received is the same for all of them, so it is filled here.
    if result.request.body is None:
        result.request = request_info(call)
    if not result.response.headers:
        result.response.headers = response.headers
    if result.response.body is None:
        result.response.body = response.body
    if not result.warnings:
        result.warnings = tuple[CallWarning, ...](call.warnings)
    return result


class _HttpMediaModel:
    specification_version: Literal["v4"] = "v4"
    provider: str
    model_id: str
    transport: HttpTransport

    def parse_error(self, status_code: int, headers: Mapping[str, str], body_text: str) -> tuple[str, Any] | None:
        """``(message, data)`` of an error response, or ``None`` for the generic message."""
        return None

    def __repr__(self) -> str:
        return f"{type(self).__name__}(provider={self.provider!r}, model_id={self.model_id!r})"


class HttpImageModel(_HttpMediaModel):
    """Base of HTTP image models; ``max_images_per_call`` tells the core how to batch ``n`` images."""

    max_images_per_call: int | None = None

    def build_image_request(self, options: ImageCallOptions) -> PreparedCall:
        """Build the request for ``options`` (pure)."""
        raise NotImplementedError

    def parse_image_response(self, body: Any, call: PreparedCall, response: ResponseInfo) -> ImageResult:
        """Turn a parsed JSON answer into images (pure)."""
        raise NotImplementedError

    def do_generate(self, options: ImageCallOptions) -> ImageResult:
        """Generate images (blocking)."""
        call = self.build_image_request(options)
        body, response = post_json(self.transport, call, self.parse_error)
        return _complete(self.parse_image_response(body, call, response), call, response)

    async def ado_generate(self, options: ImageCallOptions) -> ImageResult:
        """Generate images."""
        call = self.build_image_request(options)
        body, response = await apost_json(self.transport, call, self.parse_error)
        return _complete(self.parse_image_response(body, call, response), call, response)


class HttpSpeechModel(_HttpMediaModel):
    """Base of HTTP speech models, whose endpoint answers with the audio bytes."""

    def build_speech_request(self, options: SpeechCallOptions) -> PreparedCall:
        """Build the request for ``options`` (pure)."""
        raise NotImplementedError

    def parse_speech_response(self, audio: bytes, call: PreparedCall, response: ResponseInfo) -> SpeechResult:
        """Turn the response bytes into a result (pure)."""
        raise NotImplementedError

    def do_generate(self, options: SpeechCallOptions) -> SpeechResult:
        """Generate speech (blocking)."""
        call = self.build_speech_request(options)
        answer = self.transport.send(call.request, parse_error=self.parse_error)
        # The body is audio: reporting it again as ``response.body`` would only double the memory held.
        response = ResponseInfo(headers=answer.headers)
        return _complete(self.parse_speech_response(answer.body, call, response), call, response)

    async def ado_generate(self, options: SpeechCallOptions) -> SpeechResult:
        """Generate speech."""
        call = self.build_speech_request(options)
        answer = await self.transport.asend(call.request, parse_error=self.parse_error)
        response = ResponseInfo(headers=answer.headers)
        return _complete(self.parse_speech_response(answer.body, call, response), call, response)


class HttpTranscriptionModel(_HttpMediaModel):
    """Base of HTTP transcription models (an upload in, JSON out)."""

    def build_transcription_request(self, options: TranscriptionCallOptions) -> PreparedCall:
        """Build the request for ``options`` (pure)."""
        raise NotImplementedError

    def parse_transcription_response(
        self, body: Any, call: PreparedCall, response: ResponseInfo
    ) -> TranscriptionResult:
        """Turn a parsed JSON answer into a transcript (pure)."""
        raise NotImplementedError

    def do_generate(self, options: TranscriptionCallOptions) -> TranscriptionResult:
        """Transcribe (blocking)."""
        call = self.build_transcription_request(options)
        body, response = post_json(self.transport, call, self.parse_error)
        return _complete(self.parse_transcription_response(body, call, response), call, response)

    async def ado_generate(self, options: TranscriptionCallOptions) -> TranscriptionResult:
        """Transcribe."""
        call = self.build_transcription_request(options)
        body, response = await apost_json(self.transport, call, self.parse_error)
        return _complete(self.parse_transcription_response(body, call, response), call, response)
