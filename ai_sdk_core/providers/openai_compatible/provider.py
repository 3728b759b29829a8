"""``create_openai_compatible``: a provider for any server that speaks OpenAI's wire format.

Local servers (llama.cpp, vLLM, Ollama, LM Studio) and hosted vendors (Groq, Together, Fireworks, ...) accept
the same Chat Completions and embeddings requests; this provider only needs their base URL, and a key if they
want one.
"""

from __future__ import annotations

import types
from collections.abc import Mapping
from typing import Self

import httpx

from ai_sdk_core.provider_utils.http import HttpTransport
from ai_sdk_core.provider_utils.secret import Secret
from ai_sdk_core.provider_utils.settings import load_api_key, without_trailing_slash
from ai_sdk_core.providers.openai_compatible.chat_model import (
    OpenAICompatibleChatConfig,
    OpenAICompatibleChatLanguageModel,
    RequestBodyTransform,
)
from ai_sdk_core.providers.openai_compatible.embedding_model import (
    OpenAICompatibleEmbeddingConfig,
    OpenAICompatibleEmbeddingModel,
)
from ai_sdk_core.providers.openai_compatible.metadata_extractor import MetadataExtractor

__all__ = ["HttpProviderBase", "OpenAICompatibleProvider", "create_openai_compatible"]


class HttpProviderBase:
    """Lifecycle shared by HTTP providers: one :class:`HttpTransport` whose pooled clients ``close()`` /
    ``aclose()`` close, as does leaving ``with`` / ``async with``::

        with create_openai(api_key=key) as openai:
            generate_text(model=openai("gpt-5-mini"), prompt="Hello")

        async with create_anthropic(api_key=key) as anthropic:
            await agenerate_text(model=anthropic("claude-sonnet-4-5"), prompt="Hello")

    Clients passed in (``http_client=``, ``async_http_client=``) are the caller's: they are left open. Closing is
    idempotent, and a closed provider is not dead: its next call opens a new pooled client (as the AI SDK's
    providers have no close at all, code holding a model must not break because someone closed its provider).
    Async clients live per event loop and close on their own loop: see
    :class:`~ai_sdk_core.provider_utils.http_clients.ClientPool`.
    """

    transport: HttpTransport

    def close(self) -> None:
        """Close the pooled clients this provider created: the sync one at once, the async ones of running event
        loops by a task on each loop (not awaited; from async code prefer :meth:`aclose`)."""
        self.transport.close()

    async def aclose(self) -> None:
        """Close the pooled clients this provider created, the current event loop's awaited."""
        await self.transport.aclose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: types.TracebackType | None,
    ) -> None:
        self.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: types.TracebackType | None,
    ) -> None:
        await self.aclose()


class OpenAICompatibleProvider(HttpProviderBase):
    """Models of one OpenAI-compatible server. Call it with a model id for a chat model.

    One pooled HTTP client (per flavour, sync and async) is shared by every model it returns; close it with
    ``close()``/``aclose()`` or use the provider as a (async) context manager. Injected clients are left open.
    """

    def __init__(
        self,
        *,
        name: str,
        base_url: str,
        api_key: str | Secret | None = None,
        api_key_env_var: str | None = None,
        headers: Mapping[str, str] | None = None,
        query_params: Mapping[str, str] | None = None,
        include_usage: bool = False,
        supports_structured_outputs: bool = False,
        transform_request_body: RequestBodyTransform | None = None,
        metadata_extractor: MetadataExtractor | None = None,
        http_client: httpx.Client | httpx.AsyncClient | None = None,
        async_http_client: httpx.AsyncClient | None = None,
    ) -> None:
        self.name = name
        self.base_url = without_trailing_slash(base_url)
        # Held as a Secret from the start, so neither this object's repr nor a traceback's locals show it.
        self._api_key = Secret(api_key) if isinstance(api_key, str) else api_key
        self._api_key_env_var = api_key_env_var
        self._headers = dict(headers or {})
        self._query_params = dict(query_params) if query_params else None
        self._include_usage = include_usage
        self._supports_structured_outputs = supports_structured_outputs
        self._transform_request_body = transform_request_body
        self._metadata_extractor = metadata_extractor
        self.transport = HttpTransport(http_client=http_client, async_http_client=async_http_client)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r}, base_url={self.base_url!r})"

    def _request_headers(self) -> dict[str, str]:
        """Resolved per request: a key set in the environment after the provider was built is still found."""
        headers: dict[str, str] = {}
        api_key = self._api_key
        if api_key is None and self._api_key_env_var is not None:
            api_key = load_api_key(api_key=None, environment_variable=self._api_key_env_var, description=self.name)
        if api_key is not None:
            headers["authorization"] = f"Bearer {api_key.get_secret_value()}"
        headers.update(self._headers)
        return headers

    def __call__(self, model_id: str) -> OpenAICompatibleChatLanguageModel:
        """The chat model ``model_id``."""
        return self.chat_model(model_id)

    def chat_model(self, model_id: str) -> OpenAICompatibleChatLanguageModel:
        """A Chat Completions model."""
        return OpenAICompatibleChatLanguageModel(
            model_id,
            OpenAICompatibleChatConfig(
                provider=f"{self.name}.chat",
                base_url=self.base_url,
                headers=self._request_headers,
                transport=self.transport,
                query_params=self._query_params,
                include_usage=self._include_usage,
                supports_structured_outputs=self._supports_structured_outputs,
                transform_request_body=self._transform_request_body,
                metadata_extractor=self._metadata_extractor,
            ),
        )

    def language_model(self, model_id: str) -> OpenAICompatibleChatLanguageModel:
        """The spec's ``Provider.language_model``: the chat model."""
        return self.chat_model(model_id)

    def embedding_model(self, model_id: str) -> OpenAICompatibleEmbeddingModel:
        """A text embedding model."""
        return OpenAICompatibleEmbeddingModel(
            model_id,
            OpenAICompatibleEmbeddingConfig(
                provider=f"{self.name}.embedding",
                base_url=self.base_url,
                headers=self._request_headers,
                transport=self.transport,
                query_params=self._query_params,
            ),
        )

    def text_embedding_model(self, model_id: str) -> OpenAICompatibleEmbeddingModel:
        """Alias of :meth:`embedding_model`."""
        return self.embedding_model(model_id)


def create_openai_compatible(
    *,
    name: str,
    base_url: str,
    api_key: str | Secret | None = None,
    api_key_env_var: str | None = None,
    headers: Mapping[str, str] | None = None,
    query_params: Mapping[str, str] | None = None,
    include_usage: bool = False,
    supports_structured_outputs: bool = False,
    transform_request_body: RequestBodyTransform | None = None,
    metadata_extractor: MetadataExtractor | None = None,
    http_client: httpx.Client | httpx.AsyncClient | None = None,
    async_http_client: httpx.AsyncClient | None = None,
) -> OpenAICompatibleProvider:
    """A provider for an OpenAI-compatible server.

    ``name`` prefixes model ``provider`` strings (``"<name>.chat"``) and keys ``provider_options``. The key is
    ``api_key``, else read from ``api_key_env_var`` at request time (a missing one raises ``LoadAPIKeyError``);
    with neither, no ``Authorization`` header is sent (local servers). ``include_usage`` asks streams for a
    final usage chunk (``stream_options.include_usage``), which not every server accepts.
    ``transform_request_body`` and ``metadata_extractor`` adapt to a vendor's quirks.

    ``http_client`` is your own ``httpx.Client`` or ``httpx.AsyncClient`` (proxies, certificates, mocks); for
    both sync and async calls through your clients, pass the async one as ``async_http_client``. Your clients
    are never bypassed: a call of a flavour you gave no client for raises ``InvalidArgumentError``.

    Example::

        local = create_openai_compatible(name="lmstudio", base_url="http://127.0.0.1:1234/v1")
        model = local("qwen2.5-7b-instruct")
    """
    return OpenAICompatibleProvider(
        name=name,
        base_url=base_url,
        api_key=api_key,
        api_key_env_var=api_key_env_var,
        headers=headers,
        query_params=query_params,
        include_usage=include_usage,
        supports_structured_outputs=supports_structured_outputs,
        transform_request_body=transform_request_body,
        metadata_extractor=metadata_extractor,
        http_client=http_client,
        async_http_client=async_http_client,
    )
