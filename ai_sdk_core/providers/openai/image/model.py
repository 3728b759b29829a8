"""The OpenAI image model: request building and response decoding are pure; the I/O is the base class's."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from ai_sdk_core.provider_utils.http import HttpRequest, HttpTransport, merge_headers
from ai_sdk_core.provider_utils.http_errors import ParseErrorHook
from ai_sdk_core.provider_utils.http_media import HttpImageModel
from ai_sdk_core.provider_utils.http_model import PreparedCall
from ai_sdk_core.provider_utils.settings import without_trailing_slash
from ai_sdk_core.providers.openai_compatible.errors import parse_openai_compatible_error
from ai_sdk_core.spec import (
    CallWarning,
    ImageCallOptions,
    ImageResult,
    InvalidArgumentError,
    InvalidResponseDataError,
    ResponseInfo,
)

__all__ = ["OpenAIImageConfig", "OpenAIImageModel", "OpenAIImageOptions", "openai_max_images_per_call"]

OpenAIImageOptions = Mapping[str, Any]
"""``provider_options["openai"]`` for images (``quality``, ``style``, ``background``, ``output_format``,
``moderation``, ``user``, ...): sent as body fields, as the AI SDK does, since the set grows with each model."""

# dall-e-3 makes one image per request; the others take n up to 10.
_MAX_IMAGES_PER_CALL: Final = {"dall-e-3": 1, "dall-e-2": 10, "gpt-image-1": 10}
# The gpt-image models always answer in base64 and reject ``response_format``.
_DEFAULT_RESPONSE_FORMAT_MODELS: Final = ("gpt-image-",)


def openai_max_images_per_call(model_id: str) -> int:
    """How many images one request of ``model_id`` may ask for (1 for dall-e-3, else 10)."""
    return _MAX_IMAGES_PER_CALL.get(model_id, 10)


@dataclass(slots=True, frozen=True)
class OpenAIImageConfig:
    """Where and how to call: ``base_url``/``headers`` are callables so keys are read at request time."""

    provider: str
    base_url: Callable[[], str]
    headers: Callable[[], Mapping[str, str]]
    transport: HttpTransport
    parse_error: ParseErrorHook = parse_openai_compatible_error


class OpenAIImageModel(HttpImageModel):
    """An OpenAI image model, sync (``do_generate``) and async (``ado_generate``)."""

    def __init__(self, model_id: str, config: OpenAIImageConfig) -> None:
        self.model_id = model_id
        self.config = config
        self.provider = config.provider
        self.transport = config.transport
        self.max_images_per_call = openai_max_images_per_call(model_id)

    def build_image_request(self, options: ImageCallOptions) -> PreparedCall:
        """``{"model", "prompt", "n", "size"?, "response_format": "b64_json" (dall-e only), **openai options}``."""
        warnings: list[CallWarning] = []
        if options.aspect_ratio is not None:
            warnings.append(
                CallWarning(
                    type="unsupported",
                    feature="aspect_ratio",
                    details="This model does not support aspect ratio. Use `size` instead.",
                )
            )
        if options.seed is not None:
            warnings.append(CallWarning(type="unsupported", feature="seed"))
        extra = (options.provider_options or {}).get("openai") or {}
        if not isinstance(extra, Mapping):
            raise InvalidArgumentError("expected a mapping", argument="provider_options['openai']", value=extra)
        body: dict[str, Any] = {"model": self.model_id, "prompt": options.prompt, "n": options.n}
        if options.size is not None:
            body["size"] = options.size
        body.update(extra)
        if not self.model_id.startswith(_DEFAULT_RESPONSE_FORMAT_MODELS):
            body["response_format"] = "b64_json"
        request = HttpRequest(
            url=without_trailing_slash(self.config.base_url()) + "/images/generations",
            body=body,
            headers=merge_headers(self.config.headers(), options.headers),
            timeout=options.timeout,
        )
        return PreparedCall(request=request, warnings=tuple(warnings))

    def parse_image_response(self, body: Any, call: PreparedCall, response: ResponseInfo) -> ImageResult:
        """The base64 images, and each image's ``revised_prompt`` in ``provider_metadata["openai"]["images"]``."""
        data = body.get("data") if isinstance(body, Mapping) else None
        if not isinstance(data, list):
            raise InvalidResponseDataError("The images response has no data list.", data=body)
        images: list[str | bytes] = []
        metadata: list[dict[str, Any]] = []
        for item in data:
            encoded = item.get("b64_json") if isinstance(item, Mapping) else None
            if not isinstance(encoded, str):
                raise InvalidResponseDataError("An images item has no b64_json.", data=item)
            images.append(encoded)
            revised = item.get("revised_prompt")
            metadata.append({"revised_prompt": revised} if isinstance(revised, str) else {})
        created = body.get("created")
        return ImageResult(
            images=images,
            provider_metadata={"openai": {"images": metadata}},
            response=ResponseInfo(
                timestamp=datetime.fromtimestamp(created, UTC) if isinstance(created, int) else None,
                model_id=self.model_id,
                headers=response.headers,
                body=body,
            ),
        )

    def parse_error(self, status_code: int, headers: Mapping[str, str], body_text: str) -> tuple[str, Any] | None:
        """Hook: OpenAI's error message."""
        return self.config.parse_error(status_code, headers, body_text)
