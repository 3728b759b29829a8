"""``create_google_generative_ai`` (alias ``create_google``) and the default ``google`` provider.

Nothing is read at import or construction: the API key (``api_key=`` or ``GOOGLE_GENERATIVE_AI_API_KEY``) is
resolved for each request and sent in the ``x-goog-api-key`` header, never in the URL, so it cannot leak
through a logged URL or an error message.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

import httpx

from ai_sdk_core.provider_utils.http import HttpTransport
from ai_sdk_core.provider_utils.secret import Secret
from ai_sdk_core.provider_utils.settings import load_api_key, without_trailing_slash
from ai_sdk_core.providers.google.embedding_model import GoogleEmbeddingConfig, GoogleGenerativeAIEmbeddingModel
from ai_sdk_core.providers.google.language_model import GoogleGenerativeAIConfig, GoogleGenerativeAILanguageModel
from ai_sdk_core.providers.google.response import IdGenerator, generate_id
from ai_sdk_core.providers.google.tools import GoogleProviderTools
from ai_sdk_core.providers.openai_compatible.provider import HttpProviderBase

__all__ = [
    "DEFAULT_GOOGLE_BASE_URL",
    "GoogleGenerativeAIProvider",
    "create_google",
    "create_google_generative_ai",
    "google",
]

DEFAULT_GOOGLE_BASE_URL: Final = "https://generativelanguage.googleapis.com/v1beta"
_API_KEY_VARIABLE: Final = "GOOGLE_GENERATIVE_AI_API_KEY"


def _supported_urls(base_url: str) -> dict[str, tuple[re.Pattern[str], ...]]:
    # Gemini fetches files uploaded through its Files API and YouTube videos itself; the core downloads the rest.
    return {
        "*": (
            re.compile(f"^{re.escape(base_url)}/files/.*$"),
            re.compile(r"^https://(?:www\.)?youtube\.com/watch\?v=[\w-]+(?:&[\w=&.-]*)?$"),
            re.compile(r"^https://youtu\.be/[\w-]+(?:\?[\w=&.-]*)?$"),
        )
    }


class GoogleGenerativeAIProvider(HttpProviderBase):
    """Gemini models of the Generative Language API. ``google("gemini-2.5-flash")`` is a language model.

    One pooled HTTP client per flavour is shared by every model it returns; close it with ``close()``/``aclose()``
    or use the provider as a (async) context manager. Clients passed in are left open.
    """

    tools: Final = GoogleProviderTools()
    """Built-in tools: ``google.tools.google_search()``, ``url_context()``, ``code_execution()``."""

    def __init__(
        self,
        *,
        api_key: str | Secret | None = None,
        base_url: str | None = None,
        headers: Mapping[str, str] | None = None,
        name: str = "google.generative-ai",
        generate_id: IdGenerator = generate_id,
        http_client: httpx.Client | None = None,
        async_http_client: httpx.AsyncClient | None = None,
    ) -> None:
        # Kept as a Secret from the start, so neither a repr nor a traceback's locals can show it.
        self._api_key = Secret(api_key) if isinstance(api_key, str) else api_key
        self.base_url = without_trailing_slash(base_url or DEFAULT_GOOGLE_BASE_URL)
        self._headers = dict(headers or {})
        self.name = name
        self._generate_id = generate_id
        self.transport = HttpTransport(http_client=http_client, async_http_client=async_http_client)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r}, base_url={self.base_url!r})"

    def _request_headers(self) -> dict[str, str]:
        api_key = load_api_key(
            api_key=self._api_key, environment_variable=_API_KEY_VARIABLE, description="Google Generative AI"
        )
        return {"x-goog-api-key": api_key.get_secret_value(), **self._headers}

    def __call__(self, model_id: str) -> GoogleGenerativeAILanguageModel:
        """The language model ``model_id``."""
        return self.language_model(model_id)

    def language_model(self, model_id: str) -> GoogleGenerativeAILanguageModel:
        """A Gemini language model (``gemini-2.5-flash``, ``gemini-3-pro-preview``, ``gemma-3-27b-it``, ...)."""
        return GoogleGenerativeAILanguageModel(
            model_id,
            GoogleGenerativeAIConfig(
                provider=self.name,
                base_url=self.base_url,
                headers=self._request_headers,
                transport=self.transport,
                new_id=self._generate_id,
                supported_urls=_supported_urls(self.base_url),
            ),
        )

    def chat(self, model_id: str) -> GoogleGenerativeAILanguageModel:
        """Alias of :meth:`language_model`."""
        return self.language_model(model_id)

    def embedding_model(self, model_id: str) -> GoogleGenerativeAIEmbeddingModel:
        """A text embedding model (``gemini-embedding-001``, ``text-embedding-004``)."""
        return GoogleGenerativeAIEmbeddingModel(
            model_id,
            GoogleEmbeddingConfig(
                provider=self.name,
                base_url=self.base_url,
                headers=self._request_headers,
                transport=self.transport,
            ),
        )

    def embedding(self, model_id: str) -> GoogleGenerativeAIEmbeddingModel:
        """Alias of :meth:`embedding_model`."""
        return self.embedding_model(model_id)

    def text_embedding(self, model_id: str) -> GoogleGenerativeAIEmbeddingModel:
        """Alias of :meth:`embedding_model`."""
        return self.embedding_model(model_id)

    def text_embedding_model(self, model_id: str) -> GoogleGenerativeAIEmbeddingModel:
        """Alias of :meth:`embedding_model`."""
        return self.embedding_model(model_id)


def create_google_generative_ai(
    *,
    api_key: str | Secret | None = None,
    base_url: str | None = None,
    headers: Mapping[str, str] | None = None,
    name: str = "google.generative-ai",
    generate_id: IdGenerator = generate_id,
    http_client: httpx.Client | None = None,
    async_http_client: httpx.AsyncClient | None = None,
) -> GoogleGenerativeAIProvider:
    """A Gemini provider. The key is ``api_key``, else ``GOOGLE_GENERATIVE_AI_API_KEY`` read at request time
    (a missing one raises ``LoadAPIKeyError``). ``base_url`` defaults to
    ``https://generativelanguage.googleapis.com/v1beta``; ``generate_id`` makes tool-call and source ids.

    Example::

        google = create_google_generative_ai(api_key="...")
        model = google("gemini-2.5-flash")
    """
    return GoogleGenerativeAIProvider(
        api_key=api_key,
        base_url=base_url,
        headers=headers,
        name=name,
        generate_id=generate_id,
        http_client=http_client,
        async_http_client=async_http_client,
    )


create_google = create_google_generative_ai
"""Alias of :func:`create_google_generative_ai`."""

google: Final = GoogleGenerativeAIProvider()
"""The default provider: key from ``GOOGLE_GENERATIVE_AI_API_KEY``, read at request time."""
