"""Perplexity (``PERPLEXITY_API_KEY``, ``https://api.perplexity.ai``): Sonar models, answers grounded in search.

Quirks handled:

* ``search_results`` (``url``, ``title``) and ``citations`` (URLs) of a response, or of the stream's chunks
  (Perplexity repeats them and completes them on the last chunk), become URL sources, each URL once;
* ``provider_metadata["perplexity"]`` holds ``images`` (with ``return_images``) and ``usage`` with
  ``citation_tokens`` and ``num_search_queries``;
* Sonar has no function calling: tools are left out of the request with an ``unsupported`` warning;
* search settings (``return_images``, ``search_recency_filter``, ``search_domain_filter``, ``search_mode``,
  ``web_search_options``, ...) from ``provider_options["perplexity"]`` are sent as body fields.

Example::

    from ai_sdk_core import generate_text

    result = generate_text(model="perplexity:sonar-pro", prompt="What happened in AI this week?")
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Unpack

from ai_sdk_core.providers.openai_compatible.chat_model import ChatRequestContext
from ai_sdk_core.providers.openai_compatible.preset import (
    PresetProvider,
    PresetSettings,
    VendorPreset,
    citation_sources,
)
from ai_sdk_core.spec import CallWarning, ProviderMetadata

if TYPE_CHECKING:
    from ai_sdk_core.providers.openai_compatible.preset_options import PerplexityChatOptions

__all__ = [
    "PERPLEXITY_PRESET",
    "PerplexityMetadataExtractor",
    "create_perplexity",
    "perplexity",
    "perplexity_metadata",
    "perplexity_request_body",
]

_OPTION_FIELDS = (
    "return_images",
    "return_related_questions",
    "search_recency_filter",
    "search_domain_filter",
    "search_mode",
    "web_search_options",
)
_USAGE_FIELDS = ("citation_tokens", "num_search_queries")


def perplexity_request_body(body: dict[str, Any], context: ChatRequestContext) -> dict[str, Any]:
    """Drop tools (Sonar cannot call them) with a warning; add the search settings."""
    if "tools" in body or "tool_choice" in body:
        context.warnings.append(
            CallWarning(type="unsupported", feature="tools", details="Perplexity models do not call tools")
        )
    options = context.provider_options
    extra = {name: getattr(options, name, None) for name in _OPTION_FIELDS}
    return {**{key: value for key, value in body.items() if key not in ("tools", "tool_choice")}, **extra}


def perplexity_metadata(body: Mapping[str, Any]) -> ProviderMetadata | None:
    """``images`` and ``usage.citation_tokens`` / ``usage.num_search_queries`` of a response or chunk.

    >>> perplexity_metadata({"usage": {"prompt_tokens": 5, "citation_tokens": 40, "num_search_queries": 1}})
    {'perplexity': {'usage': {'citation_tokens': 40, 'num_search_queries': 1}}}
    """
    values: dict[str, Any] = {}
    images = body.get("images")
    if isinstance(images, list):
        values["images"] = images
    usage = body.get("usage")
    if isinstance(usage, Mapping):
        counts = {key: usage[key] for key in _USAGE_FIELDS if key in usage}
        if counts:
            values["usage"] = counts
    return {"perplexity": values} if values else None


@dataclass(slots=True)
class _PerplexityStreamMetadata:
    images: Any = None
    usage: Any = None

    def process_chunk(self, chunk: Any) -> None:
        if not isinstance(chunk, Mapping):
            return
        if isinstance(chunk.get("images"), list):
            self.images = chunk["images"]
        if isinstance(chunk.get("usage"), Mapping):
            self.usage = chunk["usage"]

    def build_metadata(self) -> ProviderMetadata | None:
        return perplexity_metadata({"images": self.images, "usage": self.usage})


class PerplexityMetadataExtractor:
    """Perplexity's images and search usage into ``provider_metadata["perplexity"]``."""

    def extract_metadata(self, body: Any) -> ProviderMetadata | None:
        """The metadata of a whole response."""
        return perplexity_metadata(body) if isinstance(body, Mapping) else None

    def create_stream_extractor(self) -> _PerplexityStreamMetadata:
        """A fresh extractor keeping the stream's last images and usage."""
        return _PerplexityStreamMetadata()


def _options_model() -> type[PerplexityChatOptions]:
    # pydantic loads when the first model is configured, not when this module is imported.
    from ai_sdk_core.providers.openai_compatible.preset_options import PerplexityChatOptions

    return PerplexityChatOptions


PERPLEXITY_PRESET = VendorPreset(
    name="perplexity",
    base_url="https://api.perplexity.ai",
    api_key_env_var="PERPLEXITY_API_KEY",
    supports_structured_outputs=True,
    options_model=_options_model,
    transform_request_body=perplexity_request_body,
    metadata_extractor=PerplexityMetadataExtractor(),
    extract_sources=citation_sources,
)


def create_perplexity(**settings: Unpack[PresetSettings]) -> PresetProvider:
    """A Perplexity provider. The key is ``api_key``, else ``PERPLEXITY_API_KEY`` read at request time."""
    return PresetProvider(PERPLEXITY_PRESET, **settings)


perplexity = create_perplexity()
"""The default Perplexity provider (``PERPLEXITY_API_KEY``)."""
