"""The multi-step tool loop, through generate and stream, sync and async."""

from __future__ import annotations

import threading
from typing import Any

import anyio
import anyio.lowlevel
import pytest
from pydantic import BaseModel

from ai_sdk_core import (
    APICallError,
    InvalidToolInputError,
    NoSuchToolError,
    PrepareStepResult,
    TimeoutConfig,
    ToolCall,
    ToolError,
    ToolExecutionError,
    ToolResult,
    generate_text,
    has_tool_call,
    step_count_is,
    tool,
)
from ai_sdk_core.spec import (
    AssistantMessage,
    SystemMessage,
    TextContent,
    ToolCallContent,
    ToolCallPart,
    ToolMessage,
    ToolResultPart,
    UserMessage,
)
from ai_sdk_core.testing.mock_models import (
    MockLanguageModel,
    mock_text_result,
    mock_tool_call_result,
    mock_usage,
    text_stream_parts,
    tool_call_stream_parts,
)
from tests.core.conftest import Api

pytestmark = pytest.mark.anyio


def scripted(*steps: tuple[str, Any]) -> dict[str, MockLanguageModel]:
    """The same conversation as a generate model and a stream model.

    Each step is ``("text", "hello")`` or ``("calls", [(id, name, input), ...])``.
    """
    results = []
    streams = []
    for kind, value in steps:
        if kind == "text":
            results.append(mock_text_result(value, usage=mock_usage(2, 5)))
            streams.append(text_stream_parts(value, usage=mock_usage(2, 5)))
        else:
            results.append(mock_tool_call_result(*value, usage=mock_usage(2, 5)))
            streams.append(tool_call_stream_parts(*value, usage=mock_usage(2, 5)))
    return {"generate": MockLanguageModel(do_generate=results), "stream": MockLanguageModel(do_stream=streams)}


async def run(api: Api, flavour: str, models: dict[str, MockLanguageModel], **arguments: Any) -> Any:
    if flavour == "generate":
        return await api.generate(model=models["generate"], **arguments)
    return await api.stream(model=models["stream"], **arguments)


FLAVOURS = pytest.mark.parametrize("flavour", ["generate", "stream"])


@FLAVOURS
async def test_single_step_text(api: Api, flavour: str) -> None:
    models = scripted(("text", "Hello there"))
    result = await run(api, flavour, models, prompt="Hi", instructions="Be brief", temperature=0.3)
    assert result.text == "Hello there"
    assert len(result.steps) == 1
    assert result.finish_reason == "stop"
    call = models[flavour].calls[0]
    assert call.temperature == 0.3
    assert isinstance(call.prompt[0], SystemMessage) and call.prompt[0].content == "Be brief"
    assert isinstance(call.prompt[1], UserMessage) and call.prompt[1].content[0].text == "Hi"  # type: ignore[union-attr]
    assert call.tools is None


@FLAVOURS
async def test_multi_step_tool_loop(api: Api, flavour: str) -> None:
    seen: list[tuple[str, str]] = []

    @tool
    def get_weather(city: str) -> str:
        """Weather of a city."""
        seen.append(("get_weather", city))
        return f"sunny in {city}"

    models = scripted(("calls", [("call-1", "get_weather", {"city": "Paris"})]), ("text", "It is sunny."))
    result = await run(
        api, flavour, models, prompt="Weather?", tools={"get_weather": get_weather}, stop_when=step_count_is(5)
    )
    assert seen == [("get_weather", "Paris")]
    assert result.text == "It is sunny."
    assert len(result.steps) == 2
    assert result.total_usage.input_tokens == 4
    assert result.total_usage.output_tokens == 10
    assert result.total_usage.total_tokens == 14
    first_step = result.steps[0]
    assert [type(part) for part in first_step.content] == [ToolCall, ToolResult]
    assert first_step.tool_results[0].output == "sunny in Paris"

    second_prompt = models[flavour].calls[1].prompt
    assistant, tool_message = second_prompt[1], second_prompt[2]
    assert isinstance(assistant, AssistantMessage) and isinstance(tool_message, ToolMessage)
    call_part = assistant.content[0]
    assert isinstance(call_part, ToolCallPart)
    assert (call_part.tool_call_id, call_part.tool_name, call_part.input) == (
        "call-1",
        "get_weather",
        {"city": "Paris"},
    )
    result_part = tool_message.content[0]
    assert isinstance(result_part, ToolResultPart)
    assert result_part.tool_call_id == "call-1"
    assert (result_part.output.type, result_part.output.value) == ("text", "sunny in Paris")
    tools_offered = models[flavour].calls[0].tools
    assert tools_offered is not None and [definition.name for definition in tools_offered] == ["get_weather"]


async def test_response_messages_and_callbacks(api: Api) -> None:
    step_ends: list[int] = []
    ends: list[str] = []

    @tool
    def echo(value: str) -> str:
        """Echo."""
        return value

    models = scripted(("calls", [("c1", "echo", {"value": "x"})]), ("text", "done"))
    result = await api.generate(
        model=models["generate"],
        prompt="go",
        tools=[echo],
        stop_when=[step_count_is(5)],
        on_step_finish=lambda step: step_ends.append(step.step_number),
        on_end=lambda final: ends.append(final.text),
    )
    assert step_ends == [0, 1]
    assert ends == ["done"]
    assert [message.role for message in result.response.messages] == ["assistant", "tool", "assistant"]


@FLAVOURS
async def test_parallel_tools_run_concurrently_and_keep_order(api: Api, flavour: str) -> None:
    # Both tools wait at a barrier: it only opens if both run at the same time (bounded: 5 s, then broken).
    barrier = threading.Barrier(2, timeout=5)
    second_done = threading.Event()

    @tool
    def slow(name: str) -> str:
        """Waits for its sibling, and finishes after it."""
        barrier.wait()
        if name == "first":
            assert second_done.wait(timeout=5)
        else:
            second_done.set()
        return name

    models = scripted(
        ("calls", [("a", "slow", {"name": "first"}), ("b", "slow", {"name": "second"})]),
        ("text", "ok"),
    )
    result = await run(api, flavour, models, prompt="go", tools={"slow": slow}, stop_when=step_count_is(2))
    outputs = [(part.tool_call_id, part.output) for part in result.steps[0].content if isinstance(part, ToolResult)]
    assert outputs == [("a", "first"), ("b", "second")]


async def test_async_tools_run_concurrently(api: Api) -> None:
    started: list[str] = []

    async def wait_for_sibling(name: str) -> str:
        started.append(name)
        for _ in range(500):  # bounded: at most ~5 s
            if len(started) == 2:
                return name
            await anyio.sleep(0.01)
        raise AssertionError("the sibling tool never started")

    models = scripted(("calls", [("a", "wait", {"name": "a"}), ("b", "wait", {"name": "b"})]), ("text", "ok"))
    result = await api.generate(
        model=models["generate"], prompt="go", tools={"wait": tool(wait_for_sibling)}, stop_when=step_count_is(2)
    )
    assert [part.output for part in result.steps[0].tool_results] == ["a", "b"]


async def test_sync_tool_runs_in_worker_thread_in_async_api() -> None:
    from ai_sdk_core import agenerate_text

    threads: list[int] = []

    @tool
    def where() -> str:
        """Record the thread."""
        threads.append(threading.get_ident())
        return "ok"

    models = scripted(("calls", [("a", "where", {})]), ("text", "done"))
    await agenerate_text(model=models["generate"], prompt="go", tools={"where": where}, stop_when=step_count_is(2))
    assert threads and threads[0] != threading.get_ident()


async def test_sync_api_inside_running_loop_runs_async_tool_elsewhere() -> None:
    # Called without await from a coroutine: must not try to start or reuse this thread's running loop.
    threads: list[int] = []

    async def where() -> str:
        await anyio.lowlevel.checkpoint()
        threads.append(threading.get_ident())
        return "async ok"

    models = scripted(("calls", [("a", "where", {})]), ("text", "done"))
    result = generate_text(
        model=models["generate"], prompt="go", tools={"where": tool(where)}, stop_when=step_count_is(2)
    )
    assert result.steps[0].tool_results[0].output == "async ok"
    assert threads and threads[0] != threading.get_ident()


@FLAVOURS
async def test_tool_error_is_reported_and_loop_continues(api: Api, flavour: str) -> None:
    def explode(reason: str) -> str:
        raise RuntimeError(f"boom: {reason}")

    models = scripted(("calls", [("c1", "explode", {"reason": "disk"})]), ("text", "recovered"))
    result = await run(api, flavour, models, prompt="go", tools={"explode": tool(explode)}, stop_when=step_count_is(3))
    assert result.text == "recovered"
    errors = [part for part in result.steps[0].content if isinstance(part, ToolError)]
    assert len(errors) == 1
    assert isinstance(errors[0].error, ToolExecutionError)
    assert isinstance(errors[0].error.__cause__, RuntimeError)
    tool_message = models[flavour].calls[1].prompt[2]
    assert isinstance(tool_message, ToolMessage)
    assert tool_message.content[0].output.type == "error-text"
    assert tool_message.content[0].output.value == "boom: disk"


class Point(BaseModel):
    x: int
    y: int


@FLAVOURS
async def test_invalid_input_without_repair_becomes_tool_error(api: Api, flavour: str) -> None:
    calls: list[Any] = []
    point_tool = tool(description="A point", input_schema=Point, execute=lambda point: calls.append(point) or "ok")
    models = scripted(
        ("calls", [("bad-json", "point", "{not json"), ("bad-type", "point", {"x": "one", "y": 2})]),
        ("text", "fine"),
    )
    result = await run(api, flavour, models, prompt="go", tools={"point": point_tool}, stop_when=step_count_is(3))
    assert calls == []
    errors = result.steps[0].tool_errors if hasattr(result.steps[0], "tool_errors") else []
    assert [error.tool_call_id for error in errors] == ["bad-json", "bad-type"]
    assert all(isinstance(error.error, InvalidToolInputError) for error in errors)
    assert all(call.invalid for call in result.steps[0].tool_calls)
    assert result.text == "fine"


@FLAVOURS
async def test_repair_tool_call_fixes_input(api: Api, flavour: str) -> None:
    received: list[Point] = []
    repairs: list[str] = []

    def repair(options: Any) -> ToolCallContent:
        repairs.append(type(options.error).__name__)
        assert options.input_schema("point")["required"] == ["x", "y"]
        return ToolCallContent(tool_call_id="ignored", tool_name="point", input='{"x": 1, "y": 2}')

    point_tool = tool(input_schema=Point, execute=lambda point: received.append(point) or "stored")
    models = scripted(("calls", [("c1", "point", '{"x": 1')]), ("text", "fine"))
    result = await run(
        api,
        flavour,
        models,
        prompt="go",
        tools={"point": point_tool},
        repair_tool_call=repair,
        stop_when=step_count_is(3),
    )
    assert repairs == ["InvalidToolInputError"]
    assert received == [Point(x=1, y=2)]
    assert result.steps[0].tool_results[0].tool_call_id == "c1"


@FLAVOURS
async def test_unknown_tool_becomes_no_such_tool_error(api: Api, flavour: str) -> None:
    models = scripted(("calls", [("c1", "__class__", {})]), ("text", "ok"))
    result = await run(
        api, flavour, models, prompt="go", tools={"known": tool(lambda: "x", name="known")}, stop_when=step_count_is(2)
    )
    error = result.steps[0].tool_errors[0]
    assert isinstance(error.error, NoSuchToolError)
    assert error.error.available_tools == ["known"]


@FLAVOURS
async def test_has_tool_call_stops_the_loop(api: Api, flavour: str) -> None:
    @tool
    def final_answer(answer: str) -> str:
        """Give the final answer."""
        return answer

    models = scripted(("calls", [("c1", "final_answer", {"answer": "42"})]), ("text", "never"))
    result = await run(
        api,
        flavour,
        models,
        prompt="go",
        tools={"final_answer": final_answer},
        stop_when=[step_count_is(10), has_tool_call("final_answer")],
    )
    assert len(result.steps) == 1
    assert len(models[flavour].calls) == 1
    assert result.steps[0].tool_results[0].output == "42"


@FLAVOURS
async def test_tools_without_execute_stop_and_return_calls(api: Api, flavour: str) -> None:
    ask_user = tool(
        description="Ask the user", input_schema={"type": "object", "properties": {"q": {"type": "string"}}}
    )
    models = scripted(("calls", [("c1", "ask_user", {"q": "name?"})]), ("text", "never"))
    result = await run(api, flavour, models, prompt="go", tools={"ask_user": ask_user}, stop_when=step_count_is(5))
    assert len(result.steps) == 1
    calls = result.steps[0].tool_calls
    assert [(call.tool_name, call.input) for call in calls] == [("ask_user", {"q": "name?"})]
    assert result.steps[0].tool_results == []


@FLAVOURS
async def test_prepare_step_changes_tool_choice_and_active_tools(api: Api, flavour: str) -> None:
    prepared_steps: list[int] = []

    def prepare(options: Any) -> Any:
        prepared_steps.append(options.step_number)
        if options.step_number == 0:
            return {"toolChoice": {"type": "tool", "toolName": "a"}, "active_tools": ["a"]}
        return PrepareStepResult(tool_choice="none", instructions="Now answer")

    tools = {"a": tool(lambda: "A", name="a"), "b": tool(lambda: "B", name="b")}
    models = scripted(("calls", [("c1", "a", {})]), ("text", "done"))
    await run(api, flavour, models, prompt="go", tools=tools, prepare_step=prepare, stop_when=step_count_is(3))
    first, second = models[flavour].calls
    assert prepared_steps == [0, 1]
    assert first.tool_choice is not None and (first.tool_choice.type, first.tool_choice.tool_name) == ("tool", "a")
    assert [definition.name for definition in first.tools or []] == ["a"]
    assert second.tool_choice is not None and second.tool_choice.type == "none"
    assert [definition.name for definition in second.tools or []] == ["a", "b"]
    assert isinstance(second.prompt[0], SystemMessage) and second.prompt[0].content == "Now answer"


async def test_provider_metadata_round_trips_as_provider_options(api: Api) -> None:
    signature = {"mock": {"signature": "sig-123"}}
    first = mock_tool_call_result(("c1", "noop", {}), text="thinking", provider_metadata=signature)
    first.content[0] = TextContent(text="thinking", provider_metadata={"mock": {"item": "t1"}})
    model = MockLanguageModel(do_generate=[first, mock_text_result("done")])
    await api.generate(
        model=model, prompt="go", tools={"noop": tool(lambda: "", name="noop")}, stop_when=step_count_is(2)
    )
    assistant = model.calls[1].prompt[1]
    assert isinstance(assistant, AssistantMessage)
    assert [part.provider_options for part in assistant.content] == [{"mock": {"item": "t1"}}, signature]


async def test_stream_parts_order_for_tool_loop(api: Api) -> None:
    models = scripted(("calls", [("c1", "noop", {})]), ("text", "done"))
    outcome = await api.stream(
        model=models["stream"], prompt="go", tools={"noop": tool(lambda: "x", name="noop")}, stop_when=step_count_is(3)
    )
    assert [part.type for part in outcome.parts] == [
        "start",
        "start-step",
        "tool-input-start",
        "tool-input-delta",
        "tool-input-end",
        "tool-call",
        "tool-result",
        "finish-step",
        "start-step",
        "text-start",
        "text-delta",
        "text-end",
        "finish-step",
        "finish",
    ]
    assert outcome.parts[-1].total_usage.output_tokens == 10  # type: ignore[union-attr]


@FLAVOURS
async def test_retryable_error_is_retried(api: Api, flavour: str) -> None:
    busy = APICallError("busy", url="https://mock", status_code=503, response_headers={"retry-after-ms": "1"})
    model = MockLanguageModel(
        do_generate=[busy, mock_text_result("after retry")], do_stream=[busy, text_stream_parts("after retry")]
    )
    if flavour == "generate":
        result = await api.generate(model=model, prompt="go")
    else:
        result = await api.stream(model=model, prompt="go")
    assert result.text == "after retry"
    assert len(model.calls) == 2


async def test_max_retries_zero_raises_the_bare_error(api: Api) -> None:
    busy = APICallError("busy", url="https://mock", status_code=503)
    model = MockLanguageModel(do_generate=[busy, mock_text_result("never")])
    with pytest.raises(APICallError):
        await api.generate(model=model, prompt="go", max_retries=0)
    assert len(model.calls) == 1


async def test_timeout_passes_remaining_total_per_step(api: Api) -> None:
    models = scripted(("text", "ok"))
    await api.generate(model=models["generate"], prompt="go", timeout=TimeoutConfig(total=30, between_chunks=5))
    sent = models["generate"].calls[0].timeout
    assert sent is not None and sent.between_chunks == 5
    assert sent.total is not None and 0 < sent.total <= 30


async def test_on_chunk_receives_content_chunks(api: Api) -> None:
    chunks: list[str] = []
    models = scripted(("text", "hey"))
    await api.stream(model=models["stream"], prompt="go", on_chunk=lambda part: chunks.append(part.type))
    assert chunks == ["text-delta"]


async def test_unknown_argument_is_a_type_error(api: Api) -> None:
    with pytest.raises(TypeError, match="max_tokens"):
        await api.generate(model=MockLanguageModel(), prompt="go", max_tokens=5)


def test_async_callbacks_in_sync_api_run_off_the_caller_thread() -> None:
    caller = threading.get_ident()
    seen: list[int] = []

    async def on_end(result: Any) -> None:
        seen.append(threading.get_ident())

    generate_text(model=scripted(("text", "ok"))["generate"], prompt="go", on_end=on_end)
    assert seen and seen[0] != caller


def test_tools_of_one_step_do_not_wait_for_each_other_serially() -> None:
    # A direct check of the thread pool: two sync tools recording their overlap.
    active = 0
    overlap = False
    lock = threading.Lock()
    both_in = threading.Event()

    def busy() -> str:
        nonlocal active, overlap
        with lock:
            active += 1
            if active == 2:
                overlap = True
                both_in.set()
        both_in.wait(timeout=5)
        with lock:
            active -= 1
        return "ok"

    models = scripted(("calls", [("a", "busy", {}), ("b", "busy", {})]), ("text", "ok"))
    generate_text(model=models["generate"], prompt="go", tools={"busy": tool(busy)}, stop_when=step_count_is(2))
    assert overlap


async def test_async_prepare_step_and_stop_condition_work_in_both_apis(api: Api) -> None:
    async def prepare(options: Any) -> dict[str, Any]:
        await anyio.lowlevel.checkpoint()
        return {"system": f"step {options.step_number}"}

    async def stop_after_first(steps: Any) -> bool:
        await anyio.lowlevel.checkpoint()
        return len(steps) >= 1

    models = scripted(("calls", [("c1", "noop", {})]), ("text", "never"))
    result = await api.generate(
        model=models["generate"],
        prompt="go",
        tools={"noop": tool(lambda: "x", name="noop")},
        prepare_step=prepare,
        stop_when=stop_after_first,
    )
    assert len(result.steps) == 1
    first_message = models["generate"].calls[0].prompt[0]
    assert isinstance(first_message, SystemMessage) and first_message.content == "step 0"


async def test_instructions_as_system_message_dicts(api: Api) -> None:
    models = scripted(("text", "ok"))
    await api.generate(
        model=models["generate"],
        prompt="go",
        system=[{"role": "system", "content": "one", "providerOptions": {"anthropic": {"cacheControl": True}}}],
    )
    system = models["generate"].calls[0].prompt[0]
    assert isinstance(system, SystemMessage)
    assert (system.content, system.provider_options) == ("one", {"anthropic": {"cacheControl": True}})


async def test_response_messages_continue_the_conversation_typed_or_as_dicts(api: Api) -> None:
    from ai_sdk_core import message_to_dict

    first = mock_tool_call_result(("c1", "noop", {"n": 1}), provider_metadata={"mock": {"sig": "s1"}})
    model = MockLanguageModel(
        do_generate=[first, mock_text_result("done"), mock_text_result("a"), mock_text_result("b")]
    )
    result = await api.generate(
        model=model, prompt="go", tools={"noop": tool(lambda n: n, name="noop")}, stop_when=step_count_is(2)
    )
    history: list[Any] = [
        {"role": "user", "content": "go"},
        *result.response.messages,
        {"role": "user", "content": "more"},
    ]
    await api.generate(model=model, messages=history)
    await api.generate(
        model=model, messages=[item if isinstance(item, dict) else message_to_dict(item) for item in history]
    )
    typed_prompt, dict_prompt = model.calls[2].prompt, model.calls[3].prompt
    assert typed_prompt == dict_prompt
    assert [message.role for message in typed_prompt] == ["user", "assistant", "tool", "assistant", "user"]
    call_part = typed_prompt[1].content[0]
    assert isinstance(call_part, ToolCallPart) and call_part.provider_options == {"mock": {"sig": "s1"}}
