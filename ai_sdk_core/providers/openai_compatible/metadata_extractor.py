"""A vendor hook that pulls extra fields out of responses into ``provider_metadata``.

Vendors add fields to the Chat Completions shape (OpenAI's ``logprobs`` and ``refusal``, a gateway's cost
numbers, ...). Rather than teach the shared decoder every one of them, a vendor passes a
:class:`MetadataExtractor` in its model config; what it returns is merged into the result's
``provider_metadata``, key by key.
"""

from __future__ import annotations

from typing import Any, Protocol

from ai_sdk_core.spec import ProviderMetadata

__all__ = ["MetadataExtractor", "StreamMetadataExtractor", "merge_provider_metadata"]


class StreamMetadataExtractor(Protocol):
    """Sees every parsed chunk of one stream, then builds the metadata for its ``Finish`` part."""

    def process_chunk(self, chunk: Any) -> None:
        """Look at one parsed chunk (any JSON value: it was not validated yet)."""
        ...

    def build_metadata(self) -> ProviderMetadata | None:
        """The metadata gathered over the stream, or ``None``."""
        ...


class MetadataExtractor(Protocol):
    """Extracts provider metadata from a whole response, or creates a per-stream extractor."""

    def extract_metadata(self, body: Any) -> ProviderMetadata | None:
        """Metadata found in a parsed non-streaming response body, or ``None``."""
        ...

    def create_stream_extractor(self) -> StreamMetadataExtractor:
        """A fresh extractor for one stream (it may hold that stream's state)."""
        ...


def merge_provider_metadata(base: ProviderMetadata, extra: ProviderMetadata | None) -> ProviderMetadata:
    """Merge ``extra`` into ``base`` one level deep (``{"openai": {...}}`` entries are combined, not replaced).

    >>> merge_provider_metadata({"openai": {"a": 1}}, {"openai": {"b": 2}})
    {'openai': {'a': 1, 'b': 2}}
    """
    for name, values in (extra or {}).items():
        base.setdefault(name, {}).update(values)
    return base
