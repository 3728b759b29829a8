"""Vendor presets over the OpenAI-compatible provider: a base URL, a key variable and a few quirk hooks.

Groq, DeepSeek, xAI, Perplexity and the others speak Chat Completions with small additions. A
:class:`VendorPreset` names those additions as data and pure functions, and :class:`PresetProvider` builds the
shared chat model with them, so each vendor module is settings only. Hooks beyond the base config:

* ``options_model``: loads the vendor's strict ``provider_options`` model (pydantic, so loaded on first use);
* ``convert_usage``: the vendor's usage object -> spec usage (DeepSeek's cache hit/miss counts);
* ``normalize_chunk``: rewrites one parsed stream chunk before the shared decoder sees it (Groq sends stream
  usage under ``x_groq``);
* ``extract_sources``: URL sources found in a response body or stream chunk (Perplexity and xAI citations).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

import httpx

from ai_sdk_core.provider_utils.event_stream import ServerSentEvent
from ai_sdk_core.provider_utils.http_model import PreparedCall, StreamDecoder
from ai_sdk_core.provider_utils.json import to_json_str, try_parse_json
from ai_sdk_core.provider_utils.secret import Secret
from ai_sdk_core.providers.openai_compatible.chat_model import (
    OpenAICompatibleChatConfig,
    OpenAICompatibleChatLanguageModel,
    RequestBodyTransform,
)
from ai_sdk_core.providers.openai_compatible.chat_response import UsageConverter, generate_id
from ai_sdk_core.providers.openai_compatible.metadata_extractor import MetadataExtractor
from ai_sdk_core.providers.openai_compatible.provider import OpenAICompatibleProvider
from ai_sdk_core.providers.openai_compatible.usage import convert_openai_compatible_usage
from ai_sdk_core.spec import Finish, GenerateResult, ResponseInfo, SourceContent, StreamPart

if TYPE_CHECKING:
    from ai_sdk_core.providers.openai_compatible.options import OpenAICompatibleChatOptions

__all__ = [
    "ChunkNormalizer",
    "PresetChatLanguageModel",
    "PresetProvider",
    "PresetSettings",
    "SourceExtractor",
    "VendorPreset",
    "citation_sources",
]

ChunkNormalizer = Callable[[dict[str, Any]], dict[str, Any]]
"""Rewrites one parsed stream chunk (a JSON object) into the shape the shared decoder reads."""

SourceExtractor = Callable[[Mapping[str, Any]], list[SourceContent]]
"""URL sources in a whole response body or one stream chunk."""


def citation_sources(body: Mapping[str, Any]) -> list[SourceContent]:
    """URL sources from a body's ``search_results`` (``[{"url", "title", ...}]``) then ``citations`` (URLs), each
    URL once. Perplexity sends both, xAI's Live Search sends ``citations``.

    >>> [source.url for source in citation_sources({"citations": ["https://a.example", "https://a.example"]})]
    ['https://a.example']
    """
    sources: list[SourceContent] = []
    seen: set[str] = set()
    entries: list[tuple[Any, Any]] = []
    for result in body.get("search_results") or ():
        if isinstance(result, Mapping):
            entries.append((result.get("url"), result.get("title")))
    entries.extend((url, None) for url in body.get("citations") or ())
    for url, title in entries:
        if isinstance(url, str) and url and url not in seen:
            seen.add(url)
            sources.append(
                SourceContent(
                    source_type="url",
                    id=generate_id("source"),
                    url=url,
                    title=title if isinstance(title, str) else None,
                )
            )
    return sources


@dataclass(slots=True, frozen=True)
class VendorPreset:
    """What makes one vendor: its name (the ``provider_options`` key), default base URL, key variable, and hooks.

    ``options_model`` is a loader, not the class: option models import pydantic, which a provider module must
    not pay for at import time.
    """

    name: str
    base_url: str
    api_key_env_var: str
    include_usage: bool = False
    supports_structured_outputs: bool = False
    options_model: Callable[[], type[OpenAICompatibleChatOptions]] | None = None
    transform_request_body: RequestBodyTransform | None = None
    metadata_extractor: MetadataExtractor | None = None
    convert_usage: UsageConverter = convert_openai_compatible_usage
    normalize_chunk: ChunkNormalizer | None = None
    extract_sources: SourceExtractor | None = None


@dataclass(slots=True)
class _PresetStreamDecoder:
    """Wraps the shared decoder: normalizes each chunk, and emits the sources found in the chunks (once per URL)
    just before the ``Finish`` part, since vendors repeat the citation list on every chunk or send it last.

    A ``Raw`` part (``include_raw_chunks``) of a chunk the normalizer rewrote shows the rewritten chunk."""

    inner: StreamDecoder
    normalize_chunk: ChunkNormalizer | None
    extract_sources: SourceExtractor | None
    _seen_urls: set[str] = field(default_factory=set)
    _sources: list[SourceContent] = field(default_factory=list)

    def feed(self, event: ServerSentEvent) -> Iterable[StreamPart]:
        parsed, chunk = try_parse_json(event.data)
        if not parsed or not isinstance(chunk, dict):
            return self.inner.feed(event)
        if self.extract_sources is not None:
            for source in self.extract_sources(chunk):
                if source.url is not None and source.url not in self._seen_urls:
                    self._seen_urls.add(source.url)
                    self._sources.append(source)
        if self.normalize_chunk is not None:
            normalized = self.normalize_chunk(chunk)
            if normalized is not chunk:
                event = ServerSentEvent(data=to_json_str(normalized), event=event.event, id=event.id)
        return self.inner.feed(event)

    def finish(self) -> Iterable[StreamPart]:
        parts = list(self.inner.finish())
        if not self._sources:
            return parts
        # Sources go before Finish, which must stay the last part.
        finish_at = next((index for index, part in enumerate(parts) if isinstance(part, Finish)), len(parts))
        return [*parts[:finish_at], *self._sources, *parts[finish_at:]]


class PresetChatLanguageModel(OpenAICompatibleChatLanguageModel):
    """The shared Chat Completions model with a vendor's source extraction and stream chunk normalization."""

    def __init__(self, model_id: str, config: OpenAICompatibleChatConfig, preset: VendorPreset) -> None:
        super().__init__(model_id, config)
        self.preset = preset

    def parse_response(self, body: Any, call: PreparedCall, response: ResponseInfo) -> GenerateResult:
        """Decode a whole response, then add the vendor's sources after the text."""
        result = super().parse_response(body, call, response)
        if self.preset.extract_sources is not None and isinstance(body, Mapping):
            known = {part.url for part in result.content if isinstance(part, SourceContent)}
            result.content.extend(source for source in self.preset.extract_sources(body) if source.url not in known)
        return result

    def create_stream_decoder(self, call: PreparedCall) -> StreamDecoder:
        """The shared decoder, wrapped only when the vendor has stream quirks (the wrapper parses chunks twice)."""
        inner = super().create_stream_decoder(call)
        if self.preset.normalize_chunk is None and self.preset.extract_sources is None:
            return inner
        return _PresetStreamDecoder(inner, self.preset.normalize_chunk, self.preset.extract_sources)


class PresetSettings(TypedDict, total=False):
    """What a user may set on a preset provider (``create_groq(...)`` and the others); all optional.

    ``api_key`` defaults to the vendor's environment variable read at request time, ``base_url`` to the vendor's
    documented one; ``http_client`` is your own ``httpx.Client`` or ``httpx.AsyncClient``, and
    ``async_http_client`` the async one when you give both.
    """

    api_key: str | Secret | None
    base_url: str | None
    headers: Mapping[str, str] | None
    http_client: httpx.Client | httpx.AsyncClient | None
    async_http_client: httpx.AsyncClient | None


class PresetProvider(OpenAICompatibleProvider):
    """An OpenAI-compatible provider configured by a :class:`VendorPreset`; call it with a model id."""

    def __init__(self, preset: VendorPreset, **settings: Unpack[PresetSettings]) -> None:
        super().__init__(
            name=preset.name,
            base_url=settings.get("base_url") or preset.base_url,
            api_key=settings.get("api_key"),
            api_key_env_var=preset.api_key_env_var,
            headers=settings.get("headers"),
            include_usage=preset.include_usage,
            supports_structured_outputs=preset.supports_structured_outputs,
            transform_request_body=preset.transform_request_body,
            metadata_extractor=preset.metadata_extractor,
            http_client=settings.get("http_client"),
            async_http_client=settings.get("async_http_client"),
        )
        self.preset = preset

    def chat_model(self, model_id: str) -> PresetChatLanguageModel:
        """A Chat Completions model with the vendor's hooks."""
        config = super().chat_model(model_id).config
        changes: dict[str, Any] = {"convert_usage": self.preset.convert_usage}
        if self.preset.options_model is not None:
            changes["options_model"] = self.preset.options_model()
        return PresetChatLanguageModel(model_id, dataclasses.replace(config, **changes), self.preset)

    def __call__(self, model_id: str) -> PresetChatLanguageModel:
        """The chat model ``model_id``."""
        return self.chat_model(model_id)

    def language_model(self, model_id: str) -> PresetChatLanguageModel:
        """The spec's ``Provider.language_model``: the chat model."""
        return self.chat_model(model_id)
