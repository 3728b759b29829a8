"""Gemini text embeddings over ``models/{id}:batchEmbedContents``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from ai_sdk_core.provider_utils.http import HttpTransport, merge_headers
from ai_sdk_core.provider_utils.http_model import HttpEmbeddingModel, HttpRequest, PreparedCall
from ai_sdk_core.providers.google.errors import parse_google_error
from ai_sdk_core.providers.google.language_model import model_path
from ai_sdk_core.spec import (
    EmbeddingCallOptions,
    EmbeddingResult,
    InvalidArgumentError,
    InvalidResponseDataError,
    ResponseInfo,
)

if TYPE_CHECKING:
    from ai_sdk_core.providers.google.options import GoogleEmbeddingOptions

__all__ = [
    "GOOGLE_MAX_EMBEDDINGS_PER_CALL",
    "GoogleEmbeddingConfig",
    "GoogleGenerativeAIEmbeddingModel",
    "parse_batch_embeddings",
]

GOOGLE_MAX_EMBEDDINGS_PER_CALL: Final = 2048  # the API's limit on requests in one batchEmbedContents call


@dataclass(slots=True, frozen=True)
class GoogleEmbeddingConfig:
    """What an embedding model needs from its provider; ``headers`` is called per request."""

    provider: str
    base_url: str
    headers: Callable[[], Mapping[str, str]]
    transport: HttpTransport


def _options_model() -> type[GoogleEmbeddingOptions]:
    from ai_sdk_core.providers.google.options import GoogleEmbeddingOptions

    return GoogleEmbeddingOptions


def parse_batch_embeddings(body: Any, expected: int) -> list[list[float]]:
    """``{"embeddings": [{"values": [...]}, ...]}`` to vectors (the API keeps request order).

    Raises :class:`~ai_sdk_core.spec.InvalidResponseDataError` unless there is one vector per input.
    """
    embeddings = body.get("embeddings") if isinstance(body, Mapping) else None
    if not isinstance(embeddings, list):
        raise InvalidResponseDataError("The batchEmbedContents response has no embeddings list.", data=body)
    vectors: list[list[float]] = []
    for item in embeddings:
        values = item.get("values") if isinstance(item, Mapping) else None
        if not isinstance(values, list):
            raise InvalidResponseDataError("An embedding has no values list.", data=item)
        vectors.append(values)
    if len(vectors) != expected:
        raise InvalidResponseDataError(f"Expected {expected} embeddings, got {len(vectors)}.", data=body)
    return vectors


class GoogleGenerativeAIEmbeddingModel(HttpEmbeddingModel):
    """Gemini embeddings (``google.embedding("gemini-embedding-001")``), sync and async.

    ``provider_options={"google": {"taskType": "RETRIEVAL_QUERY", "outputDimensionality": 768}}``.
    """

    max_embeddings_per_call = GOOGLE_MAX_EMBEDDINGS_PER_CALL

    def __init__(self, model_id: str, config: GoogleEmbeddingConfig) -> None:
        self.model_id = model_id
        self.config = config
        self.provider = config.provider
        self.transport = config.transport

    def __repr__(self) -> str:
        return f"{type(self).__name__}(provider={self.provider!r}, model_id={self.model_id!r})"

    def build_embed_request(self, options: EmbeddingCallOptions) -> PreparedCall:
        """Hook of :class:`HttpEmbeddingModel`: one ``requests`` entry per value."""
        if len(options.values) > GOOGLE_MAX_EMBEDDINGS_PER_CALL:
            raise InvalidArgumentError(
                f"{len(options.values)} values exceed Gemini's limit of {GOOGLE_MAX_EMBEDDINGS_PER_CALL} per call; "
                "split them (embed_many does it for you).",
                argument="values",
            )
        from ai_sdk_core.providers.openai_compatible.options import parse_provider_options  # pydantic: on first use

        google_options = parse_provider_options(options.provider_options, "google", _options_model())
        path = model_path(self.model_id)
        settings: dict[str, Any] = {}
        if google_options.outputDimensionality is not None:
            settings["outputDimensionality"] = google_options.outputDimensionality
        if google_options.taskType is not None:
            settings["taskType"] = google_options.taskType
        requests = [
            {"model": path, "content": {"role": "user", "parts": [{"text": value}]}, **settings}
            for value in options.values
        ]
        request = HttpRequest(
            url=f"{self.config.base_url}/{path}:batchEmbedContents",
            body={"requests": requests},
            headers=merge_headers(self.config.headers(), options.headers),
            credential_headers=frozenset({"x-goog-api-key"}),
            timeout=options.timeout,
        )
        return PreparedCall(request=request, context={"expected": len(options.values)})

    def parse_embed_response(self, body: Any, call: PreparedCall, response: ResponseInfo) -> EmbeddingResult:
        """Hook of :class:`HttpEmbeddingModel`: vectors in input order (Gemini reports no token usage here)."""
        embeddings = parse_batch_embeddings(body, call.context["expected"])
        return EmbeddingResult(embeddings=embeddings, response=ResponseInfo(headers=response.headers, body=body))

    def parse_error(self, status_code: int, headers: Mapping[str, str], body_text: str) -> tuple[str, Any] | None:
        """Hook of :class:`HttpEmbeddingModel`: Google's message from an error body."""
        return parse_google_error(status_code, headers, body_text)
