"""Validation of ``provider_options["google"]`` for Gemini language and embedding models.

Provider options come from the caller, so they are validated strictly (a misspelt key is an error naming it).
Field names follow the wire (camelCase), as in the AI SDK, so what a user reads in Google's documentation is
what they write here. This module imports pydantic: the model classes import it on first use.
"""

# ruff: noqa: N815  (fields are named as on the wire, which is what users read in Google's documentation)
from __future__ import annotations

from typing import Literal

from ai_sdk_core.providers.openai_compatible.options import StrictOptions

__all__ = ["GoogleEmbeddingOptions", "GoogleLanguageModelOptions", "GoogleSafetySetting", "GoogleThinkingConfig"]

HarmBlockThreshold = Literal[
    "HARM_BLOCK_THRESHOLD_UNSPECIFIED",
    "BLOCK_LOW_AND_ABOVE",
    "BLOCK_MEDIUM_AND_ABOVE",
    "BLOCK_ONLY_HIGH",
    "BLOCK_NONE",
    "OFF",
]


class GoogleThinkingConfig(StrictOptions):
    """``generationConfig.thinkingConfig``: a token budget (Gemini 2.5) or a level (Gemini 3).

    >>> GoogleThinkingConfig(thinkingBudget=1024, includeThoughts=True).includeThoughts
    True
    """

    thinkingBudget: int | None = None
    """Tokens the model may think with; ``0`` turns thinking off, ``-1`` lets the model decide."""
    includeThoughts: bool | None = None
    """Return thought summaries (``thought: true`` parts), reported as reasoning."""
    thinkingLevel: Literal["minimal", "low", "medium", "high"] | None = None
    """Gemini 3's coarse alternative to ``thinkingBudget``."""


class GoogleSafetySetting(StrictOptions):
    """One entry of ``safetySettings``."""

    category: str
    threshold: HarmBlockThreshold


class GoogleLanguageModelOptions(StrictOptions):
    """``provider_options["google"]`` of a Gemini call.

    >>> GoogleLanguageModelOptions(thinkingConfig={"thinkingLevel": "low"}).thinkingConfig.thinkingLevel
    'low'
    """

    thinkingConfig: GoogleThinkingConfig | None = None
    cachedContent: str | None = None
    """A cached content resource (``cachedContents/...``) used as context."""
    structuredOutputs: bool | None = None
    """``False`` sends JSON mode without ``responseSchema`` (for schemas Gemini's OpenAPI subset cannot express)."""
    safetySettings: list[GoogleSafetySetting] | None = None
    responseModalities: list[Literal["TEXT", "IMAGE"]] | None = None
    mediaResolution: (
        Literal[
            "MEDIA_RESOLUTION_UNSPECIFIED", "MEDIA_RESOLUTION_LOW", "MEDIA_RESOLUTION_MEDIUM", "MEDIA_RESOLUTION_HIGH"
        ]
        | None
    ) = None
    audioTimestamp: bool | None = None
    labels: dict[str, str] | None = None


class GoogleEmbeddingOptions(StrictOptions):
    """``provider_options["google"]`` of an embedding call.

    >>> GoogleEmbeddingOptions(taskType="RETRIEVAL_QUERY", outputDimensionality=768).outputDimensionality
    768
    """

    outputDimensionality: int | None = None
    """Truncate vectors to this many dimensions."""
    taskType: (
        Literal[
            "SEMANTIC_SIMILARITY",
            "CLASSIFICATION",
            "CLUSTERING",
            "RETRIEVAL_DOCUMENT",
            "RETRIEVAL_QUERY",
            "QUESTION_ANSWERING",
            "FACT_VERIFICATION",
            "CODE_RETRIEVAL_QUERY",
        ]
        | None
    ) = None
    """What the vectors are for; the model optimises them for it."""
