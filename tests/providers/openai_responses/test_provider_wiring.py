"""``openai(...)`` is the Responses API model, as in the AI SDK; ``openai.chat(...)`` stays Chat Completions."""

from __future__ import annotations

import httpx
import pytest

from ai_sdk_core import agenerate_text, generate_text
from ai_sdk_core.providers.openai import create_openai
from ai_sdk_core.providers.openai.responses import OpenAIResponsesLanguageModel
from ai_sdk_core.providers.openai_compatible.chat_model import OpenAICompatibleChatLanguageModel
from ai_sdk_core.registry.builtin import resolve_language_model
from ai_sdk_core.spec import ProviderTool
from ai_sdk_core.testing.replay import ReplayTransport

from .conftest import API_KEY, FIXTURES

pytestmark = pytest.mark.anyio


def test_the_default_model_kind_is_responses_and_chat_is_still_there() -> None:
    provider = create_openai(api_key=API_KEY)
    assert isinstance(provider("gpt-5-mini"), OpenAIResponsesLanguageModel)
    assert isinstance(provider.responses("gpt-5-mini"), OpenAIResponsesLanguageModel)
    assert isinstance(provider.language_model("gpt-5-mini"), OpenAIResponsesLanguageModel)
    assert isinstance(provider.chat("gpt-4o-mini"), OpenAICompatibleChatLanguageModel)
    assert provider("gpt-5-mini").provider == "openai.responses"


def test_registry_strings_resolve_to_the_responses_model() -> None:
    model = resolve_language_model("openai:gpt-5-mini")
    assert isinstance(model, OpenAIResponsesLanguageModel)
    assert model.model_id == "gpt-5-mini"


def test_built_in_tools_hang_off_the_provider() -> None:
    tool = create_openai(api_key=API_KEY).tools.web_search()
    assert isinstance(tool, ProviderTool)
    assert tool.id == "openai.web_search"


@pytest.mark.parametrize("mode", ["sync", "async"])
async def test_generate_text_over_the_default_model_posts_to_responses(mode: str) -> None:
    transport = ReplayTransport.from_fixtures(FIXTURES, "text")
    provider = create_openai(
        api_key=API_KEY,
        base_url="https://api.openai.test/v1",
        http_client=httpx.Client(transport=transport),
        async_http_client=httpx.AsyncClient(transport=transport),
    )
    with provider:
        if mode == "sync":
            result = generate_text(model=provider("gpt-5-mini"), prompt="Weather in Paris?")
        else:
            result = await agenerate_text(model=provider("gpt-5-mini"), prompt="Weather in Paris?")
    assert result.text == "It is sunny in Paris today."
    request = transport.requests[0]
    assert request.url == "https://api.openai.test/v1/responses"
    assert request.headers["authorization"] == f"Bearer {API_KEY}"
    assert request.json["model"] == "gpt-5-mini"
    assert request.json["input"][0]["role"] == "user"
