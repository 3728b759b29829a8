"""Structured output: what ``generate_text(output=...)``, ``stream_text(output=...)`` and ``generate_object`` ask
the model for, and how its answer is parsed, validated and streamed as partial values.

Example::

    from pydantic import BaseModel
    from ai_sdk_core import Output, generate_text

    class Person(BaseModel):
        name: str
        born: int

    result = generate_text(model=model, prompt="Who wrote the first program?", output=Output.object(Person))
    result.output  # Person(name='Ada Lovelace', born=1815)

A schema is a pydantic model class, any type pydantic's ``TypeAdapter`` understands (a ``TypedDict``, a
dataclass, ``list[int]``, ...) or a JSON Schema dict (checked with ``jsonschema``). Arrays and choices are wrapped
in an object (``{"elements": [...]}``, ``{"result": "..."}``) because providers' structured output modes want an
object at the top, as the AI SDK does.

Everything here is pure: the text loop calls these functions, sync and async alike.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from ai_sdk_core.provider_utils.json import parse_json, parse_partial_json
from ai_sdk_core.spec.call_options import ResponseFormat
from ai_sdk_core.spec.errors import AISDKError, InvalidArgumentError, NoObjectGeneratedError, TypeValidationError

__all__ = [
    "ArrayOutput",
    "ChoiceOutput",
    "JsonOutput",
    "ObjectOutput",
    "ObjectSchema",
    "Output",
    "OutputStrategy",
    "PartialOutputTracker",
    "TextOutput",
    "UNCHANGED",
    "make_schema",
    "no_object_generated",
]


class _Unchanged:
    def __repr__(self) -> str:
        return "UNCHANGED"


# Returned by ``OutputStrategy.partial`` when the text so far gives no value worth showing yet.
UNCHANGED: Final = _Unchanged()


@dataclass(slots=True, frozen=True)
class ObjectSchema:
    """A JSON Schema to send to the model and the function that validates (and converts) a parsed value.

    ``validate`` raises :class:`~ai_sdk_core.spec.errors.TypeValidationError` on a mismatch and returns the
    value the caller gets (a model instance for a pydantic model, the value itself for a JSON Schema dict).
    """

    json_schema: dict[str, Any]
    validate: Callable[[Any], Any] = field(repr=False)


def _from_json_schema(schema: dict[str, Any]) -> ObjectSchema:
    # Imported here: only dict schemas need jsonschema, and ``import ai_sdk_core`` stays light.
    import jsonschema  # type: ignore[import-untyped]
    import jsonschema.exceptions  # type: ignore[import-untyped]

    validator_class = jsonschema.validators.validator_for(schema)
    try:
        validator_class.check_schema(schema)
    except jsonschema.exceptions.SchemaError as error:
        raise InvalidArgumentError(
            f"the JSON Schema is invalid: {error.message} (at {'/'.join(map(str, error.path)) or 'the root'}); "
            "fix the schema or pass a pydantic model",
            argument="schema",
            value=schema,
        ) from error
    validator = validator_class(schema)

    def validate(value: Any) -> Any:
        error = jsonschema.exceptions.best_match(validator.iter_errors(value))
        if error is not None:
            where = "/".join(map(str, error.absolute_path)) or "the root"
            raise TypeValidationError(f"{error.message} (at {where})", value=value, cause=error)
        return value

    return ObjectSchema(json_schema=schema, validate=validate)


def _close_objects(node: Any) -> None:
    """Mark every object schema of a generated schema ``additionalProperties: false`` (unless it says otherwise).

    Providers' strict structured output (OpenAI's ``strict: true``) rejects object schemas without it, and
    pydantic omits it; extra keys are ignored by pydantic's validation anyway, so nothing accepted changes.
    """
    if isinstance(node, dict):
        if node.get("type") == "object" and "properties" in node and "additionalProperties" not in node:
            node["additionalProperties"] = False
        for value in node.values():
            _close_objects(value)
    elif isinstance(node, list):
        for item in node:
            _close_objects(item)


def _from_type(schema: Any) -> ObjectSchema:
    from pydantic import TypeAdapter, ValidationError
    from pydantic.errors import PydanticSchemaGenerationError, PydanticUserError

    try:
        adapter: TypeAdapter[Any] = TypeAdapter(schema)
        json_schema = adapter.json_schema()
    except (PydanticSchemaGenerationError, PydanticUserError, TypeError) as error:
        raise InvalidArgumentError(
            f"{schema!r} is not a usable schema ({error}); pass a pydantic model, a TypedDict, a dataclass "
            "or a JSON Schema dict",
            argument="schema",
            value=schema,
        ) from error

    _close_objects(json_schema)

    def validate(value: Any) -> Any:
        try:
            return adapter.validate_python(value)
        except ValidationError as error:
            raise TypeValidationError(str(error), value=value, cause=error) from error

    return ObjectSchema(json_schema=json_schema, validate=validate)


def make_schema(schema: Any) -> ObjectSchema:
    """An :class:`ObjectSchema` from a pydantic model, a type pydantic can adapt, or a JSON Schema dict.

    Raises :class:`~ai_sdk_core.spec.errors.InvalidArgumentError` naming the cause for anything else.
    """
    if isinstance(schema, ObjectSchema):
        return schema
    if isinstance(schema, dict):
        return _from_json_schema(schema)
    if schema is None or isinstance(schema, str | int | float | bool | list | tuple):
        raise InvalidArgumentError(
            f"expected a pydantic model, a TypedDict, a dataclass or a JSON Schema dict, not {schema!r:.80}",
            argument="schema",
            value=schema,
        )
    return _from_type(schema)


def _wrap(property_name: str, inner: dict[str, Any]) -> dict[str, Any]:
    """``{"type": "object", "properties": {property_name: inner}}``, with ``inner``'s ``$defs`` moved to the
    root: pydantic's ``$ref`` values point at ``#/$defs/...``, which must stay resolvable once nested."""
    inner = dict(inner)
    definitions = inner.pop("$defs", None)
    wrapped: dict[str, Any] = {
        "type": "object",
        "properties": {property_name: inner},
        "required": [property_name],
        "additionalProperties": False,
    }
    if definitions:
        wrapped["$defs"] = definitions
    return wrapped


class OutputStrategy:
    """What one kind of output asks the model for and how it reads the answer (see :class:`Output`)."""

    __slots__ = ("description", "name")

    #: ``True`` for outputs streamed as elements (``element_stream``).
    has_elements: bool = False

    def __init__(self, *, name: str | None = None, description: str | None = None) -> None:
        self.name = name
        self.description = description

    @property
    def json_schema(self) -> dict[str, Any] | None:
        """The JSON Schema the model must answer with (``None``: any JSON, or plain text)."""
        return None

    def response_format(self) -> ResponseFormat:
        """The ``response_format`` sent with each call."""
        return ResponseFormat(type="json", schema=self.json_schema, name=self.name, description=self.description)

    def parse_text(self, text: str) -> Any:
        """The validated output of a complete answer. Raises ``JSONParseError`` or ``TypeValidationError``."""
        return self.validate(parse_json(text))

    def validate(self, value: Any) -> Any:
        """Validate a parsed JSON answer (unwrapping arrays and choices)."""
        return value

    def partial(self, value: Any, complete: bool) -> Any:
        """The partial output for a partially parsed answer (``complete`` once the JSON parsed whole), or
        :data:`UNCHANGED` when there is nothing to show."""
        return value

    def elements(self, value: Any, complete: bool) -> list[Any]:
        """The raw elements known to be complete in a partial answer (arrays only)."""
        return []

    def validate_element(self, value: Any) -> Any:
        """Validate one streamed element (arrays only)."""
        return value


class TextOutput(OutputStrategy):
    """Plain text: the output is the final step's text (the default)."""

    __slots__ = ()

    def response_format(self) -> ResponseFormat:
        return ResponseFormat(type="text")

    def parse_text(self, text: str) -> Any:
        return text


class JsonOutput(OutputStrategy):
    """Any JSON value, unvalidated (the AI SDK's ``no-schema``)."""

    __slots__ = ()


class ObjectOutput(OutputStrategy):
    """One object matching ``schema``."""

    __slots__ = ("schema",)

    def __init__(self, schema: Any, *, name: str | None = None, description: str | None = None) -> None:
        super().__init__(name=name, description=description)
        self.schema = make_schema(schema)

    @property
    def json_schema(self) -> dict[str, Any] | None:
        return self.schema.json_schema

    def validate(self, value: Any) -> Any:
        return self.schema.validate(value)

    def partial(self, value: Any, complete: bool) -> Any:
        # A partial object is shown as parsed (a dict): validating it would fail on every missing field.
        return value if isinstance(value, dict) else UNCHANGED


class ArrayOutput(OutputStrategy):
    """A list of elements matching ``element``, sent as ``{"elements": [...]}``."""

    __slots__ = ("element",)
    has_elements = True

    def __init__(self, element: Any, *, name: str | None = None, description: str | None = None) -> None:
        super().__init__(name=name, description=description)
        self.element = make_schema(element)

    @property
    def json_schema(self) -> dict[str, Any] | None:
        items = dict(self.element.json_schema)
        inner: dict[str, Any] = {"type": "array", "items": items}
        definitions = items.pop("$defs", None)
        if definitions:
            inner["$defs"] = definitions  # hoisted to the root by _wrap
        return _wrap("elements", inner)

    def _raw_elements(self, value: Any) -> list[Any]:
        if not isinstance(value, dict) or not isinstance(value.get("elements"), list):
            raise TypeValidationError('expected an object {"elements": [...]}', value=value)
        elements: list[Any] = value["elements"]
        return elements

    def validate(self, value: Any) -> Any:
        return [self.element.validate(element) for element in self._raw_elements(value)]

    def elements(self, value: Any, complete: bool) -> list[Any]:
        if not isinstance(value, dict) or not isinstance(value.get("elements"), list):
            return []
        elements: list[Any] = value["elements"]
        # In a cut answer the last element may itself be cut: it counts once another one follows or the end.
        return list(elements) if complete else list(elements[:-1])

    def partial(self, value: Any, complete: bool) -> Any:
        if not isinstance(value, dict) or not isinstance(value.get("elements"), list):
            return UNCHANGED
        return self.elements(value, complete)

    def validate_element(self, value: Any) -> Any:
        return self.element.validate(value)


class ChoiceOutput(OutputStrategy):
    """One of ``choices`` (strings), sent as ``{"result": "..."}``."""

    __slots__ = ("choices",)

    def __init__(self, choices: Sequence[str], *, name: str | None = None, description: str | None = None) -> None:
        super().__init__(name=name, description=description)
        if isinstance(choices, str) or not choices or not all(isinstance(choice, str) for choice in choices):
            raise InvalidArgumentError("expected a non-empty list of strings", argument="choices", value=choices)
        self.choices = list(choices)

    @property
    def json_schema(self) -> dict[str, Any] | None:
        return _wrap("result", {"type": "string", "enum": list(self.choices)})

    def validate(self, value: Any) -> Any:
        result = value.get("result") if isinstance(value, dict) else None
        if not isinstance(result, str) or result not in self.choices:
            allowed = ", ".join(repr(choice) for choice in self.choices)
            raise TypeValidationError(f"the answer {result!r} is not one of the choices: {allowed}", value=value)
        return result

    def partial(self, value: Any, complete: bool) -> Any:
        result = value.get("result") if isinstance(value, dict) else None
        if not isinstance(result, str):
            return UNCHANGED
        if complete and result in self.choices:
            return result
        # Shown once the prefix the model wrote so far fits one choice only.
        candidates = [choice for choice in self.choices if choice.startswith(result)]
        return candidates[0] if len(candidates) == 1 else UNCHANGED


class Output:
    """Factories of the ``output=`` argument (the AI SDK's ``Output`` namespace)."""

    __slots__ = ()

    @staticmethod
    def text() -> TextOutput:
        """Plain text (the default): ``result.output`` is the final text."""
        return TextOutput()

    @staticmethod
    def json(*, name: str | None = None, description: str | None = None) -> JsonOutput:
        """Any JSON value, parsed but not validated."""
        return JsonOutput(name=name, description=description)

    @staticmethod
    def object(schema: Any, *, name: str | None = None, description: str | None = None) -> ObjectOutput:
        """An object matching ``schema`` (pydantic model, TypedDict, dataclass or JSON Schema dict)."""
        return ObjectOutput(schema, name=name, description=description)

    @staticmethod
    def array(element: Any, *, name: str | None = None, description: str | None = None) -> ArrayOutput:
        """A list whose elements match ``element``; streamed element by element with ``element_stream``."""
        return ArrayOutput(element, name=name, description=description)

    @staticmethod
    def choice(choices: Sequence[str], *, name: str | None = None, description: str | None = None) -> ChoiceOutput:
        """One of ``choices``; any other answer is a :class:`~ai_sdk_core.spec.errors.NoObjectGeneratedError`."""
        return ChoiceOutput(choices, name=name, description=description)


def no_object_generated(
    error: AISDKError,
    *,
    text: str | None,
    response: Any = None,
    usage: Any = None,
    finish_reason: str | None = None,
    hint: str | None = None,
) -> NoObjectGeneratedError:
    """The :class:`~ai_sdk_core.spec.errors.NoObjectGeneratedError` for a parse or validation ``error``
    (``hint`` says how to fix it when the cause is known)."""
    if isinstance(error, NoObjectGeneratedError):
        return error
    reason = "the model returned no text" if not text else str(error)
    if hint:
        reason = f"{reason}; {hint}"
    return NoObjectGeneratedError(
        f"No object generated: {reason}",
        text=text,
        response=response,
        usage=usage,
        finish_reason=finish_reason,
        cause=error,
    )


@dataclass(slots=True)
class PartialOutputTracker:
    """Turns streamed JSON text into partial outputs and complete elements (pure; one per stream view).

    ``feed(delta)`` returns the new partial value (or :data:`UNCHANGED` when it did not change) and the elements
    that became complete (a whole answer completes every element).
    """

    strategy: OutputStrategy
    text: str = ""
    last: Any = UNCHANGED
    emitted_elements: int = 0

    def reset(self) -> None:
        """Start over (a new step begins)."""
        self.text = ""
        self.last = UNCHANGED
        self.emitted_elements = 0

    def _update(self, complete: bool) -> tuple[Any, list[Any]]:
        if isinstance(self.strategy, TextOutput):
            value: Any = self.text
            finished = complete
        else:
            parsed, state = parse_partial_json(self.text)
            if state in ("undefined-input", "failed-parse"):
                return UNCHANGED, []
            finished = complete or state == "successful-parse"
            value = self.strategy.partial(parsed, finished)
        new_elements: list[Any] = []
        if self.strategy.has_elements:
            elements = self.strategy.elements(parsed, finished)
            new_elements = elements[self.emitted_elements :]
            self.emitted_elements = max(self.emitted_elements, len(elements))
        if value is UNCHANGED or value == self.last:
            return UNCHANGED, new_elements
        self.last = value
        return value, new_elements

    def feed(self, delta: str) -> tuple[Any, list[Any]]:
        """Add a text delta; returns ``(partial or UNCHANGED, newly complete raw elements)``."""
        if not delta:
            return UNCHANGED, []
        self.text += delta
        return self._update(complete=False)
