"""LangChain v1 standard content blocks in (every kind a user may send) and out (``content_blocks``)."""

from __future__ import annotations

import base64
from collections.abc import Iterator

import pytest
from langchain_core.messages import AIMessage, HumanMessage, ToolMessage

from langchain_ai_sdk import ChatAISDK
from tests.integrations.langchain.helpers import ServerProvider, b64, pdf_bytes, png_bytes
from tests.support.vendor_server import ScriptedReply, VendorServer


@pytest.fixture(scope="module")
def server() -> Iterator[VendorServer]:
    with VendorServer() as running:
        yield running


@pytest.fixture(autouse=True)
def reset(server: VendorServer) -> Iterator[None]:
    server.requests.clear()
    server.responder = lambda request: ScriptedReply(text="Seen.")
    yield
    assert not server.errors, server.errors


def test_v1_input_blocks_reach_gemini_as_parts(server: VendorServer) -> None:
    llm = ChatAISDK(model="scripted-model-1", provider=ServerProvider(server, "google"))
    video = base64.b64encode(b"\x00\x00\x00\x18ftypmp42").decode("ascii")
    message = HumanMessage(
        content_blocks=[
            {"type": "text", "text": "Describe all of these."},
            {"type": "image", "base64": b64(png_bytes()), "mime_type": "image/png"},
            {"type": "file", "base64": b64(pdf_bytes()), "mime_type": "application/pdf"},
            {"type": "video", "base64": video, "mime_type": "video/mp4"},
            {"type": "text-plain", "text": "Notes: plain text.", "mime_type": "text/plain"},
        ]
    )
    llm.invoke([message])

    parts = server.requests[-1].body["contents"][0]["parts"]
    assert [part["inlineData"]["mimeType"] for part in parts if "inlineData" in part] == [
        "image/png",
        "application/pdf",
        "video/mp4",
    ]
    assert [part["text"] for part in parts if "text" in part] == ["Describe all of these.", "Notes: plain text."]


def test_v1_text_plain_file_is_sent_as_a_text_file(server: VendorServer) -> None:
    llm = ChatAISDK(model="scripted-model-1", provider=ServerProvider(server, "google"))
    data = base64.b64encode(b"line one\nline two").decode("ascii")
    llm.invoke([HumanMessage(content_blocks=[{"type": "text-plain", "base64": data, "mime_type": "text/plain"}])])

    (part,) = server.requests[-1].body["contents"][0]["parts"]
    assert part["inlineData"] == {"mimeType": "text/plain", "data": data}


@pytest.mark.parametrize("wire", ["openai-responses", "anthropic", "google"])
def test_output_content_blocks_are_standard(server: VendorServer, wire: str) -> None:
    server.responder = lambda request: ScriptedReply(text="Forty-two.", reasoning="Six times seven.")
    message = ChatAISDK(model="scripted-model-1", provider=ServerProvider(server, wire)).invoke("Question?")

    assert isinstance(message, AIMessage)
    assert [(block["type"], block.get("text", block.get("reasoning"))) for block in message.content_blocks] == [
        ("reasoning", "Six times seven."),
        ("text", "Forty-two."),
    ]
    assert message.text == "Forty-two."


def test_chat_openai_responses_history_keeps_its_reasoning_items(server: VendorServer) -> None:
    # An assistant turn as ``ChatOpenAI`` returns it on the Responses API with ``store=False``.
    history_turn = AIMessage(
        [
            {
                "type": "reasoning",
                "id": "rs_from_chat_openai",
                "summary": [{"type": "summary_text", "text": "A greeting."}],
                "encrypted_content": "opaque-encrypted",
            },
            {"type": "text", "text": "Hello!", "id": "msg_from_chat_openai", "annotations": []},
        ]
    )
    llm = ChatAISDK(
        model="scripted-model-1",
        provider=ServerProvider(server, "openai-responses"),
        provider_options={"openai": {"store": False}},
    )
    llm.invoke([HumanMessage("Hi"), history_turn, HumanMessage("How are you?")])

    items = server.requests[-1].body["input"]
    assert items[1] == {
        "type": "reasoning",
        "id": "rs_from_chat_openai",
        "summary": [{"type": "summary_text", "text": "A greeting."}],
        "encrypted_content": "opaque-encrypted",
    }
    assert items[2]["id"] == "msg_from_chat_openai"


def test_v1_tool_call_blocks_alone_are_sent_as_calls(server: VendorServer) -> None:
    # ``AIMessage(content=[...])`` with v1 ``tool_call`` blocks leaves ``tool_calls`` empty: the blocks carry them.
    turn = AIMessage([{"type": "tool_call", "id": "call-1", "name": "add", "args": {"a": 1, "b": 2}}])
    llm = ChatAISDK(model="scripted-model-1", provider=ServerProvider(server, "anthropic"))
    llm.invoke([HumanMessage("Add"), turn, ToolMessage("3", tool_call_id="call-1")])

    assistant = server.requests[-1].body["messages"][1]["content"]
    assert assistant == [{"type": "tool_use", "id": "call-1", "name": "add", "input": {"a": 1, "b": 2}}]
