"""Fireworks (``FIREWORKS_API_KEY``, ``https://api.fireworks.ai/inference/v1``): plain OpenAI-compatible chat and
embeddings; usage is asked for on streams.

Example::

    from ai_sdk_core import generate_text

    result = generate_text(model="fireworks:accounts/fireworks/models/llama-v3p3-70b-instruct", prompt="Hello")
"""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from ai_sdk_core.provider_utils.secret import Secret
from ai_sdk_core.providers.openai_compatible.preset import PresetProvider, VendorPreset

__all__ = ["FIREWORKS_PRESET", "create_fireworks", "fireworks"]

FIREWORKS_PRESET = VendorPreset(
    name="fireworks",
    base_url="https://api.fireworks.ai/inference/v1",
    api_key_env_var="FIREWORKS_API_KEY",
    include_usage=True,
)


def create_fireworks(
    *,
    api_key: str | Secret | None = None,
    base_url: str | None = None,
    headers: Mapping[str, str] | None = None,
    http_client: httpx.Client | None = None,
    async_http_client: httpx.AsyncClient | None = None,
) -> PresetProvider:
    """A Fireworks provider. The key is ``api_key``, else ``FIREWORKS_API_KEY`` read at request time."""
    return PresetProvider(
        FIREWORKS_PRESET,
        api_key=api_key,
        base_url=base_url,
        headers=headers,
        http_client=http_client,
        async_http_client=async_http_client,
    )


fireworks = create_fireworks()
"""The default Fireworks provider (``FIREWORKS_API_KEY``)."""
