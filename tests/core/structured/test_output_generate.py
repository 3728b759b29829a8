"""``generate_text(output=...)``: what is sent, what ``result.output`` holds, and every way it fails."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from pydantic import BaseModel
from typing_extensions import TypedDict

from ai_sdk_core.generate_text import generate_text
from ai_sdk_core.output import Output
from ai_sdk_core.spec import InvalidArgumentError, ResponseFormat
from ai_sdk_core.spec.errors import NoObjectGeneratedError
from ai_sdk_core.testing.mock_models import MockLanguageModel, mock_text_result, mock_tool_call_result, mock_usage
from ai_sdk_core.tools import step_count_is, tool

from .conftest import Flavour

pytestmark = pytest.mark.anyio


class Person(BaseModel):
    name: str
    born: int


# What is sent for Person: pydantic's schema, closed to extra keys (strict structured output requires it).
PERSON_SCHEMA: dict[str, Any] = {**Person.model_json_schema(), "additionalProperties": False}


class PersonDict(TypedDict):
    name: str
    born: int


@dataclasses.dataclass
class PersonData:
    name: str
    born: int


PERSON_JSON_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"name": {"type": "string"}, "born": {"type": "integer"}},
    "required": ["name", "born"],
    "additionalProperties": False,
}

ADA = '{"name": "Ada", "born": 1815}'


def answering(*texts: str) -> MockLanguageModel:
    return MockLanguageModel(do_generate=[mock_text_result(text, usage=mock_usage(4, 7)) for text in texts])


async def test_object_from_a_pydantic_model(flavour: Flavour) -> None:
    model = answering(ADA)
    result = await flavour.generate_text(model=model, prompt="Who?", output=Output.object(Person, name="person"))
    assert result.output == Person(name="Ada", born=1815)
    sent = model.calls[0].response_format
    assert sent == ResponseFormat(type="json", schema=PERSON_SCHEMA, name="person", description=None)


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        (PersonDict, {"name": "Ada", "born": 1815}),
        (PersonData, PersonData(name="Ada", born=1815)),
        (PERSON_JSON_SCHEMA, {"name": "Ada", "born": 1815}),
    ],
    ids=["typeddict", "dataclass", "json-schema"],
)
async def test_object_from_other_schemas(flavour: Flavour, schema: Any, expected: Any) -> None:
    model = answering(ADA)
    result = await flavour.generate_text(model=model, prompt="Who?", output=Output.object(schema))
    assert result.output == expected
    sent = model.calls[0].response_format
    assert sent is not None and sent.type == "json"
    assert sent.schema is not None and sent.schema["properties"]["born"]["type"] == "integer"


async def test_array_is_wrapped_in_an_object(flavour: Flavour) -> None:
    model = answering('{"elements": [{"name": "Ada", "born": 1815}, {"name": "Alan", "born": 1912}]}')
    result = await flavour.generate_text(model=model, prompt="Who?", output=Output.array(Person))
    assert result.output == [Person(name="Ada", born=1815), Person(name="Alan", born=1912)]
    schema: Any = model.calls[0].response_format.schema  # type: ignore[union-attr]
    assert schema["required"] == ["elements"]
    # pydantic's definitions move to the root, where the element's $ref points.
    assert schema["properties"]["elements"] == {"type": "array", "items": PERSON_SCHEMA}


async def test_array_of_nested_models_keeps_references_resolvable(flavour: Flavour) -> None:
    class Team(BaseModel):
        lead: Person

    model = answering('{"elements": [{"lead": {"name": "Ada", "born": 1815}}]}')
    result = await flavour.generate_text(model=model, prompt="Teams", output=Output.array(Team))
    assert result.output == [Team(lead=Person(name="Ada", born=1815))]
    schema: Any = model.calls[0].response_format.schema  # type: ignore[union-attr]
    assert "Person" in schema["$defs"]
    assert "$defs" not in schema["properties"]["elements"]["items"]
    assert schema["$defs"]["Person"]["additionalProperties"] is False
    assert schema["properties"]["elements"]["items"]["additionalProperties"] is False


async def test_choice(flavour: Flavour) -> None:
    model = answering('{"result": "sunny"}')
    result = await flavour.generate_text(model=model, prompt="Weather?", output=Output.choice(["sunny", "rainy"]))
    assert result.output == "sunny"
    schema: Any = model.calls[0].response_format.schema  # type: ignore[union-attr]
    assert schema["properties"]["result"] == {"type": "string", "enum": ["sunny", "rainy"]}


async def test_choice_outside_the_choices_names_them(flavour: Flavour) -> None:
    model = answering('{"result": "foggy"}')
    with pytest.raises(NoObjectGeneratedError) as caught:
        await flavour.generate_text(model=model, prompt="Weather?", output=Output.choice(["sunny", "rainy"]))
    assert "'foggy'" in str(caught.value) and "'sunny', 'rainy'" in str(caught.value)
    assert caught.value.text == '{"result": "foggy"}'


async def test_json_is_parsed_not_validated(flavour: Flavour) -> None:
    model = answering('[1, "two", {"three": 3}]')
    result = await flavour.generate_text(model=model, prompt="Anything", output=Output.json())
    assert result.output == [1, "two", {"three": 3}]
    assert model.calls[0].response_format == ResponseFormat(type="json")


async def test_text_output_and_the_default(flavour: Flavour) -> None:
    model = answering("plain words", "plain again")
    result = await flavour.generate_text(model=model, prompt="Say", output=Output.text())
    assert result.output == "plain words"
    assert model.calls[0].response_format == ResponseFormat(type="text")
    default = await flavour.generate_text(model=model, prompt="Say")
    assert default.output == "plain again"
    assert model.calls[1].response_format is None


async def test_with_tools_the_answer_comes_from_the_final_step(flavour: Flavour) -> None:
    @tool
    def lookup(name: str) -> str:
        """Birth year of a person."""
        return "1815"

    model = MockLanguageModel(
        do_generate=[
            mock_tool_call_result(("call-1", "lookup", {"name": "Ada"}), text="Let me look."),
            mock_text_result(ADA),
        ]
    )
    result = await flavour.generate_text(
        model=model,
        prompt="Who?",
        tools={"lookup": lookup},
        stop_when=step_count_is(3),
        output=Output.object(Person),
    )
    assert result.output == Person(name="Ada", born=1815)
    assert len(result.steps) == 2
    # The response format goes with every step, tools with it.
    assert [call.response_format is not None for call in model.calls] == [True, True]
    assert model.calls[1].tools is not None


async def test_a_run_stopped_on_tool_calls_says_to_allow_one_more_step(flavour: Flavour) -> None:
    @tool
    def lookup(name: str) -> str:
        """Birth year of a person."""
        return "1815"

    model = MockLanguageModel(do_generate=[mock_tool_call_result(("call-1", "lookup", {"name": "Ada"}))])
    with pytest.raises(NoObjectGeneratedError, match="allow one more step in stop_when") as caught:
        await flavour.generate_text(
            model=model,
            prompt="Who?",
            tools={"lookup": lookup},
            stop_when=step_count_is(1),
            output=Output.object(Person),
        )
    assert caught.value.finish_reason == "tool-calls"


async def test_text_that_is_not_json(flavour: Flavour) -> None:
    model = answering("Sure! Here it is: Ada")
    with pytest.raises(NoObjectGeneratedError) as caught:
        await flavour.generate_text(model=model, prompt="Who?", output=Output.object(Person))
    error = caught.value
    assert error.text == "Sure! Here it is: Ada"
    assert error.finish_reason == "stop"
    assert error.usage.input_tokens == 4 and error.usage.output_tokens == 7
    assert error.response.model_id == "mock-model-id"
    assert "JSON" in str(error.cause)


async def test_json_that_does_not_validate(flavour: Flavour) -> None:
    model = answering('{"name": "Ada", "born": "long ago"}')
    with pytest.raises(NoObjectGeneratedError) as caught:
        await flavour.generate_text(model=model, prompt="Who?", output=Output.object(PERSON_JSON_SCHEMA))
    assert "'long ago' is not of type 'integer'" in str(caught.value)
    assert "born" in str(caught.value)


async def test_empty_answer(flavour: Flavour) -> None:
    model = answering("")
    with pytest.raises(NoObjectGeneratedError, match="no text"):
        await flavour.generate_text(model=model, prompt="Who?", output=Output.object(Person))


async def test_repair_text_sync_and_async_hooks(flavour: Flavour) -> None:
    seen: list[tuple[str, str]] = []

    def repair(*, text: str, error: Exception) -> str:
        seen.append((text, type(error).__name__))
        return text.removeprefix("```json").removesuffix("```")

    async def arepair(*, text: str, error: Exception) -> str:
        return repair(text=text, error=error)

    for hook in (repair, arepair):
        model = answering("```json" + ADA + "```")
        result = await flavour.generate_text(model=model, prompt="Who?", output=Output.object(Person), repair_text=hook)
        assert result.output == Person(name="Ada", born=1815)
    assert seen == [("```json" + ADA + "```", "JSONParseError")] * 2


async def test_repair_that_gives_up_or_fails_again(flavour: Flavour) -> None:
    for repaired in (None, '{"name": "Ada"}'):
        model = answering("nonsense")
        with pytest.raises(NoObjectGeneratedError) as caught:
            await flavour.generate_text(
                model=model,
                prompt="Who?",
                output=Output.object(Person),
                repair_text=lambda text, error, value=repaired: value,
            )
        assert caught.value.text == "nonsense"
        expected = "JSON" if repaired is None else "born"
        assert expected in str(caught.value)


def test_invalid_schemas_are_typed_errors_at_call_time() -> None:
    with pytest.raises(InvalidArgumentError, match="JSON Schema is invalid") as caught:
        Output.object({"type": "no-such-type"})
    assert caught.value.argument == "schema"
    with pytest.raises(InvalidArgumentError, match="not a usable schema"):
        Output.object(object())
    with pytest.raises(InvalidArgumentError, match="expected a pydantic model"):
        Output.array("Person")
    with pytest.raises(InvalidArgumentError, match="non-empty list of strings"):
        Output.choice([])
    with pytest.raises(InvalidArgumentError, match="non-empty list of strings"):
        Output.choice("sunny")
    model = answering(ADA)
    with pytest.raises(InvalidArgumentError, match=r"Output\.text"):
        generate_text(model=model, prompt="Who?", output=Person)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="repair_text"):
        generate_text(model=model, prompt="Who?", output=Output.json(), repair_text="fix")  # type: ignore[arg-type]
    assert model.calls == []
