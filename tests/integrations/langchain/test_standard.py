"""LangChain's standard suites (``langchain-tests``) on ``ChatAISDK`` and ``AISDKEmbeddings``.

Unit suites run on ``"provider:model"`` strings. Integration suites run once per wire format (OpenAI Chat
Completions, OpenAI Responses, Anthropic Messages, Gemini) against the scripted vendor server on 127.0.0.1,
whose responder answers the suites' prompts as a vendor's model would
(:mod:`tests.integrations.langchain.responder`).
The sample media the suites download are served locally (:func:`fake_download`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from langchain_core.messages import AIMessage
from langchain_tests.integration_tests import ChatModelIntegrationTests, EmbeddingsIntegrationTests
from langchain_tests.unit_tests import ChatModelUnitTests, EmbeddingsUnitTests

from langchain_ai_sdk import AISDKEmbeddings, ChatAISDK
from tests.integrations.langchain.helpers import ServerProvider, fake_download
from tests.integrations.langchain.responder import standard_suite_responder
from tests.support.vendor_server import ScriptedReply, VendorServer

# The suites' async tests are bare ``async def``: they run on anyio's plugin (asyncio backend, tests/conftest.py).
# Run with ``-p no:asyncio``: pytest-asyncio, which langchain-tests installs, warns at start-up about an unset
# option, and warnings are errors in this project.
pytestmark = pytest.mark.anyio

_SERVER: dict[str, VendorServer] = {}


@pytest.fixture(scope="module", autouse=True)
def vendor_server() -> Iterator[VendorServer]:
    with VendorServer(standard_suite_responder) as server:
        _SERVER["server"] = server
        yield server
    _SERVER.clear()


@pytest.fixture(autouse=True)
def offline_media(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(httpx, "get", fake_download)
    # Only asked of polite clients of wikimedia.org; nothing is fetched from there here.
    monkeypatch.setenv("LANGCHAIN_TESTS_USER_AGENT", "ai-sdk-core-tests")


@pytest.fixture(autouse=True)
def standard_responder() -> Iterator[None]:
    server = _SERVER["server"]
    server.responder = standard_suite_responder
    yield
    assert not server.errors, server.errors


class TestChatAISDKUnit(ChatModelUnitTests):
    @property
    def chat_model_class(self) -> type[ChatAISDK]:
        return ChatAISDK

    @property
    def chat_model_params(self) -> dict[str, Any]:
        return {"model": "anthropic:claude-sonnet-4-5"}

    @property
    def init_from_env_params(self) -> tuple[dict[str, str], dict[str, Any], dict[str, Any]]:
        # Keys live with the provider, which reads its environment variable when a request is made.
        return (
            {"ANTHROPIC_API_KEY": "from-the-environment"},
            {"model": "anthropic:claude-sonnet-4-5"},
            {"model_name": "claude-sonnet-4-5"},
        )

    @property
    def has_tool_choice(self) -> bool:
        return True

    @property
    def supports_image_inputs(self) -> bool:
        return True

    @property
    def supports_json_mode(self) -> bool:
        return True

    @property
    def model_override_value(self) -> str:
        return "anthropic:claude-opus-4-1"


class _Integration(ChatModelIntegrationTests):
    wire = ""

    @property
    def chat_model_class(self) -> type[ChatAISDK]:
        return ChatAISDK

    @property
    def chat_model_params(self) -> dict[str, Any]:
        return {"model": "scripted-model-1", "provider": ServerProvider(_SERVER["server"], self.wire)}

    @property
    def has_tool_choice(self) -> bool:
        return True

    @property
    def supports_json_mode(self) -> bool:
        return True

    @property
    def supports_image_inputs(self) -> bool:
        return True

    @property
    def supports_image_urls(self) -> bool:
        return True

    @property
    def supports_pdf_inputs(self) -> bool:
        return True

    @property
    def supports_image_tool_message(self) -> bool:
        return True

    @property
    def supports_pdf_tool_message(self) -> bool:
        return True

    @property
    def supports_anthropic_inputs(self) -> bool:
        return True

    @property
    def model_override_value(self) -> str:
        return "scripted-model-2"

    @property
    def enable_vcr_tests(self) -> bool:
        return True

    @property
    def supported_usage_metadata_details(self) -> dict[Any, list[Any]]:
        details = ["reasoning_output", "cache_read_input"]
        if self.wire == "anthropic":
            details = ["cache_read_input", "cache_creation_input"]
        return {"invoke": details, "stream": details}

    def _invoke_scripted(self, reply: ScriptedReply, *, stream: bool) -> AIMessage:
        server = _SERVER["server"]
        server.responder = lambda request: reply
        model = ChatAISDK(**self.chat_model_params)
        try:
            if not stream:
                return model.invoke("Hello")
            full: Any = None
            for chunk in model.stream("Hello"):
                full = chunk if full is None else full + chunk
            assert isinstance(full, AIMessage)
            return full
        finally:
            server.responder = standard_suite_responder

    def invoke_with_reasoning_output(self, *, stream: bool = False) -> AIMessage:
        reply = ScriptedReply(text="Hi.", reasoning="The user greets me.", reasoning_tokens=12)
        return self._invoke_scripted(reply, stream=stream)

    def invoke_with_cache_read_input(self, *, stream: bool = False) -> AIMessage:
        reply = ScriptedReply(text="Hi.", input_tokens=2000, cached_input_tokens=1536)
        return self._invoke_scripted(reply, stream=stream)

    def invoke_with_cache_creation_input(self, *, stream: bool = False) -> AIMessage:
        return self._invoke_scripted(ScriptedReply(text="Hi.", input_tokens=2000), stream=stream)


class TestOpenAIChatWire(_Integration):
    wire = "openai-chat"

    @property
    def supports_audio_inputs(self) -> bool:
        return True


class TestOpenAIResponsesWire(_Integration):
    """The Responses API: what ``"openai:..."`` model strings use by default."""

    wire = "openai-responses"

    # No audio input in the Responses API (OpenAI documents text, image and file inputs only; the AI SDK raises
    # for audio parts there too): the suite skips ``test_audio_inputs`` on this wire, as on Anthropic's.


class TestAnthropicWire(_Integration):
    wire = "anthropic"


class TestGoogleWire(_Integration):
    wire = "google"

    @property
    def supports_image_urls(self) -> bool:
        # Gemini reads only its own file URLs; other URLs need ChatAISDK(download=True), which resolves and
        # fetches the real host (no network here). ChatGoogleGenerativeAI downloads such URLs itself.
        return False

    @property
    def supports_audio_inputs(self) -> bool:
        return True


class TestAISDKEmbeddingsUnit(EmbeddingsUnitTests):
    @property
    def embeddings_class(self) -> type[AISDKEmbeddings]:
        return AISDKEmbeddings

    @property
    def embedding_model_params(self) -> dict[str, Any]:
        return {"model": "openai:text-embedding-3-small"}

    @property
    def init_from_env_params(self) -> tuple[dict[str, str], dict[str, Any], dict[str, Any]]:
        return (
            {"OPENAI_API_KEY": "from-the-environment"},
            {"model": "openai:text-embedding-3-small"},
            {"model": "openai:text-embedding-3-small"},
        )


class TestAISDKEmbeddingsIntegration(EmbeddingsIntegrationTests):
    @property
    def embeddings_class(self) -> type[AISDKEmbeddings]:
        return AISDKEmbeddings

    @property
    def embedding_model_params(self) -> dict[str, Any]:
        return {"model": "hash-embedding-64", "provider": ServerProvider(_SERVER["server"], "openai-chat")}


@pytest.fixture
def vcr_cassette_dir(request: pytest.FixtureRequest, tmp_path: Any, default_cassette_name: str) -> str:
    """``test_stream_time`` benchmarks a replayed stream: its cassette is recorded here, from the loopback
    vendor, into a throwaway directory (the test then replays it with recording off)."""
    directory = tmp_path / "cassettes"
    if request.node.name == "test_stream_time" and isinstance(request.instance, _Integration):
        import vcr

        model = ChatAISDK(**request.instance.chat_model_params)
        with vcr.VCR().use_cassette(str(directory / f"{default_cassette_name}.yaml"), record_mode="once"):
            chunks = list(model.stream("Write a story about a cat."))
        assert chunks[-1].chunk_position == "last"
    return str(directory)


@pytest.fixture
def vcr_config() -> dict[str, Any]:
    """The benchmark replays the one recorded stream many times."""
    return {"allow_playback_repeats": True}
