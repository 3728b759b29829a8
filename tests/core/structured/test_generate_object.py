"""``generate_object`` / ``stream_object`` in each output kind and mode, sync and async."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel

from ai_sdk_core.generate_object import generate_object, stream_object
from ai_sdk_core.spec import InvalidArgumentError, ResponseFormat, ToolChoice
from ai_sdk_core.spec.content import TextContent
from ai_sdk_core.spec.errors import NoObjectGeneratedError
from ai_sdk_core.spec.language_model import GenerateResult
from ai_sdk_core.testing.mock_models import (
    MockLanguageModel,
    mock_text_result,
    mock_tool_call_result,
    mock_usage,
    text_stream_parts,
    tool_call_stream_parts,
)

from .conftest import Flavour

pytestmark = pytest.mark.anyio


class Recipe(BaseModel):
    name: str
    minutes: int


RECIPE_SCHEMA: dict[str, Any] = {**Recipe.model_json_schema(), "additionalProperties": False}
LASAGNA = '{"name": "Lasagna", "minutes": 90}'


@pytest.mark.parametrize("mode", ["auto", "json"])
async def test_object_in_json_mode_sends_the_schema(flavour: Flavour, mode: str) -> None:
    model = MockLanguageModel(do_generate=mock_text_result(LASAGNA, usage=mock_usage(5, 9)))
    result = await flavour.generate_object(
        model=model,
        schema=Recipe,
        mode=mode,
        schema_name="recipe",
        schema_description="A recipe.",
        prompt="A recipe",
        temperature=0.1,
    )
    assert result.object == Recipe(name="Lasagna", minutes=90)
    assert result.finish_reason == "stop"
    assert result.usage.input_tokens == 5 and result.usage.output_tokens == 9
    assert result.response.model_id == "mock-model-id"
    assert result.warnings == () and result.provider_metadata is None
    sent = model.calls[0]
    assert sent.response_format == ResponseFormat(
        type="json", schema=RECIPE_SCHEMA, name="recipe", description="A recipe."
    )
    assert sent.tools is None and sent.tool_choice is None
    assert sent.temperature == 0.1


async def test_tool_mode_forces_one_tool_whose_input_is_the_object(flavour: Flavour) -> None:
    model = MockLanguageModel(do_generate=mock_tool_call_result(("call-1", "json", LASAGNA)))
    result = await flavour.generate_object(model=model, schema=Recipe, mode="tool", prompt="A recipe")
    assert result.object == Recipe(name="Lasagna", minutes=90)
    sent = model.calls[0]
    assert sent.response_format is None
    assert sent.tool_choice == ToolChoice(type="tool", tool_name="json")
    assert sent.tools is not None and [definition.name for definition in sent.tools] == ["json"]
    assert sent.tools[0].input_schema == RECIPE_SCHEMA  # type: ignore[union-attr]
    assert len(model.calls) == 1


async def test_tool_mode_with_invalid_input_is_no_object(flavour: Flavour) -> None:
    model = MockLanguageModel(do_generate=mock_tool_call_result(("call-1", "json", '{"name": "Lasa')))
    with pytest.raises(NoObjectGeneratedError) as caught:
        await flavour.generate_object(model=model, schema=Recipe, mode="tool", prompt="A recipe")
    assert caught.value.text == '{"name": "Lasa'
    assert caught.value.finish_reason == "tool-calls"


async def test_tool_mode_without_the_tool_call_says_so(flavour: Flavour) -> None:
    model = MockLanguageModel(do_generate=mock_text_result(LASAGNA))
    with pytest.raises(NoObjectGeneratedError, match="did not call the 'json' tool"):
        await flavour.generate_object(model=model, schema=Recipe, mode="tool", prompt="A recipe")


async def test_an_answer_cut_by_the_token_limit_says_so(flavour: Flavour) -> None:
    model = MockLanguageModel(do_generate=mock_text_result('{"name": "Las', finish_reason="length"))
    with pytest.raises(NoObjectGeneratedError, match="raise max_output_tokens") as caught:
        await flavour.generate_object(model=model, schema=Recipe, prompt="A recipe", max_output_tokens=5)
    assert caught.value.finish_reason == "length"
    assert model.calls[0].max_output_tokens == 5


async def test_array_enum_and_no_schema(flavour: Flavour) -> None:
    model = MockLanguageModel(
        do_generate=[
            mock_text_result('{"elements": [' + LASAGNA + "]}"),
            mock_text_result('{"result": "dinner"}'),
            mock_text_result('{"anything": [true]}'),
        ]
    )
    array = await flavour.generate_object(model=model, output="array", schema=Recipe, prompt="Recipes")
    assert array.object == [Recipe(name="Lasagna", minutes=90)]
    enum = await flavour.generate_object(model=model, output="enum", enum=["lunch", "dinner"], prompt="When?")
    assert enum.object == "dinner"
    free = await flavour.generate_object(model=model, output="no-schema", prompt="Anything")
    assert free.object == {"anything": [True]}
    formats = [call.response_format for call in model.calls]
    assert formats[0] is not None and formats[0].schema is not None and "elements" in formats[0].schema["properties"]
    assert formats[1] is not None and formats[1].schema is not None
    assert formats[1].schema["properties"]["result"]["enum"] == ["lunch", "dinner"]
    assert formats[2] == ResponseFormat(type="json")


async def test_failures_carry_text_response_usage_and_reason(flavour: Flavour) -> None:
    answer = GenerateResult(
        content=[TextContent(text='{"name": 3}')],
        finish_reason=mock_text_result("").finish_reason,
        usage=mock_usage(2, 3),
    )
    model = MockLanguageModel(do_generate=answer)
    with pytest.raises(NoObjectGeneratedError) as caught:
        await flavour.generate_object(model=model, schema=Recipe, prompt="A recipe")
    error = caught.value
    assert error.text == '{"name": 3}' and error.finish_reason == "stop"
    assert error.usage.output_tokens == 3 and error.response is not None
    enum_model = MockLanguageModel(do_generate=mock_text_result('{"result": "brunch"}'))
    with pytest.raises(NoObjectGeneratedError, match="'lunch', 'dinner'"):
        await flavour.generate_object(model=enum_model, output="enum", enum=["lunch", "dinner"], prompt="When?")


async def test_repair_text(flavour: Flavour) -> None:
    calls: list[str] = []

    async def repair(*, text: str, error: Exception) -> str | None:
        calls.append(text)
        return text.strip("` \n")

    model = MockLanguageModel(do_generate=mock_text_result("```" + LASAGNA + "```"))
    result = await flavour.generate_object(model=model, schema=Recipe, prompt="A recipe", repair_text=repair)
    assert result.object == Recipe(name="Lasagna", minutes=90)
    assert calls == ["```" + LASAGNA + "```"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({}, 'output="object" needs a schema'),
        ({"output": "enum"}, "needs enum="),
        ({"output": "enum", "enum": ["a"], "schema": Recipe}, "not schema="),
        ({"output": "no-schema", "schema": Recipe}, "no schema="),
        ({"output": "array", "schema": Recipe, "enum": ["a"]}, "enum= goes with"),
        ({"output": "table", "schema": Recipe}, "'object', 'array'"),
        ({"schema": Recipe, "mode": "grammar"}, "'auto', 'json' or 'tool'"),
        ({"output": "no-schema", "mode": "tool"}, 'mode="tool" needs a schema'),
        ({"schema": {"type": 12}}, "JSON Schema is invalid"),
    ],
)
def test_invalid_arguments_are_typed_errors(arguments: dict[str, Any], message: str) -> None:
    model = MockLanguageModel(do_generate=mock_text_result(LASAGNA))
    with pytest.raises(InvalidArgumentError, match=message):
        generate_object(model=model, prompt="A recipe", **arguments)
    with pytest.raises(InvalidArgumentError, match=message):
        stream_object(model=model, prompt="A recipe", **arguments)
    with pytest.raises(TypeError, match="tools"):
        generate_object(model=model, schema=Recipe, prompt="A recipe", tools={})  # type: ignore[call-arg]
    assert model.calls == []


async def test_stream_object_partials_and_object(flavour: Flavour) -> None:
    model = MockLanguageModel(do_stream=text_stream_parts('{"name": "Las', 'agna", "min', 'utes": 90}'))
    values, final = await flavour.object_view("partial_object_stream", model=model, schema=Recipe, prompt="A recipe")
    assert values == [{"name": "Las"}, {"name": "Lasagna"}, {"name": "Lasagna", "minutes": 90}]
    assert final == Recipe(name="Lasagna", minutes=90)
    assert model.calls[0].response_format is not None


async def test_stream_object_text_stream_in_tool_mode(flavour: Flavour) -> None:
    model = MockLanguageModel(do_stream=tool_call_stream_parts(("call-1", "json", LASAGNA)))
    values, final = await flavour.object_view("text_stream", model=model, schema=Recipe, mode="tool", prompt="A recipe")
    assert values == [LASAGNA]
    assert final == Recipe(name="Lasagna", minutes=90)
    assert model.calls[0].tool_choice == ToolChoice(type="tool", tool_name="json")


async def test_stream_object_partials_in_tool_mode(flavour: Flavour) -> None:
    model = MockLanguageModel(do_stream=tool_call_stream_parts(("call-1", "json", LASAGNA)))
    values, _ = await flavour.object_view(
        "partial_object_stream", model=model, schema=Recipe, mode="tool", prompt="A recipe"
    )
    assert values == [{"name": "Lasagna", "minutes": 90}]


async def test_stream_object_element_stream(flavour: Flavour) -> None:
    model = MockLanguageModel(
        do_stream=text_stream_parts('{"elements": [{"name": "A", "minutes": 1}, {"name": "B", ', '"minutes": 2}]}')
    )
    values, final = await flavour.object_view(
        "element_stream", model=model, output="array", schema=Recipe, prompt="Two recipes"
    )
    assert values == [Recipe(name="A", minutes=1), Recipe(name="B", minutes=2)]
    assert final == values


async def test_stream_object_invalid_answer(flavour: Flavour) -> None:
    model = MockLanguageModel(do_stream=text_stream_parts('{"name": "Lasagna"}'))
    values, final = await flavour.object_view("partial_object_stream", model=model, schema=Recipe, prompt="A recipe")
    assert values == [{"name": "Lasagna"}]
    assert isinstance(final, NoObjectGeneratedError) and final.text == '{"name": "Lasagna"}'


def test_stream_object_aggregates_sync() -> None:
    model = MockLanguageModel(do_stream=text_stream_parts(LASAGNA, usage=mock_usage(6, 8)))
    with stream_object(model=model, schema=Recipe, prompt="A recipe") as result:
        assert result.object == Recipe(name="Lasagna", minutes=90)
        assert result.usage.output_tokens == 8 and result.finish_reason == "stop"
        assert result.error is None and result.warnings == ()
        assert result.response.model_id == "mock-model-id" and result.provider_metadata is None


async def test_stream_object_aggregates_async() -> None:
    from ai_sdk_core.generate_object import astream_object

    model = MockLanguageModel(do_stream=text_stream_parts(LASAGNA, usage=mock_usage(6, 8)))
    async with astream_object(model=model, schema=Recipe, prompt="A recipe") as result:
        assert await result.object == Recipe(name="Lasagna", minutes=90)
        assert (await result.usage).output_tokens == 8 and await result.finish_reason == "stop"
        assert await result.error is None and await result.warnings == ()
        assert (await result.response).model_id == "mock-model-id"
