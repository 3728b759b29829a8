"""OpenAI's extra response fields -> ``provider_metadata["openai"]``: token ``logprobs`` and ``refusal``.

A refusal (the model declining a structured-output request) arrives in ``message.refusal`` with
``content: null``. The AI SDK's chat model drops it; we keep it here, under ``"refusal"``, rather than
passing it off as answer text that a JSON parser would then choke on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ai_sdk_core.providers.openai_compatible.chat_response import primary_choice
from ai_sdk_core.spec import ProviderMetadata

__all__ = ["OpenAIChatMetadataExtractor"]


def _first_choice(body: Any) -> Mapping[str, Any]:
    choices = body.get("choices") if isinstance(body, Mapping) else None
    return primary_choice(choices) or {}


def _logprob_tokens(choice: Mapping[str, Any]) -> list[Any] | None:
    logprobs = choice.get("logprobs")
    content = logprobs.get("content") if isinstance(logprobs, Mapping) else None
    return content if isinstance(content, list) else None


@dataclass(slots=True)
class _OpenAIChatStreamMetadata:
    logprobs: list[Any] | None = None
    refusal: str = ""

    def process_chunk(self, chunk: Any) -> None:
        # Called for every chunk of a stream, and chunks come out of ``from_json``: objects are exactly ``dict``,
        # so the exact type test decides what ``isinstance(value, Mapping)`` would, at a fraction of the cost.
        choice = primary_choice(chunk.get("choices")) if isinstance(chunk, dict) else None
        if choice is None:  # no choice, or another choice's chunk (``n > 1``)
            return
        logprobs = choice.get("logprobs")
        if logprobs is not None:
            tokens = logprobs.get("content") if isinstance(logprobs, dict) else None
            if isinstance(tokens, list):
                # Each chunk carries the log probabilities of its own tokens only: they add up over the stream
                # (extended in place: copying the whole list per chunk would make a long stream quadratic).
                if self.logprobs is None:
                    self.logprobs = []
                self.logprobs.extend(tokens)
        delta = choice.get("delta")
        refusal = delta.get("refusal") if isinstance(delta, dict) else None
        if isinstance(refusal, str):
            self.refusal += refusal

    def build_metadata(self) -> ProviderMetadata | None:
        metadata: dict[str, Any] = {}
        if self.logprobs is not None:
            metadata["logprobs"] = list(self.logprobs)  # a copy: ours may still grow if chunks keep coming
        if self.refusal:
            metadata["refusal"] = self.refusal
        return {"openai": metadata} if metadata else None


class OpenAIChatMetadataExtractor:
    """The :class:`~ai_sdk_core.providers.openai_compatible.metadata_extractor.MetadataExtractor` of OpenAI."""

    __slots__ = ()

    def extract_metadata(self, body: Any) -> ProviderMetadata | None:
        """``logprobs`` (``choices[0].logprobs.content``) and ``refusal`` of a whole response."""
        choice = _first_choice(body)
        metadata: dict[str, Any] = {}
        tokens = _logprob_tokens(choice)
        if tokens is not None:
            metadata["logprobs"] = tokens
        message = choice.get("message")
        refusal = message.get("refusal") if isinstance(message, Mapping) else None
        if isinstance(refusal, str) and refusal:
            metadata["refusal"] = refusal
        return {"openai": metadata} if metadata else None

    def create_stream_extractor(self) -> _OpenAIChatStreamMetadata:
        """A per-stream extractor that accumulates logprobs and refusal deltas."""
        return _OpenAIChatStreamMetadata()
