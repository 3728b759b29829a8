"""``FunctionAgent`` and ``AgentWorkflow`` driving ``AISDK`` against a scripted vendor on 127.0.0.1, for the
OpenAI Chat, Anthropic and Gemini wire formats, streaming on and off, over several steps."""

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
from llama_index.core.tools import FunctionTool

from llama_index.llms.ai_sdk import AISDK
from tests.support.vendor_server import ScriptedReply, ScriptedToolCall, VendorServer, reply_sequence

pytestmark = pytest.mark.anyio

WIRES = ["openai-chat", "anthropic", "google"]
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
    if first.wire == "anthropic":
        assert assistant["reasoning"] == "I need both results first."


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


@pytest.mark.parametrize("wire", WIRES)
async def test_images_reach_each_vendor(wire: str) -> None:
    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    )
    message = ChatMessage(
        role=MessageRole.USER, blocks=[TextBlock(text="What is in the picture?"), ImageBlock(image=png)]
    )
    async with VendorServer(lambda request: ScriptedReply(text="A single pixel.")) as server:
        llm = AISDK(server.language_model(wire))
        assert (await llm.achat([message])).message.content == "A single pixel."
        (request,) = server.requests
        assert request.messages[-1]["images"] == 1
        assert request.last_user_text == "What is in the picture?"
