"""Cerebras (``CEREBRAS_API_KEY``, ``https://api.cerebras.ai/v1``): plain OpenAI-compatible chat and
embeddings; usage is asked for on streams.

Example::

    from ai_sdk_core import generate_text

    result = generate_text(model="cerebras:llama-3.3-70b", prompt="Hello")
"""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from ai_sdk_core.provider_utils.secret import Secret
from ai_sdk_core.providers.openai_compatible.preset import PresetProvider, VendorPreset

__all__ = ["CEREBRAS_PRESET", "create_cerebras", "cerebras"]

CEREBRAS_PRESET = VendorPreset(
    name="cerebras",
    base_url="https://api.cerebras.ai/v1",
    api_key_env_var="CEREBRAS_API_KEY",
    include_usage=True,
    supports_structured_outputs=True,
)


def create_cerebras(
    *,
    api_key: str | Secret | None = None,
    base_url: str | None = None,
    headers: Mapping[str, str] | None = None,
    http_client: httpx.Client | None = None,
    async_http_client: httpx.AsyncClient | None = None,
) -> PresetProvider:
    """A Cerebras provider. The key is ``api_key``, else ``CEREBRAS_API_KEY`` read at request time."""
    return PresetProvider(
        CEREBRAS_PRESET,
        api_key=api_key,
        base_url=base_url,
        headers=headers,
        http_client=http_client,
        async_http_client=async_http_client,
    )


cerebras = create_cerebras()
"""The default Cerebras provider (``CEREBRAS_API_KEY``)."""
