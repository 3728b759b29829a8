"""Together AI (``TOGETHER_AI_API_KEY``, ``https://api.together.xyz/v1``): plain OpenAI-compatible chat and
embeddings; usage is asked for on streams.

Example::

    from ai_sdk_core import generate_text

    result = generate_text(model="togetherai:meta-llama/Llama-3.3-70B-Instruct-Turbo", prompt="Hello")
"""

from __future__ import annotations

from typing import Unpack

from ai_sdk_core.providers.openai_compatible.preset import PresetProvider, PresetSettings, VendorPreset

__all__ = ["TOGETHERAI_PRESET", "create_togetherai", "togetherai"]

TOGETHERAI_PRESET = VendorPreset(
    name="togetherai",
    base_url="https://api.together.xyz/v1",
    api_key_env_var="TOGETHER_AI_API_KEY",
    include_usage=True,
)


def create_togetherai(**settings: Unpack[PresetSettings]) -> PresetProvider:
    """A Together AI provider. The key is ``api_key``, else ``TOGETHER_AI_API_KEY`` read at request time."""
    return PresetProvider(TOGETHERAI_PRESET, **settings)


togetherai = create_togetherai()
"""The default Together AI provider (``TOGETHER_AI_API_KEY``)."""
