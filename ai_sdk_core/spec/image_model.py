"""The image model protocol (V4), in sync and async."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol, runtime_checkable

from ai_sdk_core.spec.call_options import TimeoutConfig
from ai_sdk_core.spec.shared import CallWarning, ProviderMetadata, ProviderOptions, RequestInfo, ResponseInfo

__all__ = [
    "ImageCallOptions",
    "ImageModel",
    "ImageResult",
]


@dataclass(slots=True)
class ImageCallOptions:
    """One image generation call. ``size`` is ``"WxH"`` (e.g. ``"1024x1024"``), ``aspect_ratio`` ``"W:H"``."""

    prompt: str
    n: int = 1
    size: str | None = None
    aspect_ratio: str | None = None
    seed: int | None = None
    provider_options: ProviderOptions | None = None
    headers: Mapping[str, str | None] | None = None
    timeout: TimeoutConfig | None = None


@dataclass(slots=True)
class ImageResult:
    """The images of one call, each as base64 text or raw bytes, and what the model could not honour."""

    images: list[str | bytes]
    warnings: Sequence[CallWarning] = field(default_factory=tuple)
    provider_metadata: ProviderMetadata | None = None
    request: RequestInfo = field(default_factory=RequestInfo)
    response: ResponseInfo = field(default_factory=ResponseInfo)


@runtime_checkable
class ImageModel(Protocol):
    """Generates images from a prompt. ``max_images_per_call`` (None: the core's default of 1) guides batching."""

    @property
    def specification_version(self) -> Literal["v4"]: ...

    @property
    def provider(self) -> str: ...

    @property
    def model_id(self) -> str: ...

    @property
    def max_images_per_call(self) -> int | None: ...

    def do_generate(self, options: ImageCallOptions) -> ImageResult: ...

    async def ado_generate(self, options: ImageCallOptions) -> ImageResult: ...
