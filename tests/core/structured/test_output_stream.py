"""``stream_text(output=...)``: the exact partial-output sequences, ``element_stream``, ``output`` at the end."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel

from ai_sdk_core.generate_text import stream_text
from ai_sdk_core.output import Output
from ai_sdk_core.spec import APICallError
from ai_sdk_core.spec.errors import NoObjectGeneratedError
from ai_sdk_core.testing.mock_models import MockLanguageModel, text_stream_parts, tool_call_stream_parts
from ai_sdk_core.tools import step_count_is, tool

from .conftest import Flavour

pytestmark = pytest.mark.anyio


class Person(BaseModel):
    name: str
    born: int


def streaming(*deltas: str) -> MockLanguageModel:
    return MockLanguageModel(do_stream=text_stream_parts(*deltas))


async def test_partial_objects_only_when_they_change(flavour: Flavour) -> None:
    # The third delta adds nothing visible ('"born": ' without a value), so no value is repeated for it.
    model = streaming('{"na', 'me": "Ad', 'a", "born": ', "18", "15}")
    values, output = await flavour.text_view(
        "partial_output_stream", model=model, prompt="Who?", output=Output.object(Person)
    )
    assert values == [{}, {"name": "Ad"}, {"name": "Ada"}, {"name": "Ada", "born": 18}, {"name": "Ada", "born": 1815}]
    assert output == Person(name="Ada", born=1815)
    assert model.calls[0].response_format is not None


async def test_partial_arrays_hold_complete_elements(flavour: Flavour) -> None:
    model = streaming('{"elements": [{"name": "Ada", ', '"born": 1815}, {"na', 'me": "Alan", "born": 1912}', "]}")
    values, output = await flavour.text_view(
        "partial_output_stream", model=model, prompt="Who?", output=Output.array(Person)
    )
    assert values == [
        [],
        [{"name": "Ada", "born": 1815}],
        [{"name": "Ada", "born": 1815}, {"name": "Alan", "born": 1912}],
    ]
    assert output == [Person(name="Ada", born=1815), Person(name="Alan", born=1912)]


async def test_element_stream_yields_each_element_once_validated(flavour: Flavour) -> None:
    model = streaming('{"elements": [{"name": "Ada", "born": 1815}, ', '{"name": "Alan", ', '"born": 1912}]}')
    values, _ = await flavour.text_view("element_stream", model=model, prompt="Who?", output=Output.array(Person))
    assert values == [Person(name="Ada", born=1815), Person(name="Alan", born=1912)]


async def test_element_stream_raises_on_an_invalid_element(flavour: Flavour) -> None:
    model = streaming('{"elements": [{"name": "Ada"}, ', '{"name": "Alan", "born": 1912}]}')
    with pytest.raises(NoObjectGeneratedError, match="born"):
        await flavour.text_view("element_stream", model=model, prompt="Who?", output=Output.array(Person))


async def test_partial_choice_appears_once_unambiguous(flavour: Flavour) -> None:
    model = streaming('{"result": "s', "un", 'ny"}')
    choices = Output.choice(["sunny", "snowy", "rainy"])
    values, output = await flavour.text_view("partial_output_stream", model=model, prompt="Weather?", output=choices)
    assert values == ["sunny"]
    assert output == "sunny"


async def test_partial_choice_that_is_a_prefix_of_another_shows_once_complete(flavour: Flavour) -> None:
    model = streaming('{"result": "sun', '"}')
    choices = Output.choice(["sun", "sunny"])
    values, output = await flavour.text_view("partial_output_stream", model=model, prompt="Weather?", output=choices)
    assert values == ["sun"]
    assert output == "sun"


async def test_partial_text_without_output(flavour: Flavour) -> None:
    values, output = await flavour.text_view(
        "partial_output_stream", model=streaming("Hel", "", "lo"), prompt="Say hello"
    )
    assert values == ["Hel", "Hello"]
    assert output == "Hello"


async def test_partials_restart_with_each_step_and_come_from_the_final_one(flavour: Flavour) -> None:
    @tool
    def lookup(name: str) -> str:
        """Birth year."""
        return "1815"

    model = MockLanguageModel(
        do_stream=[
            [*tool_call_stream_parts(("call-1", "lookup", {"name": "Ada"}))],
            text_stream_parts('{"name": "Ada", ', '"born": 1815}'),
        ]
    )
    values, output = await flavour.text_view(
        "partial_output_stream",
        model=model,
        prompt="Who?",
        tools={"lookup": lookup},
        stop_when=step_count_is(2),
        output=Output.object(Person),
    )
    assert values == [{"name": "Ada"}, {"name": "Ada", "born": 1815}]
    assert output == Person(name="Ada", born=1815)


async def test_invalid_final_answer_raises_from_output_only(flavour: Flavour) -> None:
    values, output = await flavour.text_view(
        "partial_output_stream", model=streaming('{"name": ', '"Ada"}'), prompt="Who?", output=Output.object(Person)
    )
    assert values == [{}, {"name": "Ada"}]
    assert isinstance(output, NoObjectGeneratedError)
    assert output.text == '{"name": "Ada"}' and output.finish_reason == "stop"


async def test_stream_repair_text(flavour: Flavour) -> None:
    async def repair(*, text: str, error: Exception) -> str:
        return text + "}"

    _, output = await flavour.text_view(
        "partial_output_stream",
        model=streaming('{"name": "Ada", "born": 1815'),
        prompt="Who?",
        output=Output.object(Person),
        repair_text=repair,
    )
    assert output == Person(name="Ada", born=1815)


async def test_a_broken_stream_raises_from_the_views(flavour: Flavour) -> None:
    failure = APICallError("overloaded", url="https://example.invalid", status_code=529)
    parts: list[Any] = [*text_stream_parts('{"name": "Ada"')[:3], failure]
    model = MockLanguageModel(do_stream=[parts])
    with pytest.raises(APICallError, match="overloaded"):
        await flavour.text_view("partial_output_stream", model=model, prompt="Who?", output=Output.object(Person))


def test_leaving_a_view_early_closes_the_model_stream() -> None:
    model = streaming('{"elements": [1, ', "2, ", "3]}")
    result = stream_text(model=model, prompt="Count", output=Output.array(int))
    for element in result.element_stream:
        assert element == 1
        break
    assert model.streams[0].closed


async def test_leaving_an_async_view_early_closes_the_model_stream() -> None:
    from contextlib import aclosing

    from ai_sdk_core.generate_text import astream_text

    model = streaming('{"elements": [1, ', "2, ", "3]}")
    result = astream_text(model=model, prompt="Count", output=Output.array(int))
    seen: list[Any] = []
    async with aclosing(result.element_stream) as elements:  # type: ignore[type-var]
        async for element in elements:
            seen.append(element)
            break
    assert seen == [1]
    assert model.streams[0].closed
