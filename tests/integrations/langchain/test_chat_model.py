"""``ChatAISDK`` in the ways LangChain users use a chat model: chains, tool loops, streaming, callbacks, options.

Each test runs against the scripted vendor server on 127.0.0.1 and checks what went over the wire as well as
what LangChain sees.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, HumanMessage, SystemMessage, ToolMessage
from langchain_core.output_parsers import StrOutputParser
from langchain_core.outputs import LLMResult
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.tools import tool
from pydantic import SecretStr

from ai_sdk_core import APICallError, InvalidArgumentError, RetryError
from langchain_ai_sdk import ChatAISDK
from tests.integrations.langchain.helpers import ServerProvider, b64, png_bytes
from tests.integrations.langchain.responder import standard_suite_responder
from tests.support.vendor_server import ScriptedReply, ScriptedToolCall, VendorServer, reply_sequence

pytestmark = pytest.mark.anyio

WIRES = ("openai-chat", "openai-responses", "anthropic", "google")


@pytest.fixture(scope="module")
def server() -> Iterator[VendorServer]:
    with VendorServer(standard_suite_responder) as running:
        yield running


@pytest.fixture(autouse=True)
def reset(server: VendorServer) -> Iterator[None]:
    server.responder = standard_suite_responder
    server.requests.clear()
    yield
    assert not server.errors, server.errors


def chat(server: VendorServer, wire: str = "openai-chat", **options: Any) -> ChatAISDK:
    return ChatAISDK(model="scripted-model-1", provider=ServerProvider(server, wire), **options)


@tool
def get_weather(city: str) -> str:
    """Current weather of a city."""
    return f"Sunny and 22 degrees in {city}."


@tool
def add(a: int, b: int) -> int:
    """Add two integers."""
    return a + b


def merged(chunks: list[AIMessageChunk]) -> AIMessageChunk:
    total = chunks[0]
    for chunk in chunks[1:]:
        total = total + chunk
    return total


@pytest.mark.parametrize("wire", WIRES)
def test_lcel_chain_prompt_model_parser(server: VendorServer, wire: str) -> None:
    server.responder = lambda request: ScriptedReply(text=f"Bonjour! ({request.system})")
    prompt = ChatPromptTemplate.from_messages([("system", "Answer in {language}."), ("human", "{question}")])
    chain = prompt | chat(server, wire) | StrOutputParser()

    assert chain.invoke({"language": "French", "question": "Say hi"}) == "Bonjour! (Answer in French.)"
    assert "".join(chain.stream({"language": "French", "question": "Say hi"})) == "Bonjour! (Answer in French.)"
    assert server.requests[-1].last_user_text == "Say hi"
    assert server.requests[-1].stream is True


@pytest.mark.parametrize("wire", WIRES)
def test_tool_calling_loop_sends_results_back(server: VendorServer, wire: str) -> None:
    server.responder = reply_sequence(
        ScriptedReply(tool_calls=[ScriptedToolCall("get_weather", {"city": "Paris"})]),
        lambda request: ScriptedReply(text=f"It is {request.tool_results[-1]['content']}"),
    )
    llm = chat(server, wire).bind_tools([get_weather, add])
    tools = {"get_weather": get_weather, "add": add}
    messages: list[BaseMessage] = [HumanMessage("Weather in Paris?")]
    while True:
        answer = llm.invoke(messages)
        messages.append(answer)
        if not answer.tool_calls:
            break
        messages.extend(tools[call["name"]].invoke(call) for call in answer.tool_calls)

    assert isinstance(messages[1], AIMessage)
    assert messages[1].tool_calls[0]["args"] == {"city": "Paris"}
    assert isinstance(messages[2], ToolMessage)
    assert answer.text == "It is Sunny and 22 degrees in Paris."
    second = server.requests[1]
    assert [tool["name"] for tool in second.tools] == ["get_weather", "add"]
    assert second.tool_results[0]["name"] == "get_weather"
    assert "Paris" in second.tool_results[0]["content"]


@pytest.mark.parametrize("wire", WIRES)
def test_streamed_tool_call_chunks_merge_by_index(server: VendorServer, wire: str) -> None:
    server.responder = lambda request: ScriptedReply(
        tool_calls=[
            ScriptedToolCall("get_weather", {"city": "San Francisco, California"}),
            ScriptedToolCall("add", {"a": 12345, "b": 67890}),
        ],
        chunk_size=4,
    )
    chunks = list(chat(server, wire).bind_tools([get_weather, add]).stream("Weather and a sum"))
    full = merged(chunks)

    assert [(call["name"], call["args"]) for call in full.tool_calls] == [
        ("get_weather", {"city": "San Francisco, California"}),
        ("add", {"a": 12345, "b": 67890}),
    ]
    assert all(call["id"] for call in full.tool_calls)
    assert {chunk["index"] for chunk in full.tool_call_chunks} == {0, 1}
    assert full.invalid_tool_calls == []


def test_stream_sends_usage_and_metadata_once(server: VendorServer) -> None:
    server.responder = lambda request: ScriptedReply(
        text="a fairly long answer " * 5, input_tokens=40, output_tokens=25
    )
    chunks = list(chat(server).stream("Hello"))
    full = merged(chunks)

    assert len(chunks) > 3
    assert sum(1 for chunk in chunks if chunk.usage_metadata) == 1
    assert sum(1 for chunk in chunks if chunk.response_metadata) == 1
    assert full.usage_metadata is not None
    assert (full.usage_metadata["input_tokens"], full.usage_metadata["output_tokens"]) == (40, 25)
    assert full.response_metadata["model_name"] == "scripted-model-1"
    assert full.response_metadata["finish_reason"] == "stop"
    assert chunks[-1].chunk_position == "last"


def test_usage_details_cache_and_reasoning(server: VendorServer) -> None:
    server.responder = lambda request: ScriptedReply(
        text="ok",
        reasoning="thinking",
        input_tokens=1000,
        cached_input_tokens=600,
        output_tokens=50,
        reasoning_tokens=30,
    )
    message = chat(server, "openai-chat").invoke("Hello")

    assert message.usage_metadata is not None
    assert message.usage_metadata["input_token_details"]["cache_read"] == 600
    assert message.usage_metadata["output_token_details"]["reasoning"] == 30
    assert message.usage_metadata["output_tokens"] == 50  # OpenAI counts reasoning inside the output tokens
    assert message.usage_metadata["total_tokens"] == 1050


class _Recorder(BaseCallbackHandler):
    def __init__(self) -> None:
        self.tokens: list[str] = []
        self.ends: list[LLMResult] = []
        self.starts = 0

    def on_chat_model_start(self, serialized: Any, messages: Any, **kwargs: Any) -> None:
        self.starts += 1

    def on_llm_new_token(self, token: str, **kwargs: Any) -> None:
        self.tokens.append(token)

    def on_llm_end(self, response: LLMResult, **kwargs: Any) -> None:
        self.ends.append(response)


def test_callbacks_fire_per_token_and_at_the_end(server: VendorServer) -> None:
    server.responder = lambda request: ScriptedReply(text="one two three four", chunk_size=4)
    recorder = _Recorder()
    text = "".join(chunk.text for chunk in chat(server).stream("Count", config={"callbacks": [recorder]}))

    assert text == "one two three four"
    assert "".join(recorder.tokens) == text
    assert len([token for token in recorder.tokens if token]) >= 4
    assert recorder.starts == 1 and len(recorder.ends) == 1

    recorder = _Recorder()
    chat(server).invoke("Count", config={"callbacks": [recorder]})
    assert recorder.ends[0].llm_output == {"model_name": "scripted-model-1"}


async def test_sync_invoke_inside_a_running_event_loop(server: VendorServer) -> None:
    asyncio.get_running_loop()  # this test runs inside a loop; the sync path must not start another one
    server.responder = lambda request: ScriptedReply(text="sync inside async")
    assert chat(server).invoke("Hello").text == "sync inside async"
    assert "".join(chunk.text for chunk in chat(server).stream("Hello")) == "sync inside async"


async def test_async_invoke_and_stream(server: VendorServer) -> None:
    server.responder = lambda request: ScriptedReply(text="async answer")
    llm = chat(server, "anthropic")
    assert (await llm.ainvoke("Hello")).text == "async answer"
    chunks = [chunk async for chunk in llm.astream("Hello")]
    assert merged(chunks).text == "async answer"
    assert chunks[-1].chunk_position == "last"


def test_call_options_reach_the_vendor(server: VendorServer) -> None:
    llm = chat(server, "anthropic", temperature=0.3, max_tokens=77, stop=["END"])
    llm.invoke("Hello")
    seen = server.requests[-1]
    assert (seen.temperature, seen.max_tokens, seen.stop) == (0.3, 77, ["END"])

    llm.invoke("Hello", stop=["STOP"], temperature=0.9, model="other-model")
    seen = server.requests[-1]
    assert (seen.temperature, seen.stop, seen.model) == (0.9, ["STOP"], "other-model")

    with pytest.raises(TypeError, match="unexpected call arguments: frobnicate"):
        llm.invoke("Hello", frobnicate=True)


def test_retries_are_the_sdks_only(server: VendorServer) -> None:
    server.responder = reply_sequence(ScriptedReply(status=500), ScriptedReply(text="recovered"))
    assert chat(server, max_retries=1).invoke("Hello").text == "recovered"
    assert len(server.requests) == 2

    server.requests.clear()
    server.responder = lambda request: ScriptedReply(status=500)
    with pytest.raises((APICallError, RetryError)):
        chat(server, max_retries=0).invoke("Hello")
    assert len(server.requests) == 1


def test_images_and_system_messages_are_sent(server: VendorServer) -> None:
    image = b64(png_bytes())
    chat(server, "anthropic").invoke(
        [
            SystemMessage("Be brief."),
            HumanMessage(
                [
                    {"type": "text", "text": "Describe both"},
                    {"type": "image", "base64": image, "mime_type": "image/png"},
                    {"type": "image_url", "image_url": {"url": f"data:image/png;base64,{image}"}},
                ]
            ),
        ]
    )
    seen = server.requests[-1]
    assert seen.system == "Be brief."
    assert seen.messages[-1]["images"] == 2
    assert seen.last_user_text == "Describe both"


def test_invalid_tool_call_arguments_become_invalid_tool_calls(server: VendorServer) -> None:
    from ai_sdk_core.testing import MockLanguageModel, mock_tool_call_result

    model = MockLanguageModel(do_generate=mock_tool_call_result(("call-1", "add", '{"a": 1, "b":')))
    message = ChatAISDK(model=model).bind_tools([add]).invoke("Add")

    assert message.tool_calls == []
    assert message.invalid_tool_calls[0]["name"] == "add"
    assert message.invalid_tool_calls[0]["args"] == '{"a": 1, "b":'
    assert message.invalid_tool_calls[0]["error"]


def test_tool_choice_forms(server: VendorServer) -> None:
    llm = chat(server, "openai-chat")
    for choice, expected in (
        ("any", "required"),
        ("required", "required"),
        ("auto", "auto"),
        ("add", {"type": "function", "function": {"name": "add"}}),
        ({"type": "function", "function": {"name": "add"}}, {"type": "function", "function": {"name": "add"}}),
    ):
        llm.bind_tools([get_weather, add], tool_choice=choice).invoke("What is 1 + 2?")
        assert server.requests[-1].tool_choice == expected, choice
    llm.bind_tools([add], tool_choice=True).invoke("What is 1 + 2?")
    assert server.requests[-1].tool_choice == {"type": "function", "function": {"name": "add"}}


def test_model_strings_identify_provider_and_model() -> None:
    llm = ChatAISDK(model="anthropic:claude-sonnet-4-5", temperature=0.5, max_tokens=10, stop=["x"])
    params = llm._get_ls_params()
    assert params["ls_provider"] == "anthropic"
    assert params["ls_model_name"] == "claude-sonnet-4-5"
    assert (params["ls_temperature"], params["ls_max_tokens"], params["ls_stop"]) == (0.5, 10, ["x"])
    assert llm._get_ls_params(model="openai:gpt-4.1")["ls_provider"] == "openai"
    assert llm.model_name == "claude-sonnet-4-5"


def test_model_objects_identify_provider_and_model(server: VendorServer) -> None:
    llm = ChatAISDK(model=server.language_model("anthropic", "claude-x"))
    assert llm._get_ls_params()["ls_provider"] == "anthropic"
    assert llm._get_ls_params()["ls_model_name"] == "claude-x"
    assert llm._identifying_params["model"] == "anthropic:claude-x"


def test_api_key_is_secret_and_sent_to_the_provider_of_the_model_string(
    server: VendorServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANTHROPIC_BASE_URL", server.base_url("anthropic"))
    llm = ChatAISDK(model="anthropic:claude-sonnet-4-5", api_key="sk-very-secret")
    assert isinstance(llm.api_key, SecretStr)
    assert "sk-very-secret" not in repr(llm) and "sk-very-secret" not in str(llm.model_dump())
    assert llm.invoke("Hello").content
    assert server.requests[-1].headers["x-api-key"] == "sk-very-secret"


def test_base_url_and_api_key_configure_the_provider_of_the_model_string(server: VendorServer) -> None:
    llm = ChatAISDK(model="anthropic:claude-x", api_key="sk-own-key", base_url=server.base_url("anthropic"))
    assert llm.invoke("Hello").content
    assert server.requests[-1].headers["x-api-key"] == "sk-own-key"
    assert server.requests[-1].model == "claude-x"


def test_api_key_needs_a_provider_prefix() -> None:
    llm = ChatAISDK(model="claude-sonnet-4-5", api_key="sk-very-secret")
    with pytest.raises(InvalidArgumentError, match="provider:model") as raised:
        llm.invoke("Hello")
    assert "sk-very-secret" not in str(raised.value)


def test_rejects_a_model_that_is_not_one() -> None:
    with pytest.raises(ValueError, match="provider:model"):
        ChatAISDK(model=42)


def test_parallel_tool_calls_off_for_openai(server: VendorServer) -> None:
    chat(server, "openai-chat").bind_tools([add], parallel_tool_calls=False).invoke("What is 1 + 2?")
    assert server.requests[-1].body["parallel_tool_calls"] is False


def test_parallel_tool_calls_off_for_anthropic(server: VendorServer) -> None:
    chat(server, "anthropic").bind_tools([add], tool_choice="any", parallel_tool_calls=False).invoke("1 + 2?")
    assert server.requests[-1].body["tool_choice"] == {"type": "any", "disable_parallel_tool_use": True}


def test_generated_files_become_content_blocks_and_go_back_as_files() -> None:
    from ai_sdk_core.spec.content import FileContent  # what a provider returns for a generated image
    from ai_sdk_core.testing import MockLanguageModel, mock_text_result, simulate_stream, text_stream_parts

    image = b64(png_bytes())
    generated = mock_text_result("Here it is.")
    generated.content.append(FileContent(media_type="image/png", data=image))
    parts = text_stream_parts("Here ", "it is.")
    parts.insert(-1, FileContent(media_type="image/png", data=image))
    model = MockLanguageModel(do_generate=[generated, mock_text_result("Nice.")], do_stream=simulate_stream(parts))
    llm = ChatAISDK(model=model)

    message = llm.invoke("Draw")
    assert message.content == [
        {"type": "text", "text": "Here it is."},
        {"type": "image", "base64": image, "mime_type": "image/png"},
    ]
    streamed = merged(list(llm.stream("Draw")))
    assert [block["type"] for block in streamed.content_blocks] == ["text", "image"]

    llm.invoke([HumanMessage("Draw"), message, HumanMessage("Thanks")])
    assistant = model.calls[-1].prompt[1]
    assert [part.type for part in assistant.content] == ["text", "file"]


def test_streaming_flag_makes_invoke_stream(server: VendorServer) -> None:
    assert chat(server, streaming=True).invoke("Hello").text
    assert server.requests[-1].stream is True
    assert chat(server).invoke("Hello").text
    assert server.requests[-1].stream is False


def test_timeout_is_the_sdks(server: VendorServer) -> None:
    import time

    from ai_sdk_core import TimeoutBudgetError

    def slow(request: Any) -> ScriptedReply:
        time.sleep(1.5)
        return ScriptedReply(text="too late")

    server.responder = slow
    # The reply would arrive (and the call succeed) without the SDK's time budget.
    with pytest.raises((TimeoutBudgetError, APICallError, RetryError)):
        chat(server, timeout=0.3, max_retries=0).invoke("Hello")
    assert len(server.requests) == 1


def test_provider_objects_name_the_provider_for_tracing() -> None:
    class Acme:
        name = "acme.chat"

        def language_model(self, model_id: str) -> Any:
            raise AssertionError("not called by _get_ls_params")

    llm = ChatAISDK(model="acme-large", provider=Acme())
    assert (llm._get_ls_params()["ls_provider"], llm._get_ls_params()["ls_model_name"]) == ("acme", "acme-large")


def test_unknown_settings_are_refused_not_dropped() -> None:
    from langchain_ai_sdk import AISDKEmbeddings

    with pytest.raises(ValueError, match="max_completion_tokens"):
        ChatAISDK(model="openai:gpt-4.1", max_completion_tokens=5)
    with pytest.raises(ValueError, match="dimensions"):
        AISDKEmbeddings(model="openai:text-embedding-3-small", dimensions=5)
    # ChatOpenAI's spelling of the time budget is accepted too.
    assert ChatAISDK(model="openai:gpt-4.1", request_timeout=5).timeout == 5
