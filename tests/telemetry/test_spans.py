"""Spans of ``generate_text``/``stream_text`` (sync and async) over the mock model: names, nesting, the
``ai.*`` and ``gen_ai.*`` attributes, the record switches, disabled telemetry and failures."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from opentelemetry.trace import StatusCode

from ai_sdk_core import step_count_is, tool
from ai_sdk_core.spec.errors import APICallError, InvalidArgumentError
from ai_sdk_core.telemetry import TelemetrySettings
from ai_sdk_core.testing import MockLanguageModel
from ai_sdk_core.testing.mock_models import (
    mock_text_result,
    mock_tool_call_result,
    mock_usage,
    text_stream_parts,
    tool_call_stream_parts,
)
from tests.telemetry.conftest import Spans, all_attribute_text, run

pytestmark = pytest.mark.anyio

MODES = ["sync", "async"]
FLAVOURS = ["generate", "stream"]
OPERATION = {"generate": "ai.generateText", "stream": "ai.streamText"}
INNER = {"generate": "ai.generateText.doGenerate", "stream": "ai.streamText.doStream"}


def _weather_model() -> MockLanguageModel:
    """First call asks for the weather tool, second answers with text."""
    return MockLanguageModel(
        do_generate=[
            mock_tool_call_result(("call-1", "weather", {"city": "Paris"}), usage=mock_usage(4, 2)),
            mock_text_result("Sunny in Paris", usage=mock_usage(6, 3)),
        ],
        do_stream=[
            tool_call_stream_parts(("call-1", "weather", {"city": "Paris"}), usage=mock_usage(4, 2)),
            text_stream_parts("Sunny ", "in Paris", usage=mock_usage(6, 3)),
        ],
    )


@tool
def weather(city: str) -> str:
    """Weather of a city."""
    return f"forecast for {city}: sunny"


@tool
async def async_weather(city: str) -> str:
    """Weather of a city, asynchronously."""
    return f"async forecast for {city}"


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize("mode", MODES)
async def test_span_tree_and_attributes(spans: Spans, mode: str, flavour: str) -> None:
    text, error = await run(
        mode,
        flavour,
        model=_weather_model(),
        prompt="What is the weather in Paris?",
        tools={"weather": weather},
        stop_when=step_count_is(3),
        temperature=0.25,
        max_output_tokens=100,
        experimental_telemetry=spans.telemetry(function_id="weather-bot", metadata={"user": "u-42", "tier": 2}),
    )
    assert (text, error) == ("Sunny in Paris", None)

    outer = spans.one(OPERATION[flavour])
    inner = spans.named(INNER[flavour])
    tool_span = spans.one("ai.toolCall")
    assert len(inner) == 2
    assert outer.parent is None
    for child in [*inner, tool_span]:
        assert child.parent is not None and child.parent.span_id == outer.context.span_id
        assert child.context.trace_id == outer.context.trace_id
    # The tool ran between the two model calls (spans are exported as they end).
    assert [span.name for span in spans.finished()] == [INNER[flavour], "ai.toolCall", INNER[flavour], outer.name]

    attributes = dict(outer.attributes or {})
    assert attributes["ai.operationId"] == OPERATION[flavour]
    assert attributes["operation.name"] == f"{OPERATION[flavour]} weather-bot"
    assert attributes["ai.telemetry.functionId"] == "weather-bot"
    assert attributes["ai.telemetry.metadata.user"] == "u-42"
    assert attributes["ai.telemetry.metadata.tier"] == 2
    assert attributes["ai.model.provider"] == "mock-provider"
    assert attributes["ai.model.id"] == "mock-model-id"
    assert attributes["ai.settings.temperature"] == 0.25
    assert attributes["ai.settings.maxOutputTokens"] == 100
    assert "What is the weather in Paris?" in str(attributes["ai.prompt"])
    assert attributes["ai.response.text"] == "Sunny in Paris"
    assert attributes["ai.response.finishReason"] == "stop"
    assert attributes["ai.usage.inputTokens"] == 10
    assert attributes["ai.usage.outputTokens"] == 5
    assert outer.status.status_code is StatusCode.UNSET

    first, second = (dict(span.attributes or {}) for span in inner)
    assert first["ai.operationId"] == INNER[flavour]
    assert first["gen_ai.operation.name"] == "chat"
    assert first["gen_ai.system"] == first["gen_ai.provider.name"] == "mock-provider"
    assert first["gen_ai.request.model"] == "mock-model-id"
    assert first["gen_ai.request.temperature"] == 0.25
    assert first["gen_ai.request.max_tokens"] == 100
    assert "What is the weather in Paris?" in str(first["ai.prompt.messages"])
    assert "weather" in str(first["ai.prompt.tools"])
    assert first["ai.response.finishReason"] == "tool-calls"
    assert first["gen_ai.response.finish_reasons"] == ("tool-calls",)
    assert '"toolName":"weather"' in str(first["ai.response.toolCalls"])
    assert (first["gen_ai.usage.input_tokens"], first["gen_ai.usage.output_tokens"]) == (4, 2)
    assert second["ai.response.text"] == "Sunny in Paris"
    assert (second["ai.usage.inputTokens"], second["ai.usage.outputTokens"]) == (6, 3)
    # The second call's prompt carries the tool result back to the model.
    assert "forecast for Paris" in str(second["ai.prompt.messages"])
    if flavour == "stream":
        assert isinstance(first["ai.response.msToFirstChunk"], float)
        assert [event.name for event in inner[0].events] == ["ai.stream.firstChunk"]
    else:
        assert "ai.response.msToFirstChunk" not in first

    tool_attributes = dict(tool_span.attributes or {})
    assert tool_attributes["ai.operationId"] == "ai.toolCall"
    assert tool_attributes["ai.toolCall.name"] == "weather"
    assert tool_attributes["ai.toolCall.id"] == "call-1"
    assert tool_attributes["ai.toolCall.args"] == '{"city":"Paris"}'
    assert tool_attributes["ai.toolCall.result"] == '"forecast for Paris: sunny"'


@pytest.mark.parametrize("mode", MODES)
async def test_async_tool_span_covers_the_await(spans: Spans, mode: str) -> None:
    model = MockLanguageModel(
        do_generate=[mock_tool_call_result(("call-7", "weather", {"city": "Oslo"})), mock_text_result("done")]
    )
    await run(
        mode,
        "generate",
        model=model,
        prompt="weather?",
        tools={"weather": async_weather},
        stop_when=step_count_is(2),
        experimental_telemetry=spans.telemetry(),
    )
    tool_span = spans.one("ai.toolCall")
    assert dict(tool_span.attributes or {})["ai.toolCall.result"] == '"async forecast for Oslo"'
    assert tool_span.parent is not None
    assert tool_span.parent.span_id == spans.one("ai.generateText").context.span_id


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize("mode", MODES)
async def test_record_switches_off_hide_prompt_and_response(spans: Spans, mode: str, flavour: str) -> None:
    await run(
        mode,
        flavour,
        model=_weather_model(),
        prompt="my secret question",
        tools={"weather": weather},
        stop_when=step_count_is(3),
        experimental_telemetry=TelemetrySettings(
            is_enabled=True, record_inputs=False, record_outputs=False, tracer=spans.tracer
        ),
    )
    recorded = spans.finished()
    assert len(recorded) == 4
    everything = all_attribute_text(recorded)
    for hidden in ("my secret question", "Sunny", "Paris", "forecast"):
        assert hidden not in everything
    for name in ("ai.prompt", "ai.prompt.messages", "ai.response.text", "ai.toolCall.args", "ai.toolCall.result"):
        assert f"{name}=" not in everything
    # What is not content is still there.
    assert dict(spans.one(OPERATION[flavour]).attributes or {})["ai.usage.inputTokens"] == 10
    assert dict(spans.one("ai.toolCall").attributes or {})["ai.toolCall.name"] == "weather"


@pytest.mark.parametrize("telemetry", [None, {"is_enabled": False}, TelemetrySettings()])
@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize("mode", MODES)
async def test_disabled_records_nothing(spans: Spans, mode: str, flavour: str, telemetry: Any) -> None:
    arguments: dict[str, Any] = {"model": _weather_model(), "prompt": "hi", "tools": {"weather": weather}}
    if telemetry is not None:
        arguments["experimental_telemetry"] = telemetry
    await run(mode, flavour, stop_when=step_count_is(3), **arguments)
    assert spans.finished() == []


def test_importing_the_package_does_not_import_opentelemetry() -> None:
    code = (
        "import sys, ai_sdk_core\n"
        "from ai_sdk_core import generate_text\n"
        "from ai_sdk_core.testing import MockLanguageModel\n"
        "from ai_sdk_core.testing.mock_models import mock_text_result\n"
        "generate_text(model=MockLanguageModel(do_generate=mock_text_result('x')), prompt='p')\n"
        "print(sorted(name for name in sys.modules if name.startswith('opentelemetry')))\n"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=50, check=True)
    assert completed.stdout.strip() == "[]"


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize("mode", MODES)
async def test_failing_call_marks_spans_as_errors(spans: Spans, mode: str, flavour: str) -> None:
    failure = APICallError("the model is overloaded", url="https://example.invalid", status_code=400)
    model = MockLanguageModel(do_generate=failure, do_stream=[failure])
    if flavour == "generate":
        with pytest.raises(APICallError):
            await run(mode, flavour, model=model, prompt="hi", experimental_telemetry=spans.telemetry())
    else:
        _, error = await run(mode, flavour, model=model, prompt="hi", experimental_telemetry=spans.telemetry())
        assert isinstance(error, APICallError)
    for span in (spans.one(OPERATION[flavour]), spans.one(INNER[flavour])):
        assert span.status.status_code is StatusCode.ERROR
        assert "the model is overloaded" in str(span.status.description)
    assert any(event.name == "exception" for event in spans.one(INNER[flavour]).events)


@pytest.mark.parametrize("mode", MODES)
async def test_stream_broken_midway_marks_spans_as_errors(spans: Spans, mode: str) -> None:
    cut = APICallError("connection reset", url="https://example.invalid")
    parts: list[Any] = [*text_stream_parts("partial ")[:3], cut]
    model = MockLanguageModel(do_stream=[parts])
    text, error = await run(mode, "stream", model=model, prompt="hi", experimental_telemetry=spans.telemetry())
    assert (text, error) == ("partial ", cut)
    inner = spans.one("ai.streamText.doStream")
    assert inner.status.status_code is StatusCode.ERROR
    assert dict(inner.attributes or {})["ai.response.text"] == "partial "
    assert spans.one("ai.streamText").status.status_code is StatusCode.ERROR


@pytest.mark.parametrize("mode", MODES)
async def test_failing_tool_marks_its_span(spans: Spans, mode: str) -> None:
    @tool
    def broken(city: str) -> str:
        """Always fails."""
        raise RuntimeError(f"no data for {city}")

    model = MockLanguageModel(
        do_generate=[mock_tool_call_result(("call-1", "broken", {"city": "Rome"})), mock_text_result("sorry")]
    )
    text, _ = await run(
        mode,
        "generate",
        model=model,
        prompt="hi",
        tools={"broken": broken},
        stop_when=step_count_is(2),
        experimental_telemetry=spans.telemetry(),
    )
    assert text == "sorry"
    tool_span = spans.one("ai.toolCall")
    assert tool_span.status.status_code is StatusCode.ERROR
    assert "no data for Rome" in str(tool_span.status.description)
    # The run itself went on: the error was the tool's answer to the model.
    assert spans.one("ai.generateText").status.status_code is StatusCode.UNSET


def test_closing_a_stream_early_ends_its_spans(spans: Spans) -> None:
    from ai_sdk_core import stream_text

    model = MockLanguageModel(do_stream=[text_stream_parts("a", "b", "c")])
    result = stream_text(model=model, prompt="hi", experimental_telemetry=spans.telemetry())
    for _ in result.text_stream:
        break
    assert {span.name for span in spans.finished()} == {"ai.streamText", "ai.streamText.doStream"}
    assert model.streams[0].closed


def test_a_stream_never_read_opens_no_span(spans: Spans) -> None:
    from ai_sdk_core import stream_text

    result = stream_text(
        model=MockLanguageModel(do_stream=[text_stream_parts("a")]),
        prompt="hi",
        experimental_telemetry=spans.telemetry(),
    )
    result.close()
    assert spans.finished() == []


def test_bad_settings_are_rejected_at_the_call() -> None:
    from ai_sdk_core import generate_text, stream_text

    model = MockLanguageModel(do_generate=mock_text_result("x"), do_stream=[text_stream_parts("x")])
    with pytest.raises(InvalidArgumentError, match="isEnabled"):
        generate_text(model=model, prompt="hi", experimental_telemetry={"isEnabled": True})
    with pytest.raises(InvalidArgumentError, match="experimental_telemetry"):
        stream_text(model=model, prompt="hi", experimental_telemetry=True)  # type: ignore[arg-type]


@pytest.mark.parametrize("answer_as", ["dict", "result", "async"])
@pytest.mark.parametrize("mode", MODES)
async def test_model_chosen_by_prepare_step_is_traced(spans: Spans, mode: str, answer_as: str) -> None:
    from ai_sdk_core.generate_text.settings import PrepareStepOptions, PrepareStepResult

    second = MockLanguageModel(do_generate=mock_text_result("from the second model"), model_id="second-model")

    def choose(options: PrepareStepOptions) -> Any:
        if options.step_number == 0:
            return None
        return {"model": second} if answer_as == "dict" else PrepareStepResult(model=second)

    async def choose_async(options: PrepareStepOptions) -> Any:
        return choose(options)

    text, _ = await run(
        mode,
        "generate",
        model=MockLanguageModel(do_generate=mock_tool_call_result(("call-1", "weather", {"city": "Paris"}))),
        prompt="hi",
        tools={"weather": weather},
        stop_when=step_count_is(2),
        prepare_step=choose_async if answer_as == "async" else choose,
        experimental_telemetry=spans.telemetry(),
    )
    assert text == "from the second model"
    models = [dict(span.attributes or {})["gen_ai.request.model"] for span in spans.named("ai.generateText.doGenerate")]
    assert models == ["mock-model-id", "second-model"]


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize("mode", MODES)
async def test_default_tracer_works_without_a_configured_provider(mode: str, flavour: str) -> None:
    # No tracer given: the global provider's tracer is used (a no-op one unless the application set one up).
    text, error = await run(
        mode,
        flavour,
        model=_weather_model(),
        prompt="hi",
        tools={"weather": weather},
        stop_when=step_count_is(3),
        experimental_telemetry={"is_enabled": True},
    )
    assert (text, error) == ("Sunny in Paris", None)


def test_a_failure_is_recorded_once_on_the_outer_span(spans: Spans) -> None:
    from ai_sdk_core import generate_text

    failure = APICallError("bad request", url="https://example.invalid", status_code=400)
    with pytest.raises(APICallError):
        generate_text(
            model=MockLanguageModel(do_generate=failure), prompt="hi", experimental_telemetry=spans.telemetry()
        )
    events = [event.name for event in spans.one("ai.generateText").events]
    assert events == ["exception"]
