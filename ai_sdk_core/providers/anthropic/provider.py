"""``create_anthropic`` and the default ``anthropic`` provider.

Nothing is read at import or construction: the API key (``api_key=`` or ``ANTHROPIC_API_KEY``) and the base URL
(``base_url=``, ``ANTHROPIC_BASE_URL``, or ``https://api.anthropic.com/v1``) are resolved for each request, so
the default instance works when the environment is set up after import.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

import httpx

from ai_sdk_core.provider_utils.http import HttpTransport
from ai_sdk_core.provider_utils.secret import Secret
from ai_sdk_core.provider_utils.settings import load_api_key, load_optional_setting, without_trailing_slash
from ai_sdk_core.providers.anthropic.language_model import AnthropicMessagesConfig, AnthropicMessagesLanguageModel
from ai_sdk_core.providers.openai_compatible.provider import HttpProviderBase

__all__ = ["ANTHROPIC_VERSION", "DEFAULT_ANTHROPIC_BASE_URL", "AnthropicProvider", "anthropic", "create_anthropic"]

DEFAULT_ANTHROPIC_BASE_URL: Final = "https://api.anthropic.com/v1"
ANTHROPIC_VERSION: Final = "2023-06-01"
"""The ``anthropic-version`` header every request carries (the Messages API's one stable version)."""

# The API fetches images and PDFs from public URLs itself; the core need not download them.
_SUPPORTED_URLS: Final = {
    "image/*": (re.compile(r"^https?://.*$"),),
    "application/pdf": (re.compile(r"^https?://.*$"),),
}


class AnthropicProvider(HttpProviderBase):
    """Anthropic's Claude models: ``anthropic("claude-sonnet-4-5")`` is a Messages API model.

    One pooled HTTP client per flavour is shared by every model it returns; close it with ``close()`` /
    ``aclose()`` or use the provider as a (async) context manager. Injected clients are left open.
    """

    def __init__(
        self,
        *,
        api_key: str | Secret | None = None,
        base_url: str | None = None,
        headers: Mapping[str, str] | None = None,
        name: str = "anthropic",
        http_client: httpx.Client | None = None,
        async_http_client: httpx.AsyncClient | None = None,
    ) -> None:
        # Kept as a Secret from the start, so neither a repr nor a traceback's locals can show it.
        self._api_key = Secret(api_key) if isinstance(api_key, str) else api_key
        self._base_url = base_url
        self._headers = dict(headers or {})
        self.name = name
        self.transport = HttpTransport(http_client=http_client, async_http_client=async_http_client)

    def __repr__(self) -> str:
        base_url = self._base_url if self._base_url is not None else "<ANTHROPIC_BASE_URL or default>"
        return f"{type(self).__name__}(name={self.name!r}, base_url={base_url!r})"

    def base_url(self) -> str:
        """The base URL in effect now: ``base_url=``, else ``ANTHROPIC_BASE_URL``, else the public API."""
        return without_trailing_slash(
            load_optional_setting(self._base_url, "ANTHROPIC_BASE_URL") or DEFAULT_ANTHROPIC_BASE_URL
        )

    def _request_headers(self) -> dict[str, str]:
        api_key = load_api_key(api_key=self._api_key, environment_variable="ANTHROPIC_API_KEY", description="Anthropic")
        headers = {"x-api-key": api_key.get_secret_value(), "anthropic-version": ANTHROPIC_VERSION}
        headers.update(self._headers)
        return headers

    def __call__(self, model_id: str) -> AnthropicMessagesLanguageModel:
        """The Messages API model ``model_id``."""
        return self.messages(model_id)

    def messages(self, model_id: str) -> AnthropicMessagesLanguageModel:
        """A Messages API model (``POST /messages``)."""
        return AnthropicMessagesLanguageModel(
            model_id,
            AnthropicMessagesConfig(
                provider=f"{self.name}.messages",
                base_url=self.base_url,
                headers=self._request_headers,
                transport=self.transport,
                supported_urls=_SUPPORTED_URLS,
            ),
        )

    def language_model(self, model_id: str) -> AnthropicMessagesLanguageModel:
        """The spec's ``Provider.language_model``."""
        return self.messages(model_id)

    def chat(self, model_id: str) -> AnthropicMessagesLanguageModel:
        """Alias of :meth:`messages`."""
        return self.messages(model_id)


def create_anthropic(
    *,
    api_key: str | Secret | None = None,
    base_url: str | None = None,
    headers: Mapping[str, str] | None = None,
    name: str = "anthropic",
    http_client: httpx.Client | None = None,
    async_http_client: httpx.AsyncClient | None = None,
) -> AnthropicProvider:
    """An Anthropic provider. The key is ``api_key``, else ``ANTHROPIC_API_KEY`` read at request time (a
    missing one raises ``LoadAPIKeyError``); it is sent as ``x-api-key``, never to another origin.

    Example::

        claude = create_anthropic(api_key="sk-ant-...")
        model = claude("claude-sonnet-4-5")
    """
    return AnthropicProvider(
        api_key=api_key,
        base_url=base_url,
        headers=headers,
        name=name,
        http_client=http_client,
        async_http_client=async_http_client,
    )


anthropic: Final = create_anthropic()
"""The default provider: ``ANTHROPIC_API_KEY`` and ``ANTHROPIC_BASE_URL`` are read when a request is made."""
