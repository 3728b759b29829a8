"""The example project's chain and agent loop, on the scripted vendor server (the example itself defaults to
the local model)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from langchain_core.messages import AIMessage, ToolMessage

from langchain_ai_sdk import ChatAISDK
from tests.integrations.langchain.helpers import ServerProvider
from tests.support.vendor_server import ScriptedReply, ScriptedToolCall, VendorServer

EXAMPLE = Path(__file__).resolve().parents[3] / "example_projects" / "langchain_agent" / "agent.py"


@pytest.fixture(scope="module")
def example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("langchain_agent_example", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _vendor(request: Any) -> ScriptedReply:
    if request.tools and not request.tool_results:
        return ScriptedReply(
            tool_calls=[
                ScriptedToolCall("get_weather", {"city": "Oslo"}),
                ScriptedToolCall("multiply", {"a": 17, "b": 23}),
            ]
        )
    if request.tool_results:
        return ScriptedReply(text="Light snow in Oslo; 17 x 23 = " + request.tool_results[-1]["content"] + ".")
    return ScriptedReply(text=f"A nice sentence. ({request.last_user_text})")


@pytest.mark.parametrize("wire", ["openai-chat", "anthropic", "google"])
def test_example_chain_and_agent(example: ModuleType, wire: str) -> None:
    with VendorServer(_vendor) as server:
        llm = ChatAISDK(model="scripted-model-1", provider=ServerProvider(server, wire), temperature=0)

        assert example.run_chain(llm, "autumn") == "A nice sentence. (Say something nice about autumn.)"
        conversation = example.run_agent(llm, example.DEFAULT_QUESTION)

        tool_messages = [message for message in conversation if isinstance(message, ToolMessage)]
        assert [message.content for message in tool_messages] == ["Oslo: 4 degrees Celsius, light snow.", "391"]
        assert isinstance(conversation[-1], AIMessage)
        assert conversation[-1].text == "Light snow in Oslo; 17 x 23 = 391."
        assert len(server.requests) == 3


def test_example_defaults_to_the_local_model(example: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Any] = []
    monkeypatch.delenv("AI_SDK_DEFAULT_MODEL", raising=False)
    monkeypatch.setattr(example, "run_chain", lambda llm, topic: seen.append(llm.model) or "chain")
    monkeypatch.setattr(example, "run_agent", lambda llm, question, on_step=None: [])
    assert example.main([]) == 0
    assert seen == ["llama-cpp:default"]
