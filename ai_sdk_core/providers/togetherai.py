"""Together AI (``TOGETHER_AI_API_KEY``, ``https://api.together.xyz/v1``): plain OpenAI-compatible chat and
embeddings; usage is asked for on streams.

Example::

    from ai_sdk_core import generate_text

    result = generate_text(model="togetherai:meta-llama/Llama-3.3-70B-Instruct-Turbo", prompt="Hello")
"""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from ai_sdk_core.provider_utils.secret import Secret
from ai_sdk_core.providers.openai_compatible.preset import PresetProvider, VendorPreset

__all__ = ["TOGETHERAI_PRESET", "create_togetherai", "togetherai"]

TOGETHERAI_PRESET = VendorPreset(
    name="togetherai",
    base_url="https://api.together.xyz/v1",
    api_key_env_var="TOGETHER_AI_API_KEY",
    include_usage=True,
)


def create_togetherai(
    *,
    api_key: str | Secret | None = None,
    base_url: str | None = None,
    headers: Mapping[str, str] | None = None,
    http_client: httpx.Client | None = None,
    async_http_client: httpx.AsyncClient | None = None,
) -> PresetProvider:
    """A Together AI provider. The key is ``api_key``, else ``TOGETHER_AI_API_KEY`` read at request time."""
    return PresetProvider(
        TOGETHERAI_PRESET,
        api_key=api_key,
        base_url=base_url,
        headers=headers,
        http_client=http_client,
        async_http_client=async_http_client,
    )


togetherai = create_togetherai()
"""The default Together AI provider (``TOGETHER_AI_API_KEY``)."""
