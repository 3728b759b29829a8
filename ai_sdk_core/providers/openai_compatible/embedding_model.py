"""The embeddings model (``POST {base_url}/embeddings``) shared by OpenAI and compatible vendors."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ai_sdk_core.provider_utils.http import HttpTransport, merge_headers
from ai_sdk_core.provider_utils.http_errors import ParseErrorHook
from ai_sdk_core.provider_utils.http_model import HttpEmbeddingModel, HttpRequest, PreparedCall
from ai_sdk_core.providers.openai_compatible.chat_model import build_url
from ai_sdk_core.providers.openai_compatible.errors import parse_openai_compatible_error
from ai_sdk_core.spec import (
    EmbeddingCallOptions,
    EmbeddingResult,
    EmbeddingUsage,
    InvalidArgumentError,
    InvalidResponseDataError,
    ResponseInfo,
)

if TYPE_CHECKING:
    from ai_sdk_core.providers.openai_compatible.options import OpenAICompatibleEmbeddingOptions

__all__ = [
    "OpenAICompatibleEmbeddingConfig",
    "OpenAICompatibleEmbeddingModel",
    "OpenAICompatibleEmbeddingOptions",
    "parse_embedding_response",
]


def _base_embedding_options_model() -> type[OpenAICompatibleEmbeddingOptions]:
    # Loaded with pydantic when the first model is configured, not when this module is imported.
    from ai_sdk_core.providers.openai_compatible.options import OpenAICompatibleEmbeddingOptions

    return OpenAICompatibleEmbeddingOptions


@dataclass(slots=True, frozen=True)
class OpenAICompatibleEmbeddingConfig:
    """How one vendor serves embeddings; see :class:`~.chat_model.OpenAICompatibleChatConfig` for the fields."""

    provider: str
    base_url: str | Callable[[], str]
    headers: Callable[[], Mapping[str, str]]
    transport: HttpTransport
    query_params: Mapping[str, str] | None = None
    provider_options_name: str | None = None
    max_embeddings_per_call: int | None = 2048
    supports_parallel_calls: bool = True
    options_model: type[OpenAICompatibleEmbeddingOptions] = field(default_factory=_base_embedding_options_model)
    parse_error: ParseErrorHook = parse_openai_compatible_error
    credential_headers: frozenset[str] = frozenset({"authorization"})

    @property
    def options_name(self) -> str:
        """The ``provider_options`` key of this vendor."""
        return self.provider_options_name or self.provider.split(".", 1)[0].strip()


def parse_embedding_response(body: Any, expected: int) -> tuple[list[list[float]], EmbeddingUsage | None]:
    """Vectors in input order (``data[].index``, falling back to list order) and the token usage.

    Raises :class:`~ai_sdk_core.spec.InvalidResponseDataError` if the body is not an embeddings list with one
    vector per input.
    """
    data = body.get("data") if isinstance(body, Mapping) else None
    if not isinstance(data, list):
        raise InvalidResponseDataError("The embeddings response has no data list.", data=body)
    ordered: list[tuple[int, list[float]]] = []
    for position, item in enumerate(data):
        embedding = item.get("embedding") if isinstance(item, Mapping) else None
        if not isinstance(embedding, list):
            raise InvalidResponseDataError("An embeddings item has no embedding list.", data=item)
        index = item.get("index")
        ordered.append((index if isinstance(index, int) else position, embedding))
    ordered.sort(key=lambda pair: pair[0])
    if len(ordered) != expected:
        raise InvalidResponseDataError(f"Expected {expected} embeddings, got {len(ordered)}.", data=body)
    usage = body.get("usage")
    tokens = usage.get("prompt_tokens") if isinstance(usage, Mapping) else None
    return [embedding for _, embedding in ordered], EmbeddingUsage(tokens=tokens) if isinstance(tokens, int) else None


class OpenAICompatibleEmbeddingModel(HttpEmbeddingModel):
    """Text embeddings over the ``/embeddings`` endpoint, sync (``do_embed``) and async (``ado_embed``)."""

    def __init__(self, model_id: str, config: OpenAICompatibleEmbeddingConfig) -> None:
        self.model_id = model_id
        self.config = config
        self.provider = config.provider
        self.transport = config.transport
        self.max_embeddings_per_call = config.max_embeddings_per_call
        self.supports_parallel_calls = config.supports_parallel_calls

    def __repr__(self) -> str:
        return f"{type(self).__name__}(provider={self.provider!r}, model_id={self.model_id!r})"

    def build_embed_request(self, options: EmbeddingCallOptions) -> PreparedCall:
        """Hook of :class:`HttpEmbeddingModel`: ``{"model", "input", "encoding_format": "float", ...}``."""
        limit = self.config.max_embeddings_per_call
        if limit is not None and len(options.values) > limit:
            raise InvalidArgumentError(
                f"{len(options.values)} values exceed this model's limit of {limit} per call; split them "
                "(embed_many does it for you).",
                argument="values",
            )
        from ai_sdk_core.provider_utils.options import parse_provider_options  # pydantic: on first use

        provider_options = parse_provider_options(
            options.provider_options, self.config.options_name, self.config.options_model
        )
        body: dict[str, Any] = {"model": self.model_id, "input": list(options.values), "encoding_format": "float"}
        if provider_options.dimensions is not None:
            body["dimensions"] = provider_options.dimensions
        if provider_options.user is not None:
            body["user"] = provider_options.user
        request = HttpRequest(
            url=build_url(self.config.base_url, "/embeddings", self.config.query_params),
            body=body,
            headers=merge_headers(self.config.headers(), options.headers),
            credential_headers=self.config.credential_headers,
            timeout=options.timeout,
        )
        return PreparedCall(request=request, context={"expected": len(options.values)})

    def parse_embed_response(self, body: Any, call: PreparedCall, response: ResponseInfo) -> EmbeddingResult:
        """Hook of :class:`HttpEmbeddingModel`: vectors in input order, and usage."""
        embeddings, usage = parse_embedding_response(body, call.context["expected"])
        return EmbeddingResult(
            embeddings=embeddings,
            usage=usage,
            response=ResponseInfo(headers=response.headers, body=body),
        )

    def parse_error(self, status_code: int, headers: Mapping[str, str], body_text: str) -> tuple[str, Any] | None:
        """Hook: the vendor's message from an error body."""
        return self.config.parse_error(status_code, headers, body_text)


def __getattr__(name: str) -> Any:
    # ``OpenAICompatibleEmbeddingOptions`` lives with the other pydantic models in ``options``; it is still
    # exported here, loaded on first access so that importing this module does not import pydantic.
    if name == "OpenAICompatibleEmbeddingOptions":
        return _base_embedding_options_model()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
