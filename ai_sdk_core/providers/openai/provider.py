"""``create_openai`` and the default ``openai`` provider.

Nothing is read at import or construction: the API key (``api_key=`` or ``OPENAI_API_KEY``) and the base URL
(``base_url=``, ``OPENAI_BASE_URL``, or ``https://api.openai.com/v1``) are resolved for each request, so the
default instance works when the environment is set up after import.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Final

import httpx

from ai_sdk_core.provider_utils.http import HttpTransport
from ai_sdk_core.provider_utils.secret import Secret
from ai_sdk_core.provider_utils.settings import load_api_key, load_optional_setting, without_trailing_slash
from ai_sdk_core.providers.openai.chat.metadata import OpenAIChatMetadataExtractor
from ai_sdk_core.providers.openai.chat.request import transform_openai_chat_body
from ai_sdk_core.providers.openai.responses import (
    OpenAIResponsesConfig,
    OpenAIResponsesLanguageModel,
    OpenAITools,
    openai_tools,
)
from ai_sdk_core.providers.openai_compatible.chat_model import (
    OpenAICompatibleChatConfig,
    OpenAICompatibleChatLanguageModel,
)
from ai_sdk_core.providers.openai_compatible.embedding_model import (
    OpenAICompatibleEmbeddingConfig,
    OpenAICompatibleEmbeddingModel,
)
from ai_sdk_core.providers.openai_compatible.provider import HttpProviderBase

if TYPE_CHECKING:
    from ai_sdk_core.providers.openai.image import OpenAIImageModel
    from ai_sdk_core.providers.openai.speech import OpenAISpeechModel
    from ai_sdk_core.providers.openai.transcription import OpenAITranscriptionModel

__all__ = ["DEFAULT_OPENAI_BASE_URL", "OpenAIProvider", "create_openai", "openai"]

DEFAULT_OPENAI_BASE_URL: Final = "https://api.openai.com/v1"

# OpenAI downloads images itself; other files (PDF, audio) must be sent inline to Chat Completions.
_SUPPORTED_URLS: Final = {"image/*": (re.compile(r"^https?://.*$"),)}
# The Responses API also fetches PDFs by URL.
_RESPONSES_SUPPORTED_URLS: Final = {
    "image/*": (re.compile(r"^https?://.*$"),),
    "application/pdf": (re.compile(r"^https?://.*$"),),
}


class OpenAIProvider(HttpProviderBase):
    """OpenAI's models. ``openai("gpt-5-mini")`` is a Responses API model (as in the AI SDK);
    ``openai.chat(...)`` a Chat Completions one. ``openai.tools`` builds OpenAI's built-in tools.

    One pooled HTTP client per flavour is shared by every model it returns; see
    :class:`~ai_sdk_core.providers.openai_compatible.provider.HttpProviderBase` for closing it.
    """

    def __init__(
        self,
        *,
        api_key: str | Secret | None = None,
        base_url: str | None = None,
        organization: str | None = None,
        project: str | None = None,
        headers: Mapping[str, str] | None = None,
        name: str = "openai",
        http_client: httpx.Client | httpx.AsyncClient | None = None,
        async_http_client: httpx.AsyncClient | None = None,
    ) -> None:
        # Kept as a Secret from the start, so neither a repr nor a traceback's locals can show it.
        self._api_key = Secret(api_key) if isinstance(api_key, str) else api_key
        self._base_url = base_url
        self._organization = organization
        self._project = project
        self._headers = dict(headers or {})
        self.name = name
        self.transport = HttpTransport(http_client=http_client, async_http_client=async_http_client)

    def __repr__(self) -> str:
        base_url = self._base_url if self._base_url is not None else "<OPENAI_BASE_URL or default>"
        return f"{type(self).__name__}(name={self.name!r}, base_url={base_url!r})"

    def base_url(self) -> str:
        """The base URL in effect now: ``base_url=``, else ``OPENAI_BASE_URL``, else the public API."""
        return without_trailing_slash(
            load_optional_setting(self._base_url, "OPENAI_BASE_URL") or DEFAULT_OPENAI_BASE_URL
        )

    def _request_headers(self) -> dict[str, str]:
        api_key = load_api_key(api_key=self._api_key, environment_variable="OPENAI_API_KEY", description="OpenAI")
        headers = {"authorization": f"Bearer {api_key.get_secret_value()}"}
        if self._organization is not None:
            headers["openai-organization"] = self._organization
        if self._project is not None:
            headers["openai-project"] = self._project
        headers.update(self._headers)
        return headers

    tools: Final[OpenAITools] = openai_tools
    """OpenAI's built-in tools: ``openai.tools.web_search()``, ``file_search(...)``, ``code_interpreter()``, ..."""

    def __call__(self, model_id: str) -> OpenAIResponsesLanguageModel:
        """The Responses API model ``model_id``, the default kind of OpenAI model."""
        return self.responses(model_id)

    def responses(self, model_id: str) -> OpenAIResponsesLanguageModel:
        """A Responses API model (``POST /responses``): built-in tools, reasoning items, ``previous_response_id``."""
        return OpenAIResponsesLanguageModel(
            model_id,
            OpenAIResponsesConfig(
                provider=f"{self.name}.responses",
                base_url=self.base_url,
                headers=self._request_headers,
                transport=self.transport,
                supported_urls=_RESPONSES_SUPPORTED_URLS,
            ),
        )

    def chat(self, model_id: str) -> OpenAICompatibleChatLanguageModel:
        """A Chat Completions model (``POST /chat/completions``)."""
        # The pydantic options model loads with the first model, not when the provider is imported.
        from ai_sdk_core.providers.openai.chat.options import OpenAIChatOptions

        return OpenAICompatibleChatLanguageModel(
            model_id,
            OpenAICompatibleChatConfig(
                provider=f"{self.name}.chat",
                provider_options_name="openai",
                base_url=self.base_url,
                headers=self._request_headers,
                transport=self.transport,
                include_usage=True,
                supports_structured_outputs=True,
                options_model=OpenAIChatOptions,
                transform_request_body=transform_openai_chat_body,
                metadata_extractor=OpenAIChatMetadataExtractor(),
                supported_urls=_SUPPORTED_URLS,
            ),
        )

    def language_model(self, model_id: str) -> OpenAIResponsesLanguageModel:
        """The spec's ``Provider.language_model``."""
        return self(model_id)

    def embedding(self, model_id: str) -> OpenAICompatibleEmbeddingModel:
        """A text embedding model (``POST /embeddings``), e.g. ``text-embedding-3-small``."""
        return OpenAICompatibleEmbeddingModel(
            model_id,
            OpenAICompatibleEmbeddingConfig(
                provider=f"{self.name}.embedding",
                provider_options_name="openai",
                base_url=self.base_url,
                headers=self._request_headers,
                transport=self.transport,
            ),
        )

    def text_embedding(self, model_id: str) -> OpenAICompatibleEmbeddingModel:
        """Alias of :meth:`embedding`."""
        return self.embedding(model_id)

    def embedding_model(self, model_id: str) -> OpenAICompatibleEmbeddingModel:
        """The spec's ``Provider.embedding_model``."""
        return self.embedding(model_id)

    def text_embedding_model(self, model_id: str) -> OpenAICompatibleEmbeddingModel:
        """Alias of :meth:`embedding`."""
        return self.embedding(model_id)

    # Media models import on first use, so importing the provider stays light.

    def image(self, model_id: str) -> OpenAIImageModel:
        """An image model (``POST /images/generations``): ``gpt-image-1``, ``dall-e-3``, ``dall-e-2``."""
        from ai_sdk_core.providers.openai.image import OpenAIImageConfig, OpenAIImageModel

        config = OpenAIImageConfig(
            provider=f"{self.name}.image",
            base_url=self.base_url,
            headers=self._request_headers,
            transport=self.transport,
        )
        return OpenAIImageModel(model_id, config)

    def image_model(self, model_id: str) -> OpenAIImageModel:
        """The registry's ``image_model``: alias of :meth:`image`."""
        return self.image(model_id)

    def speech(self, model_id: str) -> OpenAISpeechModel:
        """A text-to-speech model (``POST /audio/speech``): ``gpt-4o-mini-tts``, ``tts-1``, ``tts-1-hd``."""
        from ai_sdk_core.providers.openai.speech import OpenAISpeechConfig, OpenAISpeechModel

        config = OpenAISpeechConfig(
            provider=f"{self.name}.speech",
            base_url=self.base_url,
            headers=self._request_headers,
            transport=self.transport,
        )
        return OpenAISpeechModel(model_id, config)

    def speech_model(self, model_id: str) -> OpenAISpeechModel:
        """The registry's ``speech_model``: alias of :meth:`speech`."""
        return self.speech(model_id)

    def transcription(self, model_id: str) -> OpenAITranscriptionModel:
        """A transcription model (``POST /audio/transcriptions``): ``whisper-1``, ``gpt-4o-transcribe``."""
        from ai_sdk_core.providers.openai.transcription import OpenAITranscriptionConfig, OpenAITranscriptionModel

        config = OpenAITranscriptionConfig(
            provider=f"{self.name}.transcription",
            base_url=self.base_url,
            headers=self._request_headers,
            transport=self.transport,
        )
        return OpenAITranscriptionModel(model_id, config)

    def transcription_model(self, model_id: str) -> OpenAITranscriptionModel:
        """The registry's ``transcription_model``: alias of :meth:`transcription`."""
        return self.transcription(model_id)


def create_openai(
    *,
    api_key: str | Secret | None = None,
    base_url: str | None = None,
    organization: str | None = None,
    project: str | None = None,
    headers: Mapping[str, str] | None = None,
    name: str = "openai",
    http_client: httpx.Client | httpx.AsyncClient | None = None,
    async_http_client: httpx.AsyncClient | None = None,
) -> OpenAIProvider:
    """An OpenAI provider. ``organization``/``project`` are sent as ``OpenAI-Organization``/``OpenAI-Project``.

    ``http_client`` is your own ``httpx.Client`` or ``httpx.AsyncClient`` (proxies, certificates, mocks); for
    both sync and async calls through your clients, pass the async one as ``async_http_client``. Your clients
    are never bypassed: a call of a flavour you gave no client for raises ``InvalidArgumentError``.

    Example::

        from ai_sdk_core.providers.openai import create_openai

        openai = create_openai(project="proj_123")
        model = openai("gpt-5-mini")  # the Responses API; openai.chat("gpt-4o-mini") for Chat Completions
        vectors = openai.embedding("text-embedding-3-small")
    """
    return OpenAIProvider(
        api_key=api_key,
        base_url=base_url,
        organization=organization,
        project=project,
        headers=headers,
        name=name,
        http_client=http_client,
        async_http_client=async_http_client,
    )


openai: Final = create_openai()
"""The default provider: key from ``OPENAI_API_KEY`` and base URL from ``OPENAI_BASE_URL``, read per request."""
