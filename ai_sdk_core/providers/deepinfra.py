"""DeepInfra (``DEEPINFRA_API_KEY``, ``https://api.deepinfra.com/v1/openai``): plain OpenAI-compatible chat and
embeddings; usage is asked for on streams.

Example::

    from ai_sdk_core import generate_text

    result = generate_text(model="deepinfra:meta-llama/Llama-3.3-70B-Instruct", prompt="Hello")
"""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from ai_sdk_core.provider_utils.secret import Secret
from ai_sdk_core.providers.openai_compatible.preset import PresetProvider, VendorPreset

__all__ = ["DEEPINFRA_PRESET", "create_deepinfra", "deepinfra"]

DEEPINFRA_PRESET = VendorPreset(
    name="deepinfra",
    base_url="https://api.deepinfra.com/v1/openai",
    api_key_env_var="DEEPINFRA_API_KEY",
    include_usage=True,
)


def create_deepinfra(
    *,
    api_key: str | Secret | None = None,
    base_url: str | None = None,
    headers: Mapping[str, str] | None = None,
    http_client: httpx.Client | None = None,
    async_http_client: httpx.AsyncClient | None = None,
) -> PresetProvider:
    """A DeepInfra provider. The key is ``api_key``, else ``DEEPINFRA_API_KEY`` read at request time."""
    return PresetProvider(
        DEEPINFRA_PRESET,
        api_key=api_key,
        base_url=base_url,
        headers=headers,
        http_client=http_client,
        async_http_client=async_http_client,
    )


deepinfra = create_deepinfra()
"""The default DeepInfra provider (``DEEPINFRA_API_KEY``)."""
