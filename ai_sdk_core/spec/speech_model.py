"""The speech (text-to-speech) model protocol (V4), in sync and async."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol, runtime_checkable

from ai_sdk_core.spec.call_options import TimeoutConfig
from ai_sdk_core.spec.shared import CallWarning, ProviderMetadata, ProviderOptions, RequestInfo, ResponseInfo

__all__ = [
    "SpeechCallOptions",
    "SpeechModel",
    "SpeechResult",
]


@dataclass(slots=True)
class SpeechCallOptions:
    """One speech call: ``text`` to speak; ``output_format`` like ``"mp3"``/``"wav"``; ``language`` ISO 639-1."""

    text: str
    voice: str | None = None
    output_format: str | None = None
    instructions: str | None = None
    speed: float | None = None
    language: str | None = None
    provider_options: ProviderOptions | None = None
    headers: Mapping[str, str | None] | None = None
    timeout: TimeoutConfig | None = None


@dataclass(slots=True)
class SpeechResult:
    """The audio (base64 text or raw bytes) and what the model could not honour."""

    audio: str | bytes
    warnings: Sequence[CallWarning] = field(default_factory=tuple)
    provider_metadata: ProviderMetadata | None = None
    request: RequestInfo = field(default_factory=RequestInfo)
    response: ResponseInfo = field(default_factory=ResponseInfo)


@runtime_checkable
class SpeechModel(Protocol):
    """Turns text into audio."""

    @property
    def specification_version(self) -> Literal["v4"]: ...

    @property
    def provider(self) -> str: ...

    @property
    def model_id(self) -> str: ...

    def do_generate(self, options: SpeechCallOptions) -> SpeechResult: ...

    async def ado_generate(self, options: SpeechCallOptions) -> SpeechResult: ...
