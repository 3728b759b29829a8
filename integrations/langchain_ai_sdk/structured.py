"""``with_structured_output`` as LangChain builds it: a bound model piped into LangChain's own output parsers.

The model call asks the provider for the format (a response format for ``json_schema``/``json_mode``, a forced
tool call for ``function_calling``); the parsing is LangChain's, so the parsed values, the errors and the
``include_raw=True`` shape are exactly what users of ``ChatOpenAI`` get.
"""

from __future__ import annotations

from collections.abc import Mapping
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Literal

from langchain_core.output_parsers import JsonOutputKeyToolsParser, JsonOutputParser, PydanticOutputParser
from langchain_core.output_parsers.openai_tools import PydanticToolsParser
from langchain_core.runnables import Runnable, RunnableMap, RunnablePassthrough
from langchain_core.utils.function_calling import convert_to_json_schema, convert_to_openai_tool
from langchain_core.utils.pydantic import is_basemodel_subclass

from ai_sdk_core import InvalidArgumentError, OutputStrategy

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel, LanguageModelInput

__all__ = ["output_of_response_format", "structured_output_runnable"]


class _RawJsonOutput(OutputStrategy):
    """Asks the provider for JSON (with ``schema``, or any JSON) but leaves parsing to LangChain's parsers, so
    ``include_raw=True`` reports a parsing error instead of the call raising."""

    __slots__ = ("schema",)

    def __init__(self, schema: dict[str, Any] | None, *, name: str | None, description: str | None) -> None:
        super().__init__(name=name, description=description)
        self.schema = schema

    @property
    def json_schema(self) -> dict[str, Any] | None:
        return self.schema

    def parse_text(self, text: str) -> Any:
        return text


def output_of_response_format(response_format: Mapping[str, Any]) -> OutputStrategy:
    """OpenAI-style ``response_format`` (``json_schema`` or ``json_object``) as an SDK output strategy."""
    if response_format.get("type") == "json_schema":
        spec = response_format["json_schema"]
        return _RawJsonOutput(spec.get("schema"), name=spec.get("name"), description=spec.get("description"))
    if response_format.get("type") == "json_object":
        return _RawJsonOutput(None, name=None, description=None)
    raise InvalidArgumentError(f"unsupported response_format {response_format!r}", argument="response_format")


def _is_pydantic(schema: Any) -> bool:
    return isinstance(schema, type) and is_basemodel_subclass(schema)


def structured_output_runnable(
    model: BaseChatModel,
    schema: dict[str, Any] | type | None,
    *,
    method: Literal["function_calling", "json_mode", "json_schema"],
    include_raw: bool,
    strict: bool | None,
) -> Runnable[LanguageModelInput, Any]:
    """The runnable ``with_structured_output`` returns (see :meth:`ChatAISDK.with_structured_output`)."""
    pydantic = _is_pydantic(schema)
    parser: Runnable[Any, Any]
    if method == "function_calling":
        if schema is None:
            raise InvalidArgumentError("method='function_calling' needs a schema", argument="schema")
        tool = convert_to_openai_tool(schema, strict=strict)
        name = tool["function"]["name"]
        bound = model.bind_tools(
            [schema],
            tool_choice=name,
            strict=strict,
            ls_structured_output_format={"kwargs": {"method": method, "strict": strict}, "schema": schema},
        )
        if pydantic:
            parser = PydanticToolsParser(tools=[schema], first_tool_only=True)  # type: ignore[list-item]
        else:
            parser = JsonOutputKeyToolsParser(key_name=name, first_tool_only=True)
    elif method in ("json_schema", "json_mode"):
        if method == "json_schema" and schema is None:
            raise InvalidArgumentError("method='json_schema' needs a schema", argument="schema")
        if method == "json_mode":
            response_format: dict[str, Any] = {"type": "json_object"}
        else:
            assert schema is not None
            function = convert_to_openai_tool(schema)["function"]
            json_schema = convert_to_json_schema(schema)
            spec: dict[str, Any] = {"name": function["name"], "schema": json_schema}
            if function.get("description"):
                spec["description"] = function["description"]
            if strict is not None:
                spec["strict"] = strict
            response_format = {"type": "json_schema", "json_schema": spec}
        bound = model.bind(
            response_format=response_format,
            ls_structured_output_format={
                "kwargs": {"method": method, "strict": strict},
                "schema": schema,
            },
        )
        parser = PydanticOutputParser(pydantic_object=schema) if pydantic else JsonOutputParser()  # type: ignore[arg-type]
    else:
        raise InvalidArgumentError(
            f"method must be 'function_calling', 'json_mode' or 'json_schema', not {method!r}", argument="method"
        )
    if not include_raw:
        return bound | parser
    parsed = RunnablePassthrough.assign(parsed=itemgetter("raw") | parser, parsing_error=lambda _: None)
    no_parse = RunnablePassthrough.assign(parsed=lambda _: None)
    with_fallback = parsed.with_fallbacks([no_parse], exception_key="parsing_error")
    return RunnableMap(raw=bound) | with_fallback
