"""The transcription (speech-to-text) model protocol (V4), in sync and async."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol, runtime_checkable

from ai_sdk_core.spec.call_options import TimeoutConfig
from ai_sdk_core.spec.shared import CallWarning, ProviderMetadata, ProviderOptions, RequestInfo, ResponseInfo

__all__ = [
    "TranscriptionCallOptions",
    "TranscriptionModel",
    "TranscriptionResult",
    "TranscriptionSegment",
]


@dataclass(slots=True)
class TranscriptionCallOptions:
    """One transcription call: the audio as raw bytes and its IANA media type (``audio/mpeg``, ``audio/wav``)."""

    audio: bytes
    media_type: str
    provider_options: ProviderOptions | None = None
    headers: Mapping[str, str | None] | None = None
    timeout: TimeoutConfig | None = None


@dataclass(slots=True, frozen=True)
class TranscriptionSegment:
    """A stretch of the transcript with its start and end, in seconds from the start of the audio."""

    text: str
    start_second: float
    end_second: float


@dataclass(slots=True)
class TranscriptionResult:
    """The transcript. ``language`` is an ISO 639-1 code when known; ``duration_in_seconds`` likewise optional."""

    text: str
    segments: list[TranscriptionSegment] = field(default_factory=list)
    language: str | None = None
    duration_in_seconds: float | None = None
    warnings: Sequence[CallWarning] = field(default_factory=tuple)
    provider_metadata: ProviderMetadata | None = None
    request: RequestInfo = field(default_factory=RequestInfo)
    response: ResponseInfo = field(default_factory=ResponseInfo)


@runtime_checkable
class TranscriptionModel(Protocol):
    """Turns audio into text."""

    @property
    def specification_version(self) -> Literal["v4"]: ...

    @property
    def provider(self) -> str: ...

    @property
    def model_id(self) -> str: ...

    def do_generate(self, options: TranscriptionCallOptions) -> TranscriptionResult: ...

    async def ado_generate(self, options: TranscriptionCallOptions) -> TranscriptionResult: ...
