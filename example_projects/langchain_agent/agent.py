"""A LangChain chain and a tool-calling agent loop on any AI SDK model, through ``langchain_ai_sdk.ChatAISDK``.

Runs offline by default on the local model (``llama-cpp:default``, extra ``local``); any provider with
``--model provider:model`` (its API key from the provider's environment variable)::

    python example_projects/langchain_agent/agent.py
    python example_projects/langchain_agent/agent.py --model anthropic:claude-sonnet-4-5
    python example_projects/langchain_agent/agent.py --question "What is 17 * 23, and the weather in Oslo?"
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage, ToolMessage
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.tools import BaseTool, tool

from langchain_ai_sdk import ChatAISDK

LOCAL_MODEL = "llama-cpp:default"
DEFAULT_QUESTION = "What is the weather in Oslo, and what is 17 times 23?"


@tool
def get_weather(city: str) -> str:
    """The current weather of a city."""
    # A stand-in for a real weather service, so the example runs offline.
    return f"{city}: 4 degrees Celsius, light snow."


@tool
def multiply(a: int, b: int) -> int:
    """Multiply two integers."""
    return a * b


TOOLS: list[BaseTool] = [get_weather, multiply]


def run_chain(llm: BaseChatModel, topic: str) -> str:
    """An LCEL chain: prompt template | chat model | string parser."""
    prompt = ChatPromptTemplate.from_messages(
        [("system", "You write one short, friendly sentence."), ("human", "Say something nice about {topic}.")]
    )
    chain = prompt | llm | StrOutputParser()
    return chain.invoke({"topic": topic})


def run_agent(
    llm: BaseChatModel, question: str, *, max_steps: int = 6, on_step: Callable[[AIMessage], None] | None = None
) -> list[BaseMessage]:
    """The classic agent loop: the model asks for tools, we run them and send the results back, until it answers
    in text (or ``max_steps`` model calls were made). Returns the whole conversation."""
    by_name = {item.name: item for item in TOOLS}
    agent = llm.bind_tools(TOOLS)
    messages: list[BaseMessage] = [
        SystemMessage("Use the tools when they help. Answer briefly once you have the facts."),
        HumanMessage(question),
    ]
    for _ in range(max_steps):
        answer = agent.invoke(messages)
        assert isinstance(answer, AIMessage)
        messages.append(answer)
        if on_step is not None:
            on_step(answer)
        if not answer.tool_calls:
            break
        for call in answer.tool_calls:
            chosen = by_name.get(call["name"])
            if chosen is None:
                messages.append(ToolMessage(f"No tool named {call['name']}.", tool_call_id=call["id"], status="error"))
            else:
                messages.append(chosen.invoke(call))
    return messages


def _print_step(answer: AIMessage) -> None:
    for call in answer.tool_calls:
        print(f"  -> {call['name']}({call['args']})")
    if answer.text:
        print(f"  <- {answer.text}")


def main(arguments: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--model",
        default=os.environ.get("AI_SDK_DEFAULT_MODEL", LOCAL_MODEL),
        help=f"provider:model (default: $AI_SDK_DEFAULT_MODEL, else {LOCAL_MODEL})",
    )
    parser.add_argument("--question", default=DEFAULT_QUESTION, help="what to ask the agent")
    options = parser.parse_args(arguments)

    llm = ChatAISDK(model=options.model, temperature=0, max_tokens=512)
    print(f"model: {options.model}")
    print("chain:", run_chain(llm, "autumn mornings"))
    print(f"agent: {options.question}")
    conversation = run_agent(llm, options.question, on_step=_print_step)
    usage: dict[str, Any] = {"input_tokens": 0, "output_tokens": 0}
    for message in conversation:
        if isinstance(message, AIMessage) and message.usage_metadata:
            usage["input_tokens"] += message.usage_metadata["input_tokens"]
            usage["output_tokens"] += message.usage_metadata["output_tokens"]
    print(f"tokens: {usage['input_tokens']} in, {usage['output_tokens']} out", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
