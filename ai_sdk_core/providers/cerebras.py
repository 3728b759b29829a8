"""Cerebras (``CEREBRAS_API_KEY``, ``https://api.cerebras.ai/v1``): plain OpenAI-compatible chat and
embeddings; usage is asked for on streams.

Example::

    from ai_sdk_core import generate_text

    result = generate_text(model="cerebras:llama-3.3-70b", prompt="Hello")
"""

from __future__ import annotations

from typing import Unpack

from ai_sdk_core.providers.openai_compatible.preset import PresetProvider, PresetSettings, VendorPreset

__all__ = ["CEREBRAS_PRESET", "create_cerebras", "cerebras"]

CEREBRAS_PRESET = VendorPreset(
    name="cerebras",
    base_url="https://api.cerebras.ai/v1",
    api_key_env_var="CEREBRAS_API_KEY",
    include_usage=True,
    supports_structured_outputs=True,
)


def create_cerebras(**settings: Unpack[PresetSettings]) -> PresetProvider:
    """A Cerebras provider. The key is ``api_key``, else ``CEREBRAS_API_KEY`` read at request time."""
    return PresetProvider(CEREBRAS_PRESET, **settings)


cerebras = create_cerebras()
"""The default Cerebras provider (``CEREBRAS_API_KEY``)."""
