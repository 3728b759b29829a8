"""The built-in middleware: default settings, reasoning extraction, JSON fence stripping, simulated streaming."""

from __future__ import annotations

import pytest

from ai_sdk_core.middleware import (
    TagSplitter,
    default_settings_middleware,
    extract_json_middleware,
    extract_reasoning_middleware,
    simulate_streaming_middleware,
    wrap_language_model,
)
from ai_sdk_core.middleware.extract_json import strip_json_fences
from ai_sdk_core.middleware.reasoning import split_reasoning
from ai_sdk_core.spec.content import ReasoningContent, TextContent, ToolCallContent
from ai_sdk_core.spec.errors import InvalidArgumentError
from ai_sdk_core.spec.finish_reason import FinishReason
from ai_sdk_core.spec.language_model import GenerateResult
from ai_sdk_core.spec.shared import ResponseInfo
from ai_sdk_core.spec.stream_parts import Finish, ReasoningDelta, ResponseMetadata, TextDelta
from ai_sdk_core.testing.mock_models import MockLanguageModel, mock_text_result, mock_usage, text_stream_parts
from tests.middleware.drive import Driver, options

pytestmark = pytest.mark.anyio


# default_settings_middleware


async def test_defaults_fill_unset_settings_and_the_call_wins(driver: Driver) -> None:
    model = MockLanguageModel(do_generate=mock_text_result("x"))
    defaults = default_settings_middleware(
        {
            "temperature": 0.1,
            "max_output_tokens": 50,
            "headers": {"x-team": "a", "x-trace": "default"},
            "provider_options": {"openai": {"store": False, "metadata": {"team": "a", "env": "prod"}}},
        }
    )
    wrapped = wrap_language_model(model, defaults)
    call = options(
        temperature=0.9,
        headers={"x-trace": "call"},
        provider_options={"openai": {"metadata": {"env": "dev"}}, "anthropic": {"cache": True}},
    )
    await driver.generate(wrapped, call)
    sent = model.calls[0]
    assert (sent.temperature, sent.max_output_tokens) == (0.9, 50)
    assert sent.headers == {"x-team": "a", "x-trace": "call"}
    assert sent.provider_options == {
        "openai": {"store": False, "metadata": {"team": "a", "env": "dev"}},
        "anthropic": {"cache": True},
    }
    assert call.temperature == 0.9 and call.max_output_tokens is None  # the caller's options are not mutated


async def test_defaults_apply_to_streams(driver: Driver) -> None:
    model = MockLanguageModel(do_stream=text_stream_parts("x"))
    await driver.stream(wrap_language_model(model, default_settings_middleware({"seed": 7})), options())
    assert model.calls[0].seed == 7


def test_unknown_default_setting_names_the_valid_ones() -> None:
    with pytest.raises(InvalidArgumentError, match=r"temprature.*temperature"):
        default_settings_middleware({"temprature": 0.1})


# extract_reasoning_middleware

SAMPLE = "<think>plan it</think>The answer<think>check</think> is 4"


def _cuts(text: str) -> list[list[str]]:
    """Every way to cut ``text`` into two pieces, and into three pieces around each tag position."""
    pieces = [[text[:index], text[index:]] for index in range(len(text) + 1)]
    pieces += [[text[:index], text[index : index + 3], text[index + 3 :]] for index in range(len(text) - 2)]
    pieces.append(list(text))
    return pieces


def _merged(segments: list[tuple[bool, str]]) -> list[tuple[bool, str]]:
    merged: list[tuple[bool, str]] = []
    for is_reasoning, text in segments:
        if merged and merged[-1][0] == is_reasoning:
            merged[-1] = (is_reasoning, merged[-1][1] + text)
        else:
            merged.append((is_reasoning, text))
    return merged


@pytest.mark.parametrize("pieces", _cuts(SAMPLE), ids=lambda pieces: "|".join(pieces))
def test_splitter_is_independent_of_where_the_text_is_cut(pieces: list[str]) -> None:
    splitter = TagSplitter("think")
    segments = [segment for piece in pieces for segment in splitter.feed(piece)] + splitter.flush()
    assert _merged(segments) == [(True, "plan it"), (False, "The answer"), (True, "check"), (False, " is 4")]


def test_splitter_holds_back_only_a_possible_tag() -> None:
    splitter = TagSplitter("think")
    assert splitter.feed("a <th") == [(False, "a ")]
    assert splitter.feed("ought") == [(False, "<thought")]
    assert splitter.flush() == []
    unfinished = TagSplitter("think")
    assert unfinished.feed("x <thi") == [(False, "x ")]
    assert unfinished.flush() == [(False, "<thi")]


def test_split_reasoning_of_whole_texts() -> None:
    assert split_reasoning(SAMPLE) == ("plan it\ncheck", "The answer\n is 4")
    assert split_reasoning("no tags") == (None, "no tags")
    assert split_reasoning("thinking</think>done", start_with_reasoning=True) == ("thinking", "done")


async def test_reasoning_extracted_from_generate(driver: Driver) -> None:
    model = MockLanguageModel(do_generate=mock_text_result("<think>plan</think>Answer"))
    result = await driver.generate(wrap_language_model(model, extract_reasoning_middleware()), options())
    assert result.content == [ReasoningContent(text="plan"), TextContent(text="Answer")]


async def test_reasoning_extracted_from_generate_with_custom_tag_and_start(driver: Driver) -> None:
    model = MockLanguageModel(do_generate=mock_text_result("plan</reason>Answer"))
    middleware = extract_reasoning_middleware(tag_name="reason", start_with_reasoning=True)
    result = await driver.generate(wrap_language_model(model, middleware), options())
    assert result.content == [ReasoningContent(text="plan"), TextContent(text="Answer")]


async def test_reasoning_extracted_from_a_stream_with_tags_split_across_deltas(driver: Driver) -> None:
    model = MockLanguageModel(do_stream=text_stream_parts("<thi", "nk>pla", "n</th", "ink>Ans", "wer"))
    streamed = await driver.stream(wrap_language_model(model, extract_reasoning_middleware()), options())
    reasoning = "".join(part.delta for part in streamed.parts if isinstance(part, ReasoningDelta))
    assert reasoning == "plan"
    assert streamed.text == "Answer"
    assert streamed.types == [
        "stream-start",
        "text-start",
        "reasoning-start",
        "reasoning-delta",
        "reasoning-delta",
        "reasoning-end",
        "text-delta",
        "text-delta",
        "text-end",
        "finish",
    ]


async def test_literal_delimiters_split_across_deltas(driver: Driver) -> None:
    text = "<|channel>thought\nweigh options<channel|>Final"
    model = MockLanguageModel(
        do_stream=text_stream_parts(*[text[index : index + 4] for index in range(0, len(text), 4)])
    )
    middleware = extract_reasoning_middleware(opening="<|channel>thought\n", closing="<channel|>")
    streamed = await driver.stream(wrap_language_model(model, middleware), options())
    reasoning = "".join(part.delta for part in streamed.parts if isinstance(part, ReasoningDelta))
    assert (reasoning, streamed.text) == ("weigh options", "Final")
    with pytest.raises(InvalidArgumentError):
        extract_reasoning_middleware(opening="")


async def test_stream_separator_between_reasoning_blocks(driver: Driver) -> None:
    model = MockLanguageModel(do_stream=text_stream_parts("<think>a</think>X<think>b</think>Y"))
    middleware = extract_reasoning_middleware(separator=" / ")
    streamed = await driver.stream(wrap_language_model(model, middleware), options())
    reasoning = "".join(part.delta for part in streamed.parts if isinstance(part, ReasoningDelta))
    assert (reasoning, streamed.text) == ("a / b", "X / Y")


# extract_json_middleware


async def test_custom_json_transform_sees_whole_texts(driver: Driver) -> None:
    model = MockLanguageModel(do_stream=text_stream_parts("<<", "1>>"))
    middleware = extract_json_middleware(lambda text: text.strip("<>"))
    streamed = await driver.stream(wrap_language_model(model, middleware), options())
    assert streamed.text == "1"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('```json\n{"a": 1}\n```', '{"a": 1}'),
        ('```\n{"a": 1}\n```\n', '{"a": 1}'),
        ('  {"a": 1}  ', '{"a": 1}'),
        ('{"code": "```"}', '{"code": "```"}'),
    ],
)
def test_strip_json_fences(text: str, expected: str) -> None:
    assert strip_json_fences(text) == expected


async def test_json_fences_stripped_in_generate(driver: Driver) -> None:
    model = MockLanguageModel(do_generate=mock_text_result('```json\n{"a": 1}\n```'))
    result = await driver.generate(wrap_language_model(model, extract_json_middleware()), options())
    assert result.content == [TextContent(text='{"a": 1}')]


@pytest.mark.parametrize("size", [1, 2, 3, 5, 100])
async def test_json_fences_stripped_in_streams_whatever_the_delta_size(driver: Driver, size: int) -> None:
    text = '```json\n{"list": [1, 2], "s": "x"}\n```'
    deltas = [text[index : index + size] for index in range(0, len(text), size)]
    model = MockLanguageModel(do_stream=text_stream_parts(*deltas))
    streamed = await driver.stream(wrap_language_model(model, extract_json_middleware()), options())
    assert streamed.text == '{"list": [1, 2], "s": "x"}'
    assert streamed.types[-2:] == ["text-end", "finish"]


async def test_unfenced_stream_text_is_streamed_unchanged(driver: Driver) -> None:
    model = MockLanguageModel(do_stream=text_stream_parts('{"a"', ": 1}"))
    streamed = await driver.stream(wrap_language_model(model, extract_json_middleware()), options())
    assert streamed.text == '{"a": 1}'
    # Text that cannot be a fence is not held back until the end.
    assert isinstance(streamed.parts[2], TextDelta) and streamed.parts[2].delta == '{"a"'


# simulate_streaming_middleware


async def test_simulated_stream_replays_a_generate_result(driver: Driver) -> None:
    result = GenerateResult(
        content=[
            ReasoningContent(text="think"),
            TextContent(text="Hello"),
            ToolCallContent(tool_call_id="c1", tool_name="weather", input="{}"),
        ],
        finish_reason=FinishReason(unified="tool-calls", raw="tool_calls"),
        usage=mock_usage(4, 5),
        response=ResponseInfo(id="resp-1", model_id="model-x"),
    )
    model = MockLanguageModel(do_generate=result)
    streamed = await driver.stream(wrap_language_model(model, simulate_streaming_middleware()), options())
    assert streamed.types == [
        "stream-start",
        "response-metadata",
        "reasoning-start",
        "reasoning-delta",
        "reasoning-end",
        "text-start",
        "text-delta",
        "text-end",
        "tool-call",
        "finish",
    ]
    assert streamed.text == "Hello"
    assert streamed.parts[1] == ResponseMetadata(id="resp-1", model_id="model-x")
    finish = streamed.parts[-1]
    assert isinstance(finish, Finish) and finish.usage == mock_usage(4, 5)
    assert finish.finish_reason.unified == "tool-calls"
    assert streamed.result.response.id == "resp-1"
    assert model.do_stream_script is None and len(model.calls) == 1  # only generate was called
