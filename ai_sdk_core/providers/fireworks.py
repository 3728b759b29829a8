"""Fireworks (``FIREWORKS_API_KEY``, ``https://api.fireworks.ai/inference/v1``): plain OpenAI-compatible chat and
embeddings; usage is asked for on streams.

Example::

    from ai_sdk_core import generate_text

    result = generate_text(model="fireworks:accounts/fireworks/models/llama-v3p3-70b-instruct", prompt="Hello")
"""

from __future__ import annotations

from typing import Unpack

from ai_sdk_core.providers.openai_compatible.preset import PresetProvider, PresetSettings, VendorPreset

__all__ = ["FIREWORKS_PRESET", "create_fireworks", "fireworks"]

FIREWORKS_PRESET = VendorPreset(
    name="fireworks",
    base_url="https://api.fireworks.ai/inference/v1",
    api_key_env_var="FIREWORKS_API_KEY",
    include_usage=True,
)


def create_fireworks(**settings: Unpack[PresetSettings]) -> PresetProvider:
    """A Fireworks provider. The key is ``api_key``, else ``FIREWORKS_API_KEY`` read at request time."""
    return PresetProvider(FIREWORKS_PRESET, **settings)


fireworks = create_fireworks()
"""The default Fireworks provider (``FIREWORKS_API_KEY``)."""
