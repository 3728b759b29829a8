"""Agent: settings held and applied, the 20-step default, prompt/messages, delegation to the text loop."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel

from ai_sdk_core.agent import DEFAULT_AGENT_STOP_CONDITION, Agent
from ai_sdk_core.generate_text.results import ToolCall, ToolResult
from ai_sdk_core.output import Output
from ai_sdk_core.spec.errors import InvalidArgumentError, InvalidPromptError
from ai_sdk_core.testing.mock_models import (
    MockLanguageModel,
    mock_tool_call_result,
    simulate_stream,
    tool_call_stream_parts,
)
from ai_sdk_core.tools import dynamic_tool, has_tool_call, step_count_is, tool
from tests.agent.conftest import Runner, scripted_model

pytestmark = pytest.mark.anyio


def add(a: int, b: int) -> int:
    """Add two numbers.

    Args:
        a: The first number.
        b: The second number.
    """
    return a + b


async def test_agent_runs_the_tool_loop_until_the_model_answers(runner: Runner) -> None:
    model = scripted_model([("call-1", "add", {"a": 2, "b": 3})], "The sum is 5.")
    agent = Agent(model=model, instructions="You add numbers.", tools=[tool(add)])

    outcome = await runner.run(agent, prompt="2+3?")

    assert [step.finish_reason for step in outcome.steps] == ["tool-calls", "stop"]
    assert outcome.steps[0].tool_results[0].output == 5
    assert outcome.result.text == "The sum is 5."
    first_prompt = model.calls[0].prompt
    assert first_prompt[0].role == "system" and first_prompt[0].content == "You add numbers."
    assert [definition.name for definition in model.calls[0].tools or []] == ["add"]
    # The second call reads the tool's result.
    assert model.calls[1].prompt[-1].role == "tool"
    if runner.kind == "stream":
        types = [part.type for part in outcome.parts]
        assert types.count("start-step") == 2 and types[-1] == "finish"


async def test_default_stop_condition_is_twenty_steps(runner: Runner) -> None:
    looping = mock_tool_call_result(("call", "add", {"a": 1, "b": 1}))
    model = MockLanguageModel(
        do_generate=lambda options: looping,
        do_stream=lambda options: simulate_stream(tool_call_stream_parts(("call", "add", {"a": 1, "b": 1}))),
    )
    agent = Agent(model=model, tools={"add": tool(add)})

    outcome = await runner.run(agent, prompt="loop")

    assert agent.stop_when is DEFAULT_AGENT_STOP_CONDITION
    assert len(outcome.steps) == 20
    assert len(model.calls) == 20


async def test_stop_when_and_prepare_step_are_applied(runner: Runner) -> None:
    model = scripted_model(
        [("call-1", "add", {"a": 1, "b": 2})],
        [("call-2", "add", {"a": 3, "b": 4})],
        "never reached",
    )
    seen_steps: list[int] = []

    def prepare_step(options: Any) -> dict[str, Any]:
        seen_steps.append(options.step_number)
        return {"tool_choice": "required"} if options.step_number == 0 else {}

    agent = Agent(model=model, tools={"add": tool(add)}, stop_when=step_count_is(2), prepare_step=prepare_step)

    outcome = await runner.run(agent, prompt="go")

    assert len(outcome.steps) == 2
    assert seen_steps == [0, 1]
    assert model.calls[0].tool_choice is not None and model.calls[0].tool_choice.type == "required"
    assert model.calls[1].tool_choice is None


async def test_call_and_provider_settings_reach_the_model(runner: Runner) -> None:
    model = scripted_model("hi")
    agent = Agent(
        model=model,
        temperature=0.25,
        max_output_tokens=64,
        provider_options={"mock": {"flag": True}},
        headers={"x-trace": "1"},
        tool_choice="none",
        tools={"add": tool(add)},
    )

    await runner.run(agent, prompt="hello")

    call = model.calls[0]
    assert call.temperature == 0.25
    assert call.max_output_tokens == 64
    assert call.provider_options == {"mock": {"flag": True}}
    assert call.headers == {"x-trace": "1"}
    assert call.tool_choice is not None and call.tool_choice.type == "none"


async def test_messages_instead_of_prompt(runner: Runner) -> None:
    model = scripted_model("Paris.")
    agent = Agent(model=model)
    messages = [
        {"role": "user", "content": "Capital of France?"},
        {"role": "assistant", "content": "Let me think."},
        {"role": "user", "content": "Well?"},
    ]

    outcome = await runner.run(agent, messages=messages)

    assert outcome.result.text == "Paris."
    assert [message.role for message in model.calls[0].prompt] == ["user", "assistant", "user"]


def test_prompt_and_messages_together_are_refused() -> None:
    agent = Agent(model=scripted_model("x"))
    with pytest.raises(InvalidPromptError, match="either prompt= or messages="):
        agent.generate(prompt="a", messages=[{"role": "user", "content": "b"}])
    with pytest.raises(InvalidPromptError, match="Pass prompt="):
        agent.generate()


def test_bad_construction_is_refused() -> None:
    with pytest.raises(TypeError, match="unexpected keyword arguments: temprature"):
        Agent(model=scripted_model("x"), temprature=0.1)  # type: ignore[call-arg]
    with pytest.raises(InvalidArgumentError, match="needs a model"):
        Agent(model=None)  # type: ignore[arg-type]


async def test_has_tool_call_stop_condition_list(runner: Runner) -> None:
    model = scripted_model([("call-1", "finish", {"answer": "done"})], "unused")
    finish = tool(description="Give the final answer", input_schema={"type": "object"}, execute=lambda value: "ok")
    agent = Agent(model=model, tools={"finish": finish}, stop_when=[has_tool_call("finish"), step_count_is(5)])

    outcome = await runner.run(agent, prompt="go")

    assert len(outcome.steps) == 1
    assert len(model.calls) == 1


async def test_dynamic_tools_keep_working(runner: Runner) -> None:
    received: list[Any] = []

    def lookup(value: Any) -> str:
        received.append(value)
        return f"found {value['key']}"

    model = scripted_model([("call-1", "lookup", {"key": "k1"})], "done")
    agent = Agent(model=model, tools={"lookup": dynamic_tool(description="Look up a key", execute=lookup)})

    outcome = await runner.run(agent, prompt="find k1")

    assert received == [{"key": "k1"}]
    call = outcome.steps[0].tool_calls[0]
    result = outcome.steps[0].tool_results[0]
    assert isinstance(call, ToolCall) and call.dynamic
    assert isinstance(result, ToolResult) and result.dynamic and result.output == "found k1"
    if runner.kind == "stream":
        assert any(part.type == "tool-result" and getattr(part, "dynamic", False) for part in outcome.parts)


class City(BaseModel):
    name: str
    country: str


@pytest.mark.parametrize("mode", ["sync", "async"])
async def test_structured_output_after_tools(mode: str) -> None:
    model = scripted_model([("call-1", "add", {"a": 1, "b": 1})], '{"name": "Paris", "country": "France"}')
    agent = Agent(model=model, tools={"add": tool(add)}, output=Output.object(City))

    result = agent.generate(prompt="city") if mode == "sync" else await agent.agenerate(prompt="city")

    assert result.output == City(name="Paris", country="France")
    assert len(result.steps) == 2


def test_repr_names_model_and_tools() -> None:
    agent = Agent(model=scripted_model("x"), tools={"add": tool(add)}, id="calculator")
    assert repr(agent) == "Agent(id='calculator', model='mock-model-id', tools=['add'])"
