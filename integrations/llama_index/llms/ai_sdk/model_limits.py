"""Context windows and output limits of well-known models, for ``LLMMetadata`` (LlamaIndex sizes its prompts
and chunks with them). Matched by model id prefix, longest first; unknown models get LlamaIndex's defaults
unless the caller passes ``context_window=`` / ``max_tokens=``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

__all__ = ["ModelLimits", "known_limits"]

ModelLimits = tuple[int, int]  # (context window, output limit), in tokens

# Published limits of each family's current models; a prefix covers dated and point releases.
_LIMITS: Final[dict[str, ModelLimits]] = {
    "gpt-5": (400_000, 128_000),
    "gpt-4.1": (1_047_576, 32_768),
    "gpt-4o": (128_000, 16_384),
    "gpt-4-turbo": (128_000, 4_096),
    "gpt-3.5-turbo": (16_385, 4_096),
    "o1": (200_000, 100_000),
    "o3": (200_000, 100_000),
    "o4-mini": (200_000, 100_000),
    "claude-opus-4": (200_000, 32_000),
    "claude-sonnet-4": (200_000, 64_000),
    "claude-haiku-4": (200_000, 64_000),
    "claude-3-7-sonnet": (200_000, 64_000),
    "claude-3-5-haiku": (200_000, 8_192),
    "claude-3-5-sonnet": (200_000, 8_192),
    "gemini-2.5": (1_048_576, 65_536),
    "gemini-2.0-flash": (1_048_576, 8_192),
    "gemini-1.5-pro": (2_097_152, 8_192),
    "gemini-1.5-flash": (1_048_576, 8_192),
}
_PREFIXES: Final = sorted(_LIMITS, key=len, reverse=True)

# The in-process llama.cpp provider loads its models with a 4096-token context by default.
_LOCAL_PROVIDER_PREFIX: Final = "llama-cpp"
_LOCAL_CONTEXT_WINDOW: Final = 4_096


@lru_cache(maxsize=256)  # asked at every call (LlamaIndex reads the metadata for its events)
def known_limits(provider: str, model_id: str) -> ModelLimits | None:
    """``(context window, output limit)`` of ``model_id``, or None when unknown."""
    name = model_id.rsplit("/", 1)[-1].lower()
    for prefix in _PREFIXES:
        if name.startswith(prefix):
            return _LIMITS[prefix]
    if provider.startswith(_LOCAL_PROVIDER_PREFIX):
        return (_LOCAL_CONTEXT_WINDOW, _LOCAL_CONTEXT_WINDOW // 4)
    return None
