"""The language model protocol (V4): what every provider's text model implements, in sync and async."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, Literal, Protocol, TypeVar, runtime_checkable

from ai_sdk_core.spec.call_options import CallOptions
from ai_sdk_core.spec.content import Content
from ai_sdk_core.spec.finish_reason import FinishReason
from ai_sdk_core.spec.shared import (
    CallWarning,
    ProviderMetadata,
    RequestInfo,
    ResponseInfo,
)
from ai_sdk_core.spec.stream_parts import StreamPart
from ai_sdk_core.spec.usage import Usage

__all__ = [
    "AsyncStreamResult",
    "GenerateResult",
    "LanguageModel",
    "StreamResult",
    "SyncStreamResult",
]


@dataclass(slots=True)
class GenerateResult:
    """The outcome of ``do_generate``: ordered content, why it stopped, usage, and what was sent and received."""

    content: list[Content]
    finish_reason: FinishReason
    usage: Usage
    provider_metadata: ProviderMetadata | None = None
    request: RequestInfo = field(default_factory=RequestInfo)
    response: ResponseInfo = field(default_factory=ResponseInfo)
    warnings: Sequence[CallWarning] = field(default_factory=tuple)


StreamT = TypeVar("StreamT", Iterator[StreamPart], AsyncIterator[StreamPart])


@dataclass(slots=True)
class StreamResult(Generic[StreamT]):
    """The outcome of ``do_stream``/``ado_stream``: returned once the response headers arrived (so a retry
    never repeats delivered content); ``stream`` yields the parts. Close it (``close()``/``aclose()``) to
    abandon the response early."""

    stream: StreamT
    request: RequestInfo = field(default_factory=RequestInfo)
    response: ResponseInfo = field(default_factory=ResponseInfo)


SyncStreamResult = StreamResult[Iterator[StreamPart]]
AsyncStreamResult = StreamResult[AsyncIterator[StreamPart]]


@runtime_checkable
class LanguageModel(Protocol):
    """A text model. ``do_generate``/``do_stream`` block the calling thread and never start an event loop;
    ``ado_generate``/``ado_stream`` are their async twins. ``supported_urls`` maps a media type pattern
    (``"image/*"``) to URL patterns the provider downloads itself; other URLs are downloaded by the core."""

    @property
    def specification_version(self) -> Literal["v4"]: ...

    @property
    def provider(self) -> str: ...

    @property
    def model_id(self) -> str: ...

    @property
    def supported_urls(self) -> Mapping[str, Sequence[re.Pattern[str]]]: ...

    def do_generate(self, options: CallOptions) -> GenerateResult: ...

    async def ado_generate(self, options: CallOptions) -> GenerateResult: ...

    def do_stream(self, options: CallOptions) -> SyncStreamResult: ...

    async def ado_stream(self, options: CallOptions) -> AsyncStreamResult: ...
