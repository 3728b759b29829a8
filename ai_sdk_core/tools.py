"""Tools a model can call, and the stop conditions of the multi-step tool loop.

Three ways to make a tool::

    @tool
    def get_weather(city: str, unit: str = "celsius") -> str:
        '''Current weather of a city.

        Args:
            city: The city name.
            unit: "celsius" or "fahrenheit".
        '''
        return f"22 degrees {unit} in {city}"

    weather = tool(get_weather)                      # the same, as a call

    class Search(BaseModel):
        query: str

    search = tool(description="Search the web", input_schema=Search, execute=lambda query: ...)

From a plain function the JSON Schema comes from its type hints and the parameter descriptions from the
``Args:`` section of its docstring. ``execute`` may be sync or async. The input the model sends is validated
against the schema before ``execute`` runs; a tool without ``execute`` makes the loop stop and return the calls.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, overload

from ai_sdk_core.spec.errors import TypeValidationError
from ai_sdk_core.spec.prompt import ToolResultOutput
from ai_sdk_core.spec.shared import ProviderOptions
from ai_sdk_core.spec.tools import ProviderTool

if TYPE_CHECKING:
    from ai_sdk_core.generate_text.results import StepResult

__all__ = [
    "StopCondition",
    "Tool",
    "ToolExecutionOptions",
    "dynamic_tool",
    "has_tool_call",
    "step_count_is",
    "tool",
]


@dataclass(slots=True, frozen=True)
class ToolExecutionOptions:
    """Passed as a second argument to an ``execute`` that accepts one: the call id and the conversation so far."""

    tool_call_id: str
    messages: Sequence[Any] = ()


@dataclass(slots=True)
class Tool:
    """A tool: ``input_schema`` is a JSON Schema object; ``execute`` (sync or async) computes the result.

    ``validate_input`` turns the model's parsed JSON into the value ``execute`` receives (a pydantic model
    instance, a dict, ...) and raises :class:`~ai_sdk_core.spec.errors.TypeValidationError` on a mismatch.
    ``to_model_output`` turns the result into what the model reads (default: strings as text, the rest as JSON).
    """

    input_schema: dict[str, Any]
    execute: Callable[..., Any] | None = None
    name: str | None = None
    description: str | None = None
    to_model_output: Callable[[Any], ToolResultOutput] | None = None
    validate_input: Callable[[Any], Any] | None = None
    dynamic: bool = False
    strict: bool | None = None
    provider_options: ProviderOptions | None = None
    # Function tools take their input as keyword arguments; schema tools take it as one positional argument.
    spread_input: bool = False
    # Schema tools: ``execute`` takes the options as a second positional argument.
    accepts_options: bool = False
    # Function tools: the keyword parameter (annotated ``ToolExecutionOptions``) that receives the options.
    options_parameter: str | None = None
    # True, or a function of the validated input (sync or async) returning whether this call needs the
    # caller's approval before ``execute`` runs.
    needs_approval: bool | Callable[..., Any] = False
    # A tool the provider defines (``openai.tools.web_search()``, Anthropic's bash, ...): sent to the model as
    # that provider tool instead of a function. Without ``execute`` the provider runs it (its results arrive as
    # provider-executed tool results); with ``execute`` the SDK runs the calls, as for any tool.
    provider_tool: ProviderTool | None = None

    def parse_input(self, value: Any) -> Any:
        """Validate the model's parsed input; returns the value ``execute`` receives."""
        if self.validate_input is not None:
            return self.validate_input(value)
        check_json_schema(value, self.input_schema)
        return value

    def call(self, value: Any, options: ToolExecutionOptions) -> Any:
        """Run ``execute`` on an already validated input; returns its result or an awaitable of it."""
        if self.execute is None:
            raise TypeError(f"tool {self.name!r} has no execute function")
        if self.spread_input:
            arguments = (
                {key: getattr(value, key) for key in type(value).model_fields}
                if hasattr(value, "model_dump")
                else dict(value)
            )
            if self.options_parameter is not None:
                arguments[self.options_parameter] = options
            return self.execute(**arguments)
        if self.accepts_options:
            return self.execute(value, options)
        return self.execute(value)

    def approval_needed(self, value: Any, options: ToolExecutionOptions) -> Any:
        """Whether the call with validated input ``value`` needs the caller's approval: a bool, or an awaitable
        of one when ``needs_approval`` is an async function (the driver awaits it)."""
        rule = self.needs_approval
        if not callable(rule):
            return bool(rule)
        if _accepts_second_argument(rule):
            return rule(value, options)
        return rule(value)

    def model_output(self, result: Any) -> ToolResultOutput:
        """What the model reads for ``result``."""
        if self.to_model_output is not None:
            return self.to_model_output(result)
        return default_model_output(result)

    def with_overrides(
        self,
        *,
        description: str | None = None,
        name: str | None = None,
        to_model_output: Callable[[Any], ToolResultOutput] | None = None,
        strict: bool | None = None,
        needs_approval: bool | Callable[..., Any] | None = None,
    ) -> Tool:
        """Set the given fields (those not None) in place; returns the tool."""
        if needs_approval is not None:
            self.needs_approval = needs_approval
        if description is not None:
            self.description = description
        if name is not None:
            self.name = name
        if to_model_output is not None:
            self.to_model_output = to_model_output
        if strict is not None:
            self.strict = strict
        return self


def default_model_output(result: Any) -> ToolResultOutput:
    """Strings become ``text`` output; anything else is converted to JSON-compatible values (pydantic models,
    dataclasses, dates, ... included). Raises ``pydantic_core.PydanticSerializationError`` for a value with no
    JSON form."""
    if isinstance(result, str):
        return ToolResultOutput(type="text", value=result)
    from pydantic_core import to_jsonable_python

    return ToolResultOutput(type="json", value=to_jsonable_python(result))


_SECTION_HEADER = re.compile(r"^(\w[\w ]*):\s*$")
_ARG_LINE = re.compile(r"^(\*{0,2}\w+)\s*(\([^)]*\))?\s*:\s*(.*)$")
_ARGUMENT_SECTIONS = ("args", "arguments", "parameters")


def _parse_docstring(docstring: str | None) -> tuple[str | None, dict[str, str]]:
    """Split a Google-style docstring into its summary (the text before the first section header) and the
    descriptions of its ``Args:`` section (continuation lines joined)."""
    if not docstring:
        return None, {}
    summary: list[str] = []
    arguments: dict[str, str] = {}
    section: str | None = None
    current: str | None = None
    argument_indent: int | None = None
    for line in inspect.cleandoc(docstring).splitlines():
        header = _SECTION_HEADER.match(line)
        if header:
            section = header.group(1).lower()
            current = None
            continue
        if section is None:
            summary.append(line)
            continue
        if section not in _ARGUMENT_SECTIONS or not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        match = _ARG_LINE.match(line.strip())
        if match and (argument_indent is None or indent <= argument_indent):
            argument_indent = indent
            current = match.group(1).lstrip("*")
            arguments[current] = match.group(3).strip()
        elif current is not None:
            arguments[current] = f"{arguments[current]} {line.strip()}".strip()
    text = "\n".join(summary).strip()
    return text or None, arguments


def _schema_from_function(
    function: Callable[..., Any],
) -> tuple[dict[str, Any], Callable[[Any], Any], str | None, str]:
    """Build the JSON Schema and validator of a function's parameters from its type hints and docstring."""
    from pydantic import ConfigDict, Field, create_model

    signature = inspect.signature(function)
    _, descriptions = _parse_docstring(function.__doc__)
    hints = _type_hints(function)
    fields: dict[str, Any] = {}
    options_parameter: str | None = None
    for parameter in signature.parameters.values():
        annotation = hints.get(parameter.name, Any)
        if annotation is ToolExecutionOptions:
            options_parameter = parameter.name
            continue
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        default = ... if parameter.default is parameter.empty else parameter.default
        fields[parameter.name] = (annotation, Field(default, description=descriptions.get(parameter.name)))
    name = getattr(function, "__name__", "tool")
    model = create_model(f"{name}_input", __config__=ConfigDict(extra="forbid"), **fields)
    schema = model.model_json_schema()
    schema.pop("title", None)
    for property_schema in schema.get("properties", {}).values():
        property_schema.pop("title", None)

    def validate(value: Any) -> Any:
        from pydantic import ValidationError

        try:
            return model.model_validate(value)
        except ValidationError as error:
            raise TypeValidationError(str(error), value=value, cause=error) from error

    return schema, validate, options_parameter, name


def _type_hints(function: Callable[..., Any]) -> dict[str, Any]:
    import typing

    try:
        return typing.get_type_hints(function)
    except Exception:  # unresolvable forward references: fall back to untyped parameters
        return {}


def _schema_from_input_schema(input_schema: Any) -> tuple[dict[str, Any], Callable[[Any], Any] | None]:
    """Accept a pydantic model class or a JSON Schema dict."""
    if isinstance(input_schema, dict):
        return input_schema, None
    if isinstance(input_schema, type) and hasattr(input_schema, "model_json_schema"):
        model: Any = input_schema
        schema: dict[str, Any] = model.model_json_schema()

        def validate(value: Any) -> Any:
            from pydantic import ValidationError

            try:
                return model.model_validate(value)
            except ValidationError as error:
                raise TypeValidationError(str(error), value=value, cause=error) from error

        return schema, validate
    raise TypeError(f"input_schema must be a pydantic model class or a JSON Schema dict, not {input_schema!r}")


def _accepts_second_argument(function: Callable[..., Any]) -> bool:
    try:
        parameters = list(inspect.signature(function).parameters.values())
    except (TypeError, ValueError):
        return False
    positional = [p for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return len(positional) >= 2 or any(p.kind is p.VAR_POSITIONAL for p in parameters)


@overload
def tool(
    function: Callable[..., Any],
    /,
    *,
    description: str | None = None,
    name: str | None = None,
    to_model_output: Callable[[Any], ToolResultOutput] | None = None,
    strict: bool | None = None,
    needs_approval: bool | Callable[..., Any] = False,
) -> Tool: ...


@overload
def tool(
    *,
    description: str | None = None,
    input_schema: Any,
    execute: Callable[..., Any] | None = None,
    name: str | None = None,
    to_model_output: Callable[[Any], ToolResultOutput] | None = None,
    strict: bool | None = None,
    provider_options: ProviderOptions | None = None,
    needs_approval: bool | Callable[..., Any] = False,
) -> Tool: ...


@overload
def tool(
    *,
    description: str | None = None,
    input_schema: Any = None,
    execute: Callable[..., Any],
    name: str | None = None,
    to_model_output: Callable[[Any], ToolResultOutput] | None = None,
    strict: bool | None = None,
    provider_options: ProviderOptions | None = None,
    needs_approval: bool | Callable[..., Any] = False,
) -> Tool: ...


@overload
def tool(
    *,
    description: str | None = None,
    name: str | None = None,
    to_model_output: Callable[[Any], ToolResultOutput] | None = None,
    strict: bool | None = None,
    needs_approval: bool | Callable[..., Any] = False,
) -> Callable[[Callable[..., Any]], Tool]: ...


def tool(
    function: Callable[..., Any] | None = None,
    /,
    *,
    description: str | None = None,
    input_schema: Any = None,
    execute: Callable[..., Any] | None = None,
    name: str | None = None,
    to_model_output: Callable[[Any], ToolResultOutput] | None = None,
    strict: bool | None = None,
    provider_options: ProviderOptions | None = None,
    needs_approval: bool | Callable[..., Any] = False,
) -> Tool | Callable[[Callable[..., Any]], Tool]:
    """Define a tool from a function (``tool(fn)``, ``@tool``, ``@tool(description=...)``) or from a schema.

    With ``input_schema`` (a pydantic model class or a JSON Schema dict), ``execute`` receives the validated
    input as one argument (a model instance, or the dict), plus a :class:`ToolExecutionOptions` when it takes
    a second parameter. From a function, ``execute`` is the function, called with keyword arguments; a parameter
    annotated :class:`ToolExecutionOptions` receives the options.

    ``needs_approval``: True, or a function (sync or async) of the validated input (plus the
    :class:`ToolExecutionOptions` when it takes a second parameter) returning True when the call needs the
    caller's approval. Such a call is not run: the loop stops with a ``ToolApprovalRequest`` in the step's content.
    """
    if function is None and input_schema is None and execute is None:

        def decorate(decorated: Callable[..., Any]) -> Tool:
            return tool(decorated).with_overrides(
                description=description,
                name=name,
                to_model_output=to_model_output,
                strict=strict,
                needs_approval=needs_approval,
            )

        return decorate
    if function is not None:
        schema, validate, options_parameter, function_name = _schema_from_function(function)
        summary, _ = _parse_docstring(function.__doc__)
        return Tool(
            input_schema=schema,
            execute=function,
            name=name or function_name,
            description=description or summary,
            to_model_output=to_model_output,
            validate_input=validate,
            strict=strict,
            provider_options=provider_options,
            spread_input=True,
            options_parameter=options_parameter,
            needs_approval=needs_approval,
        )
    schema_dict, schema_validate = _schema_from_input_schema(
        input_schema if input_schema is not None else {"type": "object", "properties": {}}
    )
    return Tool(
        input_schema=schema_dict,
        execute=execute,
        name=name,
        description=description,
        to_model_output=to_model_output,
        validate_input=schema_validate,
        strict=strict,
        provider_options=provider_options,
        accepts_options=execute is not None and _accepts_second_argument(execute),
        needs_approval=needs_approval,
    )


def dynamic_tool(
    *,
    description: str | None = None,
    input_schema: dict[str, Any] | None = None,
    execute: Callable[[Any, ToolExecutionOptions], Any] | Callable[[Any], Any] | None = None,
    name: str | None = None,
    to_model_output: Callable[[Any], ToolResultOutput] | None = None,
    needs_approval: bool | Callable[..., Any] = False,
) -> Tool:
    """A tool whose input type is not known ahead (MCP tools, user-defined tools): ``execute`` receives the
    parsed JSON input unvalidated beyond the JSON Schema's basic shape. Its calls and results carry
    ``dynamic=True``."""
    made = tool(
        description=description,
        input_schema=input_schema or {"type": "object", "properties": {}},
        execute=execute,
        name=name,
        to_model_output=to_model_output,
        needs_approval=needs_approval,
    )
    made.dynamic = True
    return made


_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list, tuple),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}


def check_json_schema(value: Any, schema: dict[str, Any], path: str = "$") -> None:
    """Check the basic shape of ``value`` against a JSON Schema (type, required, properties, items, enum).

    Not a full validator: it catches what models get wrong in practice (missing keys, wrong types). Use a
    pydantic model as ``input_schema`` for complete validation.
    """
    expected = schema.get("type")
    if isinstance(expected, str | list):
        names = [expected] if isinstance(expected, str) else expected
        allowed = tuple(kind for name in names for kind in _JSON_TYPES.get(name, (object,)))
        is_bool = isinstance(value, bool)
        if not isinstance(value, allowed) or (is_bool and "boolean" not in names):
            raise TypeValidationError(f"{path}: expected {'/'.join(names)}, got {type(value).__name__}", value=value)
    if "enum" in schema and value not in schema["enum"]:
        raise TypeValidationError(f"{path}: {value!r} is not one of {schema['enum']!r}", value=value)
    if isinstance(value, dict):
        for key in schema.get("required", ()):
            if key not in value:
                raise TypeValidationError(f"{path}: missing required property {key!r}", value=value)
        properties = schema.get("properties", {})
        for key, item in value.items():
            if key in properties:
                check_json_schema(item, properties[key], f"{path}.{key}")
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for index, item in enumerate(value):
            check_json_schema(item, schema["items"], f"{path}[{index}]")


StopCondition = Callable[[Sequence["StepResult"]], "bool | Awaitable[bool]"]
"""Called after each step with all steps so far; returns (or resolves to) True to stop the loop."""


@dataclass(slots=True, frozen=True)
class _StepCountIs:
    count: int

    def __call__(self, steps: Sequence[StepResult]) -> bool:
        return len(steps) >= self.count


@dataclass(slots=True, frozen=True)
class _HasToolCall:
    tool_names: tuple[str, ...] = field(default=())

    def __call__(self, steps: Sequence[StepResult]) -> bool:
        if not steps:
            return False
        return any(call.tool_name in self.tool_names for call in steps[-1].tool_calls)


def step_count_is(count: int) -> StopCondition:
    """Stop once ``count`` steps have run. ``generate_text``'s default is ``step_count_is(1)``, an
    ``Agent``'s is ``step_count_is(20)``."""
    return _StepCountIs(count)


def has_tool_call(*tool_names: str) -> StopCondition:
    """Stop after a step in which the model called one of ``tool_names`` (e.g. a ``final_answer`` tool)."""
    return _HasToolCall(tuple(tool_names))
