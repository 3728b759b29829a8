"""``generate_image`` / ``agenerate_image``: n images, batched by the model's ``max_images_per_call``.

Example::

    result = generate_image(model=openai.image("gpt-image-1"), prompt="A lighthouse at dusk", n=2, size="1024x1024")
    open("lighthouse.png", "wb").write(result.image.uint8_array)
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ai_sdk_core._batching import (
    arun_batches,
    merge_provider_metadata,
    normalize_max_retries,
    normalize_timeout,
    resolve_model,
    run_batches,
)
from ai_sdk_core.generated_file import GeneratedFile
from ai_sdk_core.provider_utils.retry import acall_with_retries, call_with_retries
from ai_sdk_core.provider_utils.settings import NOT_GIVEN, NotGiven
from ai_sdk_core.spec import (
    CallWarning,
    ImageCallOptions,
    ImageModel,
    ImageResult,
    InvalidArgumentError,
    NoImageGeneratedError,
    ProviderMetadata,
    ProviderOptions,
    ResponseInfo,
)

__all__ = ["GenerateImageResult", "agenerate_image", "generate_image"]

_SIZE = re.compile(r"^\d+x\d+$")
_ASPECT_RATIO = re.compile(r"^\d+:\d+$")


@dataclass(slots=True)
class GenerateImageResult:
    """``images`` in order (``image`` is the first), the warnings of every call, and each call's response."""

    images: list[GeneratedFile]
    warnings: Sequence[CallWarning] = field(default_factory=tuple)
    responses: list[ResponseInfo] = field(default_factory=list)
    provider_metadata: ProviderMetadata = field(default_factory=dict)

    @property
    def image(self) -> GeneratedFile:
        """The first image."""
        return self.images[0]


@dataclass(slots=True, frozen=True)
class _Plan:
    model: ImageModel
    calls: list[ImageCallOptions]
    max_parallel: int
    max_retries: int


def _plan(
    model: Any,
    *,
    prompt: str,
    n: int,
    size: str | None,
    aspect_ratio: str | None,
    seed: int | None,
    max_images_per_call: int | None,
    max_retries: Any,
    provider_options: ProviderOptions | None,
    headers: Mapping[str, str | None] | None,
    timeout: Any,
) -> _Plan:
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise InvalidArgumentError("expected an integer >= 1", argument="n", value=n)
    if size is not None and not _SIZE.match(size):
        raise InvalidArgumentError('expected "{width}x{height}", e.g. "1024x1024"', argument="size", value=size)
    if aspect_ratio is not None and not _ASPECT_RATIO.match(aspect_ratio):
        raise InvalidArgumentError(
            'expected "{width}:{height}", e.g. "16:9"', argument="aspect_ratio", value=aspect_ratio
        )
    resolved: ImageModel = resolve_model(model, "image")
    per_call = max_images_per_call or resolved.max_images_per_call or 1
    counts = [min(per_call, n - start) for start in range(0, n, per_call)]
    timeout_config = normalize_timeout(timeout)
    calls = [
        ImageCallOptions(
            prompt=prompt,
            n=count,
            size=size,
            aspect_ratio=aspect_ratio,
            seed=seed,
            provider_options=provider_options,
            headers=headers,
            timeout=timeout_config,
        )
        for count in counts
    ]
    return _Plan(resolved, calls, len(calls), normalize_max_retries(max_retries))


def _result(results: list[ImageResult]) -> GenerateImageResult:
    images = [GeneratedFile(image, default_media_type="image/png") for result in results for image in result.images]
    responses = [result.response for result in results]
    if not images:
        raise NoImageGeneratedError("No image generated: the model answered without images.", responses=responses)
    return GenerateImageResult(
        images=images,
        warnings=tuple(warning for result in results for warning in result.warnings),
        responses=responses,
        provider_metadata=merge_provider_metadata([result.provider_metadata for result in results]),
    )


def generate_image(
    *,
    model: ImageModel | str,
    prompt: str,
    n: int = 1,
    size: str | None = None,
    aspect_ratio: str | None = None,
    seed: int | None = None,
    max_images_per_call: int | None = None,
    max_retries: int | NotGiven | None = NOT_GIVEN,
    provider_options: ProviderOptions | None = None,
    headers: Mapping[str, str | None] | None = None,
    timeout: Any = NOT_GIVEN,
) -> GenerateImageResult:
    """Generate ``n`` images (blocking). ``size`` is ``"WxH"``, ``aspect_ratio`` ``"W:H"``; settings a model
    cannot honour come back in ``warnings``. Calls of ``max_images_per_call`` (default: the model's) run in
    parallel, each retried on its own; raises :class:`~ai_sdk_core.spec.NoImageGeneratedError` if none came."""
    plan = _plan(
        model,
        prompt=prompt,
        n=n,
        size=size,
        aspect_ratio=aspect_ratio,
        seed=seed,
        max_images_per_call=max_images_per_call,
        max_retries=max_retries,
        provider_options=provider_options,
        headers=headers,
        timeout=timeout,
    )

    def task(options: ImageCallOptions) -> Callable[[], ImageResult]:
        return lambda: call_with_retries(lambda: plan.model.do_generate(options), max_retries=plan.max_retries)

    return _result(run_batches([task(options) for options in plan.calls], max_parallel=plan.max_parallel))


async def agenerate_image(
    *,
    model: ImageModel | str,
    prompt: str,
    n: int = 1,
    size: str | None = None,
    aspect_ratio: str | None = None,
    seed: int | None = None,
    max_images_per_call: int | None = None,
    max_retries: int | NotGiven | None = NOT_GIVEN,
    provider_options: ProviderOptions | None = None,
    headers: Mapping[str, str | None] | None = None,
    timeout: Any = NOT_GIVEN,  # noqa: ASYNC109 - the request's time budget, handed to the transport
) -> GenerateImageResult:
    """Async twin of :func:`generate_image`."""
    plan = _plan(
        model,
        prompt=prompt,
        n=n,
        size=size,
        aspect_ratio=aspect_ratio,
        seed=seed,
        max_images_per_call=max_images_per_call,
        max_retries=max_retries,
        provider_options=provider_options,
        headers=headers,
        timeout=timeout,
    )

    def task(options: ImageCallOptions) -> Callable[[], Awaitable[ImageResult]]:
        return lambda: acall_with_retries(lambda: plan.model.ado_generate(options), max_retries=plan.max_retries)

    return _result(await arun_batches([task(options) for options in plan.calls], max_parallel=plan.max_parallel))
