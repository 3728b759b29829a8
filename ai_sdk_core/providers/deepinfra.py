"""DeepInfra (``DEEPINFRA_API_KEY``, ``https://api.deepinfra.com/v1/openai``): plain OpenAI-compatible chat and
embeddings; usage is asked for on streams.

Example::

    from ai_sdk_core import generate_text

    result = generate_text(model="deepinfra:meta-llama/Llama-3.3-70B-Instruct", prompt="Hello")
"""

from __future__ import annotations

from typing import Unpack

from ai_sdk_core.providers.openai_compatible.preset import PresetProvider, PresetSettings, VendorPreset

__all__ = ["DEEPINFRA_PRESET", "create_deepinfra", "deepinfra"]

DEEPINFRA_PRESET = VendorPreset(
    name="deepinfra",
    base_url="https://api.deepinfra.com/v1/openai",
    api_key_env_var="DEEPINFRA_API_KEY",
    include_usage=True,
)


def create_deepinfra(**settings: Unpack[PresetSettings]) -> PresetProvider:
    """A DeepInfra provider. The key is ``api_key``, else ``DEEPINFRA_API_KEY`` read at request time."""
    return PresetProvider(DEEPINFRA_PRESET, **settings)


deepinfra = create_deepinfra()
"""The default DeepInfra provider (``DEEPINFRA_API_KEY``)."""
