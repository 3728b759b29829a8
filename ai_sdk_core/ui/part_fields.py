"""Field helpers for building UI message parts the way the JS client builds its objects: a field the JS sets to
``undefined`` is absent here too (unset on the pydantic model), so an assembled message serialises to the same
JSON as the client's. Shared by :mod:`ai_sdk_core.ui.assemble` and :mod:`ai_sdk_core.ui.tool_parts`.
"""

from __future__ import annotations

from typing import Any, Final, TypeGuard

from ai_sdk_core.ui.messages import DynamicToolUIPart, ToolUIPart

__all__ = ["MISSING", "NULLABLE_FIELDS", "assign_field", "defined_fields", "is_tool_part", "read_field"]


class _Missing:
    """JS ``undefined``: a key that is absent (``None`` stands for JSON ``null``)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Final = _Missing()

# A chunk's None values are left out on the wire (the encoder drops them), except for these JSON values, where
# null is a value: treating None as absent here keeps the server's message equal to the client's.
NULLABLE_FIELDS: Final = frozenset({"input", "output", "data"})


def assign_field(model: Any, name: str, value: Any) -> None:
    """Set a field, or unset it (absent on the wire) when ``value`` is MISSING."""
    if value is MISSING:
        if name in model.__pydantic_fields_set__:
            setattr(model, name, None)
            model.__pydantic_fields_set__.discard(name)
    else:
        setattr(model, name, value)


def read_field(model: Any, name: str) -> Any:
    """A field's value, or MISSING when it is absent."""
    return getattr(model, name) if name in model.__pydantic_fields_set__ else MISSING


def defined_fields(**values: Any) -> dict[str, Any]:
    """The values that are set: not MISSING, and not None unless None is a JSON value there."""
    return {
        key: value
        for key, value in values.items()
        if value is not MISSING and (value is not None or key in NULLABLE_FIELDS)
    }


def is_tool_part(part: Any) -> TypeGuard[ToolUIPart | DynamicToolUIPart]:
    """Whether ``part`` is a static or a dynamic tool part."""
    return isinstance(part, ToolUIPart | DynamicToolUIPart)
