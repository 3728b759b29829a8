"""``FunctionAgent`` and ``AgentWorkflow`` driving ``AISDK`` against a scripted vendor on 127.0.0.1, for the
OpenAI Chat, OpenAI Responses, Anthropic and Gemini wire formats, streaming on and off, over several steps."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from llama_index.core.agent.workflow import (
    AgentStream,
    AgentWorkflow,
    FunctionAgent,
    ToolCall,
    ToolCallResult,
)
from llama_index.core.base.llms.types import ChatMessage, ImageBlock, MessageRole, TextBlock
from llama_index.core.callbacks import CallbackManager, TokenCountingHandler
from llama_index.core.prompts import PromptTemplate
from llama_index.core.tools import FunctionTool
from llama_index.core.types import PydanticProgramMode
from pydantic import BaseModel

from ai_sdk_core import InvalidArgumentError
from llama_index.llms.ai_sdk import AISDK
from tests.support.vendor_server import (
    FAKE_API_KEY,
    ScriptedReply,
    ScriptedToolCall,
    SeenRequest,
    VendorServer,
    reply_sequence,
)

pytestmark = pytest.mark.anyio

WIRES = ["openai-chat", "openai-responses", "anthropic", "google"]
SIGNATURE = "scripted-signature-1"


def add(a: int, b: int) -> int:
    """Add two integers."""
    return a + b


def multiply(a: int, b: int) -> int:
    """Multiply two integers."""
    return a * b


TOOLS = [FunctionTool.from_defaults(fn=add), FunctionTool.from_defaults(fn=multiply)]


def three_step_script() -> Any:
    """Step 1 thinks and calls add and multiply together, step 2 calls add on their results, step 3 answers."""
    return reply_sequence(
        ScriptedReply(
            text="Working on it.",
            reasoning="I need both results first.",
            reasoning_signature=SIGNATURE,
            tool_calls=[ScriptedToolCall("add", {"a": 2, "b": 3}), ScriptedToolCall("multiply", {"a": 4, "b": 5})],
            input_tokens=100,
            output_tokens=20,
        ),
        ScriptedReply(tool_calls=[ScriptedToolCall("add", {"a": 5, "b": 20})], input_tokens=150, output_tokens=10),
        ScriptedReply(text="The total is 25, as both partial sums add up.", input_tokens=200, output_tokens=12),
    )


def check_conversation(server: VendorServer) -> None:
    """What the vendor saw: the tools, the results of each step, and the first turn's reasoning signature."""
    first, second, third = server.requests
    assert server.errors == []
    assert {tool["name"] for tool in first.tools} == {"add", "multiply"}
    assert first.last_user_text == "What is (2+3) + (4*5)?"
    assert sorted(result["content"] for result in second.tool_results) == ["20", "5"]
    assert [result["content"] for result in third.tool_results][-1] == "25"
    assistant = next(message for message in second.messages if message["role"] == "assistant")
    assert {call["name"] for call in assistant["tool_calls"]} == {"add", "multiply"}
    if first.wire in ("anthropic", "google"):
        # Provider metadata kept across turns: Anthropic's thinking signature, Gemini's thought signature.
        assert assistant["signature"] == SIGNATURE
    if first.wire in ("anthropic", "openai-responses"):
        assert assistant["reasoning"] == "I need both results first."
    if first.wire == "openai-responses":
        # OpenAI's item ids kept across turns: the earlier output goes back as references to the stored items.
        kinds = [item.get("type") for item in second.body["input"]]
        assert kinds.count("item_reference") == 4  # reasoning, text, two calls


@pytest.mark.parametrize("wire", WIRES)
@pytest.mark.parametrize("streaming", [False, True], ids=["blocking", "streaming"])
async def test_function_agent_multi_step(wire: str, streaming: bool) -> None:
    async with VendorServer(three_step_script()) as server:
        counter = TokenCountingHandler()
        llm = AISDK(server.language_model(wire), callback_manager=CallbackManager([counter]))
        agent = FunctionAgent(tools=TOOLS, llm=llm, streaming=streaming, system_prompt="You are a calculator.")
        handler = agent.run(user_msg="What is (2+3) + (4*5)?")
        deltas: list[str] = []
        thinking: list[str] = []
        called: list[str] = []
        results: list[str] = []
        async for event in handler.stream_events():
            if isinstance(event, AgentStream):
                deltas.append(event.delta)
                if event.thinking_delta:
                    thinking.append(event.thinking_delta)
            elif isinstance(event, ToolCallResult):
                results.append(str(event.tool_output.content))
            elif isinstance(event, ToolCall):
                called.append(event.tool_name)
        output = await handler
        assert str(output.response.content) == "The total is 25, as both partial sums add up."
        assert sorted(called) == ["add", "add", "multiply"]
        assert sorted(results) == ["20", "25", "5"]
        check_conversation(server)
        assert server.requests[0].system == "You are a calculator."
        assert all(request.stream is streaming for request in server.requests)
        if streaming:
            # The streamed deltas add up to the answer; the last streamed response became the assistant turn.
            assert "The total is 25, as both partial sums add up." in "".join(deltas)
            assert "".join(thinking) == "I need both results first."
        else:
            assert deltas == []
        # Token counting read the vendor's usage (the scripted numbers), not a local tokenizer.
        assert [(event.prompt_token_count, event.completion_token_count) for event in counter.llm_token_counts] == [
            (100, 20),
            (150, 10),
            (200, 12),
        ]


@pytest.mark.parametrize("wire", WIRES)
@pytest.mark.parametrize("streaming", [False, True], ids=["blocking", "streaming"])
async def test_agent_workflow_hands_off_between_agents(wire: str, streaming: bool) -> None:
    script = reply_sequence(
        ScriptedReply(
            tool_calls=[ScriptedToolCall("handoff", {"to_agent": "calculator", "reason": "arithmetic"})],
        ),
        ScriptedReply(tool_calls=[ScriptedToolCall("multiply", {"a": 6, "b": 7})]),
        ScriptedReply(text="6 times 7 is 42."),
    )
    async with VendorServer(script) as server:
        llm = AISDK(server.language_model(wire))
        router = FunctionAgent(
            name="router",
            description="Sends questions to the right agent.",
            system_prompt="Route every question.",
            llm=llm,
            tools=[],
            can_handoff_to=["calculator"],
            streaming=streaming,
        )
        calculator = FunctionAgent(
            name="calculator",
            description="Does arithmetic with tools.",
            system_prompt="Use the tools.",
            llm=llm,
            tools=TOOLS,
            streaming=streaming,
        )
        workflow = AgentWorkflow(agents=[router, calculator], root_agent="router")
        handler = workflow.run(user_msg="What is 6 times 7?")
        agents_seen: list[str] = []
        async for event in handler.stream_events():
            if isinstance(event, ToolCallResult):
                agents_seen.append(f"{event.tool_name}={event.tool_output.content}")
        output = await handler
        assert str(output.response.content) == "6 times 7 is 42."
        assert output.current_agent_name == "calculator"
        assert agents_seen[-1] == "multiply=42"
        first, second, third = server.requests
        assert [tool["name"] for tool in first.tools] == ["handoff"]
        assert first.system is not None and "Route every question." in first.system
        assert {tool["name"] for tool in second.tools} >= {"add", "multiply"}
        assert second.system is not None and "Use the tools." in second.system
        assert third.tool_results[-1]["content"] == "42"
        assert server.errors == []


@pytest.mark.parametrize("wire", WIRES)
def test_predict_and_call_over_the_wire_blocking(wire: str) -> None:
    script = reply_sequence(ScriptedReply(tool_calls=[ScriptedToolCall("multiply", {"a": 6, "b": 7})]))
    with VendorServer(script) as server:
        llm = AISDK(server.language_model(wire))
        assert str(llm.predict_and_call(TOOLS, user_msg="6*7?")) == "42"
        (request,) = server.requests
        assert {tool["name"] for tool in request.tools} == {"add", "multiply"}


PNG_BASE64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="


@pytest.mark.parametrize("wire", WIRES)
async def test_images_reach_each_vendor(wire: str) -> None:
    png = base64.b64decode(PNG_BASE64)
    message = ChatMessage(
        role=MessageRole.USER, blocks=[TextBlock(text="What is in the picture?"), ImageBlock(image=png)]
    )
    async with VendorServer(lambda request: ScriptedReply(text="A single pixel.")) as server:
        llm = AISDK(server.language_model(wire))
        assert (await llm.achat([message])).message.content == "A single pixel."
        (request,) = server.requests
        assert request.messages[-1]["images"] == 1
        assert request.last_user_text == "What is in the picture?"


def snapshot() -> list[Any]:
    """Take a picture of the screen."""
    return [TextBlock(text="The screen:"), ImageBlock(image=base64.b64decode(PNG_BASE64))]


@pytest.mark.parametrize("wire", WIRES)
async def test_an_image_returned_by_a_tool_reaches_each_vendor(wire: str) -> None:
    script = reply_sequence(
        ScriptedReply(tool_calls=[ScriptedToolCall("snapshot", {})]), ScriptedReply(text="A single pixel.")
    )
    async with VendorServer(script) as server:
        agent = FunctionAgent(tools=[FunctionTool.from_defaults(fn=snapshot)], llm=AISDK(server.language_model(wire)))
        output = await agent.run(user_msg="What is on the screen?")
        assert str(output.response.content) == "A single pixel."
        assert server.errors == []
        body = server.requests[1].body
        (result,) = server.requests[1].tool_results
        assert "The screen:" in str(result["content"])
        # The image went with the tool's result, in each vendor's shape (inline base64; OpenAI Chat has text only).
        if wire == "anthropic":
            (block,) = [
                block
                for message in body["messages"]
                for block in message["content"]
                if block.get("type") == "tool_result"
            ]
            assert {"type": "base64", "media_type": "image/png", "data": PNG_BASE64} in [
                item.get("source") for item in block["content"]
            ]
        elif wire == "google":
            assert {"mimeType": "image/png", "data": PNG_BASE64} in [
                part.get("inlineData") for content in body["contents"] for part in content["parts"]
            ]
        elif wire == "openai-responses":
            (item,) = [item for item in body["input"] if item.get("type") == "function_call_output"]
            assert any(PNG_BASE64 in str(value.get("image_url", "")) for value in item["output"])
        else:
            assert PNG_BASE64 in str(result["content"])


class Album(BaseModel):
    """An album."""

    title: str
    year: int


def album_answer(request: SeenRequest) -> ScriptedReply:
    """The album as a forced tool call when tools are offered, in JSON when JSON of the album's schema was asked
    for, else a refusal that would fail validation."""
    if request.tools:
        return ScriptedReply(tool_calls=[ScriptedToolCall(request.tools[0]["name"], {"title": "Blue", "year": 1971})])
    schema = request.response_format
    if schema is not None and set(schema.get("properties", {})) == {"title", "year"}:
        return ScriptedReply(text='{"title": "Blue", "year": 1971}', chunk_size=5)
    return ScriptedReply(text="I cannot answer in JSON.")


@pytest.mark.parametrize("wire", WIRES)
@pytest.mark.parametrize("mode", [PydanticProgramMode.DEFAULT, PydanticProgramMode.FUNCTION], ids=["json", "tool"])
async def test_structured_predict_over_the_wire(wire: str, mode: PydanticProgramMode) -> None:
    prompt = PromptTemplate("Name an album by {artist}.")
    album = Album(title="Blue", year=1971)
    async with VendorServer(album_answer) as server:
        llm = AISDK(server.language_model(wire), pydantic_program_mode=mode)
        assert await llm.astructured_predict(Album, prompt, artist="Joni Mitchell") == album
        assert llm.structured_predict(Album, prompt, artist="Joni Mitchell") == album
        assert list(llm.stream_structured_predict(Album, prompt, artist="Joni Mitchell"))[-1] == album
        assert server.errors == []
        for request in server.requests:
            assert request.last_user_text == "Name an album by Joni Mitchell."
            if mode == PydanticProgramMode.FUNCTION:
                assert [tool["name"] for tool in request.tools] == ["Album"]
            else:
                # The vendor's own JSON mode with the schema, no tool.
                assert request.tools == [] and request.response_format is not None


@pytest.mark.parametrize("wire", WIRES)
async def test_function_agent_structured_output(wire: str) -> None:
    # FunctionAgent(output_cls=...) asks for the object after the run, through as_structured_llm: JSON mode.
    script = reply_sequence(ScriptedReply(text="Blue, from 1971."), album_answer)
    async with VendorServer(script) as server:
        agent = FunctionAgent(tools=TOOLS, llm=AISDK(server.language_model(wire)), output_cls=Album)
        output = await agent.run(user_msg="Name an album by Joni Mitchell.")
        assert output.structured_response == {"title": "Blue", "year": 1971}
        answer, structured = server.requests
        assert {tool["name"] for tool in answer.tools} == {"add", "multiply"}
        assert structured.tools == [] and structured.response_format is not None
        assert "Blue, from 1971." in structured.last_user_text


def test_api_key_and_base_url_for_provider_strings() -> None:
    with VendorServer(lambda request: ScriptedReply(text="hello")) as server:
        llm = AISDK("anthropic:claude-sonnet-4-5", api_key=FAKE_API_KEY, base_url=server.base_url("anthropic"))
        assert llm.complete("Hi").text == "hello"
        (request,) = server.requests
        assert request.headers["x-api-key"] == FAKE_API_KEY
        assert llm.language_model.model_id == "claude-sonnet-4-5"
        for text in (repr(llm), str(llm.to_dict()), llm.to_json()):
            assert FAKE_API_KEY not in text
        # The same settings share one provider (and its pooled HTTP client).
        again = AISDK("anthropic:claude-haiku-4-5", api_key=FAKE_API_KEY, base_url=server.base_url("anthropic"))
        assert again.language_model.provider == llm.language_model.provider
    with pytest.raises(InvalidArgumentError, match="provider:model"):
        AISDK(server.language_model("anthropic"), api_key="another-key")
