"""``with_structured_output``: every method, schema kind and ``include_raw``, checked on the wire too."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

import pytest
from langchain_core.exceptions import OutputParserException
from langchain_core.messages import AIMessage
from pydantic import BaseModel, Field
from typing_extensions import TypedDict

from langchain_ai_sdk import ChatAISDK
from tests.integrations.langchain.helpers import ServerProvider
from tests.integrations.langchain.responder import standard_suite_responder
from tests.support.vendor_server import ScriptedReply, ScriptedToolCall, VendorServer

pytestmark = pytest.mark.anyio


class Person(BaseModel):
    """A person."""

    name: str = Field(description="Full name")
    born: int


class PersonDict(TypedDict):
    """A person."""

    name: Annotated[str, ..., "Full name"]
    born: int


PERSON_SCHEMA: dict[str, Any] = {
    "title": "Person",
    "description": "A person.",
    "type": "object",
    "properties": {"name": {"type": "string"}, "born": {"type": "integer"}},
    "required": ["name", "born"],
}
ADA = {"name": "Ada Lovelace", "born": 1815}


@pytest.fixture(scope="module")
def server() -> Iterator[VendorServer]:
    with VendorServer(standard_suite_responder) as running:
        yield running


@pytest.fixture(autouse=True)
def reset(server: VendorServer) -> Iterator[None]:
    server.requests.clear()
    server.responder = _answer_ada
    yield
    assert not server.errors, server.errors


def _answer_ada(request: Any) -> ScriptedReply:
    if request.tools:
        return ScriptedReply(tool_calls=[ScriptedToolCall(request.tools[0]["name"], ADA)])
    return ScriptedReply(text='{"name": "Ada Lovelace", "born": 1815}')


def chat(server: VendorServer, wire: str) -> ChatAISDK:
    return ChatAISDK(model="scripted-model-1", provider=ServerProvider(server, wire))


@pytest.mark.parametrize("wire", ["openai-chat", "openai-responses", "anthropic", "google"])
@pytest.mark.parametrize("schema", [Person, PersonDict, PERSON_SCHEMA], ids=["pydantic", "typeddict", "json-schema"])
def test_json_schema_method(server: VendorServer, wire: str, schema: Any) -> None:
    result = chat(server, wire).with_structured_output(schema, method="json_schema").invoke("Who was Ada?")

    expected = Person(**ADA) if schema is Person else ADA
    assert result == expected
    sent = server.requests[-1]
    assert sent.response_format is not None or sent.tools  # Anthropic may use a forced tool for JSON
    if sent.response_format is not None:
        assert set(sent.response_format["properties"]) == {"name", "born"}


@pytest.mark.parametrize("wire", ["openai-chat", "openai-responses", "anthropic", "google"])
@pytest.mark.parametrize("schema", [Person, PersonDict, PERSON_SCHEMA], ids=["pydantic", "typeddict", "json-schema"])
def test_function_calling_method(server: VendorServer, wire: str, schema: Any) -> None:
    result = chat(server, wire).with_structured_output(schema, method="function_calling").invoke("Who was Ada?")

    assert result == (Person(**ADA) if schema is Person else ADA)
    sent = server.requests[-1]
    assert [tool["name"] for tool in sent.tools] == ["Person" if schema is not PersonDict else "PersonDict"]
    assert sent.tool_choice is not None


def test_json_mode_without_schema(server: VendorServer) -> None:
    result = chat(server, "openai-chat").with_structured_output(None, method="json_mode").invoke("JSON please")
    assert result == ADA
    assert server.requests[-1].response_format == {}


def test_json_mode_with_pydantic(server: VendorServer) -> None:
    result = chat(server, "openai-chat").with_structured_output(Person, method="json_mode").invoke("JSON please")
    assert result == Person(**ADA)


@pytest.mark.parametrize("method", ["json_schema", "function_calling", "json_mode"])
def test_include_raw(server: VendorServer, method: str) -> None:
    result = chat(server, "openai-chat").with_structured_output(Person, method=method, include_raw=True).invoke("Ada?")  # type: ignore[arg-type]

    assert isinstance(result["raw"], AIMessage)
    assert result["parsed"] == Person(**ADA)
    assert result["parsing_error"] is None


@pytest.mark.parametrize("method", ["json_schema", "function_calling", "json_mode"])
def test_include_raw_reports_a_parsing_error_instead_of_raising(server: VendorServer, method: str) -> None:
    def wrong(request: Any) -> ScriptedReply:
        if request.tools:
            return ScriptedReply(tool_calls=[ScriptedToolCall(request.tools[0]["name"], {"name": "Ada"})])
        return ScriptedReply(text='{"name": "Ada"}')

    server.responder = wrong
    llm = chat(server, "openai-chat")
    result = llm.with_structured_output(Person, method=method, include_raw=True).invoke("Ada?")  # type: ignore[arg-type]

    assert isinstance(result["raw"], AIMessage)
    assert result["parsed"] is None
    assert result["parsing_error"] is not None
    with pytest.raises(Exception, match="born"):
        llm.with_structured_output(Person, method=method).invoke("Ada?")  # type: ignore[arg-type]


@pytest.mark.parametrize("wire", ["openai-responses", "google"])
@pytest.mark.parametrize("method", ["json_schema", "json_mode"])
def test_include_raw_reports_text_that_is_not_json(server: VendorServer, wire: str, method: str) -> None:
    server.responder = lambda request: ScriptedReply(text="Sorry, I cannot answer that.")
    llm = chat(server, wire)
    result = llm.with_structured_output(Person, method=method, include_raw=True).invoke("Ada?")  # type: ignore[arg-type]

    assert result["raw"].text == "Sorry, I cannot answer that."
    assert result["parsed"] is None
    assert isinstance(result["parsing_error"], OutputParserException)
    with pytest.raises(OutputParserException):
        llm.with_structured_output(Person, method=method).invoke("Ada?")  # type: ignore[arg-type]


def test_streamed_structured_output_yields_growing_objects(server: VendorServer) -> None:
    server.responder = lambda request: ScriptedReply(text='{"name": "Ada Lovelace", "born": 1815}', chunk_size=5)
    chunks = list(chat(server, "openai-chat").with_structured_output(PERSON_SCHEMA).stream("Ada?"))
    assert len(chunks) > 1
    assert chunks[-1] == ADA


async def test_async_structured_output(server: VendorServer) -> None:
    result = await chat(server, "google").with_structured_output(Person).ainvoke("Ada?")
    assert result == Person(**ADA)


def test_unknown_method_is_refused(server: VendorServer) -> None:
    with pytest.raises(ValueError, match="method must be"):
        chat(server, "openai-chat").with_structured_output(Person, method="xml")  # type: ignore[arg-type]


@pytest.mark.parametrize("strict", [True, False])
def test_strict_reaches_openai_on_both_apis(server: VendorServer, strict: bool) -> None:
    chat(server, "openai-chat").with_structured_output(Person, method="json_schema", strict=strict).invoke("Ada?")
    assert server.requests[-1].body["response_format"]["json_schema"]["strict"] is strict
    chat(server, "openai-responses").with_structured_output(Person, method="json_schema", strict=strict).invoke("Ada?")
    assert server.requests[-1].body["text"]["format"]["strict"] is strict
    chat(server, "openai-chat").with_structured_output(Person, method="function_calling", strict=strict).invoke("Ada?")
    assert server.requests[-1].body["tools"][0]["function"]["strict"] is strict
