"""``provider_options["llama-cpp"]``: llama.cpp sampling knobs that the common call options do not name."""

from __future__ import annotations

from ai_sdk_core.provider_utils.options import StrictOptions

__all__ = ["LlamaCppOptions"]


class LlamaCppOptions(StrictOptions):
    """Validated strictly: a misspelt key is an error.

    Example::

        provider_options={"llama-cpp": {"repeat_penalty": 1.1, "min_p": 0.1}}
    """

    repeat_penalty: float | None = None
    """Penalty for repeating recent tokens (1.0: none, llama-cpp-python's default)."""
    min_p: float | None = None
    """Drop tokens whose probability is below ``min_p`` times the top token's (default 0.05)."""
    typical_p: float | None = None
    """Locally typical sampling (1.0: off)."""
