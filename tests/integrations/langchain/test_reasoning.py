"""Reasoning and provider metadata survive a multi-turn agent: what the model signed comes back signed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, HumanMessage
from langchain_core.tools import tool

from langchain_ai_sdk import ChatAISDK
from tests.integrations.langchain.helpers import ServerProvider
from tests.support.vendor_server import ScriptedReply, ScriptedToolCall, VendorServer, reply_sequence

THOUGHT = "The user wants the weather; I should call the tool."
SIGNATURE = "EqQBCkgIARABGAIiQL-opaque-signature"


@tool
def get_weather(city: str) -> str:
    """Current weather of a city."""
    return f"Sunny in {city}."


@pytest.fixture
def server() -> Iterator[VendorServer]:
    with VendorServer() as running:
        running.responder = reply_sequence(
            ScriptedReply(
                reasoning=THOUGHT,
                reasoning_signature=SIGNATURE,
                tool_calls=[ScriptedToolCall("get_weather", {"city": "Oslo"})],
            ),
            ScriptedReply(text="It is sunny in Oslo.", reasoning="Done.", reasoning_signature="sig-2"),
        )
        yield running
        assert not running.errors, running.errors


def _first_turn(server: VendorServer, wire: str, stream: bool) -> tuple[Any, AIMessage]:
    llm = ChatAISDK(model="scripted-model-1", provider=ServerProvider(server, wire)).bind_tools([get_weather])
    if not stream:
        return llm, llm.invoke("Weather in Oslo?")
    chunks = list(llm.stream("Weather in Oslo?"))
    total: AIMessageChunk = chunks[0]
    for chunk in chunks[1:]:
        total = total + chunk
    return llm, AIMessage(**total.model_dump(exclude={"type", "tool_call_chunks", "chunk_position"}))


def _agent(server: VendorServer, wire: str, stream: bool) -> AIMessage:
    llm, first = _first_turn(server, wire, stream)
    history: list[BaseMessage] = [HumanMessage("Weather in Oslo?"), first]
    history.extend(get_weather.invoke(call) for call in first.tool_calls)
    final = llm.invoke(history)
    assert isinstance(final, AIMessage)
    return first


@pytest.mark.parametrize("stream", [False, True], ids=["invoke", "stream"])
def test_anthropic_thinking_signature_round_trips(server: VendorServer, stream: bool) -> None:
    first = _agent(server, "anthropic", stream)

    reasoning = [block for block in first.content if isinstance(block, dict) and block["type"] == "reasoning"]
    assert [block["reasoning"] for block in reasoning] == [THOUGHT]
    assert reasoning[0]["extras"]["provider_metadata"]["anthropic"]["signature"] == SIGNATURE
    assert [block["type"] for block in first.content_blocks if block["type"] != "tool_call"] == ["reasoning"]
    # The second request carries the thinking block, signed, before the tool use (Anthropic rejects it otherwise).
    assistant = server.requests[1].messages[1]
    assert assistant["role"] == "assistant"
    assert (assistant["reasoning"], assistant["signature"]) == (THOUGHT, SIGNATURE)
    assert assistant["tool_calls"][0]["name"] == "get_weather"
    thinking = server.requests[1].body["messages"][1]["content"][0]
    assert thinking == {"type": "thinking", "thinking": THOUGHT, "signature": SIGNATURE}


@pytest.mark.parametrize("stream", [False, True], ids=["invoke", "stream"])
def test_gemini_thought_signature_on_tool_calls_round_trips(server: VendorServer, stream: bool) -> None:
    first = _agent(server, "google", stream)

    call_id = first.tool_calls[0]["id"]
    assert first.additional_kwargs["tool_call_provider_metadata"][call_id]["google"]["thoughtSignature"] == SIGNATURE
    parts = server.requests[1].body["contents"][1]["parts"]
    calls = [part for part in parts if "functionCall" in part]
    assert calls[0]["thoughtSignature"] == SIGNATURE


def test_anthropic_history_in_anthropic_blocks_is_sent_signed(server: VendorServer) -> None:
    server.responder = lambda request: ScriptedReply(text="Fine, thanks.")
    llm = ChatAISDK(model="scripted-model-1", provider=ServerProvider(server, "anthropic"))
    llm.invoke(
        [
            HumanMessage("Hello"),
            AIMessage(
                [
                    {"type": "thinking", "thinking": "A greeting.", "signature": "sig-from-langchain-anthropic"},
                    {"type": "redacted_thinking", "data": "opaque-redacted"},
                    {"type": "text", "text": "Hello, how are you?"},
                ]
            ),
            HumanMessage("Well, thanks."),
        ]
    )
    content = server.requests[-1].body["messages"][1]["content"]
    assert content[0] == {"type": "thinking", "thinking": "A greeting.", "signature": "sig-from-langchain-anthropic"}
    assert content[1] == {"type": "redacted_thinking", "data": "opaque-redacted"}
    assert content[2]["text"] == "Hello, how are you?"


def test_streamed_reasoning_merges_into_one_block_per_kind(server: VendorServer) -> None:
    server.responder = lambda request: ScriptedReply(
        text="The answer is 42.", reasoning="Long thought " * 6, reasoning_signature="sig-x", chunk_size=5
    )
    llm = ChatAISDK(model="scripted-model-1", provider=ServerProvider(server, "anthropic"))
    chunks = list(llm.stream("Question"))
    total = chunks[0]
    for chunk in chunks[1:]:
        total = total + chunk

    kinds = [block["type"] for block in total.content_blocks]
    assert kinds == ["reasoning", "text"]
    assert total.text == "The answer is 42."
    assert total.content_blocks[0]["reasoning"] == "Long thought " * 6  # type: ignore[typeddict-item]
    signatures = [block for block in total.content if isinstance(block, dict) and block.get("extras")]
    assert signatures[0]["extras"]["provider_metadata"]["anthropic"]["signature"] == "sig-x"


@pytest.mark.parametrize("stream", [False, True], ids=["invoke", "stream"])
def test_openai_responses_items_are_referenced_in_the_next_request(server: VendorServer, stream: bool) -> None:
    first = _agent(server, "openai-responses", stream)

    reasoning = [block for block in first.content if isinstance(block, dict) and block["type"] == "reasoning"]
    reasoning_id = reasoning[0]["extras"]["provider_metadata"]["openai"]["item_id"]
    call_id = first.tool_calls[0]["id"]
    call_item_id = first.additional_kwargs["tool_call_provider_metadata"][call_id]["openai"]["item_id"]
    # With ``store`` on (OpenAI's default) the reasoning and the call go back as references to the stored items.
    sent = server.requests[1].body["input"]
    assert {"type": "item_reference", "id": reasoning_id} in sent
    assert {"type": "item_reference", "id": call_item_id} in sent
    assert sent[-1] == {"type": "function_call_output", "call_id": call_id, "output": "Sunny in Oslo."}
    assert server.requests[1].messages[1]["reasoning"] == THOUGHT


@pytest.mark.parametrize("stream", [False, True], ids=["invoke", "stream"])
def test_openai_responses_encrypted_reasoning_round_trips_without_store(server: VendorServer, stream: bool) -> None:
    options = {"openai": {"store": False, "include": ["reasoning.encrypted_content"]}}
    llm = ChatAISDK(
        model="scripted-model-1", provider=ServerProvider(server, "openai-responses"), provider_options=options
    ).bind_tools([get_weather])
    if stream:
        chunks = list(llm.stream("Weather in Oslo?"))
        first: AIMessage = chunks[0]
        for chunk in chunks[1:]:
            first = first + chunk  # type: ignore[assignment]
    else:
        first = llm.invoke("Weather in Oslo?")
    llm.invoke([HumanMessage("Weather in Oslo?"), first, *(get_weather.invoke(call) for call in first.tool_calls)])

    items = server.requests[1].body["input"]
    reasoning = next(item for item in items if item.get("type") == "reasoning")
    assert reasoning["encrypted_content"] == SIGNATURE
    assert reasoning["summary"] == [{"type": "summary_text", "text": THOUGHT}]
    assert not any(item.get("type") == "item_reference" for item in items)


@pytest.mark.parametrize("stream", [False, True], ids=["invoke", "stream"])
def test_gemini_thought_signature_on_text_round_trips(server: VendorServer, stream: bool) -> None:
    server.responder = lambda request: ScriptedReply(
        text="Hi there.", reasoning="A greeting.", reasoning_signature="g-1"
    )
    llm = ChatAISDK(model="scripted-model-1", provider=ServerProvider(server, "google"))
    if stream:
        chunks = list(llm.stream("Hello"))
        first: Any = chunks[0]
        for chunk in chunks[1:]:
            first = first + chunk
    else:
        first = llm.invoke("Hello")
    llm.invoke([HumanMessage("Hello"), first, HumanMessage("And again?")])

    parts = server.requests[-1].body["contents"][1]["parts"]
    assert parts == [{"text": "A greeting.", "thought": True}, {"text": "Hi there.", "thoughtSignature": "g-1"}]
